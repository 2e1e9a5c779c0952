/**
 * The question log (QUESTION_LOG=on): each answered or refused question with its outcome, refusal code and what it
 * named that the corpus lacks, the mode and the latency — never the client's address, a token or a user id. A write
 * that fails (full or read-only store) is logged and never fails the answer.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AskResult } from '../answer/assistant.js';
import type { QuestionEntry } from '../store/types.js';

/** The log entry of one answer. */
export function questionEntry(question: string, result: Pick<AskResult, 'notFound' | 'refusal' | 'mode' | 'timings'>): QuestionEntry {
  return {
    question: question.trim().slice(0, 2000),
    outcome: result.notFound ? 'refused' : 'answered',
    ...(result.notFound && result.refusal ? { refusalCode: result.refusal.code, missing: result.refusal.missing ?? [] } : {}),
    mode: result.mode,
    latencyMs: result.timings.totalMs,
  };
}

/** Logs the question when QUESTION_LOG is on (in the background: the answer does not wait for it). */
export function logQuestion(app: FastifyInstance, question: string, result: Pick<AskResult, 'notFound' | 'refusal' | 'mode' | 'timings'>, log: FastifyBaseLogger): void {
  if (app.config.QUESTION_LOG !== 'on') return;
  app.store.logQuestion(questionEntry(question, result)).catch((error: unknown) => {
    log.warn({ err: error, code: (error as { code?: string }).code }, 'question log: not recorded');
  });
}
