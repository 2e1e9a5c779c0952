/**
 * The store's back ends a suite runs against, the same tests for each: SQLite always, PostgreSQL on a temporary
 * cluster (or TEST_DATABASE_URL) where one can be had — otherwise its tests are skipped with the reason printed.
 */
import type { Config } from '../../src/config.js';
import { startPostgres } from './postgres.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Configuration that selects it (DATABASE_URL for PostgreSQL). */
  config: Partial<Config>;
  /** Why it cannot run here (the suite is skipped). */
  skip?: string;
}

/** Starts what is needed; call `stop()` in afterAll. */
export async function storeBackends(suite: string): Promise<{ backends: Backend[]; stop: () => Promise<void> }> {
  const pg = await startPostgres();
  const backends: Backend[] = [{ name: 'sqlite', config: { DATABASE_URL: undefined } }];
  if (typeof pg === 'string') {
    console.warn(`[${suite}] Bỏ qua phần PostgreSQL: ${pg}.`);
    backends.push({ name: 'postgres', config: {}, skip: pg });
    return { backends, stop: async () => undefined };
  }
  backends.push({ name: 'postgres', config: { DATABASE_URL: pg.url } });
  return { backends, stop: () => pg.stop() };
}
