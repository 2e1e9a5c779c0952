/**
 * What the search engine reads from every chunk's text — its terms in both spellings (as BM25 postings), the years it
 * names, the topic terms of the headings above it — computed once at ingest and saved with the version
 * (`features.json` + `postings-accented.bin` + `postings-folded.bin`), so that a server starting, or swapping a
 * version in, reads arrays instead of tokenising the corpus again. A version without them (older, or written by a
 * test) is read from the text as before; the saved files give the same engine.
 */
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from '../ingest/chunk.js';
import { findDates } from '../text/docrefs.js';
import { entityTerms, isStopword, percentTerms, terms, tokenRun, type TokenRun } from '../text/tokenize.js';
import { HEADING_LABEL } from '../retrieve/frames.js';
import { Bm25, Bm25Builder, type SavedBm25 } from './bm25.js';
import { headingLinesOf, indexTextAndHeadings, indexTextOf } from './chunk-text.js';
import type { HashingEmbeddings } from './embeddings.js';
import type { StoredDocument } from './store.js';

/** Bumped whenever what is computed here changes: a version saved by other rules is read from the text instead. */
export const FEATURES_VERSION = 1;

export interface HeadingTerms {
  accented: string[];
  folded: string[];
}

export interface TextFeatures {
  bm25: { accented: Bm25; folded: Bm25 };
  /** Years each chunk names ("2030"), by position. */
  years: string[][];
  /** Topic terms of each distinct run of headings, and which one each chunk stands under. */
  headings: HeadingTerms[];
  headingOf: ArrayLike<number>;
}

/** Distinct topic terms: no entity, number or function-word-only term. */
function topicTerms(list: string[]): string[] {
  return [...new Set(list.filter((t) => !t.startsWith('#') && !/^\d/.test(t) && !t.split('_').every((w) => isStopword(w))))];
}

/** What one chunk gives the features: its terms in both spellings (in text order), its years, its headings' key. */
export interface ChunkReading {
  accented: string[];
  folded: string[];
  years: string[];
  /** The heading lines above the chunk (its document's title when none), one a line: chunks with the same key share one entry. */
  headingKey: string;
}

/** Reads one chunk of document `doc` for the features. */
export function readChunk(chunk: Chunk, doc: StoredDocument): ChunkReading {
  const t = terms(indexTextOf(chunk, doc));
  return { accented: t.accented, folded: t.folded, years: yearsOf(chunk), headingKey: headingKeyOf(chunk, doc) };
}

/** The years a chunk's text names, each once, in order. */
function yearsOf(chunk: Chunk): string[] {
  return [...new Set(findDates(chunk.text).filter((d) => d.kind === 'year').map((d) => d.key))];
}

/** The key of the headings a chunk stands under; a chunk under no heading stands under its document's title ("Cấp bảng điểm", a news headline). */
export function headingKeyOf(chunk: Chunk, doc: StoredDocument): string {
  const above = headingLinesOf(chunk, doc);
  return (above.length ? above : [doc.meta.title ?? '']).join('\n');
}

/** The topic terms of a heading key's lines, their labels ("Điều 5.") left out. */
export function headingTermsOf(key: string): HeadingTerms {
  const h = terms(key.split('\n').map((l) => l.replace(HEADING_LABEL, '')).join('\n'));
  return { accented: topicTerms(h.accented), folded: topicTerms(h.folded) };
}

/** Features read chunk by chunk, in order (an ingest adds each file's chunks as they come). */
export class TextFeaturesBuilder {
  // Each chunk's terms go into the postings as numbers at once: the strings of all chunks are never held together.
  private readonly accented = new Bm25Builder();
  private readonly folded = new Bm25Builder();
  private readonly years: string[][] = [];
  private readonly headings: HeadingTerms[] = [];
  private readonly headingIds = new Map<string, number>();
  private readonly headingOf: number[] = [];
  /** The term numbers of the chunk being added (scratch). */
  private numbers = new Int32Array(1024);

  /** Chunks added so far (-1 once spoilt). */
  get size(): number {
    return this.spoilt ? -1 : this.years.length;
  }

  private spoilt = false;

  /** Marks the features as holding chunks that are not the version's: `size` no longer matches any count. */
  spoil(): void {
    this.spoilt = true;
  }

  /** Adds the next chunk, of document `doc`. */
  add(chunk: Chunk, doc: StoredDocument): void {
    this.read(chunk, doc);
  }

  /**
   * Adds the next chunk as `add` does and returns its vector, `embedder.embed(indexTextOf(chunk, doc))`: the chunk's
   * index text is made and read once for both.
   */
  addEmbedded(chunk: Chunk, doc: StoredDocument, embedder: HashingEmbeddings): number[] {
    return this.read(chunk, doc, embedder)!;
  }

  /**
   * What `readChunk` reads, put into the postings as it is read: each chunk's terms in the order `terms()` gives them
   * (syllables, bigrams, entity terms, PERCENT's), a bigram's number found from its two syllables' numbers.
   */
  private read(chunk: Chunk, doc: StoredDocument, embedder?: HashingEmbeddings): number[] | undefined {
    const { text, headings } = indexTextAndHeadings(chunk, doc);
    const run = tokenRun(text);
    let vector: number[] | undefined;
    if (run) {
      const entities = entityTerms(text);
      this.addRun(this.accented, run.texts, run, entities, 'accented');
      this.addRun(this.folded, run.folded, run, entities, 'folded');
      vector = embedder?.embedWords(run.folded);
    } else {
      const t = terms(text);
      this.accented.add(t.accented);
      this.folded.add(t.folded);
      vector = embedder?.embed(text);
    }
    this.years.push(yearsOf(chunk));
    const key = (headings.length ? headings : [doc.meta.title ?? '']).join('\n');
    let id = this.headingIds.get(key);
    if (id === undefined) {
      this.headingIds.set(key, (id = this.headings.length));
      this.headings.push(headingTermsOf(key));
    }
    this.headingOf.push(id);
    return vector;
  }

