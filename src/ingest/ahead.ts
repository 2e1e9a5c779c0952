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
      this.chunks += chunks.length;
      if (!this.streaming || !this.hashing) continue;
      if (this.chunks > LARGE_INDEX_CHUNKS) {
        this.stop();
        continue;
      }
      const hashing = this.hashing;
      const vectors = chunks.map((c) => {
        let v = this.reuse.get(c.id);
        if (!v) this.reuse.set(c.id, (v = hashing.embed(indexTextOf(c, doc))));
        return v;
      });
      this.graph ??= new HnswStream(hashing.dimensions, Math.min(Math.max(this.expected, 1024), LARGE_INDEX_CHUNKS));
      this.graph.add(vectors);
    }
  }

  /**
   * Drains what is left. @returns the features and the graph streamed, when they hold exactly the version's `count`
   * chunks (else what is missing is done by the writer)
   */
  finish(count: number): { features?: TextFeatures; graph?: HnswStream } {
    this.drain();
    const graph = this.graph && this.graph.count === count && this.graph.fits(count) ? this.graph : undefined;
    if (!graph) this.stop();
    return { features: this.chunks === count ? this.features.result() : undefined, graph };
  }

  /** Stops the graph's worker, if any (the ingest failed, or the graph cannot be streamed). */
  stop(): void {
    this.streaming = false;
    this.graph?.cancel();
    this.graph = undefined;
  }
}
