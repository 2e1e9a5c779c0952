/**
 * Question understanding without a model: which spelling field to search, weighted terms, the entities named
 * (document numbers, dates, years, numbers) and the kind of question.
 */
import { findDates, findDocRefs, type DateRef, type DocRef } from '../text/docrefs.js';
import { fold, hasDiacritics, nfc, squash } from '../text/normalize.js';
import { entityTerms, isStopword, tokens, type Token } from '../text/tokenize.js';
import { findAgencies, type Agency } from '../facts/agencies.js';
import { synonymsOf } from '../text/synonyms.js';
import { QUERY } from '../weights.js';

export type Intent = 'target' | 'deadline' | 'responsibility' | 'location' | 'progress' | 'list' | 'count' | 'general';

export interface QueryAnalysis {
  /** The question as the system read it (NFC, white space collapsed; agency abbreviations written out). */
  text: string;
  /** The question as typed (NFC, white space collapsed), abbreviations and all: "UBTVQH là viết tắt của gì?". */
  typed: string;
  /** "accented" when the question was typed with accents; "folded" when without. */
  field: 'accented' | 'folded';
  tokens: Token[];
  /** Topic syllables (stopwords removed), in the chosen field's spelling. */
  content: string[];
  /** Weighted search terms in the chosen field. */
  terms: Map<string, number>;
  /** Terms a follow-up took from the questions before it (see answer/assistant.ts), not its own. */
  fromContext?: ReadonlySet<string>;
  /** Term sets that count as a question term where a passage holds all of one instead ({"chỉ", "chỉ_tiêu"} for "mục_tiêu"). */
  synonyms: Map<string, string[][]>;
  docRefs: DocRef[];
  dates: DateRef[];
  years: string[];
  /** Years the question writes to date a document it names ("nghị quyết 20 năm 2012"), taken out of `years`. */
  documentYears?: string[];
  /** Numbers and percentages written in the question. */
  numbers: string[];
  intent: Intent;
  /** True when the question asks for several items ("những nhiệm vụ nào", "liệt kê"). */
  wantsList: boolean;
  /** Agencies the question names (aliases resolved: "Bộ TT&TT" → Bộ Thông tin và Truyền thông). */
  agencies: Agency[];
}

/**
 * Writes agency abbreviations out as documents name them ("Bộ TT&TT" → "Bộ Thông tin và Truyền thông"), in the
 * question's own spelling (accented or not).
 */
