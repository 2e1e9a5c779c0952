/**
 * The features of a new version made from the previous version's saved features (features.ts) when only some
 * documents were added or removed: the chunks kept are not tokenised again. The result is the one a full build over
 * the new chunks gives, array for array and so byte for byte once written:
 *
 * - Postings: a term's documents are its kept documents, renumbered, merged with the chunks read anew. Terms are
 *   numbered as a full build numbers them, in the order they are first met scanning the chunks. A term first met in a
 *   kept chunk whose first occurrence was there before too keeps its place among that chunk's terms (the previous
 *   numbering was made the same way). A term whose first chunk was removed ("orphaned") is first met in a later kept
 *   chunk in an order the postings do not keep: that chunk (only that one) is tokenised again.
 * - Years: kept as they were. Heading entries: a full build makes one entry per distinct heading key in first-met
 *   order; the previous entries stand for their keys, so only the keys of the chunks read anew, and one chunk of each
 *   entry those may share, are read.
 */
import type { Chunk } from '../ingest/chunk.js';
import type { SavedBm25 } from './bm25.js';
import { headingKeyOf, headingTermsOf, readChunk, type ChunkReading, type HeadingTerms, type SavedFeatures } from './features.js';
import type { StoredDocument } from './store.js';
import { indexTextOf } from './chunk-text.js';
import { terms } from '../text/tokenize.js';

export interface FeaturePatch {
  /** The previous version's saved features. */
  old: SavedFeatures;
  /** For each chunk of the new version, in order: its position in the previous version, or -1 when it is read anew. */
  from: Int32Array;
  /** A chunk of the new version and its document. */
  chunkAt(position: number): { chunk: Chunk; doc: StoredDocument };
}

/**
 * The new version's features, or undefined when the previous ones cannot be patched: the chunks kept are not in
 * their previous order, or a chunk read again does not give the terms it had.
 * @returns the features, and how many kept chunks were tokenised again
 */
export function patchFeatures(patch: FeaturePatch): { features: SavedFeatures; reread: number } | undefined {
  const { old, from } = patch;
  const oldCount = old.years.length;
  const toNew = new Int32Array(oldCount).fill(-1);
  let last = -1;
  for (let p = 0; p < from.length; p++) {
    const c = from[p]!;
    if (c < 0) continue;
    if (c <= last || c >= oldCount) return undefined;
    toNew[(last = c)] = p;
  }
  // Chunks read anew are read whole; kept chunks read again only for their terms (`readChunk`'s, without the rest).
  const readings = new Map<number, ChunkReading>();
  const reading = (p: number) => {
    let r = readings.get(p);
    if (!r) {
      const { chunk, doc } = patch.chunkAt(p);
      readings.set(p, (r = readChunk(chunk, doc)));
    }
    return r;
  };
  const termReadings = new Map<number, { accented: string[]; folded: string[] }>();
  const termsAt = (p: number, field: 'accented' | 'folded') => {
    if (from[p]! < 0) return reading(p)[field];
    let r = termReadings.get(p);
    if (!r) {
      const { chunk, doc } = patch.chunkAt(p);
      termReadings.set(p, (r = terms(indexTextOf(chunk, doc))));
    }
    return r[field];
  };
  let reread = 0;
  const fields = {} as Record<'accented' | 'folded', SavedBm25>;
  for (const field of ['accented', 'folded'] as const) {
    const postings = patchPostings(old[field], from, toNew, (p) => termsAt(p, field));
    if (!postings) return undefined;
    fields[field] = postings.saved;
    reread += postings.reread;
  }
  const years = Array.from(from, (c, p) => (c >= 0 ? old.years[c]! : reading(p).years));
  const headings = patchHeadings(patch, (p) => reading(p).headingKey);
  return { features: { ...fields, years, ...headings }, reread };
}

