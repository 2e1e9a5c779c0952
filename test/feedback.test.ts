/**
 * The widget's server side: `POST /api/feedback` (validation, one JSON line per rating), CORS for the widget's
 * calls, and the Origin check on the WebSocket upgrade when `WIDGET_ORIGINS` is a list.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from './helpers/server.js';

const WIDGET_ORIGIN = 'https://portal.example.gov.vn';
const OTHER_ORIGIN = 'https://evil.example.com';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ config: { WIDGET_ORIGINS: `${WIDGET_ORIGIN}, http://localhost:9` } });
}, 60_000);
afterAll(() => server?.close());

const feedbackFile = () => path.join(server.config.DATA_DIR, 'feedback.jsonl');
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url: '/api/feedback', payload: payload as object, headers });

describe('POST /api/feedback', () => {
  it('appends one JSON line with a timestamp and answers 201 {ok: true}', async () => {
    const body = {
      question: 'Buổi sáng làm việc từ mấy giờ?',
      answer: 'Buổi sáng làm việc từ 7 giờ 30 đến 11 giờ 30 [1].',
      rating: 'up',
      citations: [{ n: 1, documentId: 'qd-15-gio-lam-viec', start: 0, end: 120 }],
    };
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ ok: true });
    const second = await post({ ...body, rating: 'down', comment: 'Thiếu giờ buổi chiều <b>x</b>' });
    expect(second.statusCode).toBe(201);

    const lines = (await readFile(feedbackFile(), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const records = lines.map((l) => JSON.parse(l));
    expect(records[0]).toMatchObject({ ...body });
    expect(Date.parse(records[0].at)).not.toBeNaN();
    expect(records[1]).toMatchObject({ rating: 'down', comment: 'Thiếu giờ buổi chiều <b>x</b>' });
  });

  it.each([
    ['a rating other than up/down', { question: 'q', answer: 'a', rating: 'meh' }],
    ['a missing answer', { question: 'q', rating: 'up' }],
    ['an unknown field', { question: 'q', answer: 'a', rating: 'up', email: 'x@y.z' }],
    ['an unknown citation field', { question: 'q', answer: 'a', rating: 'up', citations: [{ n: 1, documentId: 'd', text: 'x' }] }],
    ['a comment that is not a string', { question: 'q', answer: 'a', rating: 'up', comment: 5 }],
  ])('refuses %s with 400 BAD_REQUEST', async (_name, payload) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(typeof res.json().error.message).toBe('string');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/feedback', payload: 'rating=up', headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});

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
