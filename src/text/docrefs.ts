/**
 * Document numbers and dates as entities. "57-NQ/TW", "Nghị quyết số 57", "NQ 57" all name the same resolution;
 * "15/1/2025" and "ngày 15 tháng 01 năm 2025" the same day. Keys are accent-folded and lower case so that
 * questions typed without accents match too.
 */
import { fold, nfc } from './normalize.js';

/**
 * Full official number: digits, the year where the number carries one, then type and issuer codes joined by "-" or
 * "/" (57-NQ/TW, 03/NQ-CP, 3260-KH/ĐĐQH15, 13/2023/NĐ-CP).
 */
const FULL_NUMBER = /(?<![\p{L}\p{N}])(\d{1,5})(?:\s?\/\s?((?:19|20)\d{2}))?\s?([-/])\s?([\p{Lu}Đ][\p{L}Đđ&]*(?:[-/][\p{Lu}Đ\d][\p{L}\d&Đđ]*)+|[\p{Lu}Đ][\p{L}Đđ&]*\d*(?=[\s.,;:)?]|$))/gu;

/** Document type words and their abbreviations → a short type code. */
const TYPE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(nghi quyet|nq)$/, 'nq'],
  [/^(ke hoach|kh)$/, 'kh'],
  [/^(chuong trinh hanh dong|chuong trinh|ctr|cthd)$/, 'ctr'],
  [/^(ket luan|kl)$/, 'kl'],
  [/^(quyet dinh|qd)$/, 'qd'],
  [/^(chi thi|ct)$/, 'ct'],
  [/^(thong tu|tt)$/, 'tt'],
  [/^(nghi dinh|nd)$/, 'nd'],
  [/^(cong van|cv)$/, 'cv'],
  [/^(de an|da)$/, 'da'],
  [/^(luat)$/, 'luat'],
  [/^(thong bao|tb)$/, 'tb'],
  [/^(bao cao|bc)$/, 'bc'],
  [/^(to trinh|ttr)$/, 'ttr'],
];

/**
 * "Nghị quyết số 57", "NQ 57", "Kế hoạch 138", "Đề án 06" in folded lower-case text; not a length of time ("báo cáo 6
 * tháng", "kế hoạch 5 năm"), where no date or year follows ("Kế hoạch 138 năm 2025") nor a question ("NQ 57 năm nào").
 */
const TYPED_REF = new RegExp(
  String.raw`(?<![a-z0-9])(nghi quyet|nq|ke hoach|kh|chuong trinh hanh dong|chuong trinh|ctr|ket luan|kl|quyet dinh|qd|chi thi|ct|thong tu|tt|nghi dinh|nd|de an|thong bao|tb|bao cao|bc|to trinh|ttr)\s*(?:so\s*)?:?\s*(\d{1,5})(?![\d/.,%]?\d)(?!\s+(?:thang|tuan|nam)\b(?!\s*(?:\d|nao\b|may\b|bao\b|gi\b)))`,
  'g',
);

/** Type words (or their abbreviation) just before a number, in folded lower-case text: "nghị quyết số", "kế hoạch hành động số", "luật số:", "KH". */
export const TYPE_BEFORE = /(?<![a-z0-9])(nghi quyet|ke hoach(?: hanh dong)?|chuong trinh hanh dong|chuong trinh|ket luan|quyet dinh|chi thi|thong tu|nghi dinh|cong van|de an|thong bao|bao cao|to trinh|luat|nq|kh|ctr|kl|qd|ct|tt|nd|cv|tb|bc|ttr)\s*(?:so\s*)?:?\s*$/;

export interface DocRef {
  /** Type + number, e.g. "nq:57"; the unit questions name documents by. */
  key: string;
  /** The full number when the text gives it ("57-nq/tw"), folded and lower case. */
  full?: string;
  /** Where it stands in the text (offsets of the source string). */
  start: number;
  end: number;
}

/** The short type code of a type word or its abbreviation ("kế hoạch" and "KH" → "kh"), folded lower case. */
export function typeCode(word: string): string | undefined {
  for (const [pattern, code] of TYPE_WORDS) if (pattern.test(word)) return code;
  return undefined;
}

function stripZeros(digits: string): string {
  return String(Number.parseInt(digits, 10));
}

/**
 * Finds document references in a text.
 * @returns each reference with its type-number key (and full number where written out)
 */
