/**
 * Questions about a document the corpus only mentions ("Kế hoạch 538-KH/TU ngày 19/5/2025 thực hiện Nghị quyết …"):
 * its date and its subject are read from the clause that mentions it, and only from there. A date written beside
 * another document of the same sentence ("Chương trình 2163 ngày 09/8/2023 … thực hiện Nghị quyết 13") is not its
 * date: where no mention gives one, the question is refused, naming the documents that mention it.
 */
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { findDates, findDocRefs, TYPE_BEFORE, type DocRef } from '../text/docrefs.js';
import { fold, phraseReader } from '../text/normalize.js';
import { ISSUE_WORDS } from './units.js';
import { citationOf } from './extractive.js';
import { clip, documentLabel, namedAsWritten, wordsBesideDocument } from './labels.js';
import { refuse } from './refusals.js';
import type { Answer } from './types.js';

/** A mention's clause is told up to this many characters. */
const CLAUSE_MAX = 220;

/** One mention of a document: the clause from its number to the next coordinated document or the sentence's end. */
export interface Mention {
  passage: Passage;
  /** The clause, as offsets of the passage's document. */
  start: number;
  end: number;
  /** The date written beside the number ("538-KH/TU ngày 19/5/2025", "46-CTr/TU (ngày 15/1/2025)"). */
  date?: { key: string; start: number; end: number };
  /** True when the clause goes on past the number, date and issuer to say what the document is about. */
  hasSubject: boolean;
}

