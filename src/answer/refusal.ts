/**
 * When the assistant says it does not know: requests that are not questions about the documents, documents the
 * corpus does not hold, passages that only share words with the question, years the passages do not speak of
 * (places: see `namedPlaces` and answerExtractive). Each reason is a stable code the trace carries (the widget's trainer view tells it in Vietnamese).
 */
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { StoredDocument } from '../index/store.js';
import { headingInChunk } from './constraints.js';
import { PLACE_NAME as PLACE } from '../retrieve/frames.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { GATES, QUERY } from '../weights.js';
import { fold } from '../text/normalize.js';
import { wordsOf } from '../text/places.js';
import { findDocRefs } from '../text/docrefs.js';

/** Requests that are not questions about the documents. */
const OUT_OF_SCOPE = /\b(lam (giup (toi )?)?(mot )?(bai )?tho|bai tho|viet (cho toi )?(mot )?(doan )?ma|doan ma|gia vang|ty gia|gia xang|sang tac (giup |cho )?(toi |minh )?(mot|bai|cau|doan)|ke (mot )?chuyen|thoi tiet|du bao thoi tiet|bo qua (moi |cac )?(huong dan|chi dan)|system prompt|cau hinh he thong|api key|mat khau|ignore (all |previous )?instructions|viet (mot )?bai hat|doan van|dich sang)\b/;

/** True for a request that is not a question about the documents (a poem, the weather, a password). */
export function isOutOfScope(analysis: QueryAnalysis): boolean {
  return OUT_OF_SCOPE.test(fold(analysis.text).toLowerCase());
}


/** What a passage stands under: its section headings, table header and document title. */
function framingOf(p: Passage): string[] {
  return [p.chunk.section.join(' '), p.chunk.heading ?? '', p.chunk.header?.join(' ') ?? '', p.document.meta.title ?? ''];
}

/** A passage with what it stands under: what a question's constraints are checked against. */
function contextOf(p: Passage): string {
  return [...framingOf(p), p.chunk.text].join('\n');
}

const YEAR = /\b(?:19|20)\d{2}\b/g;

/** Characters before a sentence read for the period it speaks of ("Nhiệm kỳ 2025-2030, …" then the targets). */
const YEAR_LOOKBACK = 400;

/**
 * A unit with what says which years it is about: what it stands under, the item heading above it in its chunk ("1.
 * Đến năm 2030", however far above) and the text just before it.
 */
function unitContext(p: Passage, unit: { start: number; end: number }): string {
  return [...framingOf(p), headingInChunk(p, unit), p.document.text.slice(Math.max(0, unit.start - YEAR_LOOKBACK), unit.end)].join('\n');
}

/** True when a text names a range of years ("2025-2030") holding one of the years. */
function inRange(years: readonly string[], text: string): boolean {
  for (const m of text.matchAll(/\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b/g)) {
    if (years.some((y) => y >= m[1]! && y <= m[2]!)) return true;
  }
  return false;
}

/** True when a document speaks of a year: its text or title names it, or it was issued in it. */
export function speaksOfYear(document: StoredDocument, year: string): boolean {
  return document.text.includes(year) || (document.meta.title ?? '').includes(year) || !!document.meta.issued?.startsWith(year);
}

/** A date that dates a document named just before it ("Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024"), folded. */
const DOCUMENT_DATE = /(?:ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+|ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*|nam\s+)((?:19|20)\d{2})\b/g;