export function findDocRefs(text: string): DocRef[] {
  const source = nfc(text);
  const refs: DocRef[] = [];
  for (const m of source.matchAll(FULL_NUMBER)) {
    const codes = fold(m[4]!).toLowerCase();
    // "Nghị quyết 88/2026/QH15", "Luật số 59/2020/QH14": an issuer code without a type code takes the type words
    // written just before the number.
    const before = m[2] ? TYPE_BEFORE.exec(fold(source.slice(Math.max(0, m.index - 40), m.index)).toLowerCase())?.[1] : undefined;
    const type = codes.split(/[-/]/).map((c) => typeCode(c)).find(Boolean) ?? (before ? typeCode(before) : undefined);
    if (!type) continue;
    const number = stripZeros(m[1]!);
    const year = m[2] ? `/${m[2]}` : '';
    refs.push({ key: `${type}:${number}`, full: `${number}${year}${m[3]}${codes}`, start: m.index, end: m.index + m[0].length });
  }
  // Folding keeps string length for Vietnamese (precomposed letters fold to one letter), so offsets carry over.
  const folded = fold(source).toLowerCase();
  // The full numbers come in order and never overlap, nor do the typed references among themselves: one pointer
  // into the full numbers tells whether a typed reference overlaps one (linear, where a scan of all was quadratic).
  const full = refs.length;
  let next = 0;
  for (const m of folded.matchAll(TYPED_REF)) {
    const type = typeCode(m[1]!);
    if (!type) continue;
    const start = m.index;
    while (next < full && refs[next]!.end <= start) next++;
    if (next < full && refs[next]!.start < start + m[0].length) continue;
    refs.push({ key: `${type}:${stripZeros(m[2]!)}`, start, end: start + m[0].length });
  }
  return refs.sort((a, b) => a.start - b.start);
}

/** The canonical key of an official number ("03/NQ-CP" → "nq:3"), or undefined when it has no known type. */
export function docKeyOfNumber(number: string): string | undefined {
  return findDocRefs(number)[0]?.key;
}

/**
 * A document's key from its number, or, where the number gives only its issuer's code ("41/2019/QH14",
 * "81/2023/QH15"), from the type its title opens with ("Luật Thư viện" → "luat:41").
 */
export function documentKey(meta: { number?: string; title?: string }): string | undefined {
  if (!meta.number) return undefined;
  const own = docKeyOfNumber(meta.number);
  if (own) return own;
  const type = /^\s*(\p{L}+(?:\s+\p{L}+){0,3})/u.exec(meta.title ?? '')?.[1];
  const words = type ? fold(type).toLowerCase().split(/\s+/) : [];
  // The longest opening of the title that is a type's words ("Chương trình hành động", "Nghị quyết", "Luật").
  for (let n = words.length; n > 0; n--) {
    const opening = words.slice(0, n).join(' ');
    if (TYPE_BEFORE.test(opening) && typeCode(opening)) return docKeyOfNumber(`${opening} ${meta.number}`);
  }
  return undefined;
}

export interface DateRef {
  /** "d/m/yyyy" without leading zeros, "m/yyyy" for a month, or "yyyy". */
  key: string;
  kind: 'day' | 'month' | 'year';
  start: number;
  end: number;
}

const DAY = /(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)/g;
const DAY_WORDS = /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d{2})/g;
const MONTH = /(?<![\d/.])(\d{1,2})\s*\/\s*((?:19|20)\d{2})(?!\d)/g;
const MONTH_WORDS = /thang\s+(\d{1,2})\s+(?:nam\s+)?((?:19|20)\d{2})/g;
const YEAR = /(?<![\d/.,])((?:19|20)\d{2})(?![\d%])/g;

/**
 * Dates in a text, normalised: "15/01/2025" and "ngày 15 tháng 1 năm 2025" → "15/1/2025"; "6/2025" → month;
 * every year also on its own.
 */
export function findDates(text: string): DateRef[] {
  const folded = fold(nfc(text)).toLowerCase();
  const out: DateRef[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && a < e);
  const push = (ref: DateRef) => {
    out.push(ref);
    taken.push([ref.start, ref.end]);
  };
  for (const re of [DAY, DAY_WORDS]) {
    for (const m of folded.matchAll(re)) {
      const d = Number(m[1]);
      const mo = Number(m[2]);
      if (d < 1 || d > 31 || mo < 1 || mo > 12 || overlaps(m.index, m.index + m[0].length)) continue;
      push({ key: `${d}/${mo}/${m[3]}`, kind: 'day', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const re of [MONTH, MONTH_WORDS]) {
    for (const m of folded.matchAll(re)) {
      const mo = Number(m[1]);
      if (mo < 1 || mo > 12 || overlaps(m.index, m.index + m[0].length)) continue;
      push({ key: `${mo}/${m[2]}`, kind: 'month', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const m of folded.matchAll(YEAR)) {
    out.push({ key: m[1]!, kind: 'year', start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
