/**
 * Which store serves: PostgreSQL when DATABASE_URL is set (replicas share it), else SQLite in
 * `DATA_DIR/store.sqlite`. Opening migrates the schema and imports an old `DATA_DIR/feedback.jsonl` once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { AppError, isAppError } from '../errors.js';
import { asStoreError, type SqlDriver } from './driver.js';
import { classifyPostgres, PostgresDriver } from './postgres.js';
import { classifySqlite, SqliteDriver } from './sqlite.js';
import { SqlStore } from './sql-store.js';
import type { NewFeedback, Store } from './types.js';

export type { Store } from './types.js';

export const SQLITE_FILE = 'store.sqlite';

type StoreConfig = Pick<Config, 'DATA_DIR' | 'DATABASE_URL' | 'STORE_MAX_MB'>;

/** The driver configuration asks for (not yet migrated). @throws the driver's error when SQLite cannot open */
export function createDriver(config: StoreConfig): SqlDriver {
  if (config.DATABASE_URL) return new PostgresDriver(config.DATABASE_URL);
  return new SqliteDriver(path.join(config.DATA_DIR, SQLITE_FILE), { maxMb: config.STORE_MAX_MB });
}

/**
 * Opens and migrates the configured store.
 * @throws AppError STORE_UNAVAILABLE | STORE_READ_ONLY | STORE_FULL when it cannot be opened or migrated
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  let driver: SqlDriver;
  try {
    driver = createDriver(config);
  } catch (error) {
    throw (config.DATABASE_URL ? classifyPostgres(error) : classifySqlite(error)) ?? new AppError('STORE_UNAVAILABLE', undefined, { cause: error });
  }
  const store = new SqlStore(driver);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    const mapped = asStoreError(driver, error);
    throw isAppError(mapped) ? mapped : new AppError('STORE_UNAVAILABLE', undefined, { cause: error });
  }
  return store;
}

/**
 * A store that could not be opened yet (PostgreSQL down at start, a volume not mounted): every call fails with the
 * last error, and tries to open it again at most every `retryMs`, so that the service recovers without a restart.
 * The service still answers questions meanwhile.
 */
export function reconnectingStore(open: () => Promise<Store>, firstError: AppError, kind: Store['kind'], retryMs = 5000): Store {
  let store: Store | undefined;
  let lastError = firstError;
  let lastTry = Date.now();
  let opening: Promise<Store> | undefined;
  let closed = false;
  const current = async (): Promise<Store> => {
    if (store) return store;
    if (closed || Date.now() - lastTry < retryMs) throw lastError;
    opening ??= (async () => {
      lastTry = Date.now();
      try {
        store = await open();
        return store;
      } catch (error) {
        lastError = isAppError(error) ? error : new AppError('STORE_UNAVAILABLE', undefined, { cause: error });
        throw lastError;
      } finally {
        opening = undefined;
      }
    })();
    return opening;
  };
  const call = <K extends Exclude<keyof Store, 'kind' | 'close'>>(name: K): Store[K] =>
    (async (...args: unknown[]) => {
      const opened = await current();
      return (opened[name] as (...a: unknown[]) => Promise<unknown>).apply(opened, args);
    }) as Store[K];
  return {
    kind,
    migrate: call('migrate'),
    addFeedback: call('addFeedback'),
    updateFeedback: call('updateFeedback'),
    setFeedbackHandled: call('setFeedbackHandled'),
    getFeedback: call('getFeedback'),
    listFeedback: call('listFeedback'),
    importFeedback: call('importFeedback'),
    logQuestion: call('logQuestion'),
    listQuestions: call('listQuestions'),
    pruneQuestions: call('pruneQuestions'),
    close: async () => {
      closed = true;
      await opening?.catch(() => undefined);
      await store?.close();
    },
  };
}

/** The records of an old `feedback.jsonl` (one JSON object a line); lines that do not parse are counted, not kept. */
export function parseFeedbackJsonl(text: string): { records: NewFeedback[]; broken: number } {
  const records: NewFeedback[] = [];
  let broken = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      if (typeof r.question !== 'string' || typeof r.answer !== 'string' || (r.rating !== 'up' && r.rating !== 'down')) {
        broken++;
        continue;
      }
      records.push({
        // The same line always gets the same id: a second import (another replica, a restart) adds nothing.
        id: `jsonl-${createHash('sha256').update(line).digest('hex').slice(0, 32)}`,
        at: typeof r.at === 'string' && !Number.isNaN(Date.parse(r.at)) ? new Date(r.at).toISOString() : undefined,
        question: r.question,
        answer: r.answer,
        rating: r.rating,
        comment: typeof r.comment === 'string' ? r.comment : undefined,
        citations: Array.isArray(r.citations) ? (r.citations as NewFeedback['citations']) : undefined,
        mode: typeof r.mode === 'string' ? r.mode : undefined,
      });
    } catch {
      broken++;
    }
  }
  return { records, broken };
}

/**
 * Imports `DATA_DIR/feedback.jsonl` once (marked by its content hash, so a file that grew is imported again, adding
 * only its new lines). The file itself is left in place.
 * @returns what was done, or undefined when there is no such file
 */
export async function importLegacyFeedback(
  store: Store,
  dataDir: string,
): Promise<{ added: number; broken: number; already: boolean } | undefined> {
  const file = path.join(dataDir, 'feedback.jsonl');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const { records, broken } = parseFeedbackJsonl(text);
  const marker = `feedback.jsonl:${createHash('sha256').update(text).digest('hex')}`;
  const added = await store.importFeedback(marker, records);
  return { added: added ?? 0, broken, already: added === undefined };
}

/** Deletes logged questions past the retention (QUESTION_LOG_DAYS) and the row cap. @returns how many */
export function enforceRetention(store: Store, config: Pick<Config, 'QUESTION_LOG_DAYS' | 'QUESTION_LOG_MAX_ROWS'>, now = Date.now()): Promise<number> {
  const before = new Date(now - config.QUESTION_LOG_DAYS * 86_400_000).toISOString();
  return store.pruneQuestions(before, config.QUESTION_LOG_MAX_ROWS);
}
