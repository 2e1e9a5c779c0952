/**
 * Runs a question set through the real pipeline (chunking, hybrid index, answer) and scores it, for the whole set and
 * for each of its fixed halves (tuning, held-out: see split.ts).
 */
import { ask, type AskResult } from '../answer/assistant.js';
import type { Turn } from '../answer/followup.js';
import { buildIndexData } from '../index/build.js';
import type { EmbeddingsChoice } from '../index/embeddings.js';
import type { StoredDocument } from '../index/store.js';
import { chunkDocument } from '../ingest/chunk.js';
import { SearchEngine } from '../retrieve/engine.js';
import type { EvalDialogue, EvalQuestion } from './datasets.js';
import { judge, median, percentile, type Judgement } from './metrics.js';
import { halfOf, type Half } from './split.js';

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
  /** Share of the questions that must be refused that were refused (with no citation). */
  mustRefuse: number;
  /** Share of the answerable questions that were refused. */
  falseRefusals: number;
  /** Refusals given, by their code (`answer.refusal.code`). */
  refusals: Record<string, number>;
}

export interface EvalMiss {
  question: EvalQuestion;
  result: AskResult;
  judgement: Judgement;
  half: Half;
}

export interface EvalReport {
  summary: EvalSummary;
  halves: Record<Half, EvalSummary>;
  misses: EvalMiss[];
  /** Every question's result in the order asked. */
  results: { id: string; result: AskResult }[];
}

/** Builds an in-memory engine over documents (no disk). */
export async function engineOver(documents: StoredDocument[], choice: EmbeddingsChoice): Promise<SearchEngine> {
  const chunks = documents.flatMap((d) => chunkDocument(d.id, d.text, d.pages));
  return SearchEngine.fromData(await buildIndexData(documents, chunks, choice, 'memory'), choice);
}

const ratio = (hits: number, total: number) => (total ? Math.round((hits / total) * 1000) / 1000 : 1);

interface Scored {
  question: EvalQuestion;
  result: AskResult;
  judgement: Judgement;
  half: Half;
}

function summarize(scored: Scored[]): EvalSummary {
  const judgements = scored.map((s) => s.judgement);
  const withGold = judgements.filter((j) => j.citationOk !== undefined);
  const refusals: Record<string, number> = {};
  for (const { result } of scored) if (result.notFound) refusals[result.refusal?.code ?? 'NONE'] = (refusals[result.refusal?.code ?? 'NONE'] ?? 0) + 1;
  return {
    questions: scored.length,
    answerAccuracy: ratio(judgements.filter((j) => j.answerOk).length, judgements.length),
    citationAccuracy: ratio(withGold.filter((j) => j.citationOk).length, withGold.length),
    refusalAccuracy: ratio(judgements.filter((j) => j.refusalOk).length, judgements.filter((j) => j.refusalOk !== undefined).length),
    citedFirst: ratio(withGold.filter((j) => j.citedFirst).length, withGold.length),
    mrr: ratio(withGold.reduce((s, j) => s + (j.reciprocalRank ?? 0), 0), withGold.length),
    mustRefuse: ratio(scored.filter((s) => s.question.expect_not_found && s.judgement.refusalOk).length, scored.filter((s) => s.question.expect_not_found).length),
    falseRefusals: ratio(scored.filter((s) => !s.question.expect_not_found && s.result.notFound).length, scored.filter((s) => !s.question.expect_not_found).length),
    medianAnswerChars: median(scored.filter((s) => !s.result.notFound).map((s) => s.result.answer.length)),
    p50Ms: percentile(scored.map((s) => s.result.timings.totalMs), 50),
    p95Ms: percentile(scored.map((s) => s.result.timings.totalMs), 95),
    refusals,
  };
}

function report(scored: Scored[]): EvalReport {
  return {
    summary: summarize(scored),
    halves: { tuning: summarize(scored.filter((s) => s.half === 'tuning')), heldout: summarize(scored.filter((s) => s.half === 'heldout')) },
    misses: scored.filter((s) => !s.judgement.answerOk || s.judgement.citationOk === false),
    results: scored.map((s) => ({ id: s.question.id, result: s.result })),
  };
}

/** Asks every question and scores the answers. */
export async function runEval(engine: SearchEngine, questions: EvalQuestion[]): Promise<EvalReport> {
  const scored: Scored[] = [];
  for (const question of questions) {
    const result = await ask(engine, { question: question.question, history: question.history, trace: true });
    scored.push({ question, result, judgement: judge(question, result), half: halfOf(question.id) });
  }
  return report(scored);
}

/**
 * Asks each conversation's turns in order, as the widget does: every turn gets the questions before it and the
 * assistant's own answers to them as history. A turn's half is its conversation's.
 */
export async function runDialogues(engine: SearchEngine, dialogues: EvalDialogue[]): Promise<EvalReport> {
  const scored: Scored[] = [];
  for (const dialogue of dialogues) {
    const history: Turn[] = [];
    for (const [i, turn] of dialogue.turns.entries()) {
      const question: EvalQuestion = { ...turn, id: `${dialogue.id}.${i + 1}`, kind: turn.kind ?? (i ? 'followup' : 'first'), history: [...history] };
      const result = await ask(engine, { question: turn.question, history: question.history, trace: true });
      scored.push({ question, result, judgement: judge(question, result), half: halfOf(dialogue.id) });
      history.push({ role: 'user', content: turn.question }, { role: 'assistant', content: result.answer });
    }
  }
  return report(scored);
}
