/**
 * What a question pins down, and whether a piece of evidence holds it. A question names documents (by number),
 * places, years, ordinals ("phiên họp thứ năm", "lần thứ sáu", "khóa XI") and names written with capitals (people,
 * bodies, programmes): an answer is given only from evidence that holds each of them, and a question naming one the
 * corpus holds nowhere is refused by saying which.
 *
 * Evidence is a unit (sentence or table row) with what it stands under: its chunk, headings, table header and the
 * document's title and metadata. A document covers a place when its title, issuer or number names it, or it speaks
 * of it again and again; a national resolution naming a province once in a table row covers only that row.
 */
import type { StoredDocument } from '../index/store.js';
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import { asksSomething, type QueryAnalysis } from '../retrieve/query.js';
import { documentLabel } from './labels.js';
import { headingOf } from '../ingest/chunk.js';
import { findDates, findDocRefs } from '../text/docrefs.js';
import { fold, hasDiacritics } from '../text/normalize.js';
import { documentWords, placeName, wordsOf } from '../text/places.js';
import { namedPlaces } from './refusal.js';
import type { Refusal } from './types.js';
import { agencyForms, AGENCIES, locateAgencies, locateBodies, type Agency } from '../facts/agencies.js';
import { isStopword, isStopwordAccented } from '../text/tokenize.js';
import { initialsSource } from '../retrieve/initials.js';

export type ConstraintKind = 'document' | 'place' | 'ordinal' | 'name' | 'agency' | 'figure';

export interface Constraint {
  kind: ConstraintKind;
  /** As the question writes it. */
  written: string;
  /** Whole-word folded forms any of which in the evidence satisfies it (" phien hop thu 5 "). */
  forms: string[];
  /** For a document: its key ("nq:57"). */
  key?: string;
  /**
   * For a document named as what is carried out ("triển khai Nghị quyết 57"): documents about carrying it out (their
   * title names it, or they name it again and again) hold it in every passage, not only where they repeat its number.
   */
  carriedOut?: boolean;
  /**
   * For a document named as what another document the question names carries out ("Kế hoạch 138/KH-UBND về thực
   * hiện NQ 57"): that document's key. The second names the first's purpose: evidence holding the first holds it.
   */
  carriedOutBy?: string;
  /** For a name: the question quotes it ("“vốn mồi”"): a unit that writes it comes first (extractive.ts); it refuses nothing. */
  quoted?: boolean;
  /** For a body written with initials ("Đảng đoàn QH"): its words as a pattern over whole folded words. */
  pattern?: RegExp;
}

/** Times a document must name a place to be about it when neither its title nor its header does. */
const PLACE_MENTIONS = 3;

const NUMBER_WORDS: Record<string, number> = {
  nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10,
  'muoi mot': 11, 'muoi hai': 12, 'muoi ba': 13, 'muoi bon': 14, 'muoi lam': 15,
};
const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
const WORD_NUMBER = '(muoi (?:mot|hai|ba|bon|lam)|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|\\d{1,2})';
/** "phiên họp thứ năm", "hội nghị lần thứ 6", "kỳ họp thứ 8", "đợt thứ hai" (folded). */
const ORDINAL = new RegExp(`\\b(phien hop|hoi nghi|ky hop|lan|dot)(?: [a-z]+){0,4}? thu ${WORD_NUMBER}\\b`, 'g');
/** "Hội nghị Trung ương 6", "Trung ương bảy": a Central Committee plenum by its number (folded). */
const PLENUM = new RegExp(`\\b(?:hoi nghi |(?<!(?:chap hanh|kiem tra|van phong|cap|ban) ))trung uong ${WORD_NUMBER}\\b`, 'g');
/** "khóa XI", "khoá 13" (folded). */
const TERM = /\bkhoa ([ivxl]{1,6}|\d{1,2})\b/g;

