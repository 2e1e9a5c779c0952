/**
 * Work an ingest does on the files already read while the sandbox child reads the next one, so that both cores are
 * busy: each chunk's features (BM25 terms, years, headings) and, with the local hashing embedder, its vector and its
 * point in the HNSW graph, streamed to the graph's worker thread. Everything is done chunk by chunk in the final
 * order with the same parameters, so the version written is the one the work done at the end would give, byte for
 * byte. A graph over more than `LARGE_INDEX_CHUNKS` points is built with other parameters: the stream is dropped as
 * soon as the count passes it, and the graph is built at the end as before.
 */
import type { Chunk } from './chunk.js';
import { indexTextOf } from '../index/chunk-text.js';
import { HashingEmbeddings, type EmbeddingsChoice } from '../index/embeddings.js';
import { TextFeaturesBuilder, type TextFeatures } from '../index/features.js';
import { HnswStream, LARGE_INDEX_CHUNKS, type StoredDocument } from '../index/store.js';

export class AheadWork {
  private readonly queue: { doc: StoredDocument; chunks: readonly Chunk[] }[] = [];
  private readonly features = new TextFeaturesBuilder();
  private readonly hashing?: HashingEmbeddings;
  private graph?: HnswStream;
  private streaming: boolean;
  /** Chunks embedded so far. */
  private chunks = 0;

  /**
   * @param reuse vectors by chunk id: those already known are used, those computed here are added (build.ts then
   *   embeds none of them again)
   * @param expected how many chunks the version will likely hold (the previous version's count), a first capacity
   */
  constructor(
    choice: EmbeddingsChoice,
    private readonly reuse: Map<string, number[]>,
    private readonly expected: number,
  ) {
    this.hashing = choice.embeddings instanceof HashingEmbeddings ? choice.embeddings : undefined;
    this.streaming = !!this.hashing;
  }

  /** A document's chunks, next in the version's order. */
  push(doc: StoredDocument, chunks: readonly Chunk[]): void {
    this.queue.push({ doc, chunks });
  }

  /** Does the work of every document pushed so far. */
  drain(): void {
    for (const { doc, chunks } of this.queue.splice(0)) {
      for (const chunk of chunks) this.features.add(chunk, doc);
      this.vectorsOf(doc, chunks);
    }
  }

  /** The vectors of a document's chunks (hashing embedder only), sent on to the graph while it can be streamed. */
  private vectorsOf(doc: StoredDocument, chunks: readonly Chunk[]): void {
    const hashing = this.hashing;
    if (!hashing) return;
    const vectors = chunks.map((c) => {
      let v = this.reuse.get(c.id);
      if (!v) this.reuse.set(c.id, (v = hashing.embed(indexTextOf(c, doc))));
      return v;
    });
    this.chunks += chunks.length;
    if (!this.streaming) return;
    if (this.chunks > LARGE_INDEX_CHUNKS) {
      this.stop();
      return;
    }
    this.graph ??= new HnswStream(hashing.dimensions, Math.min(Math.max(this.expected, 1024), LARGE_INDEX_CHUNKS));
    this.graph.add(vectors);
  }

  /**
   * The work left once every file is read. The vectors of the documents still queued are made and streamed when the
   * graph is streaming (else build.ts makes them); their features are left to the returned function, which the
   * writer calls once the graph is under way on the other core.
   * @returns the features, and the graph streamed when it holds exactly the version's `count` chunks
   */
  finish(count: number): { features: () => TextFeatures | undefined; graph?: HnswStream } {
    const rest = this.queue.splice(0);
    if (this.streaming) for (const { doc, chunks } of rest) this.vectorsOf(doc, chunks);
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

  /** Stops the graph's worker, if any (the ingest failed, or the graph cannot be streamed). */
  stop(): void {
    this.streaming = false;
    this.graph?.cancel();
    this.graph = undefined;
  }
}
