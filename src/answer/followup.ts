/**
 * Follow-up questions without a model: "kế hoạch đó", "nhiệm vụ này", "còn … thì sao?" are resolved from the
 * conversation so retrieval gets a standalone question.
 */
import { findDocRefs } from '../text/docrefs.js';
import { fold } from '../text/normalize.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { locateAgencies } from '../facts/agencies.js';
import { PLACE_NAME } from '../retrieve/frames.js';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface Resolved {
  /** The standalone question retrieval should use. */
  question: string;
  /** True when the history changed the question. */
  rewritten: boolean;
  /** Terms of the earlier question that keep the topic, searched with a lower weight. */
  context?: string;
  /** True when the question's subject is only in the history ("nhiệm vụ đó do ai chủ trì?"): context weighs more. */
  strong?: boolean;
  /** The question as asked, when it leans on the history for its subject (`question` may add a document to it). */
  own?: string;
}

/** "kế hoạch đó", "nghị quyết này", "văn bản trên"… (folded): a reference back to a document. */
const DOC_ANAPHORA = /\b(ke hoach|nghi quyet|chuong trinh(?: hanh dong)?|ket luan|quyet dinh|van ban|de an|chi thi|thong bao)\s+(do|nay|tren|ay|vua neu|noi tren)\b/;
/** Other references back: "nhiệm vụ đó", "chỉ tiêu này", "nó", "cơ quan đó". */
const ANAPHORA = /\b(do|nay|tren|ay|vua roi|vua neu|noi tren)\b|\bno\b/;
/** A noun standing for the earlier subject: "nhiệm vụ đó", "ban đó", "chỉ tiêu này", "hội nghị ấy". */
const SUBJECT_ANAPHORA = /\b(nhiem vu|chi tieu|ban|to|hoi nghi|de an|du an|chuong trinh|co quan|don vi|muc tieu|phien hop|luat|nghi dinh)\s+(do|nay|tren|ay|noi tren|vua neu)\b/;
/** "Còn … là ai/bao nhiêu?" without "thì sao": the same subject, another attribute. */
const STILL = /^\s*con\s+/;
const WHAT_ABOUT = /^\s*(?:con|the con|vay con)\s+(.+?)\s+(?:thi sao|the nao|ra sao|thi the nao)\s*\??\s*$/;

/** Most earlier questions a follow-up's subject is looked for in. */
const MAX_CONTEXT_TURNS = 3;

/** The most recent document reference in the conversation, as written. */
function lastDocRef(history: Turn[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const text = history[i]!.content;
    const refs = findDocRefs(text);
    const ref = refs.find((r) => r.full) ?? refs[0];
    if (ref) return text.slice(ref.start, ref.end);
  }
  return undefined;
}

/** Where a text names a thing of the kind `subject` is: a document, an agency, a year or a place. */
function sameKind(text: string, subject: string): { start: number; end: number } | undefined {
  const kinds: Array<(t: string) => Array<{ start: number; end: number }>> = [
    (t) => findDocRefs(t),
    (t) => locateAgencies(t),
    (t) => [...t.matchAll(/(?:năm\s+)?(?<!\d)(?:19|20)\d{2}(?!\d)/giu)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
    (t) => [...t.matchAll(PLACE_NAME)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  ];
  for (const find of kinds) {
    const there = find(text);
    const here = find(subject);
    if (there.length && here.length && here[0]!.end - here[0]!.start >= subject.trim().length * 0.6) return there[0];
  }
  return undefined;
}

/**
 * "Bộ Nội vụ chủ trì những nhiệm vụ nào?" then "Còn Bộ Y tế thì sao?": the earlier question with the new subject in
 * place of the one of the same kind (document, agency, year, place), or undefined when it names none such.
 */
function swapLike(earlier: string, subject: string): string | undefined {
  const at = sameKind(earlier, subject);
  return at ? `${earlier.slice(0, at.start)}${subject}${earlier.slice(at.end)}` : undefined;
}

/**
 * Resolves a follow-up question against the conversation history.
 * @param question the new question
 * @param history earlier turns, oldest first
 */
export function resolveFollowUp(question: string, history: Turn[] = []): Resolved {
  const asked = history.filter((t) => t.role === 'user').map((t) => t.content);
  const lastUser = asked[asked.length - 1];
  if (!lastUser) return { question, rewritten: false };
  const folded = fold(question).toLowerCase();
  // The subject may be further back: "Ai chủ trì xây dựng Luật Dữ liệu?", "Thời hạn của nhiệm vụ đó?", then "Cơ quan
  // nào phối hợp?". The earlier questions back to one that stands alone carry it.
  let from = asked.length - 1;
  while (from > 0 && asked.length - from < MAX_CONTEXT_TURNS && isFollowUp(asked[from]!)) from--;
  const context = asked.slice(from).join(' ');

  const whatAbout = WHAT_ABOUT.exec(folded);
  if (whatAbout) {
    // "Còn kế hoạch 534 thì sao?": the earlier question about the new subject.
    const start = folded.indexOf(whatAbout[1]!);
    const subject = question.slice(start, start + whatAbout[1]!.length);
    const swapped = swapLike(lastUser, subject);
    if (swapped) return { question: swapped, rewritten: true };
    return { question: `${subject} ${lastUser}`, rewritten: true, context };
  }

  const docAnaphora = DOC_ANAPHORA.exec(folded);
  if (docAnaphora) {
    const ref = lastDocRef(history);
    if (ref) {
      const start = docAnaphora.index;
      const end = start + docAnaphora[0].length;
      return { question: `${question.slice(0, start)}${ref}${question.slice(end)}`, rewritten: true, context };
    }
  }
  const strong = SUBJECT_ANAPHORA.test(folded) || (STILL.test(folded) && !findDocRefs(question).length) || namesLittle(question);
  if (strong || isFollowUp(question)) {
    const ref = findDocRefs(question).length ? '' : lastDocRef(history);
    return { question: ref ? `${question} (${ref})` : question, rewritten: !!ref, context, strong, own: question };
  }
  return { question, rewritten: false };
}

/**
 * A question that leans on the one before: it refers back ("nhiệm vụ đó", "nó"), or names too little of its own to
 * stand alone ("Có bao nhiêu người tham gia?", "Cơ quan nào phối hợp?").
 */
function isFollowUp(question: string): boolean {
  const folded = fold(question).toLowerCase();
  if (ANAPHORA.test(folded) || WHAT_ABOUT.test(folded) || STILL.test(folded)) return true;
  return tokens(question).length <= 5 || namesLittle(question);
}

/** Four topic syllables (two words) or fewer and no document: "Có bao nhiêu người tham gia?" has its subject in the history. */
function namesLittle(question: string): boolean {
  return tokens(question).filter((t) => !isStopword(t.text)).length <= 4 && !findDocRefs(question).length;
}
