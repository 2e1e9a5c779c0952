/**
 * The little the two back ends must do for {@link SqlStore}: run one statement with `?` placeholders, run a
 * script, run a function in a transaction, and say which of their errors mean "disk full", "read-only" or
 * "unreachable".
 */
import { AppError } from '../errors.js';

export type Row = Record<string, unknown>;

export interface Executor {
  /** One statement, `?` placeholders. @returns its rows (RETURNING / SELECT) and how many rows it changed */
  run(sql: string, params?: unknown[]): Promise<{ rows: Row[]; changes: number }>;
  /** Several statements, no parameters (a migration file). */
  script(sql: string): Promise<void>;
}

export interface SqlDriver extends Executor {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back when it throws. `lock` serialises
   * whole transactions across processes where the back end needs it (PostgreSQL advisory lock; SQLite takes its
   * write lock at BEGIN IMMEDIATE).
   */
  transaction<T>(fn: (tx: Executor) => Promise<T>, lock?: number): Promise<T>;
  /** This back end's error as one of ours, or undefined for an error that is not about the storage. */
  classify(error: unknown): AppError | undefined;
  close(): Promise<void>;
}

/** The error's string code (`SQLITE_FULL`, `53100`, `ECONNREFUSED`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Wraps a storage error into an AppError with the right stable code; other errors go through unchanged. */
export function asStoreError(driver: Pick<SqlDriver, 'classify'>, error: unknown): unknown {
  if (error instanceof AppError) return error;
  return driver.classify(error) ?? error;
}
