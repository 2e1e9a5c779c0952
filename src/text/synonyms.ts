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
];

/** A phrase's terms as the index holds them: its syllables and the bigrams of neighbours parted by a space only. */
function termsOf(phrase: string, accented: boolean): string[] {
  const list = tokens(phrase);
  const pick = (i: number) => (accented ? list[i]!.text : list[i]!.folded);
  const pairs = list.slice(1).flatMap((t, i) => (/^\s+$/.test(phrase.slice(list[i]!.end, t.start)) ? [`${pick(i)}_${pick(i + 1)}`] : []));
  return [...list.map((_, i) => pick(i)), ...pairs];
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
  const spelt = (phrase: string) => tokens(phrase).map((t) => (accented ? t.text : t.folded)).join(' ');
  // Each phrase with one it may be written as.
  const pairs: Array<[string, string]> = [
    ...[...GROUPS, ...more].flatMap((group) => group.flatMap((phrase) => group.filter((o) => o !== phrase).map((o): [string, string] => [phrase, o]))),
    ...ASKED.flatMap(([phrase, written]) => written.map((o): [string, string] => [phrase, o])),
  ];
  for (const [phrase, other] of pairs) {
    if (!joined.includes(` ${spelt(phrase)} `)) continue;
    const own = termsOf(phrase, accented);
    const alternative = termsOf(other, accented);
    // What the other phrase adds: all of it must be there (an "Ủy ban KH,CN&MT" is not any "KH,CN").
    const theirs = alternative.filter((t) => !own.includes(t));
    if (!theirs.length) continue;
    for (const term of own) if (!alternative.includes(term)) out.set(term, [...(out.get(term) ?? []), theirs]);
  }
  return out;
}
