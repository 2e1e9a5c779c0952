/**
 * A re-index after some files were added, changed or removed, made from the previous version instead of over every
 * chunk (issue 14: one file in ≤ 20% of a full ingest). The chunks kept are neither tokenised nor embedded again:
 * the features are patched from the previous version's saved ones (`patch.ts`: the same arrays as a full build) and
 * the previous graph is patched in memory (`graph.ts`: the removed chunks' points marked deleted, the new chunks'
 * points added). The new version is written and switched in as any other (`writeIndex`): the previous version's files
 * are only read. Only the graph differs from a full build's — as one approximate neighbour graph differs from
 * another — and a full build (`--full`, or compaction past `COMPACT_DELETED_SHARE`) makes it as before.
 */
import path from 'node:path';
import type hnswlib from 'hnswlib-node';
import type { Chunk } from './chunk.js';
import { CHUNKER_VERSION } from './chunk.js';
import type { Fact } from '../facts/types.js';
import { manifestOf } from '../index/build.js';
import { indexTextOf } from '../index/chunk-text.js';
import type { EmbeddingsChoice } from '../index/embeddings.js';
import { readSavedFeatures, type SavedFeatures } from '../index/features.js';
import { COMPACT_DELETED_SHARE, patchGraph } from '../index/graph.js';
import { patchFeatures } from '../index/patch.js';
import { joinItems } from '../index/raw-json.js';
import { hnswParams, readFileList, writeIndex, type LoadedIndexData, type StoredDocument } from '../index/store.js';

/** What a patched version is made from. */
export interface PatchBase {
  previous: LoadedIndexData;
  /** Its saved features, read while the new files are (undefined: none that can be read, the version is built whole). */
  features: Promise<SavedFeatures | undefined>;
  /** The previous graph's parameters and point count (deleted points included). */
  params: { m: number; efConstruction: number };
  points: number;
}

/** The previous version's graph label of each of its chunk positions. */
function labelsOf(previous: LoadedIndexData): ArrayLike<number> {
  return previous.labels?.labels ?? Uint32Array.from({ length: previous.chunks.length }, (_, i) => i);
}

/** The graph label of the previous version's chunk at `position`. */
export function previousLabel(previous: LoadedIndexData, position: number): number {
  return previous.labels?.labels[position] ?? position;
}

/** True when a graph of `points` points, `deleted` of them deleted, is past the compaction share. */
function pastCompaction(points: number, deleted: number): boolean {
  return deleted > COMPACT_DELETED_SHARE * points;
}

/**
 * The previous version as the base of a patched one, or undefined when the re-index must be built whole: its files
 * are not all as written, it was made by other code, embedder or chunker, it is empty, or removing `removedChunks`
 * chunks would pass the compaction share. Its features are read meanwhile (while the sandbox reads the new files).
 */
export async function patchBase(
  indexDir: string,
  previous: LoadedIndexData | undefined,
  wanted: { source?: string; embeddings: EmbeddingsChoice; removedChunks: number; early?: EarlyFeatures },
): Promise<PatchBase | undefined> {
  if (!previous || !wanted.source || !previous.chunks.length) return undefined;
  const { manifest } = previous;
  if (manifest.source !== wanted.source || manifest.embeddings !== wanted.embeddings.id || manifest.chunker !== CHUNKER_VERSION) return undefined;
  if ((await readFileList(indexDir))?.version !== previous.version) return undefined;
  const points = previous.hnsw.getCurrentCount();
  if (pastCompaction(points, points - previous.chunks.length + wanted.removedChunks)) return undefined;
  const { m, efConstruction } = previous.labels ?? hnswParams(previous.chunks.length);
  const early = wanted.early;
  const features =
    early && early.version === previous.version && early.chunks === previous.chunks.length
      ? early.features
      : readSavedFeatures(path.join(indexDir, 'versions', previous.version), previous.chunks.length).catch(() => undefined);
  return { previous, features, params: { m, efConstruction }, points };
}

/** The current version's saved features, read before the version itself (`readFeaturesEarly`). */
export interface EarlyFeatures {
  version: string;
  chunks: number;
  features: Promise<SavedFeatures | undefined>;
}

