import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ERRORS } from '../src/errors.js';
import { makeApp, makeIndex, type TestIndex } from './helpers/corpus.js';

let index: TestIndex;
let app: FastifyInstance;

beforeAll(async () => {
  index = await makeIndex();
  ({ app } = await makeApp(index.indexDir));
});
afterAll(async () => {
  await app?.close();
  await index?.cleanup();
});

const ask = (body: unknown) => app.inject({ method: 'POST', url: '/api/ask', payload: body as object });

describe('POST /api/ask', () => {
  it('answers short, names the document and cites passages exactly as they stand', async () => {
    const res = await ask({ question: 'Quảng Ninh đặt chỉ tiêu tỷ trọng kinh tế số trong GRDP là bao nhiêu?' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.notFound).toBe(false);
    expect(body.mode).toBe('extractive');
    expect(body.answer).toContain('30%');
    expect(body.answer).toMatch(/\[1\]/);
    expect(body.answer.length).toBeLessThanOrEqual(400);
    expect(body.citations.length).toBeGreaterThan(0);
    for (const c of body.citations) {
      const doc = (await app.inject({ url: `/api/documents/${c.documentId}` })).json();
      expect(doc.text.slice(c.start, c.end)).toBe(c.text);
    }
    expect(body.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('works for questions typed without accents', async () => {
    const body = (await ask({ question: 'ty trong kinh te so trong GRDP cua Quang Ninh dat bao nhieu' })).json();
    expect(body.notFound).toBe(false);
    expect(body.answer).toContain('30%');
  });

  it('says so when the documents hold no answer, citing nothing', async () => {
    const body = (await ask({ question: 'Thủ đô của nước Pháp là thành phố nào?' })).json();
    expect(body.notFound).toBe(true);
    expect(body.citations).toEqual([]);
  });

  it('returns a trace for the trainer view when asked', async () => {
    const body = (await ask({ question: 'Nghị quyết 57-NQ/TW ban hành ngày nào?', trace: true })).json();
    expect(body.trace.query.docRefs).toContain('nq:57');
    expect(body.trace.passages[0].scores).toHaveProperty('lexical');
    expect(body.trace.passages[0].scores).toHaveProperty('vector');
  });

  it('uses the history for follow-up questions', async () => {
    const body = (
      await ask({
        question: 'Kế hoạch đó được ban hành ngày nào?',
        history: [
          { role: 'user', content: 'Kế hoạch 538-KH/TU của Quảng Ninh về nội dung gì?' },
          { role: 'assistant', content: 'Kế hoạch 538-KH/TU thực hiện Nghị quyết 57-NQ/TW.' },
        ],
      })
    ).json();
    expect(body.notFound).toBe(false);
    expect(body.answer).toMatch(/19\/0?5\/2025/);
  });

  it.each([
    [{}, 400, 'BAD_REQUEST'],
    [{ question: '' }, 400, 'QUESTION_EMPTY'],
    [{ question: '   ' }, 400, 'QUESTION_EMPTY'],
    [{ question: 'x'.repeat(2001) }, 413, 'QUESTION_TOO_LONG'],
    [{ question: 42 }, 400, 'BAD_REQUEST'],
    [{ question: 'a', topK: 0 }, 400, 'BAD_REQUEST'],
    [{ question: 'a', topK: 'five' }, 400, 'BAD_REQUEST'],
    [{ question: 'a', unknown: true }, 400, 'BAD_REQUEST'],
    [{ question: 'a', history: [{ role: 'system', content: 'x' }] }, 400, 'BAD_REQUEST'],
    [{ question: 'a', history: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) }, 400, 'BAD_REQUEST'],
  ])('rejects bad input %# with a stable code', async (body, status, code) => {
    const res = await ask(body);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toBeTruthy();
  });

  it('rejects a 10 kB question and a body over the limit without a 500', async () => {
    expect((await ask({ question: 'ả'.repeat(10_000) })).json().error.code).toBe('QUESTION_TOO_LONG');
    const huge = await ask({ question: 'a', history: [{ role: 'user', content: 'x'.repeat(100_000) }] });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const notJson = await app.inject({ method: 'POST', url: '/api/ask', payload: '{not json', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('BAD_REQUEST');
  });
});

describe('health and documents', () => {
  it('reports the index', async () => {
    const body = (await app.inject({ url: '/api/health' })).json();
    expect(body).toMatchObject({ status: 'ok', documents: index.report.documents, chunks: index.report.chunks });
    expect(body.index.embeddings).toMatch(/^hashing-v1/);
  });

  it('lists documents and returns one in full', async () => {
    const list = (await app.inject({ url: '/api/documents' })).json().documents;
    expect(list.length).toBe(index.report.documents);
    const one = (await app.inject({ url: `/api/documents/${list[0].id}` })).json();
    expect(one.text.length).toBe(list[0].chars);
    const missing = await app.inject({ url: '/api/documents/khong-co' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('answers unknown routes with NOT_FOUND', async () => {
    const res = await app.inject({ url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('without an index', () => {
  it('answers 503 INDEX_NOT_READY', async () => {
    const { app: empty } = await makeApp(`${index.root}/no-index`);
    const res = await empty.inject({ method: 'POST', url: '/api/ask', payload: { question: 'Xin chào' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('INDEX_NOT_READY');
    await empty.close();
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED past the limit', async () => {
    const { app: limited } = await makeApp(index.indexDir, { RATE_LIMIT_PER_MINUTE: '2' });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await limited.inject({ url: '/api/documents' })).statusCode);
    const last = await limited.inject({ url: '/api/documents' });
    expect(codes.slice(0, 2)).toEqual([200, 200]);
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
    await limited.close();
  });
});

describe('error registry', () => {
  it('gives every code an HTTP status and a Vietnamese message', () => {
    for (const [code, { status, message }] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(message).toMatch(/[àáảãạăâđêôơưếềệịọộớờợủứừựỳ]/i);
    }
  });
});
