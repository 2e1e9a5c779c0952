/**
 * The index on disk. Each build is a version folder `versions/<id>/` holding manifest, documents, chunks and the
 * HNSW vectors; the file `CURRENT` names the version being served and is replaced atomically (write, then rename)
 * only after the version is complete. An interrupted build leaves `CURRENT` — and so the served index — untouched.
 */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Chunk } from '../ingest/chunk.js';
import type { DocumentMeta, PageSpan } from '../ingest/types.js';
import type { Fact } from '../facts/types.js';
import { AppError } from '../errors.js';

export interface StoredDocument {
  id: string;
  /** Path relative to the corpus folder. */
  file: string;
  /** SHA-256 of the file's bytes: unchanged files are not parsed again. */
  hash: string;
  meta: DocumentMeta;
  text: string;
  pages?: PageSpan[];
  warnings?: string[];
}

export interface Manifest {
  format: 1;
  builtAt: string;
  /** Which embedder built the vectors, e.g. "hashing-v1:512" or "openai:text-embedding-3-small". */
  embeddings: string;
  dimensions: number;
  /** The chunking rules that made the chunks (`CHUNKER_VERSION`); absent in indexes built before it was recorded. */
  chunker?: number;
  documents: number;
  chunks: number;
  corpusDir: string;
}

export interface IndexData {
  manifest: Manifest;
  documents: StoredDocument[];
  chunks: Chunk[];
  /** One vector per chunk, same order. */
  vectors: number[][];
  /** Targets, deadlines, responsibilities and references read at ingest (`facts.json`; absent in older versions). */
  facts?: Fact[];
}

export interface LoadedIndexData extends Omit<IndexData, 'vectors'> {
  version: string;
  hnsw: hnswlib.HierarchicalNSW;
}

const CURRENT = 'CURRENT';

/** An HNSW graph (cosine) over the vectors, labels = chunk positions. */
export function buildHnsw(data: Pick<IndexData, 'manifest' | 'vectors'>): hnswlib.HierarchicalNSW {
  const hnsw = new hnswlib.HierarchicalNSW('cosine', data.manifest.dimensions);
  hnsw.initIndex(Math.max(1, data.vectors.length), 16, 200, 100);
  data.vectors.forEach((v, i) => hnsw.addPoint(v, i));
  return hnsw;
}

/** The version folder name `CURRENT` points at, or undefined when there is no index yet. */
export async function currentVersion(indexDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(path.join(indexDir, CURRENT), 'utf8')).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** True when a complete index exists in `indexDir`. */
export async function hasIndex(indexDir: string): Promise<boolean> {
  const version = await currentVersion(indexDir);
  return !!version && existsSync(path.join(indexDir, 'versions', version, 'manifest.json'));
}

/**
 * Writes a new version and switches `CURRENT` to it; keeps the previous version, removes older ones.
 * @returns the new version's name
 */
export async function writeIndex(indexDir: string, data: IndexData): Promise<string> {
  const versions = path.join(indexDir, 'versions');
  await mkdir(versions, { recursive: true });
  const name = `${data.manifest.builtAt.replace(/[:.]/g, '-')}-${process.pid}`;
  const tmp = path.join(versions, `${name}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  await writeFile(path.join(tmp, 'documents.json'), JSON.stringify(data.documents));
  await writeFile(path.join(tmp, 'chunks.json'), JSON.stringify(data.chunks));
  if (data.facts) await writeFile(path.join(tmp, 'facts.json'), JSON.stringify(data.facts));
  const hnsw = buildHnsw(data);
  await hnsw.writeIndex(path.join(tmp, 'vectors.hnsw'));
  // The manifest is written last: a folder without it is never served.
  await writeFile(path.join(tmp, 'manifest.json'), JSON.stringify(data.manifest, null, 2));
  await rename(tmp, path.join(versions, name));
  const previous = await currentVersion(indexDir);
  const pointerTmp = path.join(indexDir, `${CURRENT}.${process.pid}.tmp`);
  await writeFile(pointerTmp, name);
  await rename(pointerTmp, path.join(indexDir, CURRENT));
  for (const entry of await readdir(versions)) {
    if (entry !== name && entry !== previous) await rm(path.join(versions, entry), { recursive: true, force: true });
  }
  return name;
}

/**
 * Reads the version `CURRENT` points at.
 * @throws AppError INDEX_NOT_READY when there is none, INDEX_CORRUPT when it cannot be read
 */
export async function readIndex(indexDir: string): Promise<LoadedIndexData> {
  const version = await currentVersion(indexDir);
  if (!version) throw new AppError('INDEX_NOT_READY', `Chưa có chỉ mục trong ${indexDir}.`);
  const dir = path.join(indexDir, 'versions', version);
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const documents = JSON.parse(await readFile(path.join(dir, 'documents.json'), 'utf8')) as StoredDocument[];
    const chunks = JSON.parse(await readFile(path.join(dir, 'chunks.json'), 'utf8')) as Chunk[];
    // Versions built before the facts registry have no facts.json: the engine reads the facts from the text then.
    const factsFile = path.join(dir, 'facts.json');
    const facts = existsSync(factsFile) ? (JSON.parse(await readFile(factsFile, 'utf8')) as Fact[]) : undefined;
    const hnsw = new hnswlib.HierarchicalNSW('cosine', manifest.dimensions);
    await hnsw.readIndex(path.join(dir, 'vectors.hnsw'));
    hnsw.setEf(Math.max(64, Math.min(400, chunks.length)));
    return { version, manifest, documents, chunks, hnsw, facts };
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `Phiên bản ${version}.`, { cause: error });
  }
}
