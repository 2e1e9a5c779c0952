/**
 * Runs a question set through the real pipeline (chunking, hybrid index, answer) and scores it.
 */
import { ask, type AskResult } from '../answer/assistant.js';
import { buildIndexData } from '../index/build.js';
import type { EmbeddingsChoice } from '../index/embeddings.js';
import type { StoredDocument } from '../index/store.js';
import { chunkDocument } from '../ingest/chunk.js';
import { SearchEngine } from '../retrieve/engine.js';
import type { EvalQuestion } from './datasets.js';
import { judge, median, percentile, type Judgement } from './metrics.js';

export interface EvalSummary {
  questions: number;
  answerAccuracy: number;
  citationAccuracy: number;
  refusalAccuracy: number;
  citedFirst: number;
  mrr: number;
  medianAnswerChars: number;
  p50Ms: number;
  p95Ms: number;
}

export interface EvalMiss {
  question: EvalQuestion;
  result: AskResult;
  judgement: Judgement;
}

/** Builds an in-memory engine over documents (no disk). */
export async function engineOver(documents: StoredDocument[], choice: EmbeddingsChoice): Promise<SearchEngine> {
  const chunks = documents.flatMap((d) => chunkDocument(d.id, d.text, d.pages));
  return SearchEngine.fromData(await buildIndexData(documents, chunks, choice, 'memory'), choice);
}

const ratio = (hits: number, total: number) => (total ? Math.round((hits / total) * 1000) / 1000 : 1);

/** Asks every question and scores the answers. */
export async function runEval(engine: SearchEngine, questions: EvalQuestion[]): Promise<{ summary: EvalSummary; misses: EvalMiss[] }> {
  const judgements: Judgement[] = [];
  const misses: EvalMiss[] = [];
  const times: number[] = [];
  const lengths: number[] = [];
  for (const question of questions) {
    const result = await ask(engine, { question: question.question, history: question.history, trace: true });
    const judgement = judge(question, result);
    judgements.push(judgement);
    times.push(result.timings.totalMs);
    if (!result.notFound) lengths.push(result.answer.length);
    if (!judgement.answerOk || judgement.citationOk === false) misses.push({ question, result, judgement });
  }
  const withGold = judgements.filter((j) => j.citationOk !== undefined);
  return {
    summary: {
      questions: questions.length,
      answerAccuracy: ratio(judgements.filter((j) => j.answerOk).length, judgements.length),
      citationAccuracy: ratio(withGold.filter((j) => j.citationOk).length, withGold.length),
      refusalAccuracy: ratio(judgements.filter((j) => j.refusalOk).length, judgements.filter((j) => j.refusalOk !== undefined).length),
      citedFirst: ratio(withGold.filter((j) => j.citedFirst).length, withGold.length),
      mrr: ratio(withGold.reduce((s, j) => s + (j.reciprocalRank ?? 0), 0), withGold.length),
      medianAnswerChars: median(lengths),
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    },
    misses,
  };
}
