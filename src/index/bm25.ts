/**
 * Okapi BM25 over pre-tokenised fields. Written here rather than taken from a library because the terms are our own
 * (syllables, bigrams, entity terms, two spellings) and the scorer must take per-term query weights.
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export class Bm25 {
  private readonly postings = new Map<string, { ids: number[]; tfs: number[] }>();
  private readonly lengths: Float64Array;
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;
  readonly size: number;

  /** @param documents the terms of each document, by position */
  constructor(documents: string[][], options: Bm25Options = {}) {
    // k1 below the usual 1.2: repeated syllables say less in Vietnamese, where one syllable is part of many words.
    this.k1 = options.k1 ?? 0.8;
    this.b = options.b ?? 0.75;
    this.size = documents.length;
    this.lengths = new Float64Array(documents.length);
    let total = 0;
    documents.forEach((terms, id) => {
      this.lengths[id] = terms.length;
      total += terms.length;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { ids: [], tfs: [] }));
        p.ids.push(id);
        p.tfs.push(tf);
      }
    });
    this.averageLength = documents.length ? total / documents.length : 1;
  }

  /** Every term with its document frequency. */
  *vocabulary(): IterableIterator<[string, number]> {
    for (const [term, p] of this.postings) yield [term, p.ids.length];
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.postings.get(term)?.ids.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Number of documents holding the term. */
  df(term: string): number {
    return this.postings.get(term)?.ids.length ?? 0;
  }

  /**
   * Scores documents for weighted query terms.
   * @returns the top `limit` document positions with scores, best first
   */
  search(query: Map<string, number>, limit: number, filter?: (id: number) => boolean): Array<{ id: number; score: number }> {
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = this.idf(term) * weight;
      for (let i = 0; i < p.ids.length; i++) {
        const id = p.ids[i]!;
        const tf = p.tfs[i]!;
        const norm = this.k1 * (1 - this.b + (this.b * this.lengths[id]!) / this.averageLength);
        scores.set(id, (scores.get(id) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm));
      }
    }
    const out: Array<{ id: number; score: number }> = [];
    for (const [id, score] of scores) if (!filter || filter(id)) out.push({ id, score });
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, limit);
  }
}
