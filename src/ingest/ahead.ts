/**
 * Work an ingest does on the files already read while the sandbox child reads the next one, so that both cores are
 * busy: each chunk's features (BM25 terms, years, headings) and, with the local hashing embedder, its vector and its
 * point in the HNSW graph, streamed to the graph's worker thread. Everything is done chunk by chunk in the final
 * order with the same parameters, so the version written is the one the work done at the end would give, byte for
 * byte. A graph over more than `LARGE_INDEX_CHUNKS` points is built with other parameters (`hnswParams`), which depend on
 * the final count: the stream is started with the parameters of the count the corpus's bytes predict (the chunks per
 * byte of the files read so far, times the bytes still to read) and started again, with every vector sent so far, when
 * the prediction or the count itself comes to need the other ones. A wrong guess costs only the work of the stream it
 * drops; the graph written is always one built with the parameters of the final count, as `buildHnsw` builds it.
 */
import type { Chunk } from './chunk.js';
import { HashingEmbeddings, type EmbeddingsChoice } from '../index/embeddings.js';
import { TextFeaturesBuilder, type TextFeatures } from '../index/features.js';
import { HnswStream, LARGE_INDEX_CHUNKS, hnswParams, type StoredDocument } from '../index/store.js';

/** How far past `LARGE_INDEX_CHUNKS`, either way, a predicted count must be before a stream is started again for it. */
const PREDICTION_MARGIN = 0.15;
/** Streams started again on a prediction, at most (a count past `LARGE_INDEX_CHUNKS`, or the final one, always does). */
const MAX_GUESSED_RESTARTS = 2;
/** Vectors sent to the graph's thread at a time. */
const STREAM_BATCH = 1024;

export class AheadWork {
  private readonly queue: { doc: StoredDocument; chunks: readonly Chunk[]; bytes: number }[] = [];
  private readonly features = new TextFeaturesBuilder();
  private readonly hashing?: HashingEmbeddings;
  private graph?: HnswStream;
  private streaming: boolean;
  /** Every vector made or reused so far, in the version's order: what a stream started again is sent first. */
  private readonly vectors: number[][] = [];
  /** Vectors streamed and not kept (see `work`). */
  private unkept = 0;
  /** Bytes of the files whose chunks were embedded so far. */
  private bytes = 0;
  private guessedRestarts = 0;

  /**
   * @param reuse vectors by chunk id: those already known are used, those computed here are added (build.ts then
   *   embeds none of them again)
   * @param expected how many chunks the version will likely hold (the previous version's count), a first capacity
   * @param planned bytes of the files the ingest will go through (for the predicted count), or 0 when unknown
   */
  constructor(
    choice: EmbeddingsChoice,
    private readonly reuse: Map<string, number[]>,
    private readonly expected: number,
    private readonly planned = 0,
  ) {
    this.hashing = choice.embeddings instanceof HashingEmbeddings ? choice.embeddings : undefined;
    this.streaming = !!this.hashing;
  }

  /** A document's chunks, next in the version's order; `bytes`, the size of its file (for the predicted count). */
  push(doc: StoredDocument, chunks: readonly Chunk[], bytes = 0): void {
    this.queue.push({ doc, chunks, bytes });
  }

  /** Does the work of every document pushed so far. */
  drain(): void {
    for (const { doc, chunks, bytes } of this.queue.splice(0)) this.work(doc, chunks, bytes);
  }

  /** How many chunks the version will hold, as far as can be told with `count` chunks made so far. */
  private predicted(count: number): number {
    if (this.planned <= this.bytes || this.bytes <= 0) return Math.max(count, this.expected);
    return Math.round(count + ((this.planned - this.bytes) * count) / this.bytes);
  }

