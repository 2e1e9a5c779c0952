/**
 * The index on disk. Each build is a version folder `versions/<id>/` holding manifest, documents, chunks, the
 * HNSW vectors and the chunks' BM25 postings and features (features.ts); the file `CURRENT` names the version being served and is replaced atomically (write, then rename)
 * only after the version is complete. An interrupted build leaves `CURRENT` — and so the served index — untouched.
 * Every file and folder is fsync'd before `CURRENT` is switched, so a power cut cannot leave `CURRENT` naming a
 * version whose files are still in the page cache; `*.partial` folders of dead ingests are removed by the next one.
 */
import { copyFile, link, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import type { Chunk } from '../ingest/chunk.js';
import type { DocumentMeta, PageSpan } from '../ingest/types.js';
import { countFacts, type Fact, type FactCounts } from '../facts/types.js';
import { AppError } from '../errors.js';
import { computeTextFeatures, writeTextFeatures, type SavedFeatures, type TextFeatures } from './features.js';
import { LABELS_FILE, labelProblem, readLabels, type GraphLabels } from './graph.js';
import { rawItems, type RawItems } from './raw-json.js';

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
  /** Abbreviations the text defines, read at ingest (`definedAbbreviations`); absent in older versions. */
  abbreviations?: Array<[string, string]>;
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
  /** The fingerprint of the code that built the version (`sourceFingerprint`); absent in older versions. */
  source?: string;
}

/** One document's file as a version saw it (`files.json`): what an unchanged corpus is checked against. */
export interface VersionFile {
  file: string;
  id: string;
  hash: string;
  chunks: number;
  facts: FactCounts;
}

/** `files.json`: the version's files in document order, and the size of each of its other files. */
interface FileList {
  files: VersionFile[];
  sizes: Record<string, number>;
}

export interface IndexData {
  manifest: Manifest;
  documents: StoredDocument[];
  chunks: Chunk[];
  /** One vector per chunk, same order; none when the graph was built from vectors streamed to it (`writeIndex`'s `prepared.graph`). */
  vectors: number[][];
  /** Targets, deadlines, responsibilities and references read at ingest (`facts.json`; absent in older versions). */
  facts?: Fact[];
}

export interface LoadedIndexData extends Omit<IndexData, 'vectors'> {
  version: string;
  hnsw: hnswlib.HierarchicalNSW;
  /** The graph's label of each chunk position, when they are not the positions (a patched version, graph.ts). */
  labels?: GraphLabels;
  /** The bytes of each document and chunk as written, when asked for (an ingest patching this version). */
  raw?: { documents: RawItems; chunks: RawItems };
}

const CURRENT = 'CURRENT';

/**
 * Above this many chunks the graph is built with a smaller candidate list (efConstruction 64 instead of 200): building
 * dominated the ingest of big files (56k chunks of a 45 MB text: 107 s -> 49 s of CPU) while search, at ef 400, still
 * finds 0.955 of the exact top 10 on that index. Every index up to it (the shared corpus, ALQAC's 5,485 chunks) is
 * built exactly as before.
 */
export const LARGE_INDEX_CHUNKS = 20_000;

/** The graph's parameters for this many points: M, efConstruction and the seed of its levels. */
export function hnswParams(count: number): { m: number; efConstruction: number; seed: number } {
  return { m: 16, efConstruction: count > LARGE_INDEX_CHUNKS ? 64 : 200, seed: 100 };
}

/** An HNSW graph (cosine) over the vectors, labels = chunk positions. */
export function buildHnsw(data: Pick<IndexData, 'manifest' | 'vectors'>): hnswlib.HierarchicalNSW {
  const hnsw = new hnswlib.HierarchicalNSW('cosine', data.manifest.dimensions);
  const { m, efConstruction, seed } = hnswParams(data.vectors.length);
  hnsw.initIndex(Math.max(1, data.vectors.length), m, efConstruction, seed);
  data.vectors.forEach((v, i) => hnsw.addPoint(v, i));
  return hnsw;
}

const HNSW_WORKER = new URL('./hnsw-worker.mjs', import.meta.url);