  /** One field's terms of a chunk (`words`, its tokens in that spelling), as `terms()` lists them, into `builder`. */
  private addRun(builder: Bm25Builder, words: readonly string[], run: TokenRun, entities: readonly string[], field: 'accented' | 'folded'): void {
    if (this.numbers.length < words.length) this.numbers = new Int32Array(Math.max(words.length, 2 * this.numbers.length));
    const numbers = this.numbers;
    for (let i = 0; i < words.length; i++) numbers[i] = builder.term(words[i]!);
    for (let i = 1; i < words.length; i++) if (run.pairs[i]) builder.pair(numbers[i - 1]!, numbers[i]!);
    for (const e of entities) builder.term(e);
    if (run.percent) for (const p of percentTerms(field)) builder.term(p);
    builder.end();
  }

  result(): TextFeatures {
    return {
      bm25: { accented: new Bm25(this.accented.saved()), folded: new Bm25(this.folded.saved()) },
      years: this.years,
      headings: this.headings,
      headingOf: Uint32Array.from(this.headingOf),
    };
  }
}

/** Reads every chunk's features from its text. */
export function computeTextFeatures(documents: ReadonlyMap<string, StoredDocument>, chunks: readonly Chunk[]): TextFeatures {
  const builder = new TextFeaturesBuilder();
  for (const chunk of chunks) builder.add(chunk, documents.get(chunk.documentId)!);
  return builder.result();
}

const FILES = { json: 'features.json', accented: 'postings-accented.bin', folded: 'postings-folded.bin' } as const;

interface FeaturesJson {
  version: number;
  chunks: number;
  years: string[][];
  headings: HeadingTerms[];
  headingOf: number[];
  postings: Record<'accented' | 'folded', { terms: string[]; size: number; sum: number }>;
}

/** The features as saved: the postings as flat arrays (`Bm25.saved()`), and the rest as it is. */
export interface SavedFeatures {
  accented: SavedBm25;
  folded: SavedBm25;
  years: string[][];
  headings: HeadingTerms[];
  headingOf: ArrayLike<number>;
}

/** Writes the features into a version folder (each file flushed to disk by `write`). */
export async function writeTextFeatures(dir: string, features: TextFeatures | SavedFeatures, write: (file: string, content: string | Uint8Array) => Promise<void>): Promise<void> {
  const saved: Record<'accented' | 'folded', SavedBm25> =
    'bm25' in features ? { accented: features.bm25.accented.saved(), folded: features.bm25.folded.saved() } : features;
  for (const field of ['accented', 'folded'] as const) {
    const s = saved[field];
    const bytes = new Uint8Array(4 * (s.lengths.length + s.counts.length + 2 * s.ids.length));
    const view = new Uint32Array(bytes.buffer);
    view.set(s.lengths, 0);
    view.set(s.counts, s.lengths.length);
    view.set(s.ids, s.lengths.length + s.counts.length);
    view.set(s.tfs, s.lengths.length + s.counts.length + s.ids.length);
    await write(path.join(dir, FILES[field]), bytes);
  }
  const json: FeaturesJson = {
    version: FEATURES_VERSION,
    chunks: features.years.length,
    years: features.years,
    headings: features.headings,
    headingOf: Array.from(features.headingOf),
    postings: {
      accented: { terms: saved.accented.terms, size: saved.accented.lengths.length, sum: saved.accented.ids.length },
      folded: { terms: saved.folded.terms, size: saved.folded.lengths.length, sum: saved.folded.ids.length },
    },
  };
  await write(path.join(dir, FILES.json), JSON.stringify(json));
}

/** Reads a file whole into an aligned buffer. */
async function readBytes(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (!bytesRead) break;
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/**
 * Reads the features saved in a version folder, or undefined when there are none, they were saved by other rules or
 * they do not match the version's chunks (then the engine reads them from the text).
 */
export async function readTextFeatures(dir: string, chunkCount: number): Promise<TextFeatures | undefined> {
  const saved = await readSavedFeatures(dir, chunkCount);
  if (!saved) return undefined;
  const { accented, folded, years, headings, headingOf } = saved;
  return { bm25: { accented: new Bm25(accented), folded: new Bm25(folded) }, years, headings, headingOf };
}

/** The features saved in a version folder as flat arrays (see readTextFeatures), or undefined. */
export async function readSavedFeatures(dir: string, chunkCount: number): Promise<SavedFeatures | undefined> {
  if (!existsSync(path.join(dir, FILES.json))) return undefined;
  const json = JSON.parse(await readFile(path.join(dir, FILES.json), 'utf8')) as FeaturesJson;
  if (json.version !== FEATURES_VERSION || json.chunks !== chunkCount) return undefined;
  const postings = {} as Record<'accented' | 'folded', SavedBm25>;
  for (const field of ['accented', 'folded'] as const) {
    const { terms, size, sum } = json.postings[field];
    const bytes = await readBytes(path.join(dir, FILES[field]));
    if (bytes.length !== 4 * (size + terms.length + 2 * sum) || size !== chunkCount) return undefined;
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    postings[field] = {
      terms,
      lengths: view.subarray(0, size),
      counts: view.subarray(size, size + terms.length),
      ids: view.subarray(size + terms.length, size + terms.length + sum),
      tfs: view.subarray(size + terms.length + sum),
    };
  }
  return { ...postings, years: json.years, headings: json.headings, headingOf: json.headingOf };
}
