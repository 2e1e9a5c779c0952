/**
 * Words plans and reports use for the same thing ("mục tiêu" / "chỉ tiêu", "chiếm" / "đạt" a share): a question
 * written with one finds a passage written with the other. Hand-written because no Vietnamese thesaurus ships offline;
 * kept to pairs that mean the same in every plan, never merely related words.
 */
import { tokens } from './tokenize.js';

const GROUPS: ReadonlyArray<ReadonlyArray<string>> = [
  ['mục tiêu', 'chỉ tiêu'],
  ['chiếm', 'đạt'],
  ['phấn đấu', 'mục tiêu'],
  ['hoàn thành', 'đã xong'],
  ['thời hạn', 'hạn chót'],
  ['kinh phí', 'ngân sách'],
  ['cả nước', 'toàn quốc'],
  // Small numbers, as questions type them and as rules write them ("học 2 chương trình", "hai chương trình").
  ['2', 'hai'],
  ['3', 'ba'],
  ['4', 'bốn'],
  ['6', 'sáu'],
  ['7', 'bảy'],
  ['8', 'tám'],
  ['9', 'chín'],
  ['10', 'mười'],
];

/**
 * How people ask → the words rules are written with ("tốn tiền" is a fee, a tuition or a cost; a fee is not a
 * tuition): one way only.
 */
const ASKED: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['tốn tiền', ['lệ phí', 'học phí', 'chi phí']],
  ['mất tiền', ['lệ phí', 'học phí', 'chi phí']],
  ['chi phí', ['lệ phí', 'kinh phí']],
  ['bao lâu', ['thời gian']],
  ['mục đích', ['nhằm']],
  ['làm thế nào', ['thủ tục']],
  ['tiền bạc', ['học phí', 'lệ phí', 'chi phí']],
  ['vai trò', ['nhiệm vụ', 'trách nhiệm']],
  ['quyền lợi', ['được hưởng']],
  ['nghĩa vụ', ['trách nhiệm']],
  ['xin lại', ['cấp lại']],
];

/** Each fixed phrase with one it may be written as (both ways within a group, one way for how people ask). */
const FIXED_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ...GROUPS.flatMap((group) => pairsOf(group)),
  ...ASKED.flatMap(([phrase, written]) => written.map((o): [string, string] => [phrase, o])),
];

function pairsOf(group: ReadonlyArray<string>): Array<[string, string]> {
  return group.flatMap((phrase) => group.filter((o) => o !== phrase).map((o): [string, string] => [phrase, o]));
}

/** A phrase as the question's words spell it, and its terms as the index holds them; read once per phrase and field. */
const readings = new Map<string, { spelt: string; terms: string[] }>();

/** Syllables, and bigrams of neighbours parted by a space only, in the accented or folded field. */
function readingOf(phrase: string, accented: boolean): { spelt: string; terms: string[] } {
  const key = `${accented ? 'a' : 'f'}:${phrase}`;
  let reading = readings.get(key);
  if (!reading) {
    const list = tokens(phrase);
    const pick = (i: number) => (accented ? list[i]!.text : list[i]!.folded);
    const pairs = list.slice(1).flatMap((t, i) => (/^\s+$/.test(phrase.slice(list[i]!.end, t.start)) ? [`${pick(i)}_${pick(i + 1)}`] : []));
    const syllables = list.map((_, i) => pick(i));
    readings.set(key, (reading = { spelt: syllables.join(' '), terms: [...syllables, ...pairs] }));
  }
  return reading;
}

/**
 * For each question term a synonym can stand for, the sets of terms that count as it when a text holds all of one
 * ("mục" and "mục_tiêu" → {"chỉ", "chỉ_tiêu"}), in the question's spelling field.
 * @param words the question's syllables in that field
 * @param more further groups, such as an agency's name and the abbreviations documents write it with
 */
export function synonymsOf(words: readonly string[], accented: boolean, more: ReadonlyArray<ReadonlyArray<string>> = []): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  const joined = ` ${words.join(' ')} `;
  for (const [phrase, other] of [...FIXED_PAIRS, ...more.flatMap((group) => pairsOf(group))]) {
    const own = readingOf(phrase, accented);
    if (!joined.includes(` ${own.spelt} `)) continue;
    const alternative = readingOf(other, accented).terms;
    // What the other phrase adds: all of it must be there (an "Ủy ban KH,CN&MT" is not any "KH,CN").
    const theirs = alternative.filter((t) => !own.terms.includes(t));
    if (!theirs.length) continue;
    for (const term of own.terms) if (!alternative.includes(term)) out.set(term, [...(out.get(term) ?? []), theirs]);
  }
  return out;
}
