/**
 * PostgreSQL back end (`pg` pool), for replicas that share one store: set DATABASE_URL. `?` placeholders are turned
 * into `$n`; transactions run on one pooled client, serialised across processes by an advisory lock when asked.
 */
import pg from 'pg';
import { AppError } from '../errors.js';
import { errorCode, type Executor, type Row, type SqlDriver } from './driver.js';

/** `a = ? AND b = ?` → `a = $1 AND b = $2` (our statements hold no literal question marks). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function executor(client: pg.Pool | pg.PoolClient): Executor {
  return {
    run: async (sql, params = []) => {
      const result = await client.query(numberPlaceholders(sql), params);
      return { rows: result.rows as Row[], changes: result.rowCount ?? 0 };
    },
    script: async (sql) => void (await client.query(sql)),
  };
}

export class PostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly direct: Executor;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 5, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.direct = executor(this.pool);
  }

  run(sql: string, params: unknown[] = []) {
    return this.direct.run(sql, params);
  }

  script(sql: string) {
    return this.direct.script(sql);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>, lock?: number): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (lock !== undefined) await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  classify(error: unknown): AppError | undefined {
    return classifyPostgres(error);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * PostgreSQL's SQLSTATEs as ours: 53100 disk_full (and 53400 configuration limit exceeded, 54000 program limit) →
 * full; 25006 read_only_sql_transaction (a standby, default_transaction_read_only) → read-only; class 08 (connection),
 * 57P0x (server shutting down or starting), 53300 too many connections and the socket errors → unreachable.
 */
export function classifyPostgres(error: unknown): AppError | undefined {
  const code = errorCode(error);
  const cause = { cause: error };
  if (code === '53100' || code === '53400' || code === '54000') return new AppError('STORE_FULL', undefined, cause);
  if (code === '25006') return new AppError('STORE_READ_ONLY', undefined, cause);
  if (
    (code && (code.startsWith('08') || code.startsWith('57P') || code === '53300')) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOENT', 'EPIPE'].includes(code ?? '') ||
    /timeout exceeded when trying to connect|Connection terminated/i.test((error as Error | null)?.message ?? '')
  ) {
    return new AppError('STORE_UNAVAILABLE', undefined, cause);
  }
  return undefined;
}
