/**
 * Okapi BM25 over pre-tokenised fields. Written here rather than taken from a library because the terms are our own
 * (syllables, bigrams, entity terms, two spellings) and the scorer must take per-term query weights.
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/** A hit in the top-k heap: `order` is when the document was first scored (ties keep that order, as a stable sort). */
interface Hit {
  id: number;
  score: number;
  order: number;
}

/** a ranks before b: higher score, then first scored. */
const before = (a: Hit, b: Hit) => a.score > b.score || (a.score === b.score && a.order < b.order);

/** A BM25 index's postings as flat arrays: terms in order, each one's document count, then ids and tfs term by term. */
export interface SavedBm25 {
  terms: string[];
  lengths: Uint32Array;
  counts: Uint32Array;
  ids: Uint32Array;
  tfs: Uint32Array;
}

const NONE: ArrayLike<number> = new Uint32Array(0);

/** True when sorted document ids (those in `from..to`, `to` excluded, when given) hold `id`: a binary search. */
export function holdsId(ids: ArrayLike<number>, id: number, from = 0, to = ids.length): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = ids[mid]!;
    if (at === id) return true;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** True when sorted document ids hold one in `from..to` (both included): one binary search. */
export function holdsIn(ids: ArrayLike<number>, from: number, to: number): boolean {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo]! <= to;
}

/** A map from pairs of small non-negative integers to non-negative integers (open addressing in typed arrays). */
class PairNumbers {
  private keys = new Int32Array(2 * 4096).fill(-1);
  private values = new Int32Array(4096);
  private size = 0;

  private slotOf(a: number, b: number, keys: Int32Array): number {
    const mask = keys.length / 2 - 1;
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    for (;;) {
      const k = keys[2 * i]!;
      if (k === -1 || (k === a && keys[2 * i + 1] === b)) return i;
      i = (i + 1) & mask;
    }
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.slotOf(a, b, this.keys);
    return this.keys[2 * i] === -1 ? -1 : this.values[i]!;
  }

  /** Sets the value of a pair not in the map. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.size + 1) > this.values.length) this.grow();
    const i = this.slotOf(a, b, this.keys);
    this.keys[2 * i] = a;
    this.keys[2 * i + 1] = b;
    this.values[i] = value;
    this.size++;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(values.length * 2);
    for (let j = 0; j < values.length; j++) {
      const a = keys[2 * j]!;
      if (a === -1) continue;
      const i = this.slotOf(a, keys[2 * j + 1]!, this.keys);
      this.keys[2 * i] = a;
      this.keys[2 * i + 1] = keys[2 * j + 1]!;
      this.values[i] = values[j]!;
    }
  }
}

/**
 * Postings built document by document: each term numbered as first met, the documents' terms kept as numbers (not
 * strings), then ids and tfs laid out term by term in flat arrays — the layout `Bm25.saved()` writes and a loaded
 * index reads, so `new Bm25(builder.saved())` is the index `new Bm25(documents)` would be.
 */
export class Bm25Builder {
  private readonly numbers = new Map<string, number>();
  private readonly order: string[] = [];
  private sequence = new Uint32Array(1 << 16);
  private used = 0;
  private readonly lengths: number[] = [];
  /** Each term's document count so far, and the last document that counted it. */
  private readonly counts: number[] = [];
  private readonly lastDocument: number[] = [];
  /** Where the terms of the document being added start in `sequence`. */
  private start = 0;
  /** Pairs of term numbers → the number of their bigram term (`a_b`), for `pair`. */
  private readonly pairs = new PairNumbers();

  /** The postings of documents' terms. */
  static of(documents: readonly (readonly string[])[]): SavedBm25 {
    const builder = new Bm25Builder();
    for (const terms of documents) builder.add(terms);
    return builder.saved();
  }

  /** Term `t`'s number, numbering it if it is new (terms are numbered as first met). */
  private numberOf(t: string): number {
    let n = this.numbers.get(t);
    if (n === undefined) {
      this.numbers.set(t, (n = this.order.length));
      this.order.push(t);
      this.counts.push(0);
      this.lastDocument.push(-1);
    }
    return n;
  }

  /** Appends term number `n` to the document being added. */
  private push(n: number): void {
    if (this.used === this.sequence.length) {
      const bigger = new Uint32Array(this.sequence.length * 2);
      bigger.set(this.sequence);
      this.sequence = bigger;
    }
    this.sequence[this.used++] = n;
    const id = this.lengths.length;
    if (this.lastDocument[n] !== id) {
      this.lastDocument[n] = id;
      this.counts[n]!++;
    }
  }

