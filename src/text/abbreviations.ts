/**
 * Abbreviations and what they stand for: those Vietnamese administrative writing uses everywhere ("KH,CN", "ĐMST",
 * "CĐS"), and those a corpus defines itself ("Điểm trung bình học kỳ (ĐTBHK)"). A question written with one finds a
 * passage written with the other.
 */
import { fold } from './normalize.js';

/** Written in plans and resolutions without being spelt out each time. */
const COMMON: ReadonlyArray<readonly [string, string]> = [
  ['KH,CN', 'khoa học, công nghệ'],
  ['KHCN', 'khoa học công nghệ'],
  ['ĐMST', 'đổi mới sáng tạo'],
  ['CĐS', 'chuyển đổi số'],
  ['CNTT', 'công nghệ thông tin'],
  ['KT-XH', 'kinh tế - xã hội'],
  ['TTHC', 'thủ tục hành chính'],
  ['DVCTT', 'dịch vụ công trực tuyến'],
  // Common nouns officials write short in notes and chat ("tỷ lệ DN có hoạt động ĐMST").
  ['DN', 'doanh nghiệp'],
  ['DNNVV', 'doanh nghiệp nhỏ và vừa'],
  ['NNL', 'nguồn nhân lực'],
  ['CSDL', 'cơ sở dữ liệu'],
  ['NSNN', 'ngân sách nhà nước'],
  ['ĐBQH', 'đại biểu Quốc hội'],
  ['HTX', 'hợp tác xã'],
  ['KCN', 'khu công nghiệp'],
  ['CQNN', 'cơ quan nhà nước'],
  ['CBCCVC', 'cán bộ, công chức, viên chức'],
];

/** "a phrase of two to eight words (ABBR)" ("(KH,CN, ĐMST)" too): a definition, when the words' initials spell it. */
const DEFINED = /((?:[\p{L}]+[\s,]+){1,7}[\p{L}]+)\s*\(([\p{Lu}](?:[\p{Lu}&-]|,\s?)*[\p{Lu}])\)/gu;

/** Letters of an abbreviation, folded ("KH,CN" → "khcn", "ĐTBHK" → "dtbhk"). */
const lettersOf = (abbreviation: string) => fold(abbreviation).toLowerCase().replace(/[^a-z]/g, '');

/**
 * The shortest tail of `phrase` whose words spell `letters` by their initials, one or two letters a word ("khoa học"
 * gives "kh"): the offset in `phrase` where it starts, or -1.
 */
function expansionStart(phrase: string, letters: string): number {
  const words = [...phrase.matchAll(/[^\s,]+/g)];
  for (let from = words.length - 1; from >= 0; from--) {
    if (spells(words.slice(from).map((w) => fold(w[0]).toLowerCase()), letters)) return words[from]!.index;
    if (words.length - from >= letters.length) break;
  }
  return -1;
}

/** True when words spell `letters` in order, each word giving its first letter and maybe the next ("kh", "ng"). */
function spells(words: string[], letters: string): boolean {
  if (!words.length) return !letters;
  const [word, ...rest] = words;
  if (!letters.startsWith(word![0]!)) return false;
  if (spells(rest, letters.slice(1))) return true;
  return word!.length > 1 && letters.slice(0, 2) === word!.slice(0, 2) && spells(rest, letters.slice(2));
}

/** An abbreviation a text defines, with the span of "expansion (ABBR)" in the text. */
export interface DefinedAbbreviation {
  abbreviation: string;
  expansion: string;
  start: number;
  end: number;
}

/** A character a definition's phrase can hold (letters, spaces, commas); surrogate halves counted in, to be safe. */
const PHRASE_CHAR = /[\p{L}\s,]|[\ud800-\udfff]/u;

/**
 * Abbreviations a text defines ("đổi mới sáng tạo (ĐMST)"), with where. A definition ends at the first ")" after
 * its "(" and its phrase lies in the run of letters, spaces and commas just before that "(": `DEFINED` is tried
 * only on those windows, one per "(", not from every position of the text (which was most of the time of reading a
 * long text) — the same matches, in the same order, as `text.matchAll(DEFINED)`.
 */
export function abbreviationDefinitions(text: string): DefinedAbbreviation[] {
  const out: DefinedAbbreviation[] = [];
  // Where a scan of the whole text would go on from: the end of the last definition.
  let from = 0;
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', Math.max(open + 1, from))) {
    const close = text.indexOf(')', open);
    if (close < 0) break;
    let start = open;
    while (start > from && PHRASE_CHAR.test(text[start - 1]!)) start--;
    for (const m of text.slice(start, close + 1).matchAll(DEFINED)) {
      const index = start + m.index;
      from = index + m[0].length;
      const letters = lettersOf(m[2]!);
      if (letters.length < 2) continue;
      const at = expansionStart(m[1]!, letters);
      if (at < 0) continue;
      const expansion = m[1]!.slice(at).split(/[\s,]+/).join(' ');
      if (expansion.split(' ').length < 2) continue;
      out.push({ abbreviation: m[2]!, expansion, start: index + at, end: from });
    }
  }
  return out;
}

/** Abbreviations a text defines ("đổi mới sáng tạo (ĐMST)"), as [abbreviation, expansion]. */
export function definedAbbreviations(text: string): Array<[string, string]> {
  return abbreviationDefinitions(text).map((d) => [d.abbreviation, d.expansion]);
}

/** The common abbreviations with those the texts define, each once (by its letters and expansion). */
export function abbreviationGroups(texts: Iterable<string>): Array<[string, string]> {
  return groupAbbreviations((function* () {
    for (const text of texts) yield definedAbbreviations(text);
  })());
}

/** The common abbreviations with those of each text (its `definedAbbreviations`, in order), each once. */
export function groupAbbreviations(defined: Iterable<ReadonlyArray<readonly [string, string]>>): Array<[string, string]> {
  const seen = new Map<string, [string, string]>();
  const add = ([abbreviation, expansion]: readonly [string, string]) => {
    const key = `${lettersOf(abbreviation)}=${fold(expansion).toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, [abbreviation, expansion]);
  };
  COMMON.forEach(add);
  for (const list of defined) list.forEach(add);
  return [...seen.values()];
}