export function expandAgencies(question: string): { text: string; agencies: Agency[] } {
  const mentions = findAgencies(question);
  let text = question;
  const accented = hasDiacritics(question);
  for (const m of mentions) {
    // Only abbreviations are written out; a shorter full-word form ("Ngân hàng Nhà nước") is how documents write it too.
    if (m.as === m.agency.name || !/&|\b\p{Lu}{2,}\b/u.test(m.as.replace(/^(Bộ|Sở)\s+/u, ''))) continue;
    const escaped = m.as.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
    const name = accented ? m.agency.name : fold(m.agency.name);
    // An issuer's code inside a document number ("05/TTr-BKHCN-BTTTT") is part of the number, not a body named.
    const numbers = findDocRefs(text);
    const outside = (re: RegExp, within: string) => [...within.matchAll(re)].find((x) => !numbers.some((r) => x.index < r.end && r.start < x.index + x[0].length));
    const direct = outside(new RegExp(escaped, 'giu'), text) ?? outside(new RegExp(fold(m.as).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*'), 'gi'), fold(text));
    if (direct) text = `${text.slice(0, direct.index)}${name}${text.slice(direct.index + direct[0].length)}`;
  }
  return { text, agencies: mentions.map((m) => m.agency) };
}

/** Question words, with their accents ("đâu", not the "đầu" of "đầu tư"; "mấy", not "máy"). */
const ASKING = /(?<![\p{L}])(?:ai|ở đâu|đâu|nào|bao nhiêu|bao giờ|khi nào|gì|mấy|thế nào|vì sao|tại sao)(?![\p{L}])/iu;
/** The same, for a question typed without accents. */
const ASKING_FOLDED = /\b(ai|o dau|dau|nao|bao nhieu|bao gio|khi nao|gi|may|the nao|vi sao|tai sao)\b/;

/** True when a text (a question or part of one) asks something: a question word, not only a statement. */
export const asksSomething = (part: string): boolean => (hasDiacritics(part) ? ASKING.test(part) : ASKING_FOLDED.test(fold(part).toLowerCase()));

const INTENT_PATTERNS: ReadonlyArray<[Intent, RegExp]> = [
  ['responsibility', /\b((?<!nhung |gom )ai|(co quan|don vi|bo|so|to dang|to chuc|uy ban|nganh|cap|ban) nao|chu tri|phoi hop|truong ban|pho truong ban|phu trach|chiu trach nhiem|giao cho|dung dau|to truong|lam truong|thuong truc)\b/],
  ['location', /\b(o dau|tai dau|dia diem nao|noi nao|dien ra o)\b/],
  // "Ngày mấy", "tháng mấy", "hôm nào": a day or month asked as people type it.
  ['deadline', /\b(khi nao|bao gio|thoi han|ngay nao|thang nao|nam nao|ngay may|thang may|quy may|ngay bao nhieu|hom nao|thoi gian hoan thanh|han chot|han hoan thanh|luc nao|ban hanh ngay|het han|truoc ngay|thoi diem nao|truoc thoi diem|han hoan thanh)\b|^han\b/],
  ['progress', /\b(da hoan thanh|hoan thanh bao nhieu|tien do|bao nhieu nhiem vu|ket qua thuc hien|da ban hanh bao nhieu)\b/],
  ['target', /\b(chi tieu|muc tieu|phan dau|dat bao nhieu|ty le|ti le|ty trong|ti trong|bao nhieu phan tram|toi thieu|it nhat|quy mo)\b/],
  ['count', /\b(bao nhieu|may)\b/],
];

const LIST_PATTERN = /^(neu|ke ra|ke ten|cho biet) (cac|nhung|tat ca)\b|^(cac|nhung|tat ca cac) (chi tieu|muc tieu|nhiem vu|giai phap|van ban|de an|co quan|don vi)\b|\b(nhung|cac|liet ke|ke ten|danh sach|gom nhung)\b.*\b(nao|gi)\b|\bliet ke\b|\bdanh sach\b/;

/** Words of a duty or office: with them, "ai …?" asks who is in charge. */
const RESPONSIBLE_WORDS = /\b(chu tri|phoi hop|truong ban|pho truong ban|phu trach|chiu trach nhiem|giao|dung dau|thuong truc|quyet dinh|phe duyet|ban hanh)\b/;

/** Words that ask a target's figure rather than what it is. */
const TARGET_FIGURE = /\b(bao nhieu|ty le|ti le|ty trong|ti trong|phan tram|toi thieu|it nhat|quy mo|chi tieu|dat muc)\b/;

/** Rough kind of a question, from accent-folded keywords. */
export function intentOf(question: string): Intent {
  const folded = fold(question).toLowerCase();
  // "…, đúng hay sai?": a statement to check, whatever words it holds.
  if (/\bdung hay sai\b/.test(folded)) return 'general';
  const intent = INTENT_PATTERNS.find(([, pattern]) => pattern.test(folded))?.[0] ?? 'general';
  // "Ai có thể đăng ký học vượt?", "Ai được miễn …?" ask who may (which people qualify), not which body is in charge.
  if (intent === 'responsibility' && /^ai (co the|duoc)\b/.test(folded) && !RESPONSIBLE_WORDS.test(folded)) return 'general';
  // "Mục tiêu của chương trình tài năng là gì?" asks what the goal is, not a figure.
  if (intent === 'target' && /\b(la gi|nhu the nao|la the nao)\s*\??\s*$/.test(folded) && !TARGET_FIGURE.test(folded)) return 'general';
  return intent;
}


/**
 * Reads a question.
 * @param abbreviations abbreviations and what they stand for (see SearchEngine.abbreviations): either counts as the other
 */
export function analyzeQuery(question: string, abbreviations: ReadonlyArray<readonly [string, string]> = []): QueryAnalysis {
  const typed = squash(nfc(question));
  const expanded = expandAgencies(typed);
  const text = expanded.text;
  const field = hasDiacritics(text) ? 'accented' : 'folded';
  const list = tokens(text);
  const pick = (t: Token) => (field === 'accented' ? t.text : t.folded);
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  const content: string[] = [];
  for (const t of list) {
    const stop = isStopword(t.text);
    add(pick(t), stop ? 0.2 : 1);
    if (!stop && !/^\d/.test(t.text)) content.push(pick(t));
  }
  const lowered = text.toLowerCase();
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    if (!/^\s+$/.test(lowered.slice(a.end, b.start))) continue;
    // A pair of topic words says most; one with a function word ("giả_của", "tập_hay") less than a topic word alone.
    const stops = Number(isStopword(a.text)) + Number(isStopword(b.text));
    add(`${pick(a)}_${pick(b)}`, [QUERY.topicPair, QUERY.pairWithStopword, QUERY.pairOfStopwords][stops]!);
  }
  for (const e of entityTerms(text)) add(e, 2.5);
  // Synonyms search too, weakly: below the weight that makes a term part of the question's topic (see termShare).
  // An agency a question names in full is often written short in documents ("Ủy ban KH,CN&MT"), and the reverse.
  const synonyms = synonymsOf(list.map(pick), field === 'accented', [...expanded.agencies.map((a) => [a.name, ...a.aliases]), ...abbreviations]);
  for (const alternatives of synonyms.values()) for (const term of alternatives.flat()) if (!terms.has(term)) terms.set(term, QUERY.synonym);
  const dates = findDates(text);
  const folded = fold(text).toLowerCase();
  return {
    text,
    typed,
    field,
    tokens: list,
    content,
    terms,
    synonyms,
    docRefs: findDocRefs(text),
    dates,
    years: [...new Set(dates.filter((d) => d.kind === 'year').map((d) => d.key))],
    numbers: list.filter((t) => /^\d/.test(t.text) && !/^(19|20)\d{2}$/.test(t.text)).map((t) => t.text),
    intent: intentOf(text),
    wantsList: LIST_PATTERN.test(folded),
    agencies: expanded.agencies,
  };
}