  /** Appends term `t` to the document being added (`end` closes it), as `add` would; returns its number. */
  term(t: string): number {
    const n = this.numberOf(t);
    this.push(n);
    return n;
  }

  /**
   * Appends the bigram term `${terms[a]}_${terms[b]}` of the terms numbered `a` and `b` to the document being added:
   * what `term` of that string does, without making the string again once the pair has been met.
   */
  pair(a: number, b: number): number {
    let n = this.pairs.get(a, b);
    if (n < 0) {
      n = this.numberOf(`${this.order[a]!}_${this.order[b]!}`);
      this.pairs.set(a, b, n);
    }
    this.push(n);
    return n;
  }

  /** Closes the document whose terms were appended with `term` and `pair`: the same as `add` of those terms. */
  end(): void {
    this.lengths.push(this.used - this.start);
    this.start = this.used;
  }

  /** Adds the next document's terms. */
  add(terms: readonly string[]): void {
    for (const t of terms) this.push(this.numberOf(t));
    this.end();
  }

  saved(): SavedBm25 {
    const { order, sequence, lengths } = this;
    const terms = order.length;
    // Document frequencies were counted as terms came; one pass gives each (term, document) pair's slot, id and tf.
    const counts = Uint32Array.from(this.counts);
    const next = new Uint32Array(terms);
    for (let n = 1; n < terms; n++) next[n] = next[n - 1]! + counts[n - 1]!;
    const total = terms ? next[terms - 1]! + counts[terms - 1]! : 0;
    const ids = new Uint32Array(total);
    const tfs = new Uint32Array(total);
    const slot = new Uint32Array(terms);
    const last = new Int32Array(terms).fill(-1);
    let at = 0;
    for (let id = 0; id < lengths.length; id++) {
      for (const end = at + lengths[id]!; at < end; at++) {
        const n = sequence[at]!;
        if (last[n] !== id) {
          last[n] = id;
          slot[n] = next[n]!++;
          ids[slot[n]!] = id;
        }
        tfs[slot[n]!]!++;
      }
    }
    return { terms: order.slice(), lengths: Uint32Array.from(lengths), counts, ids, tfs };
  }
}

export class Bm25 {
  /**
   * Each term's number (the order terms were first met); its postings are `ids`/`tfs` from `starts[n]` to
   * `ends[n]`. Numbers and flat arrays rather than an object and two typed-array views per term: at 110k chunks
   * the two fields hold millions of terms, and those objects were most of the serving process's live heap.
   */
  private readonly numbers = new Map<string, number>();
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly ids: Uint32Array;
  private readonly tfs: Uint32Array;
  /** Each term's idf, computed once. */
  private readonly idfs: Float64Array;
  private readonly lengths: Float64Array;
  /** Each document's length normalisation, k1 · (1 − b + b · length / average), computed once. */
  private readonly norms: Float64Array;
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;
  readonly size: number;
  /** Scratch space of `search` (one search runs at a time: it never awaits). */
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;

  /**
   * @param documents the terms of each document, by position; or the saved postings of an index built before
   *   ({@link Bm25.saved}), which give the same index without reading any text
   */
  constructor(documents: string[][] | SavedBm25, options: Bm25Options = {}) {
    // k1 below the usual 1.2: repeated syllables say less in Vietnamese, where one syllable is part of many words.
    this.k1 = options.k1 ?? 0.8;
    this.b = options.b ?? 0.75;
    let total = 0;
    const saved = Array.isArray(documents) ? Bm25Builder.of(documents) : documents;
    const { terms, lengths, counts, ids, tfs } = saved;
    this.size = lengths.length;
    this.lengths = Float64Array.from(lengths);
    for (let id = 0; id < lengths.length; id++) total += lengths[id]!;
    this.ids = ids;
    this.tfs = tfs;
    const starts = new Uint32Array(terms.length);
    const ends = new Uint32Array(terms.length);
    const numbers = this.numbers;
    let at = 0;
    terms.forEach((term, i) => {
      // A term listed twice keeps its first place and its last postings, as a Map set twice did.
      let n = numbers.get(term);
      if (n === undefined) numbers.set(term, (n = numbers.size));
      starts[n] = at;
      ends[n] = at += counts[i]!;
    });
    const count = numbers.size;
    this.starts = count === terms.length ? starts : starts.slice(0, count);
    this.ends = count === terms.length ? ends : ends.slice(0, count);
    this.averageLength = this.size ? total / this.size : 1;
    this.idfs = new Float64Array(count);
    for (let n = 0; n < count; n++) this.idfs[n] = this.idfOf(this.ends[n]! - this.starts[n]!);
    this.norms = new Float64Array(this.size);
    for (let id = 0; id < this.size; id++) this.norms[id] = this.k1 * (1 - this.b + (this.b * this.lengths[id]!) / this.averageLength);
    this.scores = new Float64Array(this.size);
    this.seen = new Uint8Array(this.size);
  }