  /**
   * A document's features and (hashing embedder only) vectors, each chunk's index text read once for both; the vectors
   * are sent on to the graph in batches while it can be streamed, so that the graph's thread starts on a big document
   * before all of its vectors are made.
   * @param final the version's chunk count, when it is known (the last documents)
   */
  private work(doc: StoredDocument, chunks: readonly Chunk[], bytes: number, final?: number): void {
    const hashing = this.hashing;
    if (!hashing) {
      for (const chunk of chunks) this.features.add(chunk, doc);
      return;
    }
    this.bytes += bytes;
    const count = this.vectors.length + this.unkept + chunks.length;
    if (this.streaming) this.steer(count, final);
    // A stream that can no longer be started again (its parameters are those of the final count, or of a count past
    // LARGE_INDEX_CHUNKS) is the graph: its vectors are not kept (a graph dropped after all has build.ts make them).
    const kept = !this.streaming || (final === undefined && count <= LARGE_INDEX_CHUNKS);
    for (let at = 0; at < chunks.length; at += STREAM_BATCH) {
      const batch: number[][] = [];
      for (const c of chunks.slice(at, at + STREAM_BATCH)) {
        let v = this.reuse.get(c.id);
        if (v) this.features.add(c, doc);
        else {
          v = this.features.addEmbedded(c, doc, hashing);
          if (kept) this.reuse.set(c.id, v);
        }
        if (kept) this.vectors.push(v);
        else this.unkept++;
        batch.push(v);
      }
      this.graph?.add(batch);
    }
  }

  /**
   * Makes sure the stream is built with the parameters the graph will need, before a document's vectors are sent:
   * those of the final count when it is known, else those of `count` (the chunks once this document's are made) once
   * it is past `LARGE_INDEX_CHUNKS`, else those of the predicted count when it is clearly on one side of it. A stream
   * started again is first sent every vector made so far.
   */
  private steer(count: number, final?: number): void {
    let wanted: number | undefined;
    if (final !== undefined) wanted = final;
    else if (count > LARGE_INDEX_CHUNKS) wanted = count;
    else {
      const predicted = this.predicted(count);
      if (!this.graph) wanted = predicted;
      else if (this.guessedRestarts < MAX_GUESSED_RESTARTS && Math.abs(predicted / LARGE_INDEX_CHUNKS - 1) > PREDICTION_MARGIN) wanted = predicted;
    }
    if (wanted === undefined) return;
    const efConstruction = hnswParams(wanted).efConstruction;
    if (this.graph?.efConstruction === efConstruction) return;
    if (this.graph && final === undefined && count <= LARGE_INDEX_CHUNKS) this.guessedRestarts++;
    this.graph?.cancel();
    // A first capacity (the graph grows, and is resized to the final count before it is written).
    const capacity = Math.max(final ?? Math.min(Math.max(this.expected, this.predicted(count)), 4 * LARGE_INDEX_CHUNKS), count, 1024);
    this.graph = new HnswStream(this.hashing!.dimensions, capacity, efConstruction);
    this.graph.add(this.vectors);
  }

  /**
   * The work left once every file is read. With the hashing embedder, the features and vectors of the documents still
   * queued are made now, the vectors streamed to the graph with the final count's parameters as they are made; with
   * another embedder (build.ts makes the vectors), their features are left to the returned function, which the writer
   * calls once the graph is under way on the other core.
   * @returns the features, and the graph streamed when it holds exactly the version's `count` chunks
   */
  finish(count: number): { features: () => TextFeatures | undefined; graph?: HnswStream } {
    let rest = this.queue.splice(0);
    if (this.hashing) {
      for (const { doc, chunks, bytes } of rest) this.work(doc, chunks, bytes, count);
      rest = [];
    }
    const graph = this.graph && this.graph.count === count && this.graph.fits(count) ? this.graph : undefined;
    if (!graph) this.stop();
    return {
      features: () => {
        for (const { doc, chunks } of rest) for (const chunk of chunks) this.features.add(chunk, doc);
        return this.features.size === count ? this.features.result() : undefined;
      },
      graph,
    };
  }

  /**
   * Takes back chunks pushed (and maybe worked on) whose file turned out unreadable: their vectors are forgotten and
   * the graph's stream stopped; the features then hold more chunks than the version, so the writer reads them again
   * from the version's chunks (as for any features that do not match).
   */
  retract(chunks: readonly Chunk[]): void {
    this.stop();
    if (this.hashing) for (const c of chunks) this.reuse.delete(c.id);
    const queued = this.queue.findIndex((q) => q.chunks === chunks);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.features.spoil();
  }

  /** Stops the graph's worker, if any (the ingest failed, or the graph cannot be streamed). */
  stop(): void {
    this.streaming = false;
    this.graph?.cancel();
    this.graph = undefined;
  }
}
