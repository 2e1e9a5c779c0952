/**
 * Questions about a document itself, answered from its own text: when it was issued ("Nghị quyết 03/NQ-CP ban hành
 * ngày nào?") and who signed it ("Ai ký Kết luận 69-KL/TW?"), cited where the document states it.
 */
import type { StoredDocument } from '../index/store.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { findDates } from '../text/docrefs.js';
import { fold, phraseReader } from '../text/normalize.js';
import { ISSUE_WORDS } from './units.js';
import { foldSameLength } from '../facts/agencies.js';
import { isStopword } from '../text/tokenize.js';
import { DOC_TYPE_WORDS } from '../retrieve/frames.js';
import { citationOf } from './extractive.js';
import { refuse } from './refusals.js';
import { headingOf } from '../ingest/chunk.js';
import { clip, documentLabel, namedAsWritten, titleWords, wordsBesideDocument } from './labels.js';
import type { Answer } from './types.js';
import { fieldsOf, type Field } from './fields.js';

/** Words that frame a question about a document itself rather than about its content. */
const FRAMING = new Set(
  ('ban hanh ngay nao khi bao gio duoc ky thong qua co hieu luc tu van ban so cua bo chinh tri phu tinh uy quoc hoi dang doan ubnd thoi diem ai nguoi thay mat nam thang ra doi chu ' +
    'noi dung chinh yeu de cap quy dinh muc dich gi ve hoi nghi ky hop phien khoa may lan thu vao luc').split(' '),
);

/** True when the question is about the named document itself: little is left once the reference and framing go. */
function aboutDocumentItself(analysis: QueryAnalysis, doc: StoredDocument): boolean {
  const ref = analysis.docRefs[0];
  if (!ref) return false;
  // Words of the document's own title identify it ("Nghị quyết 20-NQ/TW về phát triển khoa học và công nghệ").
  const title = titleWords(doc.meta);
  // Its date may be written beside its number ("Nghị quyết 20-NQ/TW ngày 01/11/2012"): that names it too.
  const inDate = (t: { start: number; end: number }) => analysis.dates.some((d) => d.start <= t.start && t.end <= d.end);
  return wordsBesideDocument(analysis.tokens, ref, FRAMING, (t) => isStopword(t.text) || title.has(t.folded) || inDate(t)).length <= 3;
}

/** True when the question names the document and frame words only ("Vào ngày nào? (Nghị quyết 20-NQ/TW)"). */
function asksOnlyDocument(analysis: QueryAnalysis, doc: StoredDocument): boolean {
  const ref = analysis.docRefs[0]!;
  const title = titleWords(doc.meta);
  return !wordsBesideDocument(analysis.tokens, ref, FRAMING, (t) => DOC_TYPE_WORDS.has(t.folded) || isStopword(t.text) || (title.has(t.folded) && t.start > ref.start)).length;
}

/** The corpus document a question names by number, if any. */
function namedDocument(analysis: QueryAnalysis, engine: SearchEngine): StoredDocument | undefined {
  const ref = analysis.docRefs[0];
  if (!ref) return undefined;
  const doc = engine.documentByKey(ref.key);
  return doc && aboutDocumentItself(analysis, doc) ? doc : undefined;
}