/**
 * Starts reading the current version's saved features when a patched version may be made from it (written by this
 * code, embedder and chunker, its files as written): they are parsed in the gaps of reading the version itself (its
 * graph is read on the addon's thread), instead of after it.
 */
export async function readFeaturesEarly(indexDir: string, wanted: { source?: string; embeddings: EmbeddingsChoice }): Promise<EarlyFeatures | undefined> {
  if (!wanted.source) return undefined;
  const listed = await readFileList(indexDir);
  if (!listed) return undefined;
  const { manifest, version } = listed;
  if (manifest.source !== wanted.source || manifest.embeddings !== wanted.embeddings.id || manifest.chunker !== CHUNKER_VERSION || !manifest.chunks) return undefined;
  const features = readSavedFeatures(path.join(indexDir, 'versions', version), manifest.chunks).catch(() => undefined);
  return { version, chunks: manifest.chunks, features };
}

/**
 * Writes the new version patched from `base` and switches it in, or returns undefined (nothing written, the previous
 * graph untouched) when it cannot be patched: the deleted points would pass the compaction share, the chunk count
 * calls for other graph parameters (`LARGE_INDEX_CHUNKS`), or the saved features cannot be read or do not patch.
 * @param from for each chunk, its position in the previous version, or -1 when read anew
 * @returns the new version's name, and how many kept chunks were tokenised again
 */
export async function writePatchedVersion(
  base: PatchBase,
  version: {
    indexDir: string;
    corpusDir: string;
    embeddings: EmbeddingsChoice;
    source: string;
    documents: StoredDocument[];
    chunks: Chunk[];
    facts: Fact[];
    from: Int32Array;
  },
): Promise<{ version: string; reread: number } | undefined> {
  const { previous, points } = base;
  const { documents, chunks, from } = version;
  const kept = from.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0);
  const fresh = chunks.length - kept;
  if (!chunks.length || pastCompaction(points + fresh, points - kept)) return undefined;
  const wanted = hnswParams(chunks.length);
  if (wanted.m !== base.params.m || wanted.efConstruction !== base.params.efConstruction) return undefined;
  const byId = new Map(documents.map((d) => [d.id, d]));
  const chunkAt = (p: number) => ({ chunk: chunks[p]!, doc: byId.get(chunks[p]!.documentId)! });
  const features = await base.features;
  if (!features) return undefined;
  const patched = patchFeatures({ old: features, from, chunkAt });
  if (!patched) return undefined;
  const freshAt = [...from.keys()].filter((p) => from[p]! < 0);
  const vectors = await version.embeddings.embeddings.embedDocuments(freshAt.map((p) => indexTextOf(chunks[p]!, chunkAt(p).doc)));
  const vectorOf = new Map(freshAt.map((p, i) => [p, vectors[i]!]));
  const dimensions = previous.manifest.dimensions;
  if (vectors.some((v) => v.length !== dimensions)) return undefined;
  const hnsw: hnswlib.HierarchicalNSW = previous.hnsw;
  const labels = patchGraph(hnsw, base.params, labelsOf(previous), from, (p) => vectorOf.get(p)!);
  // Kept documents and chunks are written as the bytes they were.
  const raw = previous.raw;
  const oldDocument = new Map(previous.documents.map((d, i) => [d, i]));
  const bytes = raw && {
    documents: joinItems(raw.documents, documents.map((d) => (oldDocument.has(d) ? { raw: oldDocument.get(d)! } : { value: d }))),
    chunks: joinItems(raw.chunks, chunks.map((c, p) => (from[p]! >= 0 ? { raw: from[p]! } : { value: c }))),
  };
  const manifest = { ...manifestOf(documents.length, chunks.length, version.embeddings, dimensions, version.corpusDir), source: version.source };
  const name = await writeIndex(
    version.indexDir,
    { manifest, documents, chunks, vectors: [], facts: version.facts },
    { patched: { hnsw, labels }, saved: patched.features, ...(bytes ? { bytes } : {}) },
  );
  return { version: name, reread: patched.reread };
}
