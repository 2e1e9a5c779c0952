/**
 * The question log against SQLite and a real PostgreSQL (the same suite): off by default; when on, each question
 * asked over HTTP or the WebSocket is stored with its outcome, refusal code, what was missing, mode and latency —
 * and nothing about who asked; retention (QUESTION_LOG_DAYS, QUESTION_LOG_MAX_ROWS) is enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../src/config.js';
import type { QuestionRecord } from '../src/store/types.js';
import { storeBackends } from './helpers/backends.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const { backends, stop } = await storeBackends('question-log.test');
afterAll(() => stop());

const ANSWERED = 'Buổi sáng làm việc từ mấy giờ?';
const MISSING = 'Quyết định 99/QĐ-UBND quy định giờ làm việc thế nào?';

/** Waits (bounded) until the log holds `n` questions: it is written after the answer is sent. */
async function logged(server: TestServer, n: number): Promise<QuestionRecord[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await server.app.store.listQuestions();
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return server.app.store.listQuestions();
}

function askWs(server: TestServer, question: string): Promise<{ notFound: boolean }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'ask', id: 1, question })));
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.type === 'done') {
        ws.close();
        resolve(m);
      }
      if (m.type === 'error') reject(new Error(m.code));
    });
    ws.on('error', reject);
  });
}

for (const backend of backends) {
  describe.skipIf(Boolean(backend.skip))(`question log — ${backend.name}`, () => {
    const start = (config: Partial<Config> = {}) => startTestServer({ config: { ...backend.config, ...config } });
    let on: TestServer;
    beforeAll(async () => {
      on = await start({ QUESTION_LOG: 'on' });
    }, 60_000);
    afterAll(() => on?.close());

    it('logs nothing when QUESTION_LOG is off (the default), and health says so', async () => {
      const off = await start();
      try {
        expect(off.config.QUESTION_LOG).toBe('off');
        expect((await off.app.inject({ method: 'GET', url: '/api/health' })).json().questionLog).toBe(false);
        expect((await off.app.inject({ method: 'POST', url: '/api/ask', payload: { question: ANSWERED } })).statusCode).toBe(200);
        await askWs(off, MISSING);
        expect(await off.app.store.listQuestions()).toEqual([]);
      } finally {
        await off.close();
      }
    });

    it('logs each question over HTTP and WebSocket with its outcome, and nothing about who asked', async () => {
      const before = (await on.app.store.listQuestions()).length;
      expect((await on.app.inject({ method: 'GET', url: '/api/health' })).json().questionLog).toBe(true);
      const http = await on.app.inject({
        method: 'POST',
        url: '/api/ask',
        payload: { question: ANSWERED },
        headers: { 'x-forwarded-for': '203.0.113.7', authorization: 'Bearer secret-user-token' },
      });
      expect(http.json().notFound).toBe(false);
      expect((await askWs(on, MISSING)).notFound).toBe(true);
      const rows = (await logged(on, before + 2)).slice(before);
      expect(rows).toHaveLength(2);
      const answered = rows.find((r) => r.question === ANSWERED)!;
      const refused = rows.find((r) => r.question === MISSING)!;
      expect(answered).toMatchObject({ outcome: 'answered', mode: 'extractive', missing: [] });
      expect(answered.refusalCode).toBeUndefined();
      expect(refused).toMatchObject({ outcome: 'refused', refusalCode: 'DOCUMENT_MISSING', missing: ['99/QĐ-UBND'], mode: 'extractive' });
      for (const r of rows) {
        expect(Object.keys(r).sort()).toEqual(['at', 'id', 'latencyMs', 'missing', 'mode', 'outcome', 'question', ...(r.refusalCode ? ['refusalCode'] : [])].sort());
        expect(r.latencyMs).toBeGreaterThanOrEqual(0);
        expect(JSON.stringify(r)).not.toMatch(/203\.0\.113\.7|127\.0\.0\.1|secret-user-token/);
      }
    });

    it('deletes questions older than QUESTION_LOG_DAYS and beyond QUESTION_LOG_MAX_ROWS at start', async () => {
      const day = 86_400_000;
      const store = on.app.store;
      const marker = `Lưu giữ ${backend.name}`;
      await store.logQuestion({ question: `${marker} cũ`, outcome: 'answered', mode: 'extractive', latencyMs: 5, at: new Date(Date.now() - 40 * day).toISOString() });
      for (let i = 0; i < 5; i++) {
        await store.logQuestion({ question: `${marker} ${i}`, outcome: 'answered', mode: 'extractive', latencyMs: 5, at: new Date(Date.now() - (5 - i) * 60_000).toISOString() });
      }
      const recent = (await store.listQuestions({ since: new Date(Date.now() - 30 * day).toISOString() })).map((r) => r.question);
      expect(recent.length).toBeGreaterThanOrEqual(5);
      const again = await startTestServer({
        listen: false,
        config: { ...backend.config, DATA_DIR: on.config.DATA_DIR, QUESTION_LOG: 'on', QUESTION_LOG_DAYS: 30, QUESTION_LOG_MAX_ROWS: 3 },
      });
      try {
        const left = await again.app.store.listQuestions();
        // The 40-day-old one is gone, and of the rest only the newest 3 are kept.
        expect(left.map((r) => r.question)).toEqual(recent.slice(-3));
        expect(left.map((r) => r.question)).not.toContain(`${marker} cũ`);
        expect((await again.app.store.listQuestions({ since: '2000-01-01' })).length).toBe(3);
      } finally {
        await again.close();
      }
    });
  });
}
