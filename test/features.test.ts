/**
 * The features saved at ingest (BM25 postings, years, heading terms: src/index/features.ts) give the same engine as
 * reading them from the text: the same postings, and the same answers and citations for every question of the
 * project's own set over the shared corpus and seeds (the sample corpus and set where those are absent).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../src/answer/assistant.js';
import { readQuestions } from '../src/eval/datasets.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { SearchEngine } from '../src/retrieve/engine.js';

const SHARED = path.resolve(import.meta.dirname, '../../shared');
const shared = existsSync(path.join(SHARED, 'corpus')) && existsSync(path.join(SHARED, 'seeds'));
const sources = shared ? [path.join(SHARED, 'corpus'), path.join(SHARED, 'seeds')] : [path.resolve(import.meta.dirname, '../corpus')];
const questionsFile = path.resolve(import.meta.dirname, shared ? '../eval/questions.corpus.jsonl' : '../eval/questions.sample.jsonl');

/** A question the corpus answers: the digital economy's share of GRDP. */
const QUESTION = 'Tỷ trọng kinh tế số trong GRDP đến năm 2030 là bao nhiêu?';

describe('features saved at ingest', () => {
  let root: string;
  let indexDir: string;
  let version: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tlcv-features-'));
    const corpusDir = path.join(root, 'corpus');
    await mkdir(corpusDir);
    for (const dir of sources) await cp(dir, corpusDir, { recursive: true, filter: (f) => !f.endsWith('README.md') });
    indexDir = path.join(root, 'index');
    await ingestCorpus({ corpusDir, indexDir, embeddings: chooseEmbeddings({}) });
    version = (await currentVersion(indexDir))!;
  }, 120_000);
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('are written with the version and read back as the same postings and answers as the text gives', async () => {
    const dir = path.join(indexDir, 'versions', version);
    expect(existsSync(path.join(dir, 'features.json'))).toBe(true);
    const saved = await SearchEngine.load(indexDir, chooseEmbeddings({}));
    await rename(path.join(dir, 'features.json'), path.join(dir, 'features.json.off'));
    const fromText = await SearchEngine.load(indexDir, chooseEmbeddings({}));
    await rename(path.join(dir, 'features.json.off'), path.join(dir, 'features.json'));
    for (const field of ['accented', 'folded'] as const) {
      const a = saved.lexicalIndex({ field } as never).saved();
      const b = fromText.lexicalIndex({ field } as never).saved();
      expect(a.terms).toEqual(b.terms);
      expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
      expect(Array.from(a.tfs)).toEqual(Array.from(b.tfs));
      expect(Array.from(a.lengths)).toEqual(Array.from(b.lengths));
    }
    const questions = await readQuestions(questionsFile);
    expect(questions.length).toBeGreaterThan(20);
    for (const q of questions) {
      const x = await ask(saved, { question: q.question, history: q.history });
      const y = await ask(fromText, { question: q.question, history: q.history });
      expect({ answer: x.answer, citations: x.citations, refusal: x.refusal }, q.id).toEqual({ answer: y.answer, citations: y.citations, refusal: y.refusal });
    }
  }, 120_000);

  it('are read from the text when they do not match the version', async () => {
    const file = path.join(indexDir, 'versions', version, 'features.json');
    const good = await readFile(file, 'utf8');
    const expected = await ask(await SearchEngine.load(indexDir, chooseEmbeddings({})), { question: QUESTION });
    expect(expected.notFound).toBe(false);
    await writeFile(file, JSON.stringify({ ...JSON.parse(good), chunks: 1 }));
    try {
      const engine = await SearchEngine.load(indexDir, chooseEmbeddings({}));
      expect(engine.lexicalIndex({ field: 'accented' } as never).size).toBe(engine.chunks.length);
      const got = await ask(engine, { question: QUESTION });
      expect({ answer: got.answer, citations: got.citations }).toEqual({ answer: expected.answer, citations: expected.citations });
    } finally {
      await writeFile(file, good);
    }
  });
});
