/**
 * The widget's server side: `POST /api/feedback` stored in the store — the same suite against SQLite and a real
 * PostgreSQL (one record per feedback action, updated by id; the old feedback.jsonl imported once; a full or read-only
 * store refused with a stable code and no broken row; two replicas sharing one store) — then CORS for the widget's
 * calls, and the Origin check on the WebSocket upgrade when `WIDGET_ORIGINS` is a list.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../src/config.js';
import { SqliteDriver } from '../src/store/sqlite.js';
import { SqlStore } from '../src/store/sql-store.js';
import { SQLITE_FILE } from '../src/store/index.js';
import { buildApp } from '../src/server/app.js';
import { storeBackends } from './helpers/backends.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const WIDGET_ORIGIN = 'https://portal.example.gov.vn';
const OTHER_ORIGIN = 'https://evil.example.com';

const { backends, stop } = await storeBackends('feedback.test');
afterAll(() => stop());

const BODY = {
  question: 'Buổi sáng làm việc từ mấy giờ?',
  answer: 'Buổi sáng làm việc từ 7 giờ 30 đến 11 giờ 30 [1].',
  rating: 'up',
  citations: [{ n: 1, documentId: 'qd-15-gio-lam-viec', start: 0, end: 120 }],
};

for (const backend of backends) {
  describe.skipIf(Boolean(backend.skip))(`POST /api/feedback — ${backend.name}`, () => {
    let server: TestServer;
    const start = (config: Partial<Config> = {}) => startTestServer({ listen: false, config: { ...backend.config, ...config } });
    const post = (target: TestServer, payload: unknown) => target.app.inject({ method: 'POST', url: '/api/feedback', payload: payload as object });
    const mine = async (target: TestServer, question: string) => (await target.app.store.listFeedback()).filter((f) => f.question === question);

    beforeAll(async () => {
      server = await start();
    }, 60_000);
    afterAll(() => server?.close());

    it('stores one record per feedback action: 201 with an id, and a comment sent with that id updates it', async () => {
      const question = `${BODY.question} (${backend.name} 1)`;
      const first = await post(server, { ...BODY, question, mode: 'extractive' });
      expect(first.statusCode).toBe(201);
      const { ok, id } = first.json();
      expect(ok).toBe(true);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const comment = await post(server, { ...BODY, question, id, rating: 'down', comment: 'Thiếu giờ buổi chiều <b>x</b>' });
      expect(comment.statusCode).toBe(200);
      expect(comment.json()).toEqual({ ok: true, id });

      const records = await mine(server, question);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        id,
        answer: BODY.answer,
        rating: 'down',
        comment: 'Thiếu giờ buổi chiều <b>x</b>',
        citations: BODY.citations,
        mode: 'extractive',
        indexVersion: server.engines.get().version,
      });
      expect(Date.parse(records[0]!.at)).not.toBeNaN();
      expect(records[0]!.updatedAt >= records[0]!.at).toBe(true);
      expect(records[0]!.handledAt).toBeUndefined();
    });

    it('refuses an id it does not hold with 404 FEEDBACK_NOT_FOUND', async () => {
      const res = await post(server, { ...BODY, id: '00000000-0000-0000-0000-000000000000', comment: 'x' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('FEEDBACK_NOT_FOUND');
    });

    it.each([
      ['a rating other than up/down', { question: 'q', answer: 'a', rating: 'meh' }],
      ['a missing answer', { question: 'q', rating: 'up' }],
      ['an unknown field', { question: 'q', answer: 'a', rating: 'up', email: 'x@y.z' }],
      ['an unknown citation field', { question: 'q', answer: 'a', rating: 'up', citations: [{ n: 1, documentId: 'd', text: 'x' }] }],
      ['a comment that is not a string', { question: 'q', answer: 'a', rating: 'up', comment: 5 }],
      ['a mode other than extractive/llm', { question: 'q', answer: 'a', rating: 'up', mode: 'magic' }],
    ])('refuses %s with 400 BAD_REQUEST', async (_name, payload) => {
      const res = await post(server, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      expect(typeof res.json().error.message).toBe('string');
    });

    it('refuses a body that is not JSON with 400', async () => {
      const res = await server.app.inject({ method: 'POST', url: '/api/feedback', payload: 'rating=up', headers: { 'content-type': 'text/plain' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    });

    it('imports an old feedback.jsonl once, skipping a broken last line', async () => {
      const question = `Câu hỏi cũ (${backend.name})`;
      const lines = [
        JSON.stringify({ at: '2025-11-02T08:00:00.000Z', question, answer: 'Trả lời cũ [1].', rating: 'down', comment: 'Sai số liệu', citations: [{ n: 1, documentId: 'kh-20' }] }),
        JSON.stringify({ at: '2025-11-03T09:30:00.000Z', question, answer: 'Trả lời cũ 2.', rating: 'up' }),
        '{"at":"2025-11-04T10:00:00.000Z","question":"bị cắt giữa ch', // what a full disk left behind
      ];
      const first = await startTestServer({ listen: false, config: backend.config });
      try {
        await first.app.close();
        await writeFile(path.join(first.config.DATA_DIR, 'feedback.jsonl'), `${lines.join('\n')}\n`);
        // The same data folder started again (a restart), then a third time: imported once.
        for (let i = 0; i < 2; i++) {
          const again = await startTestServer({ listen: false, config: { ...backend.config, DATA_DIR: first.config.DATA_DIR } });
          try {
            const records = await mine(again, question);
            expect(records.map((r) => [r.at, r.rating, r.comment])).toEqual([
              ['2025-11-03T09:30:00.000Z', 'up', undefined],
              ['2025-11-02T08:00:00.000Z', 'down', 'Sai số liệu'],
            ]);
            expect(records[1]!.citations).toEqual([{ n: 1, documentId: 'kh-20' }]);
          } finally {
            await again.close();
          }
        }
      } finally {
        await first.close().catch(() => undefined);
      }
    }, 60_000);

    it('shares one store between two replicas', async () => {
      const dataDir = server.config.DATA_DIR;
      // SQLite replicas on one host share the file; PostgreSQL replicas share DATABASE_URL.
      const replica = await startTestServer({ listen: false, config: { ...backend.config, ...(backend.name === 'sqlite' ? { DATA_DIR: dataDir } : {}) } });
      try {
        const question = `Hai bản sao (${backend.name})`;
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i % 2 ? replica : server, { ...BODY, question })));
        expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
        expect(await mine(server, question)).toHaveLength(10);
        expect(await mine(replica, question)).toHaveLength(10);
      } finally {
        await replica.close();
      }
    });

    it('refuses a write to a read-only store with 503 STORE_READ_ONLY and stores nothing', async () => {
      const question = `Chỉ đọc (${backend.name})`;
      if (backend.name === 'sqlite') {
        // The file opened read-only, as on a read-only volume: SQLite's own SQLITE_READONLY.
        const store = new SqlStore(new SqliteDriver(path.join(server.config.DATA_DIR, SQLITE_FILE), { readonly: true }));
        const app = await buildApp({ config: server.config, engines: server.engines, store });
        try {
          const res = await app.inject({ method: 'POST', url: '/api/feedback', payload: { ...BODY, question } });
          expect(res.statusCode).toBe(503);
          expect(res.json().error.code).toBe('STORE_READ_ONLY');
        } finally {
          await app.close();
          await store.close();
        }
      } else {
        // The database switched to read-only (as a standby, or an admin during maintenance): SQLSTATE 25006.
        const admin = new pg.Client({ connectionString: backend.config.DATABASE_URL });
        await admin.connect();
        const { rows } = await admin.query('SELECT current_database() AS db');
        await admin.query(`ALTER DATABASE "${rows[0].db}" SET default_transaction_read_only = on`);
        try {
          const ro = await start();
          try {
            const res = await post(ro, { ...BODY, question });
            expect(res.statusCode).toBe(503);
            expect(res.json().error.code).toBe('STORE_READ_ONLY');
          } finally {
            await ro.close();
          }
        } finally {
          await admin.query(`ALTER DATABASE "${rows[0].db}" RESET default_transaction_read_only`);
          await admin.end();
        }
      }
      expect(await mine(server, question)).toHaveLength(0);
    }, 60_000);

    it.skipIf(backend.name !== 'sqlite')('refuses a write past the size cap (a full disk) with 507 STORE_FULL and no broken row (SQLite: PostgreSQL\'s disk_full 53100 is mapped in store.test)', async () => {
      // STORE_MAX_MB caps the file (SQLite's max_page_count): past it SQLite fails with SQLITE_FULL, as on a full disk.
      const full = await start({ STORE_MAX_MB: 0.15 });
      try {
        const answer = 'Nội dung trả lời rất dài. '.repeat(380);
        const statuses: number[] = [];
        for (let i = 0; i < 60 && !statuses.includes(507); i++) {
          statuses.push((await post(full, { ...BODY, question: `Đầy đĩa ${i}`, answer, comment: 'x'.repeat(1500) })).statusCode);
        }
        expect(statuses.at(-1)).toBe(507);
        const last = await post(full, { ...BODY, question: 'Đầy đĩa cuối', answer });
        expect(last.json().error.code).toBe('STORE_FULL');
        const stored = await full.app.store.listFeedback();
        expect(stored).toHaveLength(statuses.filter((s) => s === 201).length);
        expect(stored.every((r) => r.answer === answer && r.comment === 'x'.repeat(1500))).toBe(true);
        const check = new SqliteDriver(path.join(full.config.DATA_DIR, SQLITE_FILE), { readonly: true });
        expect(check.db.pragma('integrity_check', { simple: true })).toBe('ok');
        await check.close();
      } finally {
        await full.close();
      }
    }, 60_000);
  });
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ config: { WIDGET_ORIGINS: `${WIDGET_ORIGIN}, http://localhost:9` } });
}, 60_000);
afterAll(() => server?.close());

describe('CORS for the widget', () => {
  it.each(['/api/ask', '/api/feedback'])('answers the preflight of POST %s from an allowed origin', async (url) => {
    const res = await server.app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin: WIDGET_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
  });

  it('adds the CORS header to POST /api/ask and GET /api/documents/:id for an allowed origin only', async () => {
    const ask = await server.app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'Buổi sáng làm việc từ mấy giờ?' }, headers: { origin: WIDGET_ORIGIN } });
    expect(ask.statusCode).toBe(200);
    expect(ask.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
    const doc = await server.app.inject({ method: 'GET', url: `/api/documents/${ask.json().citations[0].documentId}`, headers: { origin: WIDGET_ORIGIN } });
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
    const other = await server.app.inject({ method: 'GET', url: '/api/health', headers: { origin: OTHER_ORIGIN } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('WebSocket Origin check', () => {
  const open = (origin?: string) =>
    new Promise<{ opened: boolean; status?: number }>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`, origin ? { origin } : {});
      ws.on('open', () => {
        ws.close();
        resolve({ opened: true });
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve({ opened: false, status: res.statusCode });
        res.resume();
        ws.terminate();
      });
      ws.on('error', () => resolve({ opened: false }));
    });

  it('accepts an allowed origin, the server’s own origin and clients without Origin', async () => {
    expect(await open(WIDGET_ORIGIN)).toEqual({ opened: true });
    expect(await open(server.url)).toEqual({ opened: true });
    expect(await open()).toEqual({ opened: true });
  });

  it('refuses another origin with 403 before upgrading', async () => {
    expect(await open(OTHER_ORIGIN)).toEqual({ opened: false, status: 403 });
  });

  it('streams an answer to an allowed origin', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`, { origin: WIDGET_ORIGIN });
    const types: string[] = [];
    const done = await new Promise<{ answer: string }>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'ask', id: 'a1', question: 'Buổi sáng làm việc từ mấy giờ?', history: [] })));
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw));
        types.push(m.type);
        if (m.type === 'done') resolve(m);
        if (m.type === 'error') reject(new Error(m.message));
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(types[0]).toBe('delta');
    expect(types.slice(-2)).toEqual(['citations', 'done']);
    expect(done.answer).toContain('7 giờ 30');
  });
});
