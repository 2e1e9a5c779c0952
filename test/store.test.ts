/**
 * The store itself, the same suite against SQLite and a real PostgreSQL: migrations applied once even when replicas
 * open it at the same time, the feedback and question-log round trip, and the admin API over it (401 without the
 * token, the report, marking feedback handled). Then how each back end's errors map to our stable codes.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { migrations } from '../src/store/sql-store.js';
import pg from 'pg';
import type { AppError } from '../src/errors.js';
import { openStore, reconnectingStore, type Store } from '../src/store/index.js';
import { classifyPostgres, numberPlaceholders } from '../src/store/postgres.js';
import { classifySqlite } from '../src/store/sqlite.js';
import { storeBackends } from './helpers/backends.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { FIXTURE_TOTAL, writeUsageFixture } from './helpers/usage-fixture.js';

const { backends, stop } = await storeBackends('store.test');
afterAll(() => stop());

const TOKEN = 'admin-store-token';

for (const backend of backends) {
  describe.skipIf(Boolean(backend.skip))(`store — ${backend.name}`, () => {
    let dir: string;
    let config: Pick<Config, 'DATA_DIR' | 'DATABASE_URL' | 'STORE_MAX_MB'>;
    beforeAll(async () => {
      dir = await makeTempDir('tlcv-store-');
      config = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: backend.config.DATABASE_URL, STORE_MAX_MB: 0 };
    });
    afterAll(() => removeTempDir(dir));

    it('applies each migration once, also when three replicas open the store at the same time', async () => {
      const stores: Store[] = await Promise.all([openStore(config), openStore(config), openStore(config)]);
      try {
        await stores[0]!.migrate();
        expect(stores.map((s) => s.kind)).toEqual(Array(3).fill(backend.name));
        // Each replica sees the others' writes.
        const made = await stores[1]!.addFeedback({ question: 'q', answer: 'a', rating: 'up' });
        expect((await stores[2]!.getFeedback(made.id))?.question).toBe('q');
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
      const { createDriver } = await import('../src/store/index.js');
      const driver = createDriver(config);
      const { rows } = await driver.run('SELECT version, name FROM schema_migrations ORDER BY version');
      await driver.close();
      expect(rows.map((r) => [Number(r.version), r.name])).toEqual(migrations().map((m) => [m.version, m.name]));
    });

    it('marks feedback handled and back, and lists by rating and date', async () => {
      const store = await openStore(config);
      try {
        const down = await store.addFeedback({ question: 'Sai?', answer: 'x', rating: 'down', at: '2025-12-05T08:00:00.000Z' });
        await store.addFeedback({ question: 'Đúng?', answer: 'y', rating: 'up', at: '2025-11-05T08:00:00.000Z' });
        expect(await store.setFeedbackHandled(down.id, true)).toBe(true);
        expect((await store.getFeedback(down.id))?.handledAt).toMatch(/^\d{4}-/);
        expect(await store.setFeedbackHandled(down.id, false)).toBe(true);
        expect((await store.getFeedback(down.id))?.handledAt).toBeUndefined();
        expect(await store.setFeedbackHandled('nope', true)).toBe(false);
        expect((await store.listFeedback({ rating: 'down' })).map((f) => f.question)).toContain('Sai?');
        expect((await store.listFeedback({ rating: 'down' })).every((f) => f.rating === 'down')).toBe(true);
        expect((await store.listFeedback({ since: '2025-12-01' })).map((f) => f.question)).toContain('Sai?');
        expect((await store.listFeedback({ since: '2025-12-01' })).map((f) => f.question)).not.toContain('Đúng?');
      } finally {
        await store.close();
      }
    });

    it.skipIf(backend.name !== 'postgres')('recovers by itself when the database comes up after the service started', async () => {
      // A database that does not exist yet (as a server still starting): the first open fails, a later call opens it.
      const url = new URL(backend.config.DATABASE_URL!);
      const name = `late_${Date.now()}`;
      const late = new URL(url);
      late.pathname = `/${name}`;
      const open = () => openStore({ ...config, DATABASE_URL: late.toString() });
      const first = await open().catch((error: unknown) => error);
      expect((first as { code?: string }).code).toBe('STORE_UNAVAILABLE');
      const store = reconnectingStore(open, first as AppError, 'postgres', 0);
      await expect(store.addFeedback({ question: 'q', answer: 'a', rating: 'up' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      const admin = new pg.Client({ connectionString: backend.config.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        const made = await store.addFeedback({ question: 'Đến muộn', answer: 'a', rating: 'up' });
        expect((await store.getFeedback(made.id))?.question).toBe('Đến muộn');
      } finally {
        await store.close();
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.end();
      }
    });

    describe('admin API over the store', () => {
      let server: TestServer;
      beforeAll(async () => {
        server = await startTestServer({ listen: false, config: { ...backend.config, ADMIN_TOKEN: TOKEN, RATE_LIMIT_ADMIN_PER_MINUTE: 100 } });
        await writeUsageFixture(server.app.store);
      }, 60_000);
      afterAll(() => server?.close());
      const auth = { authorization: `Bearer ${TOKEN}` };

      it('answers 401 UNAUTHORIZED without the token or with a wrong one', async () => {
        for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }]) {
          const res = await server.app.inject({ method: 'GET', url: '/api/admin/report', headers });
          expect(res.statusCode).toBe(401);
          expect(res.json().error.code).toBe('UNAUTHORIZED');
        }
        const mark = await server.app.inject({ method: 'POST', url: '/api/admin/feedback/x/handled', payload: { handled: true } });
        expect(mark.statusCode).toBe(401);
      });

      it('gives the report, filtered by since, and refuses a bad since with 400', async () => {
        const all = await server.app.inject({ method: 'GET', url: '/api/admin/report', headers: auth });
        expect(all.statusCode).toBe(200);
        expect(all.json()).toMatchObject({ totals: { questions: FIXTURE_TOTAL }, store: backend.name, questionLog: false });
        const since = await server.app.inject({ method: 'GET', url: '/api/admin/report?since=2025-12-01', headers: auth });
        expect(since.json().totals.questions).toBeLessThan(FIXTURE_TOTAL);
        expect(since.json().perDay.every((d: { day: string }) => d.day >= '2025-12-01')).toBe(true);
        const bad = await server.app.inject({ method: 'GET', url: '/api/admin/report?since=hôm-qua', headers: auth });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.code).toBe('BAD_REQUEST');
      });

      it('marks a thumbs-down handled (404 FEEDBACK_NOT_FOUND for an unknown id)', async () => {
        const report = (await server.app.inject({ method: 'GET', url: '/api/admin/report', headers: auth })).json();
        const id = report.thumbsDown[0].id as string;
        const res = await server.app.inject({ method: 'POST', url: `/api/admin/feedback/${id}/handled`, payload: { handled: true }, headers: auth });
        expect(res.json()).toEqual({ id, handled: true });
        const after = (await server.app.inject({ method: 'GET', url: '/api/admin/report', headers: auth })).json();
        expect(after.feedback.downUnhandled).toBe(report.feedback.downUnhandled - 1);
        const missing = await server.app.inject({ method: 'POST', url: '/api/admin/feedback/nope/handled', payload: { handled: true }, headers: auth });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error.code).toBe('FEEDBACK_NOT_FOUND');
      });
    });
  });
}

describe('storage errors as stable codes', () => {
  it.each([
    ['SQLITE_FULL', 'STORE_FULL'],
    ['SQLITE_READONLY', 'STORE_READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'STORE_READ_ONLY'],
    ['SQLITE_CANTOPEN', 'STORE_UNAVAILABLE'],
    ['SQLITE_BUSY', 'STORE_UNAVAILABLE'],
  ])('SQLite %s → %s', (code, ours) => {
    expect(classifySqlite(Object.assign(new Error('x'), { code }))?.code).toBe(ours);
  });

  it.each([
    ['53100', 'STORE_FULL'],
    ['25006', 'STORE_READ_ONLY'],
    ['57P01', 'STORE_UNAVAILABLE'],
    ['08006', 'STORE_UNAVAILABLE'],
    ['ECONNREFUSED', 'STORE_UNAVAILABLE'],
  ])('PostgreSQL %s → %s', (code, ours) => {
    expect(classifyPostgres(Object.assign(new Error('x'), { code }))?.code).toBe(ours);
  });

  it('leaves other errors (a bug in a statement) alone', () => {
    expect(classifySqlite(Object.assign(new Error('x'), { code: 'SQLITE_ERROR' }))).toBeUndefined();
    expect(classifyPostgres(Object.assign(new Error('x'), { code: '42601' }))).toBeUndefined();
  });

  it('numbers placeholders for PostgreSQL', () => {
    expect(numberPlaceholders('a = ? AND b IN (?, ?)')).toBe('a = $1 AND b IN ($2, $3)');
  });

  it('answers STORE_UNAVAILABLE when PostgreSQL cannot be reached, and the service still answers questions', async () => {
    // A port on this machine where nothing listens.
    const server = await startTestServer({ listen: false, config: { DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none' } });
    try {
      const fb = await server.app.inject({ method: 'POST', url: '/api/feedback', payload: { question: 'q', answer: 'a', rating: 'up' } });
      expect(fb.statusCode).toBe(503);
      expect(fb.json().error.code).toBe('STORE_UNAVAILABLE');
      const ask = await server.app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'Buổi sáng làm việc từ mấy giờ?' } });
      expect(ask.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });
});
