/**
 * Ingestion: a folder of documents → a new index version. Files are read by the loaders, cut into chunks and
 * embedded; unchanged files (same content hash, same embedder) reuse the previous version's text, chunks and
 * vectors (and their facts, when the code is unchanged too). An unchanged corpus read by unchanged code (same files
 * and hashes, same `sourceFingerprint`) makes a version of the previous version's files as they are (hard links);
 * files only added, changed or removed, read by unchanged code, make a version patched from the previous one
 * (`incremental.ts`): only the files added or changed are read, tokenised and embedded. A file that cannot be read
 * is reported with its reason and skipped. The new version is switched in only when complete, and a lock keeps two
 * ingests from running at once.
 *
 * Never a worse index: a run that would leave no document, or drop most of those served (an empty or unmounted
 * folder, every file skipped, MAX_FILE_MB=0), keeps the old index and fails with INGEST_SHRINK unless `allowShrink`.
 * With a `budget`, each new file is read in a sandbox child (`sandbox.ts`): no single file can sink the ingest.
 */
import { createHash } from 'node:crypto';
import { open, readFile, readdir, rm, stat, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { AppError, isAppError } from '../errors.js';
import { CHUNKER_VERSION, chunkDocument, type Chunk } from './chunk.js';
import { SUPPORTED_EXTENSIONS } from './loaders/index.js';
import { buildIndexData } from '../index/build.js';
import { HashingEmbeddings, type EmbeddingsChoice } from '../index/embeddings.js';
import { currentVersion, linkVersion, listVersions, readFileList, readIndex, removeStalePartials, writeIndex, type Manifest, type StoredDocument } from '../index/store.js';
import { sourceFingerprint } from './fingerprint.js';
import { patchBase, previousLabel, readFeaturesEarly, writePatchedVersion } from './incremental.js';
import { AheadWork } from './ahead.js';
import { processFile, type FileOutcome, type FileTask } from './process-file.js';
import { FileSandbox, type FileBudget } from './sandbox.js';
import { fold } from '../text/normalize.js';
import { extractFacts } from '../facts/extract.js';
import { countFacts, type Fact, type FactCounts } from '../facts/types.js';

/** `ignored`: a dot-file or symlink, not read on purpose (reported, but not a failure under --strict). */
export type FileStatus = 'added' | 'changed' | 'unchanged' | 'removed' | 'skipped' | 'ignored';

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
  /** Leftovers of dead ingests removed before this one (`*.partial` folders, pointer temp files). */
  cleaned?: string[];
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
  /** Write the new version even when it drops most documents (or all): the admin confirmed it. */
  allowShrink?: boolean;
  /** Read each new file in a sandbox child under this time and memory budget (the CLI and the server do). */
  budget?: FileBudget;
  /** Called as each file is done (for progress output). */
  onFile?: (report: FileReport, done: number, total: number) => void;
}

/** A stable, readable document id from a corpus-relative path ("NQ 57/Phụ lục.pdf" → "nq-57-phu-luc"). */
export function documentIdOf(relativePath: string): string {
  const withoutExt = relativePath.replace(/\.[^./\\]+$/, '');
  return fold(withoutExt).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'tai-lieu';
}

/** The files of a corpus folder, and the entries not read on purpose (dot-files, symlinks) with their code. */
async function listFiles(dir: string): Promise<{ files: string[]; ignored: { path: string; code: 'INGEST_HIDDEN' | 'INGEST_SYMLINK' }[] }> {
  const files: string[] = [];
  const ignored: { path: string; code: 'INGEST_HIDDEN' | 'INGEST_SYMLINK' }[] = [];
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      // A symlink could lead out of the corpus (or loop); a dot-file is an editor's or a system's, not a document.
      if (entry.isSymbolicLink()) ignored.push({ path: full, code: 'INGEST_SYMLINK' });
      else if (entry.name.startsWith('.')) ignored.push({ path: full, code: 'INGEST_HIDDEN' });
      else if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && !entry.name.endsWith('.meta.json')) files.push(full);
    }
  };
  await walk(dir).catch((error: NodeJS.ErrnoException) => {
    // A missing corpus folder is an empty one: the shrink check below keeps the served index and says why.
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw error;
  });
  return { files: files.sort(), ignored: ignored.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** How many documents the served index holds (its manifest; the newest readable one when CURRENT's is broken). */
async function servedDocuments(indexDir: string): Promise<number | undefined> {
  const current = await currentVersion(indexDir);
  for (const version of [...(current ? [current] : []), ...(await listVersions(indexDir))]) {
    try {
      const manifest = JSON.parse(await readFile(path.join(indexDir, 'versions', version, 'manifest.json'), 'utf8')) as Manifest;
      if (Number.isInteger(manifest.documents)) return manifest.documents;
    } catch {
      // an unreadable manifest: try the next version
    }
  }
  return undefined;
}

/** The start time of a live process (ms since the epoch, Linux /proc), or undefined where it cannot be read. */
function processStartedAt(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (after the parenthesised command, which may hold spaces): start time in clock ticks since boot.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(boot)) return undefined;
    return boot * 1000 + (ticks / 100) * 1000; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Does the lock's PID still belong to the ingest that wrote it? A PID is reused after a reboot or a crash: a process
 * that started after the lock was written cannot be its owner, nor can one on another host name.
 */
function lockHeld(pid: number, writtenAt?: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's — still a live process we must not assume dead.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Only a Node process (npm run ingest, npm start, a test) can be an ingest.
  const command = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return undefined;
    }
  })();
  if (command !== undefined && command !== '' && !/node|tsx|vitest/i.test(command)) return false;
  const started = processStartedAt(pid);
  if (writtenAt !== undefined && started !== undefined && started > writtenAt + 2000) return false;
  return true;
}

