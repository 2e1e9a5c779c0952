/**
 * The store's logic, written once over {@link SqlDriver} in SQL both SQLite and PostgreSQL run. Every write is one
 * statement or one transaction, so a failed write (full disk, read-only volume) leaves no partial row; the driver's
 * error comes out as an AppError with a stable code (STORE_FULL, STORE_READ_ONLY, STORE_UNAVAILABLE).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asStoreError, type Executor, type Row, type SqlDriver } from './driver.js';
import type { FeedbackCitation, FeedbackRecord, ListOptions, NewFeedback, QuestionEntry, QuestionRecord, Store } from './types.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Key of the advisory lock replicas take while migrating or importing (any fixed 32-bit number). */
const LOCK = 1_717_017;

/** The migration files, in version order: `NNN_name.sql`. */
export function migrations(dir = MIGRATIONS_DIR): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, sql: readFileSync(path.join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function parseList<T>(v: unknown): T[] {
  try {
    const parsed: unknown = JSON.parse(String(v ?? '[]'));
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

function feedbackOf(r: Row): FeedbackRecord {
  const record: FeedbackRecord = {
    id: String(r.id),
    at: String(r.at),
    updatedAt: String(r.updated_at),
    question: String(r.question),
    answer: String(r.answer),
    rating: r.rating === 'down' ? 'down' : 'up',
    citations: parseList<FeedbackCitation>(r.citations),
  };
  const optional = { comment: str(r.comment), mode: str(r.mode), refusalCode: str(r.refusal_code), indexVersion: str(r.index_version), handledAt: str(r.handled_at) };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (record as unknown as Record<string, unknown>)[k] = v;
  return record;
}

function questionOf(r: Row): QuestionRecord {
  return {
    id: String(r.id),
    at: String(r.at),
    question: String(r.question),
    outcome: r.outcome === 'refused' ? 'refused' : 'answered',
    ...(r.refusal_code ? { refusalCode: String(r.refusal_code) } : {}),
    missing: parseList<string>(r.missing),
    mode: String(r.mode),
    latencyMs: Number(r.latency_ms),
  };
}

const INSERT_FEEDBACK = `INSERT INTO feedback (id, at, updated_at, question, answer, rating, comment, citations, mode, refusal_code, index_version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;

function feedbackParams(input: NewFeedback, now: string): unknown[] {
  const at = input.at ?? now;
  return [
    input.id ?? randomUUID(),
    at,
    at,
    input.question,
    input.answer,
    input.rating,
    input.comment ?? null,
    JSON.stringify(input.citations ?? []),
    input.mode ?? null,
    input.refusalCode ?? null,
    input.indexVersion ?? null,
  ];
}

export class SqlStore implements Store {
  constructor(private readonly driver: SqlDriver) {}

  get kind() {
    return this.driver.kind;
  }

  /** Runs `fn`, turning storage errors into AppErrors with stable codes. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw asStoreError(this.driver, error);
    }
  }

  migrate(): Promise<void> {
    return this.guard(() =>
      this.driver.transaction(async (tx) => {
        await tx.script('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        const done = new Set((await tx.run('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
        for (const m of migrations()) {
          if (done.has(m.version)) continue;
          await tx.script(m.sql);
          await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
        }
      }, LOCK),
    );
  }

  addFeedback(input: NewFeedback): Promise<FeedbackRecord> {
    return this.guard(async () => {
      const params = feedbackParams(input, new Date().toISOString());
      await this.driver.run(INSERT_FEEDBACK, params);
      const stored = await this.getFeedback(String(params[0]));
      if (!stored) throw new Error('feedback row not found after insert');
      return stored;
    });
  }

  updateFeedback(id: string, patch: { rating?: 'up' | 'down'; comment?: string }): Promise<FeedbackRecord | undefined> {
    return this.guard(async () => {
      const { changes } = await this.driver.run(
        'UPDATE feedback SET rating = COALESCE(?, rating), comment = COALESCE(?, comment), updated_at = ? WHERE id = ?',
        [patch.rating ?? null, patch.comment ?? null, new Date().toISOString(), id],
      );
      return changes ? this.getFeedback(id) : undefined;
    });
  }

  setFeedbackHandled(id: string, handled: boolean): Promise<boolean> {
    return this.guard(async () => {
      const { changes } = await this.driver.run('UPDATE feedback SET handled_at = ? WHERE id = ?', [handled ? new Date().toISOString() : null, id]);
      return changes > 0;
    });
  }

  getFeedback(id: string): Promise<FeedbackRecord | undefined> {
    return this.guard(async () => {
      const { rows } = await this.driver.run('SELECT * FROM feedback WHERE id = ?', [id]);
      return rows[0] ? feedbackOf(rows[0]) : undefined;
    });
  }

  listFeedback(options: ListOptions & { rating?: 'up' | 'down' } = {}): Promise<FeedbackRecord[]> {
    return this.guard(async () => {
      const { rows } = await this.driver.run(
        'SELECT * FROM feedback WHERE at >= ? AND (CAST(? AS TEXT) IS NULL OR rating = ?) ORDER BY at DESC, id DESC LIMIT ?',
        [options.since ?? '', options.rating ?? null, options.rating ?? null, options.limit ?? 10_000],
      );
      return rows.map(feedbackOf);
    });
  }

  importFeedback(marker: string, records: NewFeedback[]): Promise<number | undefined> {
    return this.guard(() =>
      this.driver.transaction(async (tx: Executor) => {
        const seen = await tx.run('SELECT marker FROM imports WHERE marker = ?', [marker]);
        if (seen.rows.length) return undefined;
        const now = new Date().toISOString();
        let added = 0;
        for (const record of records) added += (await tx.run(INSERT_FEEDBACK, feedbackParams(record, now))).changes;
        await tx.run('INSERT INTO imports (marker, at, added) VALUES (?, ?, ?)', [marker, now, added]);
        return added;
      }, LOCK),
    );
  }

  logQuestion(entry: QuestionEntry): Promise<void> {
    return this.guard(async () => {
      await this.driver.run(
        'INSERT INTO question_log (id, at, question, outcome, refusal_code, missing, mode, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          randomUUID(),
          entry.at ?? new Date().toISOString(),
          entry.question,
          entry.outcome,
          entry.refusalCode ?? null,
          JSON.stringify(entry.missing ?? []),
          entry.mode,
          Math.max(0, Math.round(entry.latencyMs)),
        ],
      );
    });
  }

  listQuestions(options: ListOptions = {}): Promise<QuestionRecord[]> {
    return this.guard(async () => {
      const { rows } = await this.driver.run('SELECT * FROM question_log WHERE at >= ? ORDER BY at, id LIMIT ?', [
        options.since ?? '',
        options.limit ?? 1_000_000,
      ]);
      return rows.map(questionOf);
    });
  }

  pruneQuestions(before: string, maxRows: number): Promise<number> {
    return this.guard(async () => {
      let deleted = (await this.driver.run('DELETE FROM question_log WHERE at < ?', [before])).changes;
      if (maxRows > 0) {
        deleted += (
          await this.driver.run(
            'DELETE FROM question_log WHERE id IN (SELECT id FROM question_log ORDER BY at DESC, id DESC LIMIT 2000000000 OFFSET ?)',
            [maxRows],
          )
        ).changes;
      }
      return deleted;
    });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
