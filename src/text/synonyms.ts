/**
 * Words plans and reports use for the same thing ("mục tiêu" / "chỉ tiêu", "chiếm" / "đạt" a share): a question
 * written with one finds a passage written with the other. Hand-written because no Vietnamese thesaurus ships offline;
 * kept to pairs that mean the same in every plan, never merely related words.
 */
import { fold } from './normalize.js';
import { tokens } from './tokenize.js';

const GROUPS: ReadonlyArray<ReadonlyArray<string>> = [
  ['mục tiêu', 'chỉ tiêu'],
  ['chiếm', 'đạt'],
  ['phấn đấu', 'mục tiêu'],
  ['hoàn thành', 'đã xong'],
  ['thời hạn', 'hạn chót'],
  ['kinh phí', 'ngân sách'],
  ['lệ phí', 'chi phí'],
];

/** A phrase's terms as the index holds them: its syllables and the bigrams of neighbours. */
function termsOf(phrase: string, accented: boolean): string[] {
  const list = tokens(phrase).map((t) => (accented ? t.text : t.folded));
  return [...list, ...list.slice(1).map((w, i) => `${list[i]}_${w}`)];
}

/**
 * For each question term a synonym can stand for, the terms that count as it ("mục" and "mục_tiêu" → "chỉ",
 * "chỉ_tiêu"), in the question's spelling field.
 * @param words the question's syllables in that field
 */
export function synonymsOf(words: readonly string[], accented: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const joined = ` ${words.join(' ')} `;
  for (const group of GROUPS) {
    for (const phrase of group) {
      const spelt = accented ? phrase : fold(phrase);
      if (!joined.includes(` ${spelt} `)) continue;
      const own = termsOf(phrase, accented);
      for (const other of group) {
        if (other === phrase) continue;
        const theirs = termsOf(other, accented).filter((t) => !own.includes(t));
        for (const term of own) {
          if (termsOf(other, accented).includes(term)) continue;
          out.set(term, [...new Set([...(out.get(term) ?? []), ...theirs])]);
        }
      }
    }
  }
  return out;
}