/** Takes the ingest lock, or throws INGEST_LOCKED while another live process holds it. */
async function lock(indexDir: string): Promise<() => Promise<void>> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, 'ingest.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const raw = (await readFile(file, 'utf8').catch(() => '')).trim();
      // Older locks hold only the PID.
      let owner: { pid?: number; host?: string; at?: string } = {};
      try {
        owner = raw.startsWith('{') ? JSON.parse(raw) : { pid: Number(raw) };
      } catch {
        owner = {};
      }
      const pid = Number(owner.pid);
      const writtenAt = owner.at ? Date.parse(owner.at) : undefined;
      const sameHost = !owner.host || owner.host === hostname();
      // A lock written on another host (a shared folder) cannot be checked from here: it is left to the admin.
      if (!sameHost || lockHeld(pid, writtenAt)) {
        const since = owner.at ? ` từ ${owner.at}` : '';
        throw new AppError(
          'INGEST_LOCKED',
          `Tiến trình ${pid || '?'}${owner.host ? ` trên máy ${owner.host}` : ''} đang giữ khóa ${file}${since}. ` +
            `Nếu chắc chắn không còn lần lập chỉ mục nào đang chạy (tiến trình đó không phải là npm run ingest hay npm start), hãy xóa khóa: rm "${file}".`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new AppError('INGEST_LOCKED', file);
}

/** Appends in a loop: `push(...items)` overflows the stack past ~100k items (a 45 MB text has 200k+ facts). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Indexes a corpus folder into a new version of `indexDir`. */
export async function ingestCorpus(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const unlock = await lock(options.indexDir);
  const sandbox = options.budget ? new FileSandbox(options.budget) : undefined;
  let ahead: AheadWork | undefined;
  try {
    const cleaned = await removeStalePartials(options.indexDir);
    const { files, ignored } = await listFiles(options.corpusDir);
    const served = await servedDocuments(options.indexDir);
    const source = sourceFingerprint();
    const hashes = new Map<string, string>();
    const hashOf = async (file: string) => {
      let hash = hashes.get(file);
      if (hash === undefined) {
        const bytes = await readFile(file);
        const sidecar = await readFile(`${file}.meta.json`).catch(() => Buffer.alloc(0));
        hashes.set(file, (hash = createHash('sha256').update(bytes).update(sidecar).digest('hex')));
      }
      return hash;
    };
    if (!options.full && source) {
      const same = await unchangedVersion(options, files, source, hashOf);
      if (same) {
        const reports: FileReport[] = [];
        let done = 0;
        const total = files.length + ignored.length;
        for (const r of [...ignoredReports(options.corpusDir, ignored), ...same.reports]) {
          reports.push(r);
          options.onFile?.(r, ++done, total);
        }
        refuseRun(options, reports, same.manifest.documents, served ?? same.manifest.documents, files.length);
        const manifest: Manifest = { ...same.manifest, builtAt: new Date().toISOString(), corpusDir: options.corpusDir };
        const version = await linkVersion(options.indexDir, same.version, manifest);
        return runReport(version, manifest.documents, manifest.chunks, started, reports, cleaned);
      }
    }
    // A file to read: its reader (the sandbox child) starts now and reads the first such file while the previous
    // version is read.
    if (sandbox && !options.full) await readAheadIfReading(options, files, sandbox, hashOf);
    const early = options.full ? undefined : await readFeaturesEarly(options.indexDir, { source, embeddings: options.embeddings });
    const previous = options.full ? undefined : await readIndex(options.indexDir, undefined, { raw: true }).catch(() => undefined);
    const sameEmbedder = previous?.manifest.embeddings === options.embeddings.id;
    const sameChunker = previous?.manifest.chunker === CHUNKER_VERSION;
    const previousByFile = new Map(previous?.documents.map((d) => [d.file, d]) ?? []);
    // Each previous document's chunks (where they start, how many) and facts, found without scanning all of them.
    const previousChunks = new Map<string, { offset: number; count: number }>();
    previous?.chunks.forEach((c, i) => {
      const at = previousChunks.get(c.documentId);
      if (at) at.count++;
      else previousChunks.set(c.documentId, { offset: i, count: 1 });
    });
    // Facts are the extractor's: reused only when the code that read them is this one and the chunks are the same.
    const previousFacts = new Map<string, Fact[]>();
    const sameFacts = !!previous?.facts && !!source && previous.manifest.source === source && sameChunker;
    if (sameFacts) {
      for (const f of previous.facts!) {
        let list = previousFacts.get(f.documentId);
        if (!list) previousFacts.set(f.documentId, (list = []));
        list.push(f);
      }
    }
    // A few files added or removed: the new version is patched from the previous one (incremental.ts).
    const base = await patchBase(options.indexDir, previous, { source, embeddings: options.embeddings, removedChunks: await removedChunks(options, files, previousByFile, previousChunks, hashOf), early });
    // The hashing embedder makes the same vectors again (cheaply): a version built whole is then the one --full makes.
    const reuseGraph = sameEmbedder && sameChunker && !(options.embeddings.embeddings instanceof HashingEmbeddings);
    const reports: FileReport[] = [];
    const documents: StoredDocument[] = [];
    const chunks: Chunk[] = [];
    const facts: Fact[] = [];
    const reuse = new Map<string, number[]>();
    /** Each chunk's position in the previous version, or -1 (a patched version). */
    const from: number[] = [];
    // Features, vectors and the graph of the files read so far, done while the sandbox reads the next file.
    if (!base) ahead = new AheadWork(options.embeddings, reuse, previous?.chunks.length ?? 0, await plannedBytes(files));
    const usedIds = new Set<string>();
    let done = 0;
    const total = files.length + ignored.length;
    const report = (r: FileReport) => {
      reports.push(r);
      options.onFile?.(r, ++done, total);
    };
    for (const r of ignoredReports(options.corpusDir, ignored)) report(r);
    // The last file read gets its features and vectors made while the child still reads its facts: no other file is
    // left for that core to read meanwhile (a corpus of one big file is mostly this).
    const lastReadable = files.findLastIndex((f) => SUPPORTED_EXTENSIONS.includes(path.extname(f).toLowerCase()));
    for (const [k, file] of files.entries()) {
      const relative = path.relative(options.corpusDir, file).split(path.sep).join('/');
      const ext = path.extname(file).toLowerCase();
      if (!SUPPORTED_EXTENSIONS.includes(ext)) {
        report(unsupported(relative, ext));
        continue;
      }
      try {
        const size = (await stat(file)).size;
        if (options.maxFileBytes && size > options.maxFileBytes) {
          throw new AppError('INGEST_TOO_LARGE', `${relative}: ${(size / 1048576).toFixed(1)} MB.`);
        }
        const hash = await hashOf(file);
        const old = previousByFile.get(relative);
        if (old && old.hash === hash && previous) {
          // Chunks made by older rules are made again from the stored text (no loader, no OCR); their vectors too.
          const at = previousChunks.get(old.id) ?? { offset: 0, count: 0 };
          const oldChunks = sameChunker ? previous.chunks.slice(at.offset, at.offset + at.count) : chunkDocument(old.id, old.text, old.pages);
          documents.push(old);
          usedIds.add(old.id);
          append(chunks, oldChunks);
          // patchBase holds only when the chunker is the same: these are the previous chunks.
          if (base) for (let i = 0; i < oldChunks.length; i++) from.push(at.offset + i);
          else if (reuseGraph) oldChunks.forEach((c, i) => reuse.set(c.id, previous.hnsw.getPoint(previousLabel(previous, at.offset + i))));
          // Facts are read again (no model) so that a better extractor applies without --full; by the same code, the
          // same facts: those of the previous version.
          const oldFacts = sameFacts ? (previousFacts.get(old.id) ?? []) : extractFacts(old, oldChunks);
          append(facts, oldFacts);
          ahead?.push(old, oldChunks, size);
          report({ file: relative, status: 'unchanged', chunks: oldChunks.length, facts: countFacts(oldFacts) });
          continue;
        }
        let id = documentIdOf(relative);
        for (let n = 2; usedIds.has(id); n++) id = `${documentIdOf(relative)}-${n}`;
        const task: FileTask = { file, relative, id, hash, maxBytes: options.maxFileBytes };
        let outcome: FileOutcome;
        let early: Chunk[] | undefined;
        if (sandbox) {
          const work = ahead;
          const onRead =
            work && k === lastReadable
              ? (doc: StoredDocument, read: Chunk[]) => {
                  early = read;
                  work.push(doc, read, size);
                  work.drain();
                }
              : undefined;
          const reading = sandbox.run(task, onRead);
          ahead?.drain();
          outcome = await reading;
          if (early && !outcome.ok) ahead?.retract(early);
        } else {
          outcome = await processFile(task);
        }
        if (!outcome.ok) {
          report({ file: relative, status: 'skipped', code: outcome.code, reason: outcome.reason });
          continue;
        }
        usedIds.add(id);
        documents.push(outcome.doc);
        append(chunks, outcome.chunks);
        append(facts, outcome.facts);
        for (let i = 0; i < outcome.chunks.length; i++) from.push(-1);
        if (!early) ahead?.push(outcome.doc, outcome.chunks, size);
        report({ file: relative, status: old ? 'changed' : 'added', chunks: outcome.chunks.length, facts: countFacts(outcome.facts), warnings: outcome.doc.warnings });
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
    refuseRun(options, reports, documents.length, served ?? previous?.documents.length, files.length);
    if (base && source) {
      const patched = await writePatchedVersion(base, { ...options, source, documents, chunks, facts, from: Int32Array.from(from) });
      if (patched) return runReport(patched.version, documents.length, chunks.length, started, reports, cleaned);
      // Not patched after all (see writePatchedVersion): built whole, from the previous graph's vectors where kept.
      if (reuseGraph) from.forEach((c, p) => c >= 0 && reuse.set(chunks[p]!.id, previous!.hnsw.getPoint(previousLabel(previous!, c))));
    }
    const prepared: Partial<ReturnType<AheadWork['finish']>> = ahead?.finish(chunks.length) ?? {};
    const built = await buildIndexData(documents, chunks, options.embeddings, options.corpusDir, reuse, prepared.graph ? { dimensions: prepared.graph.dimensions } : undefined);
    const data = { ...built, manifest: { ...built.manifest, ...(source ? { source } : {}) }, facts };
    const version = await writeIndex(options.indexDir, data, prepared);
    return runReport(version, documents.length, chunks.length, started, reports, cleaned);
  } finally {
    ahead?.stop();
    sandbox?.close();
    await unlock();
  }
}

/** The bytes of the files an ingest goes through (those of a type a loader reads): how many chunks to expect. */
async function plannedBytes(files: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    if (SUPPORTED_EXTENSIONS.includes(path.extname(file).toLowerCase())) bytes += await stat(file).then((s) => s.size, () => 0);
  }
  return bytes;
}

/**
 * Starts the sandbox's child reading the first file that is not in the current version with the same content (it
 * will be read), as the loop below makes its task: the loop takes the outcome when its task is the same (its id is
 * another only when an earlier file has the same id).
 */
async function readAheadIfReading(options: IngestOptions, files: string[], sandbox: FileSandbox, hashOf: (file: string) => Promise<string>): Promise<void> {
  const listed = await readFileList(options.indexDir);
  const known = new Map(listed?.files.map((f) => [f.file, f.hash]) ?? []);
  for (const file of files) {
    const relative = path.relative(options.corpusDir, file).split(path.sep).join('/');
    if (!SUPPORTED_EXTENSIONS.includes(path.extname(file).toLowerCase())) continue;
    const hash = await hashOf(file).catch(() => undefined);
    if (hash === undefined) {
      sandbox.warm();
      return;
    }
    if (known.get(relative) !== hash) {
      sandbox.readAhead({ file, relative, id: documentIdOf(relative), hash, maxBytes: options.maxFileBytes });
      return;
    }
  }
}

/** How many of the previous version's chunks belong to documents whose file is gone or changed. */
async function removedChunks(
  options: IngestOptions,
  files: string[],
  previousByFile: ReadonlyMap<string, StoredDocument>,
  previousChunks: ReadonlyMap<string, { count: number }>,
  hashOf: (file: string) => Promise<string>,
): Promise<number> {
  const kept = new Set<string>();
  for (const file of files) {
    const relative = path.relative(options.corpusDir, file).split(path.sep).join('/');
    const old = previousByFile.get(relative);
    if (old && (await hashOf(file).catch(() => undefined)) === old.hash) kept.add(old.id);
  }
  let removed = 0;
  for (const doc of previousByFile.values()) if (!kept.has(doc.id)) removed += previousChunks.get(doc.id)?.count ?? 0;
  return removed;
}

/** The report of a file of a type no loader reads. */
function unsupported(file: string, ext: string): FileReport {
  return { file, status: 'skipped', code: 'INGEST_UNSUPPORTED', reason: `Định dạng ${ext || '(không có đuôi)'} không được hỗ trợ.` };
}

/** The reports of entries not read on purpose (dot-files, symlinks). */
function ignoredReports(corpusDir: string, ignored: { path: string; code: 'INGEST_HIDDEN' | 'INGEST_SYMLINK' }[]): FileReport[] {
  return ignored.map((entry) => {
    const relative = path.relative(corpusDir, entry.path).split(path.sep).join('/');
    return { file: relative, status: 'ignored', code: entry.code, reason: new AppError(entry.code).message };
  });
}

/**
 * The current version, when this ingest would make it again as it is: written by this code (`source`) with this
 * embedder and chunker, and the corpus's readable files are those it read, in order, with the same hashes (a file
 * of an unsupported type is reported skipped, as always). Anything else — a file added, changed, removed, too large
 * or unreadable before, a version without a file list — is undefined: the ingest reads the corpus as before.
 */
async function unchangedVersion(
  options: IngestOptions,
  files: string[],
  source: string,
  hashOf: (file: string) => Promise<string>,
): Promise<{ version: string; manifest: Manifest; reports: FileReport[] } | undefined> {
  const listed = await readFileList(options.indexDir);
  if (!listed) return undefined;
  const { manifest } = listed;
  if (manifest.source !== source || manifest.embeddings !== options.embeddings.id || manifest.chunker !== CHUNKER_VERSION) return undefined;
  const reports: FileReport[] = [];
  let k = 0;
  for (const file of files) {
    const relative = path.relative(options.corpusDir, file).split(path.sep).join('/');
    const ext = path.extname(file).toLowerCase();
    if (!SUPPORTED_EXTENSIONS.includes(ext)) {
      reports.push(unsupported(relative, ext));
      continue;
    }
    const was = listed.files[k++];
    if (!was || was.file !== relative) return undefined;
    const size = await stat(file).then((s) => s.size, () => undefined);
    if (size === undefined || (options.maxFileBytes && size > options.maxFileBytes)) return undefined;
    if ((await hashOf(file).catch(() => undefined)) !== was.hash) return undefined;
    reports.push({ file: relative, status: 'unchanged', chunks: was.chunks, facts: was.facts });
  }
  if (k !== listed.files.length) return undefined;
  return { version: listed.version, manifest, reports };
}

/**
 * Why a new version would be worse than the one served, or undefined: no document at all, or fewer than half of the
 * documents served (when at least 3 are).
 */
/**
 * Stops a run that must not publish its version: a skipped file under `--strict`, or a corpus that shrank without
 * `--allow-shrink` (see shrinkProblem).
 */
function refuseRun(options: IngestOptions, reports: FileReport[], documents: number, served: number | undefined, files: number): void {
  const skipped = reports.filter((r) => r.status === 'skipped');
  if (options.strict && skipped.length) {
    throw new AppError('INGEST_STRICT', skipped.map((r) => `${r.file} (${r.code}: ${r.reason})`).join('; '));
  }
  const shrink = shrinkProblem(documents, served, files, skipped.length, options.corpusDir);
  if (shrink && !options.allowShrink) throw new AppError('INGEST_SHRINK', shrink);
}

/** What a run reports, whichever way its version was made. */
function runReport(version: string, documents: number, chunks: number, started: number, files: FileReport[], cleaned: string[]): IngestReport {
  return { version, documents, chunks, seconds: (performance.now() - started) / 1000, files, ...(cleaned.length ? { cleaned } : {}) };
}

function shrinkProblem(documents: number, served: number | undefined, files: number, skipped: number, corpusDir: string): string | undefined {
  const why = files === 0 ? `thư mục ${corpusDir} trống hoặc chưa được gắn (mount)` : `${skipped}/${files} tệp bị bỏ qua`;
  if (documents === 0) return `Không còn văn bản nào (${why})${served ? `; chỉ mục đang phục vụ có ${served} văn bản` : ''}.`;
  if (served !== undefined && served >= 3 && documents < served / 2) {
    return `Chỉ còn ${documents} văn bản so với ${served} đang phục vụ (${why}).`;
  }
  return undefined;
}