/**
 * The graph of `buildHnsw`, built in a worker thread from vectors sent as they are ready (the same points in the same
 * order and the same parameters: the same file), leaving this thread free meanwhile. Vectors go over as Float32Arrays
 * (what the graph stores anyway), transferred, not copied.
 */
export class HnswStream {
  readonly efConstruction: number;
  private readonly worker: Worker;
  /** Set to cancel: the worker stops between points and leaves on its own. */
  private readonly stop: Int32Array;
  private sent = 0;
  private failure?: Error;

  /** @param expected how many points the graph will hold, or a guess (it grows) */
  constructor(
    readonly dimensions: number,
    expected: number,
    efConstruction = hnswParams(expected).efConstruction,
  ) {
    this.efConstruction = efConstruction;
    const { m, seed } = hnswParams(expected);
    this.stop = new Int32Array(new SharedArrayBuffer(4));
    this.worker = new Worker(HNSW_WORKER, { workerData: { dimensions, m, efConstruction, seed, capacity: expected, stop: this.stop } });
    this.worker.on('error', (error) => (this.failure ??= error));
    this.worker.on('exit', (code) => (this.failure ??= new Error(`HNSW worker exited with code ${code}`)));
  }

  /** Points sent so far. */
  get count(): number {
    return this.sent;
  }

  /** True when a graph of `count` points is built with this stream's parameters. */
  fits(count: number): boolean {
    return hnswParams(count).efConstruction === this.efConstruction;
  }

  /** Sends the next points (labels go on from the last one sent). */
  add(vectors: readonly (readonly number[])[]): void {
    if (!vectors.length) return;
    const flat = new Float32Array(vectors.length * this.dimensions);
    vectors.forEach((v, i) => flat.set(v, i * this.dimensions));
    this.worker.postMessage({ vectors: flat }, [flat.buffer]);
    this.sent += vectors.length;
  }

  /** Writes the graph of every point sent to `file`, then stops the worker. */
  finish(file: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const fail = (error: Error) => reject(error);
      this.worker.once('error', fail);
      this.worker.once('exit', () => reject(this.failure ?? new Error('HNSW worker stopped')));
      this.worker.on('message', (message: { done?: number; error?: string }) => {
        if (message.error !== undefined) reject(new Error(message.error));
        else if (message.done !== undefined) resolve();
      });
      this.worker.postMessage({ file });
    }).finally(() => this.cancel());
  }

  /**
   * Stops the worker (what it built is dropped). It is asked to leave, never terminated: terminating a thread while
   * the addon adds a point aborts the process.
   */
  cancel(): void {
    Atomics.store(this.stop, 0, 1);
    this.worker.postMessage({ stop: true });
    this.worker.unref();
  }
}

