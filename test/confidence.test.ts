/**
 * The trace's comparable confidence (src/answer/confidence.ts) through the real API over the sample corpus: one
 * 0–100 scale for every question with the refusal threshold on it, an answered question above it and a refused one
 * below, why each passage ranks where it does; the `mode` request field and the mode in health.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type Trace = {
  confidence: { scale: { min: number; max: number; threshold: number }; answer: { value: number; basis: string }; best: number; keywords: string[] };
  passages: Array<{ rank: number; confidence: number; scores: { coverage: number; lexical: number }; why: { matched: string[]; missing: string[]; bm25: { relative: number }; vector: { similarity: number } } }>;
};

async function traced(question: string): Promise<{ notFound: boolean; answer: string; trace: Trace }> {
  const res = await app.inject({ method: 'POST', url: '/api/ask', payload: { question, trace: true } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const ANSWERED = 'Quảng Ninh đặt chỉ tiêu tỷ trọng kinh tế số trong GRDP là bao nhiêu?';
const REFUSED = 'Ai là tác giả của Truyện Kiều?';

describe('trace.confidence', () => {
  it('puts an answered question above the refusal threshold and a refused one below it, on one scale', async () => {
    const answered = await traced(ANSWERED);
    const refused = await traced(REFUSED);
    expect(answered.notFound).toBe(false);
    expect(refused.notFound).toBe(true);
    for (const { trace } of [answered, refused]) {
      expect(trace.confidence.scale).toEqual({ min: 0, max: 100, threshold: 30 });
      for (const p of trace.passages) {
        // The passage's confidence is its share of the question's topic: the measure the refusal gate compares.
        expect(Number.isInteger(p.confidence)).toBe(true);
        expect(p.confidence).toBe(Math.round(p.scores.coverage * 100));
      }
    }
    expect(answered.trace.confidence.answer.value).toBeGreaterThanOrEqual(30);
    expect(answered.trace.confidence.answer.basis).toBe('cited');
    expect(refused.trace.confidence.answer.value).toBeLessThan(30);
    expect(refused.trace.confidence.answer.basis).toBe('refused');
    // The refused question's best passage is below the answered one's: comparable, unlike the ranking score.
    expect(refused.trace.confidence.best).toBeLessThan(answered.trace.confidence.best);
  });

  it('tells why the top passages rank where they do: key words held and missing, BM25 and vectors side by side', async () => {
    const { trace } = await traced(ANSWERED);
    expect(trace.confidence.keywords).toEqual(expect.arrayContaining(['GRDP']));
    const top = trace.passages[0]!;
    expect(top.why.matched.length).toBeGreaterThan(0);
    expect(top.why.bm25.relative).toBe(100);
    expect(top.why.vector.similarity).toBeGreaterThan(0);
    expect(top.why.vector.similarity).toBeLessThanOrEqual(100);
    // The key words a passage holds and lacks are the question's, as it writes them.
    for (const p of trace.passages) for (const w of [...p.why.matched, ...p.why.missing]) expect(ANSWERED).toContain(w);
    expect(trace.passages.some((p) => p.why.matched.includes('GRDP') || p.why.matched.some((w) => w.includes('GRDP')))).toBe(true);
  });

  it('is left out of answers asked without trace', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: ANSWERED } });
    expect(res.json().trace).toBeUndefined();
  });
});

describe('answer mode', () => {
  it('accepts mode "extractive" (offline even where a model is configured), refuses another mode with BAD_REQUEST', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: ANSWERED, mode: 'extractive' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mode).toBe('extractive');
    const bad = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: ANSWERED, mode: 'gpt' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
  });

  it('is told by GET /api/health', async () => {
    const health = (await app.inject({ url: '/api/health' })).json();
    expect(health.mode).toBe('extractive');
  });
});