/** The dates in a text that date a document it names (its number just before the date), as spans of the text. */
export function documentDates(text: string): { start: number; end: number }[] {
  const folded = fold(text).toLowerCase();
  const refs = findDocRefs(text);
  const out: { start: number; end: number }[] = [];
  for (const m of folded.matchAll(DOCUMENT_DATE)) {
    if (refs.some((r) => r.end <= m.index && m.index - r.end <= 24 && /^[\s,(]*$/.test(folded.slice(r.end, m.index)))) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A text with the dates dating a document it names blanked out: what is left tells the time of something else. */
export function withoutDocumentDates(text: string): string {
  let out = text;
  for (const d of documentDates(text)) out = out.slice(0, d.start) + ' '.repeat(d.end - d.start) + out.slice(d.end);
  return out;
}

/**
 * The question with the years that date a document it names taken out of its years ("nghị quyết 20 năm 2012": the
 * year it was issued, not a period asked about), where the corpus's document of that number was issued that year.
 */
export function withoutDocumentYears(analysis: QueryAnalysis, engine: SearchEngine): QueryAnalysis {
  if (!analysis.years.length || !analysis.docRefs.length) return analysis;
  const dating = new Set<string>();
  for (const d of documentDates(analysis.text)) {
    const year = analysis.text.slice(d.end - 4, d.end);
    const ref = analysis.docRefs.filter((r) => r.end <= d.start).at(-1);
    const issued = ref && engine.documentByKey(ref.key)?.meta.issued;
    if (issued?.startsWith(year)) dating.add(year);
  }
  if (!dating.size) return analysis;
  return { ...analysis, years: analysis.years.filter((y) => !dating.has(y)), documentYears: [...dating] };
}

/** The years a text names as a period, without those dating a document it names (its number just before the date). */
export function periodYearsIn(text: string): string[] {
  const folded = fold(text).toLowerCase();
  const dating = new Set(documentDates(text).map((d) => d.end - 4));
  const out: string[] = [];
  for (const m of folded.matchAll(YEAR)) if (!dating.has(m.index)) out.push(m[0]);
  return out;
}

/**
 * Whether a unit speaks of a year the question asks about: its sentence, the text just before it, its headings,
 * table header and title name that year or a range holding it, years dating a document left out. A unit naming no
 * year at all speaks of its document's own year.
 */
export function unitInYear(years: string[], p: Passage, unit: { start: number; end: number }): boolean {
  const context = unitContext(p, unit);
  if (inRange(years, context)) return true;
  const named = periodYearsIn(context);
  if (named.length) return years.some((y) => named.includes(y));
  const own = p.document.meta.issued?.slice(0, 4);
  return !!own && years.includes(own);
}

/**
 * True when a passage names years, none of them one the question asks about; with `unit` (a span of the passage's
 * document), the years of that sentence, of the text just before it and of the headings, table header and title it
 * stands under, not of the rest of the passage. A range ("2025-2030") names the years inside it.
 */
export function conflictsInYear(analysis: QueryAnalysis, p: Passage, unit?: { start: number; end: number }): boolean {
  const context = unit ? unitContext(p, unit) : contextOf(p);
  const years: string[] = context.match(YEAR) ?? [];
  if (unit && inRange(analysis.years, context)) return false;
  return years.length > 0 && !analysis.years.some((y) => years.includes(y));
}

/**
 * The places a question names (folded): known ones (the corpus's and the provinces) with or without "tỉnh"/"thành
 * phố" before them, and any other after such a word ("tỉnh Điện Biên") — "huyện Z" is a placeholder, not a place.
 */
export function namedPlaces(analysis: QueryAnalysis, engine: SearchEngine): string[] {
  const question = wordsOf(analysis.text);
  const named = [...engine.places].filter((place) => question.includes(` ${place} `));
  for (const m of analysis.text.matchAll(PLACE)) if (m[1]!.trim().length >= 2) named.push(wordsOf(m[1]!).trim());
  return [...new Set(named)];
}

/**
 * Question words, the particles of a yes/no question and the words for who asks and who is asked ("em", "mình"),
 * in each spelling (folded: only those no topic word shares).
 */
const ASKING = { accented: new Set('không nào gì sao đâu ai mấy thế nhỉ hả có thì chưa em mình tôi bạn ạ'.split(' ')), folded: new Set('khong nao gi sao ai nhi em'.split(' ')) };

/** The question with its pairs of a word and a question word weighed as function words (out of its topic). */
function withoutAskingPairs(analysis: QueryAnalysis): QueryAnalysis {
  const asking = ASKING[analysis.field];
  let changed = false;
  const terms = new Map(
    [...analysis.terms].map(([term, weight]): [string, number] => {
      if (!term.includes('_') || weight < 0.5 || !term.split('_').some((w) => asking.has(w))) return [term, weight];
      changed = true;
      return [term, 0.3];
    }),
  );
  return changed ? { ...analysis, terms } : analysis;
}

/** Why the question cannot be answered from these passages, or undefined when it can. */
export function refusalReason(analysis: QueryAnalysis, engine: SearchEngine, passages: Passage[]): string | undefined {
  if (OUT_OF_SCOPE.test(fold(analysis.text).toLowerCase())) return 'out-of-scope request';
  if (!passages.length) return 'no passage';
  const unknownRef = analysis.docRefs.find((r) => !engine.docKeys.has(r.key));
  if (unknownRef) return `document ${unknownRef.key} not in the corpus`;
  // The pairs a question word makes ("nhận_không", "viên_nào", "có_mất") say that something is asked, not what.
  const gate = withoutAskingPairs(analysis);
  const best = Math.max(...passages.slice(0, 3).map((p) => (gate === analysis ? p.scores.coverage : engine.passageCoverage(gate, p.position))));
  if (best < GATES.minCoverage) return `best coverage ${best.toFixed(2)} < ${GATES.minCoverage}`;
  // A follow-up is answered from its subject before, but must itself be about the passage ("Cơ quan nào phối hợp?"
  // is; "Thủ đô của Pháp là gì?" after a question on a law is not).
  const context = analysis.fromContext;
  if (context?.size) {
    // Its own words, and among them the pairs of topic syllables: "thủ_đô" is not found in "Thủ tướng … đô thị".
    const ownTerms = [...analysis.terms].filter(([term]) => !context.has(term));
    const pairs = ownTerms.filter(([term, weight]) => term.includes('_') && weight >= QUERY.topicPair);
    const own = { ...analysis, terms: new Map(pairs.length ? pairs : ownTerms) };
    const ownBest = Math.max(...passages.slice(0, 3).map((p) => engine.coverage(own, p.position)));
    if (ownBest < GATES.minOwnCoverage) return `own coverage ${ownBest.toFixed(2)} < ${GATES.minOwnCoverage}`;
  }
  if (analysis.years.length) {
    // The year must be one the documents speak of: in a passage, or at least in a retrieved passage's document.
    const holds = passages.slice(0, 5).some((p) => analysis.years.some((y) => speaksOfYear(p.document, y)));
    if (!holds) return `year ${analysis.years.join(', ')} in no passage`;
  }
  return undefined;
}

/** True when a text names a particular place ("tỉnh Quảng Ninh"): a local document rather than national law. */
export function namesPlace(text: string): boolean {
  for (const m of text.matchAll(PLACE)) if (m[1]!.trim().length >= 2) return true;
  return false;
}