/** Builds the graph of `buildHnsw` in a worker thread and writes it to `file`. */
export function writeHnsw(file: string, data: Pick<IndexData, 'manifest' | 'vectors'>): { done: Promise<void>; cancel: () => void } {
  const stream = new HnswStream(data.manifest.dimensions, data.vectors.length);
  stream.add(data.vectors);
  const done = stream.finish(file);
  // Awaited by the caller; a failure before that (the other files) must not leave it unhandled.
  done.catch(() => undefined);
  return { done, cancel: () => stream.cancel() };
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

/** Writes a file and flushes it to the disk. */
async function writeDurable(file: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a file (or a folder's entries) written by someone else to the disk. */
async function syncPath(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory (EINVAL, EISDIR); the data files were flushed already.
    if (!['EINVAL', 'EISDIR', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Removes `*.partial` version folders and `CURRENT.*.tmp` files left by ingests that died. Only called by the holder of
 * the ingest lock, so none of them belongs to a live ingest.
 * @returns the names removed
 */
export async function removeStalePartials(indexDir: string): Promise<string[]> {
  const removed: string[] = [];
  const versions = path.join(indexDir, 'versions');
  for (const entry of await readdir(versions).catch(() => [] as string[])) {
    if (!entry.endsWith('.partial')) continue;
    await rm(path.join(versions, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  for (const entry of await readdir(indexDir).catch(() => [] as string[])) {
    if (/^CURRENT\..*\.tmp$/.test(entry)) {
      await rm(path.join(indexDir, entry), { force: true });
      removed.push(entry);
    }
  }
  return removed;
}

/** Complete version folders (a manifest, no `.partial`), newest first. */
export async function listVersions(indexDir: string): Promise<string[]> {
  const versions = path.join(indexDir, 'versions');
  const names = await readdir(versions).catch(() => [] as string[]);
  return names
    .filter((n) => !n.endsWith('.partial') && existsSync(path.join(versions, n, 'manifest.json')))
    .sort()
    .reverse();
}

/**
 * Writes a new version and switches `CURRENT` to it; keeps the previous version, removes older ones.
 * @returns the new version's name
 */
export async function writeIndex(
  indexDir: string,
  data: IndexData,
  prepared: {
    /** The chunks' features, read as the ingest went and completed when called (else, or when undefined, read here). */
    features?: () => TextFeatures | undefined;
    /** A graph streamed with every vector of `data`, in order, with the parameters of their count (else built here). */
    graph?: HnswStream;
    /** The previous version's graph patched (graph.ts), with its label map: written as it is. */
    patched?: { hnsw: hnswlib.HierarchicalNSW; labels?: GraphLabels };
    /** Features patched from the previous version's (patch.ts). */
    saved?: SavedFeatures;
    /** The bytes of `documents.json` and `chunks.json`, joined from the previous version's (raw-json.ts). */
    bytes?: { documents: Uint8Array; chunks: Uint8Array };
  } = {},
): Promise<string> {
  const versions = path.join(indexDir, 'versions');
  await mkdir(versions, { recursive: true });
  const name = `${data.manifest.builtAt.replace(/[:.]/g, '-')}-${process.pid}`;
  const tmp = path.join(versions, `${name}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  // The graph is built on the other core while this thread writes the other files.
  const graphFile = path.join(tmp, 'vectors.hnsw');
  const graph = prepared.patched
    ? { done: prepared.patched.hnsw.writeIndex(graphFile).then(() => undefined), cancel: () => undefined }
    : prepared.graph
      ? { done: prepared.graph.finish(graphFile), cancel: () => prepared.graph!.cancel() }
      : writeHnsw(graphFile, data);
  graph.done.catch(() => undefined);
  // The files are written and flushed side by side, while this thread goes on to the next one's contents.
  const writes: Promise<void>[] = [];
  const write = (file: string, content: string | Uint8Array): Promise<void> => {
    const done = writeDurable(file, content);
    done.catch(() => undefined);
    writes.push(done);
    return Promise.resolve();
  };
  try {
    await write(path.join(tmp, 'documents.json'), prepared.bytes?.documents ?? JSON.stringify(data.documents));
    await write(path.join(tmp, 'chunks.json'), prepared.bytes?.chunks ?? JSON.stringify(data.chunks));
    if (data.facts) await write(path.join(tmp, 'facts.json'), JSON.stringify(data.facts));
    // The chunks' terms as BM25 postings, years and heading terms: a server loads them instead of tokenising the corpus.
    const features = prepared.saved ?? prepared.features?.() ?? computeTextFeatures(new Map(data.documents.map((d) => [d.id, d])), data.chunks);
    await writeTextFeatures(tmp, features, write);
    if (prepared.patched?.labels) await write(path.join(tmp, LABELS_FILE), JSON.stringify(prepared.patched.labels));
    await Promise.all(writes);
  } catch (error) {
    graph.cancel();
    await Promise.allSettled(writes);
    throw error;
  }
  await graph.done;
  await syncPath(graphFile);
  await writeDurable(path.join(tmp, FILE_LIST), JSON.stringify(await fileListOf(tmp, data)));
  // The manifest is written last: a folder without it is never served.
  await writeDurable(path.join(tmp, 'manifest.json'), JSON.stringify(data.manifest, null, 2));
  return publish(indexDir, tmp, name);
}

const FILE_LIST = 'files.json';

/** The file list of a version being written in `dir` (every other file already there). */
async function fileListOf(dir: string, data: IndexData): Promise<FileList> {
  const chunks = new Map<string, number>();
  for (const c of data.chunks) chunks.set(c.documentId, (chunks.get(c.documentId) ?? 0) + 1);
  const facts = new Map<string, Fact[]>();
  for (const f of data.facts ?? []) {
    let list = facts.get(f.documentId);
    if (!list) facts.set(f.documentId, (list = []));
    list.push(f);
  }
  const sizes: Record<string, number> = {};
  for (const entry of (await readdir(dir)).sort()) sizes[entry] = (await stat(path.join(dir, entry))).size;
  return {
    files: data.documents.map((d) => ({ file: d.file, id: d.id, hash: d.hash, chunks: chunks.get(d.id) ?? 0, facts: countFacts(facts.get(d.id) ?? []) })),
    sizes,
  };
}

/**
 * The current version's manifest and file list, when it has one (versions written before it do not) and its files
 * are all there with the sizes written; else undefined.
 */
export async function readFileList(indexDir: string): Promise<{ version: string; manifest: Manifest; files: VersionFile[] } | undefined> {
  const version = await currentVersion(indexDir);
  if (!version) return undefined;
  const dir = path.join(indexDir, 'versions', version);
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const list = JSON.parse(await readFile(path.join(dir, FILE_LIST), 'utf8')) as FileList;
    if (!Array.isArray(list.files) || list.files.length !== manifest.documents) return undefined;
    if (list.files.reduce((n, f) => n + f.chunks, 0) !== manifest.chunks) return undefined;
    for (const [entry, size] of Object.entries(list.sizes)) {
      if ((await stat(path.join(dir, entry))).size !== size) return undefined;
    }
    return { version, manifest, files: list.files };
  } catch {
    return undefined;
  }
}

/**
 * Writes a new version made of the files of version `from` (hard links, or copies where the file system has none)
 * with a new manifest, and switches `CURRENT` to it: an ingest of an unchanged corpus by unchanged code.
 * @returns the new version's name
 */
export async function linkVersion(indexDir: string, from: string, manifest: Manifest): Promise<string> {
  const versions = path.join(indexDir, 'versions');
  const source = path.join(versions, from);
  const name = `${manifest.builtAt.replace(/[:.]/g, '-')}-${process.pid}`;
  const tmp = path.join(versions, `${name}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  for (const entry of await readdir(source)) {
    if (entry === 'manifest.json') continue;
    await link(path.join(source, entry), path.join(tmp, entry)).catch(async () => {
      await copyFile(path.join(source, entry), path.join(tmp, entry));
      await syncPath(path.join(tmp, entry));
    });
  }
  await writeDurable(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return publish(indexDir, tmp, name);
}

/** Renames a complete `tmp` folder to version `name`, switches `CURRENT` to it, keeps the previous version only. */
async function publish(indexDir: string, tmp: string, name: string): Promise<string> {
  const versions = path.join(indexDir, 'versions');
  await syncPath(tmp);
  await rename(tmp, path.join(versions, name));
  await syncPath(versions);
  const previous = await currentVersion(indexDir);
  const pointerTmp = path.join(indexDir, `${CURRENT}.${process.pid}.tmp`);
  await writeDurable(pointerTmp, name);
  await rename(pointerTmp, path.join(indexDir, CURRENT));
  await syncPath(indexDir);
  for (const entry of await readdir(versions)) {
    if (entry !== name && entry !== previous) await rm(path.join(versions, entry), { recursive: true, force: true });
  }
  return name;
}

/** Why a version's files disagree with each other, or undefined when they agree. */
function inconsistency(data: Omit<LoadedIndexData, 'version'>): string | undefined {
  const { manifest, documents, chunks, hnsw, labels } = data;
  if (manifest.documents !== documents.length) return `manifest ghi ${manifest.documents} văn bản, tệp có ${documents.length}`;
  if (manifest.chunks !== chunks.length) return `manifest ghi ${manifest.chunks} đoạn, tệp có ${chunks.length}`;
  if (documents.length > 0 && chunks.length === 0) return `${documents.length} văn bản mà 0 đoạn`;
  if (labels) {
    const problem = labelProblem(labels, hnsw.getCurrentCount(), chunks.length);
    if (problem) return problem;
  } else if (chunks.length > 0 && hnsw.getCurrentCount() !== chunks.length) return `${hnsw.getCurrentCount()} vectơ cho ${chunks.length} đoạn`;
  const ids = new Set(documents.map((d) => d.id));
  const orphan = chunks.find((c) => !ids.has(c.documentId));
  if (orphan) return `đoạn ${orphan.id} thuộc văn bản không có (${orphan.documentId})`;
  return undefined;
}

/**
 * Makes the chunks' strings share memory with the documents' and with each other, values unchanged: a chunk's text
 * (exactly `document.text.slice(start, end)`) becomes that slice, which V8 keeps as a view of the document's text
 * rather than a copy (Vietnamese text is held as two-byte strings: at 110k chunks the copies were about 0.1–0.2 GB of
 * live heap), and equal document ids, section labels and headings become one string each.
 */
function shareStrings(documents: readonly StoredDocument[], chunks: Chunk[]): void {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const seen = new Map<string, string>();
  const one = (s: string): string => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
  for (const chunk of chunks) {
    const doc = byId.get(chunk.documentId);
    if (!doc) continue;
    chunk.documentId = doc.id;
    const slice = doc.text.slice(chunk.start, chunk.end);
    if (slice === chunk.text) chunk.text = slice;
    for (let i = 0; i < chunk.section.length; i++) chunk.section[i] = one(chunk.section[i]!);
    if (chunk.heading !== undefined) chunk.heading = one(chunk.heading);
  }
}

/**
 * Reads the version `CURRENT` points at (or `name`).
 * @throws AppError INDEX_NOT_READY when there is none, INDEX_CORRUPT when it cannot be read or its files disagree
 */
export async function readIndex(indexDir: string, name?: string, options: { raw?: boolean } = {}): Promise<LoadedIndexData> {
  const version = name ?? (await currentVersion(indexDir));
  if (!version) throw new AppError('INDEX_NOT_READY', `Chưa có chỉ mục trong ${indexDir}.`);
  const dir = path.join(indexDir, 'versions', version);
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    // The graph is read by the addon on another thread while this one parses the JSON files.
    const hnsw = new hnswlib.HierarchicalNSW('cosine', manifest.dimensions);
    const graphRead = hnsw.readIndex(path.join(dir, 'vectors.hnsw'));
    graphRead.catch(() => undefined);
    const documentBytes = await readFile(path.join(dir, 'documents.json'));
    const chunkBytes = await readFile(path.join(dir, 'chunks.json'));
    const documents = JSON.parse(documentBytes.toString('utf8')) as StoredDocument[];
    const chunks = JSON.parse(chunkBytes.toString('utf8')) as Chunk[];
    shareStrings(documents, chunks);
    // Versions built before the facts registry have no facts.json: the engine reads the facts from the text then.
    const factsFile = path.join(dir, 'facts.json');
    const facts = existsSync(factsFile) ? (JSON.parse(await readFile(factsFile, 'utf8')) as Fact[]) : undefined;
    await graphRead;
    hnsw.setEf(Math.max(64, Math.min(400, chunks.length)));
    const labels = await readLabels(dir);
    const problem = inconsistency({ manifest, documents, chunks, hnsw, facts, labels });
    if (problem) throw new AppError('INDEX_CORRUPT', `Phiên bản ${version}: ${problem}.`);
    const rawDocuments = options.raw ? rawItems(documentBytes, documents.length) : undefined;
    const rawChunks = options.raw ? rawItems(chunkBytes, chunks.length) : undefined;
    const raw = rawDocuments && rawChunks ? { documents: rawDocuments, chunks: rawChunks } : undefined;
    return { version, manifest, documents, chunks, hnsw, facts, ...(labels ? { labels } : {}), ...(raw ? { raw } : {}) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INDEX_CORRUPT', `Phiên bản ${version}.`, { cause: error });
  }
}
