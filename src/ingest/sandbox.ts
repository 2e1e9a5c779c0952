/**
 * Files read under a budget: a child process with a V8 heap limit reads one file at a time (`file-worker.ts`); a file
 * that takes longer than the time budget, or makes the child run out of memory, is reported by name with
 * INGEST_FILE_BUDGET and the next file gets a fresh child. A child process rather than a worker thread because a
 * thread shares the process's native memory (pdf.js, mammoth buffers) and cannot be stopped while a regex runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { AppError } from '../errors.js';
import { printableName } from './loaders/normalize.js';
import type { FileOutcome, FileTask } from './process-file.js';
import type { Chunk } from './chunk.js';
import type { StoredDocument } from '../index/store.js';
import { tsxEntry, workerEntry, type WorkerEntry } from './worker-bundle.js';

export interface FileBudget {
  /** Time to read one file (load + chunks + facts), ms. */
  timeoutMs: number;
  /** V8 heap of the child, MB. */
  memoryMb: number;
  /** Largest XML a DOCX may inflate to, MB. */
  docxMaxXmlMb?: number;
}

/** One child at a time, started on demand and replaced after a budget kill. */
export class FileSandbox {
  private child?: ChildProcess;
  private ready?: Promise<ChildProcess>;
  /** The child once it is ready (the value `ready` resolves to). */
  private up?: ChildProcess;
  private seq = 0;
  /** The file being read ahead (`readAhead`), until a `run` takes it or runs another. */
  private ahead?: { key: string; outcome: Promise<FileOutcome> };

  /** @param entry how a child is started (default: the bundle, built once; tests also start the sources with tsx) */
  constructor(
    private readonly budget: FileBudget,
    private readonly entry: () => Promise<WorkerEntry> = workerEntry,
  ) {}

  private start(): Promise<ChildProcess> {
    // The bundled reader (worker-bundle.ts). One that does not start (a damaged cache) is started once more from the
    // sources with tsx; when that does not start either, the heap is too small.
    return this.entry().then((entry) => (entry.bundled ? this.spawn(entry).catch(() => this.spawn(tsxEntry())) : this.spawn(entry)));
  }