function romanValue(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = ROMAN[text[i]!]!;
    const next = ROMAN[text[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** The ordinals a text names, as "noun:number" keys with where they stand (folded offsets = text offsets). */
export function ordinalsOf(text: string): Array<{ key: string; start: number; end: number }> {
  const folded = fold(text).toLowerCase();
  const out: Array<{ key: string; start: number; end: number }> = [];
  for (const m of folded.matchAll(ORDINAL)) {
    const word = m[2]!;
    const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
    // "Phiên họp" and "hội nghị" are both meetings; "lần thứ" most often numbers a meeting too.
    if (n) out.push({ key: `${m[1] === 'dot' ? 'dot' : m[1] === 'ky hop' ? 'ky hop' : 'meeting'}:${n}`, start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(PLENUM)) {
    const word = m[1]!;
    const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
    // "Trung ương 6" is the sixth plenum; a number of a document ("Trung ương 2 văn bản") is not meant.
    if (n && !out.some((o) => o.start <= m.index && o.end >= m.index + m[0].length)) out.push({ key: `meeting:${n}`, start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(TERM)) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : romanValue(m[1]!);
    if (n) out.push({ key: `khoa:${n}`, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A document type's words (folded), wherever they stand in a capitalised run. */
const DOC_TYPE = / (nghi quyet|ke hoach|chuong trinh|ket luan|quyet dinh|chi thi|thong tu|nghi dinh|luat|de an|cong van|thong bao|bao cao) /;

/** Words that open a name without being part of it ("Ông Nguyễn Văn A", "đồng chí …"). */
const HONORIFIC = /^(?:Ông|Bà|Anh|Chị|Đồng chí|Đ\/c|Ngài|Thầy|Cô)\s+/u;
/** Two to five words each written with a capital: a name the question pins down. */
const CAPITALISED = /(?<![\p{L}\p{M}\d])\p{Lu}[\p{Ll}\p{M}]+(?:\s+\p{Lu}[\p{Ll}\p{M}]+){1,4}(?![\p{L}\p{M}])/gu;

interface CorpusIndex {
  /** Every document's title and text as whole folded words (documentWords), by position. */
  words: string[];
  /** Positions of the documents holding each whole folded word: a phrase is looked for only where its rarest word is. */
  byWord: Map<string, number[]>;
  ordinals: Map<string, string[]>;
  /** The places of `engine.places` each document covers (see coversPlace), by document id. */
  covers: Map<string, Set<string>>;
}

const corpusIndexes = new WeakMap<SearchEngine, CorpusIndex>();

/** A place key as whole words (" quang ninh " → ["quang", "ninh"]), or undefined when no whole-word text can hold it. */
function placeWords(place: string): string[] | undefined {
  return /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(place) ? place.split(' ') : undefined;
}

/**
 * How often each place occurs in a run of whole words (with `dateLines` false, not where "ngày" follows: a
 * place-and-date line), counted up to `cap`, for the places keyed by their first word; the same counts as searching
 * " place " in the words' string.
 */
function placeCounts(
  list: string[],
  from: number,
  byFirst: Map<string, Array<{ place: string; words: string[] }>>,
  cap: number,
  dateLines: boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = from; i < list.length; i++) {
    const candidates = byFirst.get(list[i]!);
    if (!candidates) continue;
    for (const { place, words } of candidates) {
      let j = 1;
      while (j < words.length && list[i + j] === words[j]) j++;
      if (j < words.length || (!dateLines && list[i + words.length] === 'ngay')) continue;
      const n = counts.get(place) ?? 0;
      if (n < cap) counts.set(place, n + 1);
    }
  }
  return counts;
}

/** The corpus as whole words, its ordinals and the places each document covers, read once per engine. */
function corpusIndex(engine: SearchEngine): CorpusIndex {
  let index = corpusIndexes.get(engine);
  if (!index) {
    const ordinals = new Map<string, string[]>();
    const words: string[] = [];
    const byWord = new Map<string, number[]>();
    const covers = new Map<string, Set<string>>();
    const byFirst = new Map<string, Array<{ place: string; words: string[] }>>();
    for (const place of engine.places) {
      const list = placeWords(place);
      if (!list) continue;
      const entry = byFirst.get(list[0]!) ?? [];
      entry.push({ place, words: list });
      byFirst.set(list[0]!, entry);
    }
    for (const doc of engine.allDocuments()) {
      const text = `${doc.meta.title ?? ''}\n${doc.text}`;
      const whole = documentWords(doc);
      const list = whole.split(' ').filter(Boolean);
      for (const w of new Set(list)) {
        const docs = byWord.get(w);
        if (docs) docs.push(words.length);
        else byWord.set(w, [words.length]);
      }
      words.push(whole);
      // The title's words come first (a line break between title and text ends a word): the text's follow them.
      const fromText = wordsOf(doc.meta.title ?? '').split(' ').filter(Boolean).length;
      const header = wordsOf([doc.meta.title, doc.meta.issuer, doc.meta.number].filter(Boolean).join(' ')).split(' ').filter(Boolean);
      const covered = new Set<string>(placeCounts(header, 0, byFirst, 1, true).keys());
      for (const [place, n] of placeCounts(list, fromText, byFirst, PLACE_MENTIONS, false)) if (n >= PLACE_MENTIONS) covered.add(place);
      covers.set(doc.id, covered);
      for (const o of ordinalsOf(text)) {
        const list = ordinals.get(o.key) ?? [];
        const written = text.slice(o.start, o.end).replace(/\s+/g, ' ');
        if (!list.some((w) => fold(w).toLowerCase() === fold(written).toLowerCase())) list.push(written);
        ordinals.set(o.key, list);
      }
    }
    index = { words, byWord, ordinals, covers };
    corpusIndexes.set(engine, index);
  }
  return index;
}

/** Reads the corpus's words, ordinals and places now (at load) rather than on the first question that needs them. */
export function prepareConstraints(engine: SearchEngine): void {
  corpusIndex(engine);
}

/** True when some document of the corpus holds the folded whole-word phrase. */
export function corpusMentions(engine: SearchEngine, phrase: string): boolean {
  const index = corpusIndex(engine);
  const target = wordsOf(phrase);
  const list = target.split(' ').filter(Boolean);
  if (!list.length) return index.words.some((w) => w.includes(target));
  // Only the documents holding the phrase's rarest word can hold the phrase.
  let fewest: number[] | undefined;
  for (const w of list) {
    const docs = index.byWord.get(w);
    if (!docs) return false;
    if (!fewest || docs.length < fewest.length) fewest = docs;
  }
  return fewest!.some((i) => index.words[i]!.includes(target));
}

/** True when some document's whole folded words match a pattern (a body written with initials). */
function corpusMatches(engine: SearchEngine, pattern: RegExp): boolean {
  return corpusIndex(engine).words.some((w) => pattern.test(w));
}

/** True when a document of this engine is about some place (a province's plan, news of a province). */
export function coversSomePlace(engine: SearchEngine, doc: StoredDocument): boolean {
  return (corpusIndex(engine).covers.get(doc.id)?.size ?? 0) > 0;
}

/** True when a document of this engine covers a place (coversPlace), from what was read once per engine. */
export function engineCoversPlace(engine: SearchEngine, doc: StoredDocument, place: string): boolean {
  const covered = engine.places.has(place) ? corpusIndex(engine).covers.get(doc.id) : undefined;
  return covered ? covered.has(place) : coversPlaceOnce(doc, place);
}

/** coversPlace's answers for places outside `engine.places`, per document: each one reads the whole text. */
const coverAnswers = new WeakMap<StoredDocument, Map<string, boolean>>();

function coversPlaceOnce(doc: StoredDocument, place: string): boolean {
  let known = coverAnswers.get(doc);
  if (!known) coverAnswers.set(doc, (known = new Map()));
  let covers = known.get(place);
  if (covers === undefined) {
    covers = coversPlace(doc, place);
    if (known.size < 1000) known.set(place, covers);
  }
  return covers;
}

/** The names written with capitals in a question that are not places, documents or the question's first word alone. */
/** A phrase the question puts in quotes ("làm “vốn mồi” cho …"): the words it is about, as written. */
const QUOTED = /[“"]([^”"]{2,60})[”"]/gu;

/** The phrases a question quotes, of at most six words (a longer quote is a passage asked about, read as words). */
function quotedIn(typed: string): string[] {
  return [...typed.matchAll(QUOTED)].map((m) => m[1]!.trim()).filter((q) => q.split(/\s+/).length <= 6 && /\p{L}/u.test(q));
}

function namesIn(analysis: QueryAnalysis, engine: SearchEngine): string[] {
  const out: string[] = [];
  const places = new Set(namedPlaces(analysis, engine));
  const typed = analysis.typed;
  for (const m of typed.matchAll(CAPITALISED)) {
    let name = m[0].replace(HONORIFIC, '');
    // A sentence's first word has its capital from its place ("Theo Nghị quyết …", "Còn Kế hoạch …"); not so after
    // "Ông", "Bà".
    if (name === m[0] && /^\s*$|[.,:;?!(]\s*$/u.test(typed.slice(0, m.index))) name = name.replace(/^\S+\s*/u, '');
    // A function word opens no name ("Trong Ban …" where a rewritten question kept a sentence's first capital).
    while (/^\S+\s/u.test(name) && isStopwordAccented(name.split(/\s/u)[0]!)) name = name.replace(/^\S+\s*/u, '');
    if (name.split(/\s+/).length < 2) continue;
    // A place or a document's type ("Nghị quyết", "Kế hoạch", also as "… Kế" + "hoạch") is checked as such, not as a name.
    const next = /^\s+(\S+)/u.exec(typed.slice(m.index + m[0].length))?.[1] ?? '';
    const key = wordsOf(name).trim();
    if (places.has(key) || DOC_TYPE.test(` ${wordsOf(`${name} ${next}`)} `)) continue;
    out.push(name);
  }
  return out;
}

/** A statement the question asks to check (folded). */
const CLAIM = /\b(dung hay sai|dung hay khong|co dung khong|dung khong|phai khong)\b/;
/** The asked word and what owns the thing asked: "cơ quan nào của …", "bộ nào thuộc …" (folded). */
const ASKED_OWNER = /\b(?:nao|gi)\s+(?:cua|thuoc|truc thuoc)\s+/g;

/** Every form of an agency and of those merged into it or it was merged into (2025), as whole folded words. */
function agencyWords(agency: Agency): string[] {
  const related = AGENCIES.filter((a) => a === agency || a.name === agency.mergedInto || a.mergedInto === agency.name);
  return [...new Set(related.flatMap(agencyForms).map(wordsOf))];
}

/**
 * The bodies a question names: those of the agency list (aliases resolved), and any other body written as a head
 * word and a capitalised name ("Ủy ban Y tế của Quốc hội"), by its head and first two words.
 */
function agenciesIn(analysis: QueryAnalysis): Constraint[] {
  const text = analysis.text;
  const folded = fold(text).toLowerCase();
  // A statement to check ("… do Bộ An ninh xác lập, đúng hay sai?") names bodies as claims, not as what the answer
  // must hold: the provision that says otherwise answers it.
  if (CLAIM.test(folded) || (!asksSomething(text) && !/\?\s*$/.test(text))) return [];
  // "Cơ quan nào của Chính phủ …?": the body after the asked word says what kind of answer is wanted.
  const owners = [...folded.matchAll(ASKED_OWNER)].map((m) => m.index + m[0].length);
  const describesAsked = (written: string) => owners.some((at) => folded.startsWith(fold(written).toLowerCase(), at));
  const out: Constraint[] = analysis.agencies
    .filter((a) => !describesAsked(a.name))
    .map((a) => ({ kind: 'agency', written: a.name, forms: agencyWords(a) }));
  // "Bộ trưởng Công an": the minister stands for the ministry; the evidence names either ("Bộ trưởng Công an chỉ đạo …").
  for (const m of text.matchAll(/(?<![\p{L}])Bộ trưởng\s+(?:Bộ\s+)?/gu)) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const ministry = locateAgencies(`Bộ ${rest}`).find((a) => a.start === 0);
    if (!ministry) continue;
    const forms = agencyWords(ministry.agency);
    const minister = forms.map((f) => f.replace(/^ bo /, ' bo truong '));
    // "Bộ trưởng Bộ Công an" names the ministry as well: the one constraint takes both.
    const listed = out.findIndex((c) => c.written === ministry.agency.name);
    if (listed >= 0) out[listed] = { ...out[listed]!, forms: [...new Set([...out[listed]!.forms, ...minister])] };
    else out.push({ kind: 'agency', written: ministry.agency.name, forms: [...forms, ...minister] });
  }
  for (const { start, written } of locateBodies(text, isStopword)) {
    if (owners.includes(start)) continue;
    const words = wordsOf(written);
    // A body of the list already stands for it ("Sở Khoa học" in "Sở Khoa học và Công nghệ").
    if (out.some((c) => c.forms.some((f) => f.includes(words) || words.includes(f)))) continue;
    // A name written with initials ("Đảng đoàn QH"): the words they spell.
    const parts = written.split(/\s+/);
    const initials = parts.findIndex((w, i) => i > 0 && /^[\p{Lu}Đ]{2,6}$/u.test(w));
    const pattern =
      initials > 0
        ? new RegExp(` ${[...parts.slice(0, initials).map((w) => wordsOf(w).trim()), initialsSource(parts[initials]!)].join(' ')} `)
        : undefined;
    out.push({ kind: 'agency', written, forms: pattern ? [] : [words], ...(pattern ? { pattern } : {}) });
  }
  return out;
}

/** Whole folded words without the plural and quantity words that fall inside a name ("Ủy ban nhân dân các tỉnh"). */
const unquantified = (words: string) => words.replace(/ (?:cac|nhung|moi)(?= )/g, '');

/** True when whole folded words hold an agency constraint: one of its forms, or its pattern. */
function namesBody(c: Constraint, words: string): boolean {
  const plain = unquantified(words);
  return c.forms.some((f) => plain.includes(unquantified(f))) || !!c.pattern?.test(words);
}

/**
 * What the question pins down.
 * @returns one constraint per document number, place, ordinal, capitalised name and body it names
 */
export function constraintsOf(analysis: QueryAnalysis, engine: SearchEngine): Constraint[] {
  const out: Constraint[] = [];
  for (const [i, ref] of analysis.docRefs.entries()) {
    if (out.some((c) => c.key === ref.key)) continue;
    const carriedOut = CARRYING_OUT.test(fold(analysis.text.slice(Math.max(0, ref.start - 40), ref.start)).toLowerCase());
    // The document just before, in the same phrase, is the one carrying it out ("Kế hoạch 138/KH-UBND của tỉnh về thực
    // hiện NQ 57").
    const carrier = carriedOut && i > 0 ? analysis.docRefs[i - 1]! : undefined;
    const by = carrier && carrier.key !== ref.key && !/[,;?.]/.test(analysis.text.slice(carrier.end, ref.start)) && ref.start - carrier.end <= CARRIER_GAP ? carrier.key : undefined;
    out.push({ kind: 'document', written: analysis.text.slice(ref.start, ref.end), forms: [], key: ref.key, ...(carriedOut ? { carriedOut } : {}), ...(by ? { carriedOutBy: by } : {}) });
  }
  const folded = fold(analysis.text).toLowerCase();
  for (const place of namedPlaces(analysis, engine)) {
    // Folding keeps a Vietnamese text's length: the place as the question writes it ("Điện Biên").
    const at = folded.indexOf(place);
    out.push({ kind: 'place', written: at >= 0 ? analysis.text.slice(at, at + place.length) : place, forms: [` ${place} `] });
  }
  const seen = new Set<string>();
  for (const o of ordinalsOf(analysis.text)) {
    if (seen.has(o.key)) continue;
    seen.add(o.key);
    out.push({ kind: 'ordinal', written: analysis.text.slice(o.start, o.end), forms: [o.key] });
  }
  for (const f of figuresIn(analysis.text)) if (!out.some((c) => c.kind === 'figure' && c.forms[0] === f.forms[0])) out.push({ kind: 'figure', written: f.written, forms: f.forms });
  const names = [
    ...namesIn(analysis, engine).map((name): Constraint => ({ kind: 'name', written: name, forms: [wordsOf(name)] })),
    ...quotedIn(analysis.typed).map((name): Constraint => ({ kind: 'name', written: name, forms: [wordsOf(name)], quoted: true })),
  ];
  const agencies = agenciesIn(analysis);
  // A capitalised name that is a body ("Bộ Công Thương") is read as the body.
  out.push(...names.filter((n) => !agencies.some((a) => a.forms.some((f) => f.includes(n.forms[0]!) || n.forms[0]!.includes(f)))), ...agencies);
  return out;
}

/** A figure of things the question states ("5 sàn giao dịch", "7 nhiệm vụ", "114 CSDL", "30%"). */
const STATED_FIGURE = /(?<![\p{L}\p{N}/.,-])(\d{1,3}(?:[.,]\d{3})+|\d{1,5})(?![\p{N}/]|[.,]\p{N})(\s*%|\s+\p{L}+(?:\s+\p{L}+){0,4})/gu;
/** Words before a number that make it a label, not a count: "Điều 5", "phiên thứ 2", "khóa 15", "nhiệm vụ 42", "Phụ lục 3" (folded). */
const LABEL_BEFORE = /\b(?:dieu|khoan|diem|muc|phu luc|thu|lan|khoa|so|phien|ky|dot|giai doan|tt|stt|trang|hoi nghi|trung uong|top|nhiem vu|chi tieu|bang|hang|cap|bac|muc tieu|nghi quyet|nq|ke hoach|kh|chuong trinh|ctr|ket luan|kl|quyet dinh|qd|chi thi|ct|thong tu|tt|nghi dinh|nd|de an|da|luat|bao cao|bc|thong bao|tb|cong van|cv|to trinh)\s*:?\s*$/;
/**
 * A question putting what it says to the test, loosely: a statement to check (CLAIM), "có phải …", "… hay không",
 * "… không?", "… chưa?" (folded). A figure it states is checked against the documents' own, not required of them.
 */
const CHECKS_FIGURE = new RegExp(String.raw`${CLAIM.source}|\b(?:sai hay dung|co phai|hay khong|co dung)\b|\b(?:khong|chua|ko)\s*[?.!]*\s*$`);

/** True when a question puts what it says to the test ("… đạt 80%, đúng không?"), see CHECKS_FIGURE. */
export function checksClaim(question: string): boolean {
  return CHECKS_FIGURE.test(fold(question).toLowerCase());
}
/** Words after a number that make it a time or a measure of time, which years and periods pin down elsewhere (folded). */
const TIME_AFTER = /^(?:nam|thang|ngay|tuan|quy|gio|phut|giay|hoc ky|ky|lan|buoi|tiet)\b/;

/**
 * The figures of things a question states, which an answer's evidence must write too ("Vì sao NQ 57 bắt buộc hình
 * thành đủ 5 sàn giao dịch dữ liệu?" is not answered by a sentence about something else): a number with what it
 * counts, not a year, a date, a document's or an article's number, a rank or a length of time.
 */
export function figuresIn(question: string): Array<{ written: string; forms: string[]; counted: string }> {
  const text = question.normalize('NFC');
  // "… đạt 40% GDP, đúng không?" puts a figure to the test: the documents' own figure answers it, whatever it is.
  if (checksClaim(text)) return [];
  const spans = [...findDocRefs(text), ...findDates(text)].map((r) => [r.start, r.end] as const);
  const out: Array<{ written: string; forms: string[]; counted: string }> = [];
  for (const m of text.matchAll(STATED_FIGURE)) {
    const at = m.index;
    const number = m[1]!;
    if (/^(?:19|20)\d{2}$/.test(number) || spans.some(([a, b]) => at < b && at + number.length > a)) continue;
    if (LABEL_BEFORE.test(fold(text.slice(Math.max(0, at - 25), at)).toLowerCase())) continue;
    const after = fold(m[2]!).toLowerCase().trim();
    if (after !== '%' && TIME_AFTER.test(after)) continue;
    const noun = after === '%' ? '' : after.split(/\s+/)[0]!;
    const value = Number(number.replace(/[.,]/g, ''));
    // "1 chứng chỉ" is "a certificate"; "11 hay 12 người?" offers figures to choose from, stating none; a number
    // followed by a function word ("11 hay") counts nothing.
    // Typed with accents, a word is read as written ("cơ sở" is no "có"); a function word opening a compound ("chỉ
    // tiêu") still counts something.
    const [first = '', second = ''] = m[2]!.trim().split(/\s+/);
    const functionWord = (w: string) => (hasDiacritics(w) ? isStopwordAccented(w) : isStopword(fold(w).toLowerCase()));
    if (value <= 1 || (noun && functionWord(first) && (!/^\p{L}+$/u.test(second) || functionWord(second)))) continue;
    const around = fold(text.slice(Math.max(0, at - 8), at + m[0].length + 10)).toLowerCase();
    if (/\b(?:hay|hoac)\s+\d/.test(around) || /\d[^\s]*\s+(?:\p{L}+\s+){0,3}?(?:hay|hoac)\s*$/u.test(fold(text.slice(Math.max(0, at - 30), at)).toLowerCase())) continue;
    const forms = [wordsOf(number)];
    // Written as a number word ("ba khu công nghệ cao"): the words of NUMBER_WORDS for its value, not the ordinals' "nhất", "tư".
    if (noun) for (const [word, n] of Object.entries(NUMBER_WORDS)) if (n === value && word !== 'nhat' && word !== 'tu' && !word.includes(' ')) forms.push(` ${word} ${noun} `);
    // As the refusal names it: the figure and what it counts, up to a function word ("7 nhiệm vụ", "114 CSDL").
    const counted: string[] = [];
    for (const w of m[2]!.trim().split(/\s+/)) {
      if (w === '%' || (counted.length && (hasDiacritics(w) ? isStopwordAccented(w) : isStopword(w)))) break;
      counted.push(w);
    }
    out.push({ written: after === '%' ? `${number}%` : `${number} ${counted.join(' ')}`, forms, counted: fold(counted.slice(0, 2).join(' ')).toLowerCase() });
  }
  return out;
}

/** Places the corpus's documents are about (by title), as their titles write them: what a place refusal offers instead. */
function placesCovered(engine: SearchEngine): string[] {
  const { covers } = corpusIndex(engine);
  const out = new Set<string>();
  for (const place of engine.places) {
    for (const covered of covers.values()) {
      if (covered.has(place)) {
        out.add(place);
        break;
      }
    }
  }
  return [...out].map(placeName);
}

/** True when whole folded words name a place other than in a place-and-date line ("Hà Nội, ngày …"). */
function namesPlaceIn(words: string, place: string): boolean {
  for (let at = words.indexOf(` ${place} `); at >= 0; at = words.indexOf(` ${place} `, at + 1)) {
    if (!words.startsWith(' ngay ', at + place.length + 1)) return true;
  }
  return false;
}

/** True when a document is about a place: its title, issuer or number names it, or it names it again and again. */
export function coversPlace(doc: StoredDocument, place: string): boolean {
  const header = wordsOf([doc.meta.title, doc.meta.issuer, doc.meta.number].filter(Boolean).join(' '));
  if (header.includes(` ${place} `)) return true;
  const words = wordsOf(doc.text);
  let count = 0;
  for (let at = words.indexOf(` ${place} `); at >= 0 && count < PLACE_MENTIONS; at = words.indexOf(` ${place} `, at + 1)) {
    if (!words.startsWith(' ngay ', at + place.length + 1)) count++;
  }
  return count >= PLACE_MENTIONS;
}

/** The document numbers of a type the corpus holds ("nq" → "57-NQ/TW", "03/NQ-CP"), for a refusal's alternatives. */
function numbersOfType(engine: SearchEngine, key: string): string[] {
  const type = key.split(':')[0];
  const out: string[] = [];
  for (const doc of engine.allDocuments()) {
    const own = engine.keyOfDocument(doc.id);
    if (own && own.split(':')[0] === type && doc.meta.number) out.push(documentLabel(doc.meta));
  }
  return [...new Set(out)];
}

/**
 * The refusal for a question naming something the corpus holds nowhere, most specific first; undefined when the
 * corpus holds all it names.
 */
export function missingFromCorpus(constraints: Constraint[], engine: SearchEngine): Refusal | undefined {
  const documents = constraints.filter((c) => c.kind === 'document' && !engine.docKeys.has(c.key!));
  if (documents.length) return { code: 'DOCUMENT_MISSING', missing: documents.map((c) => c.written), available: numbersOfType(engine, documents[0]!.key!) };
  const ordinals = constraints.filter((c) => c.kind === 'ordinal' && !corpusIndex(engine).ordinals.has(c.forms[0]!));
  if (ordinals.length) {
    const kind = ordinals[0]!.forms[0]!.split(':')[0];
    const available = [...corpusIndex(engine).ordinals].filter(([k]) => k.split(':')[0] === kind).flatMap(([, w]) => w);
    return { code: 'ORDINAL_MISSING', missing: ordinals.map((c) => c.written), available };
  }
  // A name is there when the corpus writes it whole, or without the word that opens the question ("Bí thư …").
  const names = constraints.filter((c) => {
    // A quoted phrase may be the asker's own words for it: it orders the units, it does not refuse.
    if (c.kind !== 'name' || c.quoted) return false;
    const words = c.written.split(/\s+/);
    return !corpusMentions(engine, c.written) && !(words.length > 2 && corpusMentions(engine, words.slice(1).join(' ')));
  });
  if (names.length) return { code: 'NAME_MISSING', missing: names.map((c) => c.written) };
  const bodies = constraints.filter((c) => c.kind === 'agency' && !(c.pattern ? corpusMatches(engine, c.pattern) : c.forms.some((f) => corpusMentions(engine, f.trim()))));
  if (bodies.length) return { code: 'NAME_MISSING', missing: bodies.map((c) => c.written) };
  return undefined;
}

/** The place refusal: what the question named and the places the corpus is about. */
export function placeRefusal(constraints: Constraint[], engine: SearchEngine): Refusal {
  const places = constraints.filter((c) => c.kind === 'place').map((c) => c.written);
  return { code: 'PLACE_MISSING', missing: places, available: placesCovered(engine) };
}

/** A passage's evidence as whole folded words: its chunk, headings, table header, document title and metadata. */
function evidenceWords(p: Passage, unit?: { start: number; end: number }): string {
  return wordsOf(evidenceText(p, unit));
}

/** What a unit's evidence says, as written: its section, headings, table header and the unit with the text before it. */
function evidenceText(p: Passage, unit?: { start: number; end: number }): string {
  const body = unit ? p.document.text.slice(Math.max(p.chunk.start, unit.start - 200), unit.end) : p.chunk.text;
  return [p.chunk.section.join(' '), p.chunk.heading ?? '', headingInChunk(p, unit), p.chunk.header?.join(' ') ?? '', body].join('\n');
}

/** A number's value as written in Vietnamese: "1.000" → "1000", "0,7" → "0,7", "03" → "3". */
function figureValue(written: string): string {
  const whole = written.replace(/\.(?=\d{3}(?!\d))/g, '');
  return /^\d+$/.test(whole) ? String(Number(whole)) : whole;
}

/**
 * The item heading a unit stands under inside its chunk ("e) Tổ đảng ở Thường trực Ủy ban Kinh tế", "1. Đến năm
 * 2030"): the last heading line above it; without a unit, the chunk's opening line when it is a heading.
 */
export function headingInChunk(p: Passage, unit?: { start: number; end: number }): string {
  const above = unit ? p.document.text.slice(p.chunk.start, Math.max(p.chunk.start, unit.start)) : p.chunk.text.split('\n', 1)[0]!;
  return above.split('\n').map((l) => l.trim()).filter((l) => l && headingOf(l)).at(-1) ?? '';
}

/** True when a text names another document than `key` ("kh:46" for "da:6"), and not that one: it is about another. */
function namesAnotherDocument(text: string, key: string): boolean {
  const refs = findDocRefs(text);
  return refs.some((r) => r.key !== key) && !refs.some((r) => r.key === key);
}

/** True when a text names a document of the same type as `key` ("kh:45"), and not that one: it is about another. */
export function namesAnotherOfKind(text: string, key: string): boolean {
  const refs = findDocRefs(text);
  const kind = `${key.split(':')[0]}:`;
  return refs.some((r) => r.key.startsWith(kind) && r.key !== key) && !refs.some((r) => r.key === key);
}

/**
 * True when the evidence holds what a constraint pins down: the passage (and, with `unit`, the sentence with the
 * text just before it) or what it stands under.
 */
export function holds(c: Constraint, p: Passage, engine: SearchEngine, unit?: { start: number; end: number }): boolean {
  switch (c.kind) {
    case 'document': {
      if (engine.keyOfDocument(p.document.id) === c.key) return true;
      if (c.carriedOut && aboutDocument(engine, p.document, c.key!)) return true;
      if (c.carriedOutBy && holds({ kind: 'document', written: '', forms: [], key: c.carriedOutBy }, p, engine, unit)) return true;
      // A sentence naming another document of the same kind, and not this one, is about that one ("Thực hiện Kế
      // hoạch số 46/KH-UBND, … chậm tiến độ 21/71 nhiệm vụ" after a sentence on Kế hoạch 45).
      if (unit && namesAnotherDocument(p.document.text.slice(unit.start, unit.end), c.key!)) return false;
      const text = unit ? p.document.text.slice(Math.max(p.chunk.start, unit.start - 200), unit.end) : p.chunk.text;
      return [p.chunk.section.join(' '), p.chunk.header?.join(' ') ?? '', text].some((t) => t.length && engine.namesDocument(t, c.key!));
    }
    case 'place':
      return engineCoversPlace(engine, p.document, c.forms[0]!.trim()) || namesPlaceIn(evidenceWords(p, unit), c.forms[0]!.trim());
    case 'ordinal': {
      const text = [p.chunk.section.join('\n'), p.chunk.heading ?? '', unit ? p.document.text.slice(Math.max(p.chunk.start, unit.start - 200), unit.end) : p.chunk.text].join('\n');
      return ordinalsOf(text).some((o) => o.key === c.forms[0]) || ordinalsOf(p.document.meta.title ?? '').some((o) => o.key === c.forms[0]);
    }
    case 'name': {
      const words = c.written.split(/\s+/);
      if (c.quoted) return true;
      // Two capitalised words are often the head of a longer name written with small letters after ("Bộ Công an",
      // "Luật An ninh mạng"): the corpus must hold them, but a passage need not repeat them.
      if (words.length < 3) return true;
      const forms = [c.forms[0]!, ...(words.length > 2 ? [wordsOf(words.slice(1).join(' '))] : [])];
      const meta = wordsOf([p.document.meta.title, p.document.meta.issuer].filter(Boolean).join(' '));
      return forms.some((f) => evidenceWords(p, unit).includes(f) || meta.includes(f));
    }
    case 'figure': {
      // The figure as a whole number of the evidence ("0,7" holds no 7, "1.000" is 1000, "03" is 3), or its word.
      const numbers = new Set((evidenceText(p, unit).match(/\d+(?:[.,]\d+)*/g) ?? []).map(figureValue));
      return numbers.has(figureValue(c.written.split(/[\s%]/)[0]!)) || c.forms.slice(1).some((f) => evidenceWords(p, unit).includes(f));
    }
    case 'agency': {
      // The body acts in the evidence, or the evidence is its document (its title, issuer or signer names it).
      const meta = wordsOf([p.document.meta.title, p.document.meta.issuer, p.document.meta.signer].filter(Boolean).join(' '));
      return namesBody(c, evidenceWords(p, unit)) || namesBody(c, meta);
    }
  }
}

/** Characters at most between a document and the one it is said to carry out ("… của UBND tỉnh Quảng Ninh về thực hiện"). */
const CARRIER_GAP = 60;

/** "… triển khai", "thực hiện", "quán triệt", "cụ thể hóa" right before a document's number (folded). */
const CARRYING_OUT = /\b(?:trien khai|thuc hien|quan triet|cu the hoa|thi hanh)(?: (?:cac|noi dung|tinh than))?(?: cua)?(?: (?:nghi quyet|ke hoach|chuong trinh|ket luan|quyet dinh|chi thi|de an|nq|kh|kl))?(?: so)?\s*$/;

/** True when a document is about another: its title names it, or it names it again and again (as a place is covered). */
function aboutDocument(engine: SearchEngine, doc: StoredDocument, key: string): boolean {
  if (engine.namesDocument(doc.meta.title ?? '', key)) return true;
  let count = 0;
  for (const r of findDocRefs(doc.text)) if (r.key === key && ++count >= PLACE_MENTIONS) return true;
  return false;
}

/** True when a passage (or one of its units) holds every constraint. */
export function holdsAll(constraints: Constraint[], p: Passage, engine: SearchEngine, unit?: { start: number; end: number }): boolean {
  return constraints.every((c) => holds(c, p, engine, unit));
}