  /** The postings as flat arrays, in the order terms were first met (what a new Bm25 is built from at load). */
  saved(): SavedBm25 {
    const terms = [...this.numbers.keys()];
    const counts = new Uint32Array(terms.length);
    let sum = 0;
    for (let n = 0; n < terms.length; n++) sum += counts[n] = this.ends[n]! - this.starts[n]!;
    const ids = new Uint32Array(sum);
    const tfs = new Uint32Array(sum);
    let at = 0;
    for (let n = 0; n < terms.length; n++) {
      const from = this.starts[n]!;
      const to = this.ends[n]!;
      ids.set(this.ids.subarray(from, to), at);
      tfs.set(this.tfs.subarray(from, to), at);
      at += to - from;
    }
    return { terms, lengths: Uint32Array.from(this.lengths), counts, ids, tfs };
  }

  private idfOf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Every term with its document frequency. */
  *vocabulary(): IterableIterator<[string, number]> {
    for (const [term, n] of this.numbers) yield [term, this.ends[n]! - this.starts[n]!];
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const n = this.numbers.get(term);
    return n === undefined ? this.idfOf(0) : this.idfs[n]!;
  }

  /** Number of documents holding the term. */
  df(term: string): number {
    const n = this.numbers.get(term);
    return n === undefined ? 0 : this.ends[n]! - this.starts[n]!;
  }

  /** True when document `id` holds the term (a binary search of its postings, which are in document order). */
  holds(id: number, term: string): boolean {
    const n = this.numbers.get(term);
    return n !== undefined && holdsId(this.ids, id, this.starts[n]!, this.ends[n]!);
  }

  /** The documents holding the term, in document order (empty when none does): for {@link holdsId} and {@link holdsIn}. */
  documentsOf(term: string): ArrayLike<number> {
    const n = this.numbers.get(term);
    return n === undefined ? NONE : this.ids.subarray(this.starts[n]!, this.ends[n]!);
  }

  /**
   * Scores documents for weighted query terms: scores summed in a dense array over the terms' postings, the best
   * `limit` kept in a heap (the same hits and order as sorting every scored document).
   * @returns the top `limit` document positions with scores, best first
   */
  search(query: Map<string, number>, limit: number, filter?: (id: number) => boolean): Array<{ id: number; score: number }> {
    const { scores, seen, norms } = this;
    const touched: number[] = [];
    const k1 = this.k1 + 1;
    const { ids, tfs } = this;
    for (const [term, weight] of query) {
      const t = this.numbers.get(term);
      if (t === undefined) continue;
      const idf = this.idfs[t]! * weight;
      for (let i = this.starts[t]!, end = this.ends[t]!; i < end; i++) {
        const id = ids[i]!;
        const tf = tfs[i]!;
        if (!seen[id]) {
          seen[id] = 1;
          scores[id] = 0;
          touched.push(id);
        }
        scores[id] = scores[id]! + (idf * tf * k1) / (tf + norms[id]!);
      }
    }
    // A min-heap (worst on top) of the best `limit` hits.
    const heap: Hit[] = [];
    const sift = (at: number) => {
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let worst = at;
        if (l < heap.length && before(heap[worst]!, heap[l]!)) worst = l;
        if (r < heap.length && before(heap[worst]!, heap[r]!)) worst = r;
        if (worst === at) return;
        [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
        at = worst;
      }
    };
    for (let order = 0; order < touched.length; order++) {
      const id = touched[order]!;
      seen[id] = 0;
      if (limit <= 0 || (filter && !filter(id))) continue;
      const hit = { id, score: scores[id]!, order };
      if (heap.length < limit) {
        heap.push(hit);
        for (let at = heap.length - 1; at > 0; ) {
          const up = (at - 1) >> 1;
          if (!before(heap[up]!, heap[at]!)) break;
          [heap[up], heap[at]] = [heap[at]!, heap[up]!];
          at = up;
        }
      } else if (before(hit, heap[0]!)) {
        heap[0] = hit;
        sift(0);
      }
    }
    heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return heap.map(({ id, score }) => ({ id, score }));
  }
}