  private spawn(entry: WorkerEntry): Promise<ChildProcess> {
    const child = fork(entry.file, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${this.budget.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // V8's "heap limit" report is long; the parent reports the file instead.
    child.stderr?.resume();
    this.child = child;
    child.once('exit', () => {
      if (this.child !== child) return;
      this.child = undefined;
      this.ready = undefined;
      this.up = undefined;
    });
    return new Promise((resolve, reject) => {
      child.once('message', () => {
        if (this.child === child) this.up = child;
        resolve(child);
      });
      // Too small a heap to load the reader's modules: every file would fail, so the ingest stops and says which
      // setting to raise.
      child.once('exit', (code, signal) =>
        reject(
          new AppError(
            'CONFIG_INVALID',
            `INGEST_FILE_MEMORY_MB=${this.budget.memoryMb}: tiến trình đọc tệp không khởi động được (${signal ?? `mã ${code}`}); cần ít nhất khoảng 128 MB.`,
          ),
        ),
      );
    });
  }

  /** Starts the child now (0.1–0.3 s bundled, about a second with tsx), so that the first file need not wait. */
  warm(): void {
    // A child that cannot start is reported by the first `run`.
    (this.ready ??= this.start()).catch(() => undefined);
  }

  /**
   * Starts reading a file that the caller will `run` later, before it has the rest of its work ready (an ingest reads
   * the previous version meanwhile). A `run` of the same task takes this outcome; a `run` of another task waits for
   * this one to end, then runs as usual.
   */
  readAhead(task: FileTask): void {
    const outcome = this.run(task);
    // A child that cannot start is reported by the `run` that takes it.
    outcome.catch(noop);
    this.ahead = { key: taskKey(task), outcome };
  }

  /**
   * Runs one file in the child under the budget.
   * @param onRead given the document and its chunks as soon as the child has made them, while it reads the facts (the
   *   outcome then holds the same document and chunks). The time `onRead` takes is not counted against the budget: it
   *   is this process's work, not the child's. When the outcome is not ok, what `onRead` was given is not the file's.
   */
  run(task: FileTask, onRead?: (doc: StoredDocument, chunks: Chunk[]) => void): Promise<FileOutcome> {
    const ahead = this.ahead;
    if (ahead) {
      this.ahead = undefined;
      // The file read ahead: its outcome (`onRead` is not called; the caller gets the whole outcome at once).
      if (ahead.key === taskKey(task)) return ahead.outcome;
      // Another file: the child is given it once the one read ahead is done (one file at a time, each in its budget).
      return ahead.outcome.then(noop, noop).then(() => this.run(task, onRead));
    }
    // A child that is up gets the task now, not after the caller's synchronous work that follows this call (the
    // ingest computes the previous files' features meanwhile: awaited first, the child would wait for them).
    if (this.up) return this.runOn(this.up, task, onRead);
    return (this.ready ??= this.start()).then((child) => this.runOn(child, task, onRead));
  }

  private runOn(child: ChildProcess, task: FileTask, onRead?: (doc: StoredDocument, chunks: Chunk[]) => void): Promise<FileOutcome> {
    const seq = ++this.seq;
    const started = performance.now();
    let paused = 0;
    let early: { doc: StoredDocument; chunks: Chunk[] } | undefined;
    return new Promise<FileOutcome>((resolve) => {
      const finish = (outcome: FileOutcome) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const overBudget = (what: string) => {
        this.discard(child);
        finish({ ok: false, code: 'INGEST_FILE_BUDGET', reason: new AppError('INGEST_FILE_BUDGET', `${printableName(task.relative)}: ${what}.`).message });
      };
      const onMessage = (message: { seq?: number; early?: boolean; doc?: StoredDocument; chunks?: Chunk[] } & FileOutcome) => {
        if (message.seq !== seq) return;
        if (message.early && message.doc && message.chunks) {
          early = { doc: message.doc, chunks: message.chunks };
          // The budget stands still while this process works on the chunks (the child goes on with the facts).
          clearTimeout(timer);
          const at = performance.now();
          onRead?.(early.doc, early.chunks);
          paused += performance.now() - at;
          timer = setTimeout(timeUp, Math.max(0, this.budget.timeoutMs - (performance.now() - started - paused)));
          return;
        }
        const { seq: _seq, ...outcome } = message;
        finish(early && outcome.ok ? { ok: true, doc: early.doc, chunks: early.chunks, facts: outcome.facts } : (outcome as FileOutcome));
      };
      const onExit = (code: number | null, signal: string | null) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        overBudget(`tiến trình đọc tệp dừng sau ${seconds} giây (${signal ?? `mã ${code}`}), thường do vượt ${this.budget.memoryMb} MB bộ nhớ (INGEST_FILE_MEMORY_MB)`);
      };
      const timeUp = () => overBudget(`đọc quá ${(this.budget.timeoutMs / 1000).toFixed(0)} giây (INGEST_FILE_TIMEOUT_MS)`);
      let timer = setTimeout(timeUp, this.budget.timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...task, seq, early: !!onRead, docxMaxXmlBytes: this.budget.docxMaxXmlMb ? this.budget.docxMaxXmlMb * 1048576 : undefined });
    });
  }

  private discard(child: ChildProcess): void {
    if (this.child === child) {
      this.child = undefined;
      this.ready = undefined;
      this.up = undefined;
    }
    child.kill('SIGKILL');
  }

  /** Stops the child (always call, or the ingest's process stays alive). */
  close(): void {
    if (this.child) this.discard(this.child);
  }
}

const noop = () => undefined;

/** What makes two tasks the same reading (`early` only says how the outcome is sent). */
function taskKey(task: FileTask): string {
  return JSON.stringify([task.file, task.relative, task.id, task.hash, task.maxBytes ?? null, task.docxMaxXmlBytes ?? null]);
}
