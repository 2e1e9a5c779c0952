/**
 * Ingestion: a folder of documents → a new index version. Files are read by the loaders, cut into chunks and
 * embedded; unchanged files (same content hash, same embedder) reuse the previous version's text, chunks and
 * vectors. A file that cannot be read is reported with its reason and skipped. The new version is switched in only
 * when complete, and a lock keeps two ingests from running at once.
 */
import { createHash } from 'node:crypto';
import { open, readFile, readdir, rm, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../errors.js';
import { CHUNKER_VERSION, chunkDocument, type Chunk } from './chunk.js';
import { loadFile, SUPPORTED_EXTENSIONS } from './loaders/index.js';
import { buildIndexData } from '../index/build.js';
import type { EmbeddingsChoice } from '../index/embeddings.js';
import { readIndex, writeIndex, type StoredDocument } from '../index/store.js';
import { fold } from '../text/normalize.js';
import { extractFacts } from '../facts/extract.js';
import { countFacts, type Fact, type FactCounts } from '../facts/types.js';

export type FileStatus = 'added' | 'changed' | 'unchanged' | 'removed' | 'skipped';

export interface FileReport {
  file: string;
  status: FileStatus;
  chunks?: number;
  /** Facts read from the document, by kind. */
  facts?: FactCounts;
  /** Why a file was skipped (Vietnamese), with its stable code. */
  code?: string;
  reason?: string;
  warnings?: string[];
}

export interface IngestReport {
  version: string;
  documents: number;
  chunks: number;
  seconds: number;
  files: FileReport[];
}

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: EmbeddingsChoice;
  /** Re-read every file even when unchanged. */
  full?: boolean;
  maxFileBytes?: number;
  /** Any skipped file is an error: nothing is written and the previous index stays (for automation). */
  strict?: boolean;
  /** Called as each file is done (for progress output). */
  onFile?: (report: FileReport, done: number, total: number) => void;
}

/** A stable, readable document id from a corpus-relative path ("NQ 57/Phụ lục.pdf" → "nq-57-phu-luc"). */
export function documentIdOf(relativePath: string): string {
  const withoutExt = relativePath.replace(/\.[^./\\]+$/, '');
  return fold(withoutExt).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'tai-lieu';
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && !entry.name.endsWith('.meta.json')) out.push(full);
    }
  };
  await walk(dir);
  return out.sort();
}

/** Takes the ingest lock, or throws INGEST_LOCKED while another live process holds it. */
async function lock(indexDir: string): Promise<() => Promise<void>> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, 'ingest.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      let alive = false;
      try {
        if (pid) process.kill(pid, 0);
        alive = pid > 0;
      } catch {
        alive = false;
      }
      if (alive) throw new AppError('INGEST_LOCKED', `Tiến trình ${pid} đang giữ khóa ${file}.`);
      await rm(file, { force: true });
    }
  }
  throw new AppError('INGEST_LOCKED', file);
}

/** Indexes a corpus folder into a new version of `indexDir`. */
export async function ingestCorpus(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const unlock = await lock(options.indexDir);
  try {
    const files = await listFiles(options.corpusDir);
    const previous = options.full ? undefined : await readIndex(options.indexDir).catch(() => undefined);
    const sameEmbedder = previous?.manifest.embeddings === options.embeddings.id;
    const sameChunker = previous?.manifest.chunker === CHUNKER_VERSION;
    const previousByFile = new Map(previous?.documents.map((d) => [d.file, d]) ?? []);
    const reports: FileReport[] = [];
    const documents: StoredDocument[] = [];
    const chunks: Chunk[] = [];
    const facts: Fact[] = [];
    const reuse = new Map<string, number[]>();
    const usedIds = new Set<string>();
    let done = 0;
    const report = (r: FileReport) => {
      reports.push(r);
      options.onFile?.(r, ++done, files.length);
    };
    for (const file of files) {
      const relative = path.relative(options.corpusDir, file).split(path.sep).join('/');
      const ext = path.extname(file).toLowerCase();
      if (!SUPPORTED_EXTENSIONS.includes(ext)) {
        report({ file: relative, status: 'skipped', code: 'INGEST_UNSUPPORTED', reason: `Định dạng ${ext || '(không có đuôi)'} không được hỗ trợ.` });
        continue;
      }
      try {
        const size = (await stat(file)).size;
        if (options.maxFileBytes && size > options.maxFileBytes) {
          throw new AppError('INGEST_TOO_LARGE', `${relative}: ${(size / 1048576).toFixed(1)} MB.`);
        }
        const bytes = await readFile(file);
        const sidecar = await readFile(`${file}.meta.json`).catch(() => Buffer.alloc(0));
        const hash = createHash('sha256').update(bytes).update(sidecar).digest('hex');
        const old = previousByFile.get(relative);
        if (old && old.hash === hash && previous) {
          // Chunks made by older rules are made again from the stored text (no loader, no OCR); their vectors too.
          const oldChunks = sameChunker ? previous.chunks.filter((c) => c.documentId === old.id) : chunkDocument(old.id, old.text, old.pages);
          documents.push(old);
          usedIds.add(old.id);
          chunks.push(...oldChunks);
          if (sameEmbedder && sameChunker) {
            const offset = previous.chunks.findIndex((c) => c.documentId === old.id);
            oldChunks.forEach((c, i) => reuse.set(c.id, previous.hnsw.getPoint(offset + i)));
          }
          // Facts are read again (cheap, no model) so that a better extractor applies without --full.
          const oldFacts = extractFacts(old, oldChunks);
          facts.push(...oldFacts);
          report({ file: relative, status: 'unchanged', chunks: oldChunks.length, facts: countFacts(oldFacts) });
          continue;
        }
        const loaded = await loadFile(file, { maxBytes: options.maxFileBytes });
        let id = documentIdOf(relative);
        for (let n = 2; usedIds.has(id); n++) id = `${documentIdOf(relative)}-${n}`;
        usedIds.add(id);
        const doc: StoredDocument = {
          id,
          file: relative,
          hash,
          meta: { ...loaded.meta, title: loaded.meta.title || path.basename(file, ext) },
          text: loaded.text,
          pages: loaded.pages,
          warnings: loaded.warnings,
        };
        const docChunks = chunkDocument(id, loaded.text, loaded.pages);
        const docFacts = extractFacts(doc, docChunks);
        documents.push(doc);
        chunks.push(...docChunks);
        facts.push(...docFacts);
        report({ file: relative, status: old ? 'changed' : 'added', chunks: docChunks.length, facts: countFacts(docFacts), warnings: loaded.warnings });
      } catch (error) {
        const code = isAppError(error) ? error.code : 'INGEST_UNREADABLE';
        const reason = isAppError(error) ? error.message : `Không đọc được tệp: ${(error as Error).message}`;
        report({ file: relative, status: 'skipped', code, reason });
      }
    }
    const present = new Set(documents.map((d) => d.file));
    for (const old of previous?.documents ?? []) {
      if (!present.has(old.file)) reports.push({ file: old.file, status: 'removed' });
    }
    const skipped = reports.filter((r) => r.status === 'skipped');
    if (options.strict && skipped.length) {
      throw new AppError('INGEST_STRICT', skipped.map((r) => `${r.file} (${r.code}: ${r.reason})`).join('; '));
    }
    const data = { ...(await buildIndexData(documents, chunks, options.embeddings, options.corpusDir, reuse)), facts };
    const version = await writeIndex(options.indexDir, data);
    return {
      version,
      documents: documents.length,
      chunks: chunks.length,
      seconds: (performance.now() - started) / 1000,
      files: reports,
    };
  } finally {
    await unlock();
  }
}