/** One field's postings over the new chunks (see the module's comment), or undefined when they cannot be patched. */
function patchPostings(
  old: SavedBm25,
  from: Int32Array,
  toNew: Int32Array,
  termsOf: (position: number) => readonly string[],
): { saved: SavedBm25; reread: number } | undefined {
  const oldTerms = old.terms.length;
  const { ids: oldIds, tfs: oldTfs, counts: oldCounts } = old;
  const start = new Uint32Array(oldTerms + 1);
  for (let i = 0; i < oldTerms; i++) start[i + 1] = start[i]! + oldCounts[i]!;
  // Each old term's first chunk (terms are numbered in that order); -1 for a term without documents.
  const first = new Int32Array(oldTerms);
  for (let i = 0; i < oldTerms; i++) first[i] = start[i] === start[i + 1] ? -1 : oldIds[start[i]!]!;
  // Kept chunks that are now the first chunk of an orphaned term: their terms' order is read again.
  const again = new Uint8Array(from.length);
  for (let i = 0; i < oldTerms; i++) {
    const s = start[i]!;
    const e = start[i + 1]!;
    if (s === e || toNew[oldIds[s]!]! >= 0) continue;
    for (let j = s + 1; j < e; j++) {
      const p = toNew[oldIds[j]!]!;
      if (p >= 0) {
        again[p] = 1;
        break;
      }
    }
  }
  // The old number of each term of the chunks read (anew or again): a small map, filled by one pass over the old terms.
  const oldIndex = new Map<string, number>();
  for (let p = 0; p < from.length; p++) if (from[p]! < 0 || again[p]) for (const t of termsOf(p)) oldIndex.set(t, -1);
  old.terms.forEach((t, i) => oldIndex.get(t) === -1 && oldIndex.set(t, i));
  // Numbering in first-met order.
  const number = new Int32Array(oldTerms).fill(-1);
  const terms: string[] = [];
  const origin: number[] = [];
  const freshNumber = new Map<string, number>();
  const numberOf = (t: string): number => {
    const i = oldIndex.get(t) ?? -1;
    return i >= 0 ? number[i]! : (freshNumber.get(t) ?? -1);
  };
  const take = (t: string, kept: boolean): boolean => {
    const i = oldIndex.get(t) ?? -1;
    if (i < 0) {
      if (kept) return false;
      if (!freshNumber.has(t)) {
        freshNumber.set(t, terms.length);
        terms.push(t);
        origin.push(-1);
      }
    } else if (number[i]! < 0) {
      number[i] = terms.length;
      terms.push(t);
      origin.push(i);
    }
    return true;
  };
  let reread = 0;
  let next = 0;
  for (let p = 0; p < from.length; p++) {
    const c = from[p]!;
    if (c < 0) {
      for (const t of termsOf(p)) take(t, false);
      continue;
    }
    if (again[p]) {
      reread++;
      const list = termsOf(p);
      if (list.length !== old.lengths[c]) return undefined;
      for (const t of list) if (!take(t, true)) return undefined;
    }
    // Old terms are in the order of their first chunk: those first met in chunk c come now (in their old order).
    for (; next < oldTerms && first[next]! <= c; next++) {
      if (again[p] || first[next] !== c || number[next]! >= 0) continue;
      number[next] = terms.length;
      terms.push(old.terms[next]!);
      origin.push(next);
    }
  }
  // The postings of the chunks read anew: (position, tf) pairs by term number, positions ascending.
  const fresh = new Map<number, number[]>();
  let freshTotal = 0;
  const lengths = new Uint32Array(from.length);
  for (let p = 0; p < from.length; p++) {
    const c = from[p]!;
    if (c >= 0) {
      lengths[p] = old.lengths[c]!;
      continue;
    }
    const list = termsOf(p);
    lengths[p] = list.length;
    const tfs = new Map<number, number>();
    for (const t of list) {
      const n = numberOf(t);
      tfs.set(n, (tfs.get(n) ?? 0) + 1);
    }
    for (const [n, tf] of tfs) {
      let pairs = fresh.get(n);
      if (!pairs) fresh.set(n, (pairs = []));
      pairs.push(p, tf);
      freshTotal++;
    }
  }
  const counts = new Uint32Array(terms.length);
  let ids = new Uint32Array(old.ids.length + freshTotal);
  let tfs = new Uint32Array(old.ids.length + freshTotal);
  let at = 0;
  for (let n = 0; n < terms.length; n++) {
    const begin = at;
    const pairs = fresh.get(n) ?? [];
    let k = 0;
    const i = origin[n]!;
    if (i >= 0) {
      for (let j = start[i]!, end = start[i + 1]!; j < end; j++) {
        const p = toNew[oldIds[j]!]!;
        if (p < 0) continue;
        for (; k < pairs.length && pairs[k]! < p; k += 2, at++) {
          ids[at] = pairs[k]!;
          tfs[at] = pairs[k + 1]!;
        }
        ids[at] = p;
        tfs[at++] = oldTfs[j]!;
      }
    }
    for (; k < pairs.length; k += 2, at++) {
      ids[at] = pairs[k]!;
      tfs[at] = pairs[k + 1]!;
    }
    counts[n] = at - begin;
  }
  ids = ids.subarray(0, at);
  tfs = tfs.subarray(0, at);
  return { saved: { terms, lengths, counts, ids, tfs }, reread };
}

