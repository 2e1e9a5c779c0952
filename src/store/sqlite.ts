/**
 * SQLite back end (better-sqlite3): one file in DATA_DIR, WAL mode (readers never wait for the writer), a busy
 * timeout for a second process, and an optional size cap (`max_page_count`, from STORE_MAX_MB) past which writes
 * fail with SQLITE_FULL like a full disk does. better-sqlite3 is synchronous; statements are queued one at a time so
 * that a transaction's statements are never interleaved with another request's. The queue is per file and shared by
 * every connection of this process to it: a second connection waiting (synchronously) for the file's lock while the
 * first one's transaction awaits would block the event loop that transaction needs to finish.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { errorCode, type Executor, type Row, type SqlDriver } from './driver.js';

export interface SqliteOptions {
  /** Size cap in MB (0: none). */
  maxMb?: number;
  /** Open read-only (a replica that only reads, or a read-only volume). */
  readonly?: boolean;
}

/** One queue per database file, for all the connections of this process. */
const queues = new Map<string, Promise<unknown>>();

export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly key: string;

  /** @throws the driver's error (classify it) when the file cannot be opened */
  constructor(readonly file: string, options: SqliteOptions = {}) {
    this.key = path.resolve(file);
    if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    if (options.maxMb && options.maxMb > 0) this.setMaxBytes(options.maxMb * 1024 * 1024);
  }

  /** Caps the database at about `bytes` (whole pages; never below what it already holds). */
  setMaxBytes(bytes: number): void {
    const pageSize = Number(this.db.pragma('page_size', { simple: true }));
    this.db.pragma(`max_page_count = ${Math.max(1, Math.floor(bytes / pageSize))}`);
  }

  private serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const next = (queues.get(this.key) ?? Promise.resolve()).then(fn, fn);
    const settled = next.catch(() => undefined);
    queues.set(this.key, settled);
    // Forget an idle file's queue (nothing was chained after this one).
    void settled.then(() => queues.get(this.key) === settled && queues.delete(this.key));
    return next;
  }

  private executor: Executor = {
    run: async (sql, params = []) => this.runNow(sql, params),
    script: async (sql) => void this.db.exec(sql),
  };

  private runNow(sql: string, params: unknown[]): { rows: Row[]; changes: number } {
    const statement = this.db.prepare(sql);
    if (statement.reader) return { rows: statement.all(...params) as Row[], changes: 0 };
    return { rows: [], changes: statement.run(...params).changes };
  }

  run(sql: string, params: unknown[] = []) {
    return this.serial(() => this.runNow(sql, params));
  }

  script(sql: string) {
    return this.serial(() => void this.db.exec(sql));
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.executor);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  classify(error: unknown): AppError | undefined {
    return classifySqlite(error);
  }

  close(): Promise<void> {
    return this.serial(() => {
      if (this.db.open) this.db.close();
    });
  }
}

/** SQLite's codes as ours: full (disk or cap), read-only (volume, file or open mode), unreachable (cannot open, busy). */
export function classifySqlite(error: unknown): AppError | undefined {
  const code = errorCode(error);
  if (!code) return undefined;
  const cause = { cause: error };
  if (code === 'SQLITE_FULL') return new AppError('STORE_FULL', undefined, cause);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return new AppError('STORE_READ_ONLY', undefined, cause);
  if (code === 'ENOSPC') return new AppError('STORE_FULL', undefined, cause);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR') || code === 'EACCES') {
    return new AppError('STORE_UNAVAILABLE', undefined, cause);
  }
  return undefined;
}
