/**
 * Answer quality on question sets, through the real pipeline. The project's sample set runs everywhere; the sets
 * over `../shared/` run where that folder is present (CI has it) and are skipped with a message elsewhere.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestions } from '../src/eval/datasets.js';
import { judge } from '../src/eval/metrics.js';
import type { AskResult } from '../src/answer/assistant.js';
import { engineOver, runEval } from '../src/eval/run.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { StoredDocument } from '../src/index/store.js';
import { loadFile } from '../src/ingest/loaders/index.js';
import { SAMPLE_CORPUS } from './helpers/corpus.js';

const SHARED = path.resolve(import.meta.dirname, '../../shared');
const hasShared = existsSync(path.join(SHARED, 'eval/questions.dev.jsonl'));
if (!hasShared) console.warn(`[eval] ${SHARED} is absent: the evaluations over the shared documents are skipped.`);

async function documentsOf(...dirs: string[]): Promise<StoredDocument[]> {
  const out: StoredDocument[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).sort()) {
      const loaded = await loadFile(path.join(dir, name));
      out.push({ id: `${path.basename(dir)}-${name}`, file: name, hash: String((await readFile(path.join(dir, name))).length), meta: loaded.meta, text: loaded.text });
    }
  }
  return out;
}

const repo = (p: string) => path.resolve(import.meta.dirname, '..', p);

describe('answer quality', () => {
  it('answers the sample question set over the project corpus', async () => {
    const engine = await engineOver(await documentsOf(SAMPLE_CORPUS), chooseEmbeddings({}));
    const { summary } = await runEval(engine, await readQuestions(repo('eval/questions.sample.jsonl')));
    console.log('[eval] sample set', JSON.stringify(summary));
    expect(summary.answerAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(summary.refusalAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(summary.medianAnswerChars).toBeLessThanOrEqual(300);
  });

  it.skipIf(!hasShared)('answers the shared dev set over the seeds', async () => {
    const engine = await engineOver(await documentsOf(path.join(SHARED, 'seeds')), chooseEmbeddings({}));
    const { summary } = await runEval(engine, await readQuestions(path.join(SHARED, 'eval/questions.dev.jsonl')));
    console.log('[eval] dev set', JSON.stringify(summary));
    expect(summary.answerAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(summary.citationAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(summary.refusalAccuracy).toBe(1);
    expect(summary.medianAnswerChars).toBeLessThanOrEqual(300);
  });
});

describe('judging', () => {
  const result = (answer: string, notFound = false): AskResult =>
    ({ answer, notFound, mode: 'extractive', citations: [], timings: { retrieveMs: 0, answerMs: 0, totalMs: 0 } }) as AskResult;

  it('compares after NFC, case, white space and leading zeros of dates, with citation markers left out', () => {
    const q = { id: 'x', kind: 'fact', question: '?', expect: [['ngày 07/05/2025'], ['xóa tên khỏi danh sách sinh viên chính quy.']] };
    expect(judge(q, result('Theo Quyết định: Ngày 7/5/2025, sinh viên bị XÓA TÊN khỏi danh sách sinh viên chính quy [1].')).answerOk).toBe(true);
    expect(judge(q, result('Ngày 7/5/2025 sinh viên được giữ tên [1].')).answerOk).toBe(false);
    // Markers after a sentence, one or several, go; brackets inside the quoted text stay.
    const scores = { id: 'y', kind: 'fact', question: '?', expect: [['toeic[450],ielts[4.5]'], ['xếp loại giỏi.']] };
    expect(judge(scores, result('Với Anh văn 2 (TOEIC[450],IELTS[4.5]) [1][2]. Xếp loại giỏi [3].')).answerOk).toBe(true);
  });

  it('counts a refusal right only where the set expects one', () => {
    expect(judge({ id: 'r', kind: 'refusal', question: '?', expect_not_found: true }, result('Không tìm thấy.', true)).refusalOk).toBe(true);
    expect(judge({ id: 'a', kind: 'fact', question: '?', expect: [['5']] }, result('Không tìm thấy.', true)).answerOk).toBe(false);
  });
});

describe('held-out split', () => {
  it('puts a question in a half by its id alone, the same on every run, about half in each', async () => {
    const { halfOf } = await import('../src/eval/split.js');
    expect(halfOf('c001')).toBe(halfOf('c001'));
    const ids = Array.from({ length: 400 }, (_, i) => `q${i}`);
    const heldout = ids.filter((id) => halfOf(id) === 'heldout').length;
    expect(heldout).toBeGreaterThan(160);
    expect(heldout).toBeLessThan(240);
  });
});