const capitalised = (label: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)}`;

/** A question when a document was issued, signed or adopted: "ký", not the "kỳ" of "kỳ họp" (held to accents where typed). */
const asksIssue = phraseReader(ISSUE_WORDS);

/**
 * "Nghị quyết 03/NQ-CP ban hành ngày nào?": when the question names a document of the corpus and asks its date,
 * the answer is the document's own issue date, cited where its header states it.
 */
export function answerIssueDate(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  if (analysis.intent !== 'deadline' || !analysis.docRefs.length) return undefined;
  if (EFFECTIVE_QUESTION.test(fold(analysis.text).toLowerCase())) return undefined;
  // "Nghị quyết 20 vào ngày nào?" (a follow-up with the document written in) asks nothing but the document's date.
  const doc = namedDocument(analysis, engine);
  if (!asksIssue(analysis.text) && !(doc && asksOnlyDocument(analysis, doc))) return undefined;
  const date = doc && issueDateOf(doc);
  const passage = date && engine.passageAt(doc.id, date.start);
  if (!doc || !date || !passage) return undefined;
  const label = documentLabel(doc.meta);
  return {
    answer: `${capitalised(label)}${doc.meta.issuer ? ` của ${doc.meta.issuer}` : ''} được ban hành ngày ${date.key} [1].`,
    notFound: false,
    mode: 'extractive',
    citations: [citationOf(1, passage, { start: date.start, end: date.end })],
    trace: { chosen: [{ n: 1, documentId: doc.id, start: date.start, end: date.end, score: 1, coverage: 1, kind: 'issue-date' }] },
  };
}


/** The issue date of `doc` as "d/m/yyyy" and where its header states it. */
function issueDateOf(doc: StoredDocument): { key: string; start: number; end: number } | undefined {
  if (!doc.meta.issued) return undefined;
  const [y, m, d] = doc.meta.issued.split('-').map(Number);
  const key = `${d}/${m}/${y}`;
  const date = findDates(doc.text.slice(0, 5000)).find((x) => x.kind === 'day' && x.key === key);
  return date && { key, start: date.start, end: date.end };
}

const EFFECTIVE_QUESTION = /\b(hieu luc|ap dung tu|thi hanh tu)\b/;
/** "Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành." — not "hiệu lực quản lý nhà nước". */
const EFFECTIVE_SENTENCE = /[^\n.;]*(?:có hiệu lực|hiệu lực thi hành)[^\n.;]*[.;]?/u;

/**
 * "Nghị quyết 03/NQ-CP có hiệu lực từ khi nào?": the document's own sentence on when it takes effect, with the date
 * it was signed when the sentence counts from the signing.
 */
export function answerEffective(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  if (!EFFECTIVE_QUESTION.test(fold(analysis.text).toLowerCase())) return undefined;
  const doc = namedDocument(analysis, engine);
  if (!doc) return undefined;
  // A labelled field ("Hiệu lực: từ ngày ký") says it first; else the document's own sentence.
  const field = fieldsOf(doc, 'effective')[0];
  const m = field ? undefined : EFFECTIVE_SENTENCE.exec(doc.text);
  // A document that states no date of effect is not answered with a sentence on something else.
  if (!field && !m) return refuse('NOT_STATED', `no effect date in ${doc.meta.number ?? doc.id}`, { subject: documentLabel(doc.meta), missing: ['ngày có hiệu lực'] });
  const start = field ? field.start : m!.index + (m![0].length - m![0].trimStart().length);
  const end = field ? field.end : m!.index + m![0].trimEnd().length;
  const passage = engine.passageAt(doc.id, start);
  if (!passage) return undefined;
  const sentence = doc.text.slice(start, end).replace(/[.;]$/, '');
  const citations = [citationOf(1, passage, { start, end })];
  let signed = '';
  const date = /ngày ký/iu.test(sentence) ? issueDateOf(doc) : undefined;
  const datePassage = date && engine.passageAt(doc.id, date.start);
  if (date && datePassage) {
    citations.push(citationOf(2, datePassage, { start: date.start, end: date.end }));
    signed = `; văn bản được ký ngày ${date.key} [2]`;
  }
  return {
    answer: field
      ? `${capitalised(documentLabel(doc.meta))} có hiệu lực ${sentence.replace(/^có hiệu lực\s*/iu, '')} [1]${signed}.`
      : `Theo ${documentLabel(doc.meta)}: ${sentence} [1]${signed}.`,
    notFound: false,
    mode: 'extractive',
    citations,
    trace: { chosen: [{ n: 1, documentId: doc.id, start, end, score: 1, coverage: 1, kind: 'effective-date' }] },
  };
}

/** "do cơ quan nào ban hành", "của cơ quan nào": the issuer; not "do cơ quan nào chủ trì" (a task's lead). */
const ISSUER_QUESTION = /\b((co quan|don vi|ai|noi) (nao )?ban hanh|do (co quan|don vi|ai) nao(?! (chu tri|theo doi|phoi hop|thuc hien|dam nhiem|phu trach|giam sat|danh gia))|cua co quan nao|ban hanh boi|co quan ban hanh)\b/;

/** "Kế hoạch 3260-KH/ĐĐQH15 do cơ quan nào ban hành?": the issuer, cited where the document's header names it. */
export function answerIssuer(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  if (!ISSUER_QUESTION.test(fold(analysis.text).toLowerCase())) return undefined;
  const doc = namedDocument(analysis, engine);
  const issuer = doc?.meta.issuer?.replace(/\s*\(.*\)\s*$/, '').trim();
  if (!doc || !issuer) return undefined;
  const at = foldSameLength(doc.text.slice(0, 5000)).indexOf(foldSameLength(issuer));
  if (at < 0) return undefined;
  const passage = engine.passageAt(doc.id, at);
  if (!passage) return undefined;
  const date = issueDateOf(doc);
  return {
    answer: `${capitalised(documentLabel(doc.meta))} do ${issuer} ban hành${date ? ` ngày ${date.key}` : ''} [1].`,
    notFound: false,
    mode: 'extractive',
    citations: [citationOf(1, passage, { start: at, end: at + issuer.length })],
    trace: { chosen: [{ n: 1, documentId: doc.id, start: at, end: at + issuer.length, score: 1, coverage: 1, kind: 'issuer' }] },
  };
}

const SUBJECT_QUESTION =
  /\b(ve (van de |noi dung |viec )?gi|noi dung (chinh |chu yeu )?(la |cua no la )?gi|noi (ve )?(dieu |van de )?gi|de cap (den )?(nhung )?(gi|van de gi|noi dung gi)|quy dinh (nhung )?(gi|noi dung gi|ve gi)|co noi dung gi|nham muc dich gi|ban ve gi)\b/;
/** The line naming a document's kind in its header ("NGHỊ QUYẾT", "KẾ HOẠCH"); its subject follows. */
const KIND_LINE = /^(?:NGHỊ QUYẾT|KẾ HOẠCH|KẾT LUẬN|QUYẾT ĐỊNH|CHỈ THỊ|THÔNG TƯ|NGHỊ ĐỊNH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|ĐỀ ÁN|BÁO CÁO|THÔNG BÁO|LUẬT|HƯỚNG DẪN|CÔNG VĂN)$/u;

/** Where a document states its subject: the lines under its kind line, or "… về …" in its opening line. */
function subjectSpan(doc: StoredDocument): { start: number; end: number } | undefined {
  const head = doc.text.slice(0, 4000);
  const lines = [...head.matchAll(/[^\n]+/g)];
  const kind = lines.findIndex((m) => KIND_LINE.test(m[0].trim()));
  if (kind >= 0 && kind + 1 < lines.length) {
    // "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về …", "NGHỊ QUYẾT / HỘI NGHỊ LẦN THỨ SÁU … / VỀ …": the "về" line when there is one.
    const about = lines.slice(kind + 1, kind + 4).findIndex((m) => /^\s*(?:về|VỀ|Về)\s/u.test(m[0]));
    const first = lines[kind + 1 + Math.max(0, about)]!;
    let last = first;
    // The subject runs on over wrapped lines, up to a blank line.
    const from = lines.indexOf(first);
    for (let i = from + 1; i <= from + 3 && i < lines.length; i++) {
      const next = lines[i]!;
      // Up to a blank line, a heading ("Điều 1.", "CHÍNH PHỦ") or the end of a sentence.
      if (next.index !== last.index! + last[0].length + 1 || headingOf(next[0].trim()) || /[.;:]\s*$/.test(last[0])) break;
      last = next;
    }
    const start = first.index! + first[0].length - first[0].trimStart().length;
    return { start, end: last.index! + last[0].trimEnd().length };
  }
  const opening = lines.find((m) => m[0].trim().length > 20);
  const about = opening && / về /u.exec(opening[0]);
  return opening && about ? { start: opening.index! + about.index + 1, end: opening.index! + opening[0].trimEnd().length } : undefined;
}

/** "Nghị quyết 57 có nội dung chính là gì?", "Kế hoạch 3260 về vấn đề gì?": the subject the document states. */
export function answerSubject(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  if (!SUBJECT_QUESTION.test(fold(analysis.text).toLowerCase())) return undefined;
  const doc = namedDocument(analysis, engine);
  const span = doc && subjectSpan(doc);
  if (!doc || !span) return undefined;
  const passage = engine.passageAt(doc.id, span.start);
  if (!passage) return undefined;
  const subject = doc.text.slice(span.start, span.end).replace(/\s+/g, ' ').replace(/[.;:]$/, '');
  const cased = subject === subject.toUpperCase() ? subject.toLowerCase() : subject;
  const told = clip(cased, 240);
  const date = issueDateOf(doc);
  const about = [doc.meta.issuer?.replace(/\s*\(.*\)\s*$/, ''), date && `ngày ${date.key}`].filter(Boolean).join(', ');
  return {
    answer: `${capitalised(documentLabel(doc.meta))}${about ? ` (${about})` : ''}: ${told} [1].`,
    notFound: false,
    mode: 'extractive',
    citations: [citationOf(1, passage, span)],
    trace: { chosen: [{ n: 1, documentId: doc.id, start: span.start, end: span.end, score: 1, coverage: 1, kind: 'subject' }] },
  };
}

/** "… được thông qua tại hội nghị nào, khóa mấy?", "… ban hành tại kỳ họp nào?" (folded). */
const MEETING_QUESTION = /\b(hoi nghi nao|tai hoi nghi|ky hop nao|ky hop thu may|tai ky hop|phien hop nao|khoa may|khoa nao|dai hoi nao)\b/;
/** A header line naming the meeting that adopted the document: "HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XI". */
const MEETING_LINE = /^(?:HỘI NGHỊ|Hội nghị)\s[^\n]*(?:LẦN THỨ|lần thứ|KHOÁ|KHÓA|[Kk]hoá|[Kk]hóa)[^\n]*$/mu;
/** A law's adoption sentence: "Luật này được Quốc hội … khóa XIV, kỳ họp thứ 8 thông qua ngày 19 tháng 11 năm 2019." */
const SESSION_SENTENCE = /[^\n.]*(?:khóa|khoá)\s+[IVXL\d]+,?\s+kỳ họp thứ\s+[^\n.]*(?:thông qua)[^\n.]*\.?/iu;
/** The meeting as the title writes it ("Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khoá XI"). */
const MEETING_IN_TITLE = /Hội nghị\s.*?(?:khoá|khóa)\s+[IVXL\d]+/u;

/**
 * "Nghị quyết 20-NQ/TW được thông qua tại hội nghị nào, khóa mấy?": the meeting the document's header names, or the
 * session of its adoption sentence, cited there.
 */
export function answerMeeting(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  if (!MEETING_QUESTION.test(fold(analysis.text).toLowerCase())) return undefined;
  const doc = namedDocument(analysis, engine);
  if (!doc) return undefined;
  const header = MEETING_LINE.exec(doc.text.slice(0, 5000));
  const session = header ? undefined : SESSION_SENTENCE.exec(doc.text);
  const found = header ?? session;
  if (!found) return refuse('NOT_STATED', `no meeting in ${doc.meta.number ?? doc.id}`, { subject: documentLabel(doc.meta), missing: ['hội nghị hoặc kỳ họp thông qua văn bản'] });
  const start = found.index + (found[0].length - found[0].trimStart().length);
  const end = found.index + found[0].trimEnd().length;
  const passage = engine.passageAt(doc.id, start);
  if (!passage) return undefined;
  const written = doc.text.slice(start, end).replace(/\s+/g, ' ').replace(/[.;]$/, '');
  // An upper-case header line is told as the title writes the same meeting, else in sentence case (Roman numerals kept).
  const told = session
    ? `Theo ${documentLabel(doc.meta)}: ${written} [1].`
    : `${capitalised(documentLabel(doc.meta))} được thông qua tại ${MEETING_IN_TITLE.exec(doc.meta.title ?? '')?.[0] ?? sentenceCase(written)} [1].`;
  return {
    answer: told,
    notFound: false,
    mode: 'extractive',
    citations: [citationOf(1, passage, { start, end })],
    trace: { chosen: [{ n: 1, documentId: doc.id, start, end, score: 1, coverage: 1, kind: 'meeting' }] },
  };
}

/** "HỘI NGHỊ LẦN THỨ SÁU … KHOÁ XI" → "Hội nghị lần thứ sáu … khoá XI". */
function sentenceCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase().replace(/\b([ivxl]+)\b/g, (r) => r.toUpperCase());
  return capitalised(lower);
}

/**
 * "Ai ký Kế hoạch 138/KH-UBND?" where the corpus holds no text of that plan, only documents that mention it: who
 * signed it, when it takes effect or the meeting that adopted it is stated in its own text, so it is refused, naming
 * the documents that mention it. (Its date and issuer are often given where it is mentioned: those are answered.)
 */
export function answerAboutMentioned(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const ref = analysis.docRefs[0];
  if (!ref || engine.documentByKey(ref.key) || !engine.docKeys.has(ref.key)) return undefined;
  const q = fold(analysis.text).toLowerCase();
  const asked = SIGNER_QUESTION.test(q) ? 'người ký' : EFFECTIVE_QUESTION.test(q) ? 'ngày có hiệu lực' : MEETING_QUESTION.test(q) ? 'hội nghị hoặc kỳ họp thông qua' : undefined;
  if (!asked) return undefined;
  const mentioning = engine.documentsNaming(ref.key).map((d) => documentLabel(d.meta));
  return refuse('DOCUMENT_MISSING', `only mentioned: ${ref.key}`, { missing: [namedAsWritten(analysis.text, ref)], mentionedIn: [...new Set(mentioning)], subject: asked });
}

const SIGNER_QUESTION = /\b(ai ky|nguoi ky|do ai ky|ky ban hanh|ky thay mat|ky ten|chu ky)\b/;
/** "TM. CHÍNH PHỦ", "T/M BỘ CHÍNH TRỊ", "KT. THỦ TƯỚNG": the opening of a signature block. */
const SIGNATURE_MARK = /^(?:TM|T\/M|KT|TUQ|TL|Q)\.?\s+\p{Lu}/u;
/** A person's name: two to five capitalised words. */
const NAME = /^(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,4})$/u;
const SIGNED_INLINE = /(?:\(đã ký\)|\[đã ký\])\s*(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,4})/iu;

/** "Ai ký Nghị quyết 03/NQ-CP?": the name under the document's signature block, with the capacity it signed in. */
export function answerSigner(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  if (!SIGNER_QUESTION.test(fold(analysis.text).toLowerCase())) return undefined;
  const doc = namedDocument(analysis, engine);
  if (!doc) return undefined;
  const lines = doc.text.split('\n');
  let offset = 0;
  const starts = lines.map((l) => {
    const at = offset;
    offset += l.length + 1;
    return at;
  });
  for (let i = 0; i < lines.length; i++) {
    if (!SIGNATURE_MARK.test(lines[i]!.trim())) continue;
    const roles: string[] = [];
    for (let j = i; j < Math.min(lines.length, i + 8); j++) {
      const line = lines[j]!.trim();
      if (!line || /^\[?\(?đã ký\)?\]?$/iu.test(line)) continue;
      const inline = SIGNED_INLINE.exec(line);
      const name = inline?.[1] ?? NAME.exec(line)?.[1];
      if (name) {
        if (inline) roles.push(line.slice(0, inline.index).trim());
        const start = starts[j]! + lines[j]!.indexOf(name);
        const passage = engine.passageAt(doc.id, start);
        if (!passage) return undefined;
        const capacity = roles.filter(Boolean).join(', ');
        return {
          answer: `${capitalised(documentLabel(doc.meta))} do ${name} ký${capacity ? ` (${capacity})` : ''} [1].`,
          notFound: false,
          mode: 'extractive',
          citations: [citationOf(1, passage, { start, end: start + name.length })],
          trace: { chosen: [{ n: 1, documentId: doc.id, start, end: start + name.length, score: 1, coverage: 1, kind: 'signature' }] },
        };
      }
      roles.push(line);
    }
  }
  // A labelled field ("Người ký: Phó Thủ tướng Nguyễn Hòa Bình (ký thay Thủ tướng)").
  const field = fieldsOf(doc, 'signer')[0];
  if (field) return fieldAnswer(engine, doc, field, 'signature', `${capitalised(documentLabel(doc.meta))} do ${field.value} ký [1].`);
  // The document names no signer (a copy without its signature block): say so rather than quote something else.
  return refuse('NOT_STATED', `no signature in ${doc.meta.number ?? doc.id}`, { subject: documentLabel(doc.meta), missing: ['người ký'] });
}

/** An answer quoting a labelled field, cited where the document writes it. */
function fieldAnswer(engine: SearchEngine, doc: StoredDocument, field: Field, kind: string, answer: string): Answer | undefined {
  const passage = engine.passageAt(doc.id, field.start);
  if (!passage) return undefined;
  return {
    answer,
    notFound: false,
    mode: 'extractive',
    citations: [citationOf(1, passage, { start: field.start, end: field.end })],
    trace: { chosen: [{ n: 1, documentId: doc.id, start: field.start, end: field.end, score: 1, coverage: 1, kind }] },
  };
}
