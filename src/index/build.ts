import { CHUNKER_VERSION, type Chunk } from '../ingest/chunk.js';
import { indexTextOf } from './chunk-text.js';
import type { EmbeddingsChoice } from './embeddings.js';
import type { IndexData, Manifest, StoredDocument } from './store.js';

/**
 * Embeds chunks and assembles the data of an index version.
 * @param reuse vectors already computed for chunk texts (by chunk id), reused instead of embedding again
 * @param streamed the vectors' dimensions when every chunk's vector was already sent to the graph being built
 *   (`AheadWork`): then none is made or kept, and `vectors` is empty
 */
export async function buildIndexData(
  documents: StoredDocument[],
  chunks: Chunk[],
  choice: EmbeddingsChoice,
  corpusDir: string,
  reuse: Map<string, number[]> = new Map(),
  streamed?: { dimensions: number },
): Promise<IndexData> {
  if (streamed) return { manifest: manifestOf(documents.length, chunks.length, choice, streamed.dimensions, corpusDir), documents, chunks, vectors: [] };
  const byId = new Map(documents.map((d) => [d.id, d]));
  const texts = chunks.map((c) => indexTextOf(c, byId.get(c.documentId)!));
  const missing = chunks.map((c, i) => (reuse.has(c.id) ? -1 : i)).filter((i) => i >= 0);
  const fresh = await choice.embeddings.embedDocuments(missing.map((i) => texts[i]!));
  const vectors: number[][] = chunks.map((c) => reuse.get(c.id)!);
  missing.forEach((i, n) => (vectors[i] = fresh[n]!));
  const dimensions = vectors[0]?.length ?? (await choice.embeddings.embedQuery('a')).length;
  return { manifest: manifestOf(documents.length, chunks.length, choice, dimensions, corpusDir), documents, chunks, vectors };
}

/** The manifest of a version built now. */
export function manifestOf(documents: number, chunks: number, choice: EmbeddingsChoice, dimensions: number, corpusDir: string): Manifest {
  return { format: 1, builtAt: new Date().toISOString(), embeddings: choice.id, dimensions, chunker: CHUNKER_VERSION, documents, chunks, corpusDir };
}

