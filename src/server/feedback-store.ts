/**
 * The feedback file (`DATA_DIR/feedback.jsonl`) written so that faults never break a record: one append at a time
 * (in this process), each record written whole or not at all (a failed write is cut back to where it started, so the
 * next record never glues onto half a line), and a cap (`FEEDBACK_MAX_MB`) past which the file is rotated to
 * `feedback.jsonl.1` … `.N` (`FEEDBACK_KEEP_FILES`, the oldest dropped). A full disk is FEEDBACK_DISK_FULL (507), a
 * read-only or unwritable folder FEEDBACK_UNAVAILABLE (503).
 */
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR']);

/** The stable error of a failed write: disk full, or a folder that cannot be written. */
function storageError(error: unknown): AppError | undefined {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (FULL.has(code)) return new AppError('FEEDBACK_DISK_FULL', `(${code})`, { cause: error });
  if (UNWRITABLE.has(code)) return new AppError('FEEDBACK_UNAVAILABLE', `(${code})`, { cause: error });
  return undefined;
}

export interface FeedbackStoreOptions {
  /** Largest size of the live file before it is rotated, bytes. */
  maxBytes: number;
  /** Rotated files kept beside it. */
  keep: number;
}

export class FeedbackStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly options: FeedbackStoreOptions,
  ) {}

  /**
   * Why the folder cannot take feedback (read-only, not a folder, no permission), or undefined when it can: checked
   * at start-up so that the operator is told before the first user is.
   */
  async problem(): Promise<string | undefined> {
    const dir = path.dirname(this.file);
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
      // access() does not see every read-only mount as root: a real (empty) write does.
      const probe = await open(path.join(dir, `.feedback-probe-${process.pid}`), 'w');
      await probe.close();
      await rm(path.join(dir, `.feedback-probe-${process.pid}`), { force: true });
      return undefined;
    } catch (error) {
      return `${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }

  /** Appends one record as one JSON line. @throws AppError FEEDBACK_DISK_FULL, FEEDBACK_UNAVAILABLE */
  append(record: unknown): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    const run = this.queue.then(() => this.write(line));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(line: Buffer): Promise<void> {
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      const size = await stat(this.file).then((s) => s.size, () => 0);
      if (size > 0 && size + line.length > this.options.maxBytes) await this.rotate();
      const handle = await open(this.file, 'a');
      try {
        const before = (await handle.stat()).size;
        try {
          let written = 0;
          while (written < line.length) written += (await handle.write(line, written, line.length - written)).bytesWritten;
          await handle.datasync();
        } catch (error) {
          // Whole records only: what part of this one reached the disk is cut off again.
          await handle.truncate(before).catch(() => undefined);
          throw error;
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw storageError(error) ?? error;
    }
  }

  /** feedback.jsonl → .1 → .2 …; the file past `keep` is removed. */
  private async rotate(): Promise<void> {
    const name = (n: number) => `${this.file}.${n}`;
    await rm(name(this.options.keep), { force: true });
    for (let n = this.options.keep - 1; n >= 1; n--) await rename(name(n), name(n + 1)).catch(() => undefined);
    if (this.options.keep >= 1) await rename(this.file, name(1));
    else await rm(this.file, { force: true });
  }
}
