/**
 * Accent typos in questions ("xứ lý" for "xử lý", "tuân thũ" for "tuân thủ", "du lich" inside an accented question),
 * respelt from the corpus itself: no dictionary ships with the project, so the evidence is what the corpus writes.
 */
import type { Bm25 } from '../index/bm25.js';
import { canonSyllable, fold, hasDiacritics } from '../text/normalize.js';

export class Speller {
  /** Folded syllable → the accented spellings the corpus uses, most frequent first. */
  private readonly spellings = new Map<string, string[]>();

  /** @param index BM25 over accented terms: its vocabulary gives the spellings, its bigrams the neighbours */
  constructor(private readonly index: Bm25) {
    const byLetters = new Map<string, Array<[string, number]>>();
    for (const [term, df] of index.vocabulary()) {
      if (!/^\p{L}+$/u.test(term) || !hasDiacritics(term)) continue;
      const key = fold(term);
      const list = byLetters.get(key);
      if (list) list.push([term, df]);
      else byLetters.set(key, [[term, df]]);
    }
    for (const [key, list] of byLetters) this.spellings.set(key, list.sort((a, b) => b[1] - a[1]).map(([term]) => term));
  }

  /**
   * Each syllable of an accented question that the corpus never writes, but whose letters it does, respelt as the
   * corpus writes those letters next to the same neighbours ("tuân thũ" → "tuân thủ" where it has "tuân thủ").
   * Syllables the corpus writes, and syllables with no such neighbour evidence, are left alone; a question typed
   * wholly without accents is returned as it is (it is searched in the folded field).
   */
  respell(question: string): string {
    if (!hasDiacritics(question)) return question;
    const index = this.index;
    const words = [...question.matchAll(/\p{L}+/gu)].map((m) => ({ at: m.index, word: m[0], lower: canonSyllable(m[0].toLowerCase()) }));
    let out = question;
    // Right to left, so that earlier offsets stay valid; each choice looks at its neighbours as the question has them.
    for (let i = words.length - 1; i >= 0; i--) {
      const { at, word, lower } = words[i]!;
      if (index.df(lower) > 0) continue;
      const candidates = this.spellings.get(fold(lower));
      if (!candidates) continue;
      // The spelling that makes a word with a neighbour ("tuân thủ", not "tuân thứ"), else the most frequent.
      const prev = words[i - 1]?.lower;
      const next = words[i + 1]?.lower;
      const pairs = (c: string) => (prev ? index.df(`${prev}_${c}`) : 0) + (next ? index.df(`${c}_${next}`) : 0);
      const fix = candidates.reduce((a, b) => (pairs(b) > pairs(a) ? b : a));
      // Only where the corpus writes the respelt syllable beside the same neighbour: a correct word the corpus happens
      // not to use ("bao nhiêu", "phần trăm") must not become another ("nhiều", "trầm").
      if (pairs(fix) === 0) continue;
      const cased = word[0] === word[0]!.toLowerCase() ? fix : fix[0]!.toUpperCase() + fix.slice(1);
      out = out.slice(0, at) + cased + out.slice(at + word.length);
      words[i]!.lower = fix;
    }
    return out;
  }
}