/** The heading entries over the new chunks, in a full build's first-met order (see the module's comment). */
function patchHeadings(patch: FeaturePatch, keyOf: (position: number) => string): { headings: HeadingTerms[]; headingOf: Uint32Array } {
  const { old, from } = patch;
  // A chunk read anew shares a previous entry when their keys are equal. Equal keys give equal terms, so only the
  // entries with the same terms as a new key are candidates: the key of one kept chunk of each of those is read.
  const candidates = new Map<string, number[]>();
  const representative = new Map<number, number>();
  from.forEach((c, p) => {
    const h = c >= 0 ? old.headingOf[c]! : -1;
    if (h >= 0 && !representative.has(h)) representative.set(h, p);
  });
  const oldOfKey = new Map<string, number>();
  const freshKeys = new Set<string>();
  const freshTerms = new Map<string, HeadingTerms>();
  from.forEach((c, p) => c < 0 && freshKeys.add(keyOf(p)));
  if (freshKeys.size) {
    for (const key of freshKeys) freshTerms.set(key, headingTermsOf(key));
    // Candidates are first told by their first terms and counts, then by all their terms.
    const rough = (t: HeadingTerms) => `${t.accented.length}\u0001${t.folded.length}\u0001${t.accented[0] ?? ''}\u0001${t.folded[0] ?? ''}`;
    const wanted = new Set([...freshTerms.values()].map(rough));
    for (const h of representative.keys()) {
      if (!wanted.has(rough(old.headings[h]!))) continue;
      const terms = JSON.stringify(old.headings[h]);
      const list = candidates.get(terms);
      if (list) list.push(h);
      else candidates.set(terms, [h]);
    }
    for (const [key, terms] of freshTerms) {
      for (const h of candidates.get(JSON.stringify(terms)) ?? []) {
        const { chunk, doc } = patch.chunkAt(representative.get(h)!);
        if (headingKeyOf(chunk, doc) === key) oldOfKey.set(key, h);
      }
    }
  }
  const ids = new Map<string, number>();
  const headings: HeadingTerms[] = [];
  const headingOf = new Uint32Array(from.length);
  from.forEach((c, p) => {
    let h = c >= 0 ? old.headingOf[c]! : -1;
    const key = h >= 0 ? undefined : keyOf(p);
    if (key !== undefined) h = oldOfKey.get(key) ?? -1;
    const id = h >= 0 ? `o${h}` : `f${key}`;
    let n = ids.get(id);
    if (n === undefined) {
      ids.set(id, (n = headings.length));
      headings.push(h >= 0 ? old.headings[h]! : freshTerms.get(key!)!);
    }
    headingOf[p] = n;
  });
  return { headings, headingOf };
}