/** Where a clause ends: a sentence end, a semicolon, a table cell or a line break. */
const CLAUSE_END = /[;|\n]|\.(?=\s|$)(?<!\b(?:số|TP|Tp|St)\.)/u;
/** Before the next document's type words: it is a document of its own, listed beside this one ("X và Kế hoạch Y"). */
const COORDINATED = /(?:,|;|\bva\b|\bvoi\b|\bcung\b)\s*(?:cac\s+)?$/;
/** What may stand between a number and its date: "(", "ngày", "ban hành ngày", "của UBND tỉnh ngày". */
const BEFORE_DATE = /^\s*[(,]?\s*(?:(?:ban hanh|ky)\s+)?(?:cua\s+[^,;()]{1,60}?\s+)?(?:ngay|ngay\s+ban\s+hanh)?\s*$/;
/** Words that open what a document is about, right after its number, date and issuer ("… ngày 7/5/2025 về …"). */
const SUBJECT_OPENER = /\b(?:ve|thuc hien|quy dinh|nham|chong|huong dan|phe duyet|sua doi|bo sung|trien khai|tiep tuc|phat trien|dot pha|xay dung|day manh)\b/;

/** What may stand between a number (and date) and its subject: brackets and an issuer ("của UBND tỉnh"), no verb. */
const ISSUER_ONLY = /^[\s()\-–]*(?:(?:cua|do)\s+(?:(?!\b(?:da|duoc|va|la)\b)[a-z0-9 .&/-])*)?$/;

/** The end of the clause that mentions `ref` in `text`: the sentence's end or the next document listed beside it. */
function clauseEnd(text: string, ref: DocRef, refs: DocRef[]): number {
  const rest = text.slice(ref.end);
  const stop = CLAUSE_END.exec(rest);
  let end = ref.end + (stop ? stop.index : rest.length);
  for (const next of refs) {
    if (next.start < ref.end || next.start >= end) continue;
    // The next number's own type words ("Kế hoạch số") belong to it; what precedes them tells whether it is listed
    // beside this document or is what this one is about ("… về thực hiện Nghị quyết số 57-NQ/TW").
    const between = fold(text.slice(ref.end, next.start)).toLowerCase();
    const typeWords = TYPE_BEFORE.exec(between);
    const lead = typeWords ? between.slice(0, typeWords.index) : between;
    if (COORDINATED.test(lead)) {
      end = ref.end + lead.replace(/[\s,;]*(?:va|voi|cung)?\s*(?:cac\s+)?$/, '').length;
      break;
    }
  }
  return end;
}

/**
 * Every mention of the document with key `key` in the passages that name it, in ranking order of those passages.
 * @returns each mention's clause, its date when written beside the number, and whether it says what it is about
 */
export function mentionsOf(engine: SearchEngine, key: string, full?: string): Mention[] {
  const mentions: Mention[] = [];
  for (const passage of engine.passagesNaming(key)) {
    const text = passage.chunk.text;
    const refs = findDocRefs(text);
    for (const ref of refs) {
      // "02-KH/BCĐTW" and "02-KH/BCĐ" share a key but not their issuer code: two documents where both are written out.
      if (ref.key !== key || (full && ref.full && ref.full !== full)) continue;
      const end = clauseEnd(text, ref, refs);
      const clause = text.slice(ref.end, end);
      const date = findDates(clause).find((d) => d.kind === 'day' && BEFORE_DATE.test(fold(clause.slice(0, d.start)).toLowerCase()));
      // What it is about follows its number, date and issuer, before the first comma ("…, xác định rõ nhiệm vụ …"
      // goes on with the sentence, not with the document).
      const segment = fold(clause.slice(date ? date.end : 0)).toLowerCase().split(',')[0]!;
      const opener = SUBJECT_OPENER.exec(segment);
      const hasSubject = !!opener && ISSUER_ONLY.test(segment.slice(0, opener.index));
      const at = passage.chunk.start;
      mentions.push({
        passage,
        start: at + ref.start,
        end: at + end,
        date: date && { key: date.key, start: at + ref.end + date.start, end: at + ref.end + date.end },
        hasSubject,
      });
    }
  }
  return mentions;
}

const asksIssue = phraseReader([...ISSUE_WORDS, 'ngày nào', 'khi nào', 'bao giờ', 'thời điểm nào']);
const NOT_ISSUE = /\b(hieu luc|ap dung tu|thi hanh tu|hoan thanh|han|thoi han|den nam)\b/;
const SUBJECT_QUESTION =
  /\b(ve (van de |noi dung |viec )?gi|noi dung (chinh |chu yeu )?(la |cua no la )?gi|noi (ve )?(dieu |van de )?gi|de cap (den )?(nhung )?(gi|van de gi|noi dung gi)|co noi dung gi|nham muc dich gi|ban ve gi|la (van ban|ke hoach|nghi quyet|chuong trinh|de an|quyet dinh|chi thi) gi)\b/;
/** Words of a question about a document itself, besides its number; any other word asks about its content. */
const FRAMING = new Set(
  ('ban hanh ngay nao khi bao gio duoc ky thong qua ra doi thoi diem cua ve noi dung chinh chu yeu gi la de cap nhung ' +
    'van de viec co nham muc dich ban so tinh uy ubnd tu tw trung uong nay do dieu hanh dong').split(' '),
);

/**
 * True when nothing but the document and the frame of a date or subject question is asked; the place of its issuer
 * may be named ("Kế hoạch 538 của Tỉnh ủy Quảng Ninh").
 */
function asksOnlyOfDocument(analysis: QueryAnalysis, ref: DocRef, places: Set<string>): boolean {
  const folded = ` ${fold(analysis.text).toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const placeWords = new Set([...places].filter((p) => folded.includes(` ${p} `)).flatMap((p) => p.split(' ')));
  return !wordsBesideDocument(analysis.tokens, ref, FRAMING, (t) => TYPE_WORD.test(t.folded) || placeWords.has(t.folded)).length;
}
const TYPE_WORD = /^(?:nghi|quyet|ke|hoach|chuong|trinh|ket|luan|chi|thi|thong|tu|dinh|de|an|nq|kh|ctr|kl|qd|ct|tt|nd|da|so)$/;

/**
 * "Kế hoạch 538 ban hành ngày nào?", "KH 534 về nội dung gì?" where the corpus holds no text of that document, only
 * documents that mention it: the mention that gives the date (or the subject) answers, cited there. A date asked
 * that no mention gives is refused, naming the documents that mention it; a subject no mention gives is left to
 * the ranking (a passage about the document may still say it).
 */
export function answerFromMention(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const ref = analysis.docRefs[0];
  if (!ref || analysis.docRefs.length > 1 || engine.documentByKey(ref.key) || !engine.docKeys.has(ref.key)) return undefined;
  const q = fold(analysis.text).toLowerCase();
  const asksDate = analysis.intent === 'deadline' && asksIssue(analysis.text) && !NOT_ISSUE.test(q);
  const asksSubject = !asksDate && SUBJECT_QUESTION.test(q);
  if ((!asksDate && !asksSubject) || !asksOnlyOfDocument(analysis, ref, engine.places)) return undefined;
  const mentions = mentionsOf(engine, ref.key, ref.full);
  // A table row tells its date and subject in cells of their own: the ranking reads those (rows.ts).
  if (mentions.some((m) => m.passage.chunk.kind === 'row')) return undefined;
  const found = asksDate ? mentions.find((m) => m.date) : mentions.find((m) => m.hasSubject);
  if (!found) {
    if (!asksDate || !mentions.length) return undefined;
    const named = namedAsWritten(analysis.text, ref);
    const mentionedIn = [...new Set(mentions.map((m) => documentLabel(m.passage.document.meta)))];
    return refuse('DOCUMENT_MISSING', `only mentioned, no date: ${ref.key}`, { missing: [named], mentionedIn, subject: 'ngày ban hành' });
  }
  // Another document that writes the same date beside the number bears it out, cited beside the first.
  const same = asksDate ? mentions.find((m) => m.date?.key === found.date!.key && m.passage.document.id !== found.passage.document.id) : undefined;
  const told = [found, ...(same ? [same] : [])].map((m, i) => ({ ...tell(m, asksDate), n: i + 1 }));
  return {
    answer: `Theo ${documentLabel(found.passage.document.meta)}: ${told[0]!.text} ${told.map((t) => `[${t.n}]`).join('')}.`,
    notFound: false,
    mode: 'extractive',
    citations: told.map((t) => citationOf(t.n, t.mention.passage, t.span)),
    trace: {
      chosen: told.map((t) => ({ n: t.n, documentId: t.mention.passage.document.id, ...t.span, score: 1, coverage: 1, kind: asksDate ? 'mention-date' : 'mention-subject' })),
    },
  };
}

/** How a mention is quoted: a date with the number it is written beside, a subject with the clause, cut short. */
function tell(mention: Mention, asksDate: boolean): { mention: Mention; text: string; span: { start: number; end: number } } {
  const { text } = mention.passage.document;
  const end = asksDate && mention.date ? mention.date.end + (text[mention.date.end] === ')' ? 1 : 0) : mention.end;
  const clause = clip(text.slice(mention.start, end).replace(/\s+/g, ' ').trim().replace(/[,.;:]$/, ''), CLAUSE_MAX);
  const type = TYPE_BEFORE.exec(fold(text.slice(Math.max(0, mention.start - 40), mention.start)).toLowerCase());
  const typed = type ? text.slice(mention.start - type[0].length, mention.start) : '';
  return { mention, text: `${typed.charAt(0).toUpperCase()}${typed.slice(1)}${clause}`, span: { start: mention.start - typed.length, end } };
}
