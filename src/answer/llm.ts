/**
 * LLM mode: a grounded answer from the model, streamed as it comes, then verified. Everything here runs inside one
 * time budget (LLM_TIMEOUT_MS from the start of the question) and never throws: a failure is returned as a reason,
 * and the caller answers extractively instead.
 */
import type { Passage } from '../retrieve/engine.js';
import { citationOf, NOT_FOUND_ANSWER } from './extractive.js';
import type { Turn } from './followup.js';
import type { LlmClient } from './llm-client.js';
import { answerMessages, condenseMessages, passageEvidence, type ChatMessage } from './prompt.js';
import type { Answer } from './types.js';
import { verifyAnswer } from './verify.js';

export interface Budget {
  /** `performance.now()` by which all model work must be over. */
  deadline: number;
  /** Aborts early (the asker went away). */
  signal?: AbortSignal;
}

/** Why a call failed, for logs and traces (the key redacted). */
function describe(client: LlmClient, error: unknown, budget: Budget): string {
  if (budget.signal?.aborted) return 'cancelled by the client';
  if (performance.now() >= budget.deadline - 1) return `timeout after the ${client.timeoutMs} ms budget`;
  const e = error as { status?: unknown; name?: string; message?: string; code?: unknown } | undefined;
  const status = typeof e?.status === 'number' ? `HTTP ${e.status}: ` : '';
  const text = `${status}${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message ?? String(error)}`;
  return client.redact(text.replace(/\s+/g, ' ').slice(0, 300));
}

/** Transient failures a retry may fix: rate limits, server errors, connection failures. */
function retryable(error: unknown): boolean {
  const e = error as { status?: unknown; name?: string; message?: string };
  if (typeof e?.status === 'number') return e.status === 429 || e.status >= 500;
  return e?.name === 'APIConnectionError' || /connection error|ECONNRESET|ECONNREFUSED|socket hang up/i.test(e?.message ?? '');
}

/** The server's Retry-After, in ms, when it sent one. */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: { get?: (name: string) => string | null } })?.headers;
  const ms = Number(headers?.get?.('retry-after-ms'));
  if (ms > 0) return ms;
  const seconds = Number(headers?.get?.('retry-after'));
  return seconds > 0 ? seconds * 1000 : undefined;
}

/** A signal that aborts at `until` (performance time) or with the asker's signal. */
function deadlineSignal(until: number, outer?: AbortSignal): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('LLM time budget exhausted')), Math.max(0, until - performance.now()));
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** Rejects when `signal` aborts: raced against every wait, so a stuck library cannot hold us past the budget. */
function whenAborted(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  p.catch(() => undefined);
  return p;
}

const sleep = (ms: number, signal: AbortSignal) =>
  Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), whenAborted(signal)]);

export type Generation =
  | { ok: true; text: string; attempts: number; ms: number }
  | { ok: false; reason: string; text: string; attempts: number; ms: number };

/**
 * Streams the model's reply to `onDelta` and returns its full text. Transient failures before the first piece are
 * retried with backoff while enough of the budget is left for another try.
 */
export async function generate(
  client: LlmClient,
  messages: ChatMessage[],
  budget: Budget,
  onDelta?: (text: string) => void,
): Promise<Generation> {
  const started = performance.now();
  let text = '';
  for (let attempt = 1; ; attempt++) {
    const { signal, clear } = deadlineSignal(budget.deadline, budget.signal);
    const aborted = whenAborted(signal);
    let finish: string | undefined;
    try {
      const iterator = client.stream(messages, signal)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await Promise.race([iterator.next(), aborted]);
          if (next.done) break;
          if (next.value.finish) finish = next.value.finish;
          if (!next.value.text) continue;
          text += next.value.text;
          onDelta?.(next.value.text);
        }
      } finally {
        void iterator.return?.()?.catch(() => undefined);
      }
      const ms = performance.now() - started;
      if (!finish) return { ok: false, reason: 'the stream ended before the model finished', text, attempts: attempt, ms };
      if (finish === 'length') return { ok: false, reason: 'the answer was cut at the token limit', text, attempts: attempt, ms };
      return { ok: true, text, attempts: attempt, ms };
    } catch (error) {
      const reason = describe(client, error, budget);
      const left = budget.deadline - performance.now();
      const wait = Math.min(retryAfterMs(error) ?? 250 * 2 ** (attempt - 1), 4000);
      // Another try only when nothing was shown yet and it can still finish within the budget.
      if (text || attempt >= 3 || !retryable(error) || signal.aborted || left - wait < 0.4 * client.timeoutMs) {
        return { ok: false, reason, text, attempts: attempt, ms: performance.now() - started };
      }
      try {
        await sleep(wait, signal);
      } catch {
        return { ok: false, reason, text, attempts: attempt, ms: performance.now() - started };
      }
    } finally {
      clear();
    }
  }
}

/**
 * Rewrites a follow-up as a standalone question with the model.
 * @returns the question, or the reason it could not (the caller then uses the offline resolver)
 */
export async function condenseQuestion(
  client: LlmClient,
  question: string,
  history: Turn[],
  budget: Budget,
): Promise<{ ok: true; question: string; ms: number } | { ok: false; reason: string; ms: number }> {
  const started = performance.now();
  const { signal, clear } = deadlineSignal(budget.deadline, budget.signal);
  try {
    const reply = await Promise.race([client.complete(condenseMessages(question, history), signal), whenAborted(signal)]);
    const line = reply
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean)
      ?.replace(/^(?:câu hỏi(?: độc lập| viết lại)?|question)\s*:\s*/iu, '')
      .replace(/^["“'«]+|["”'»]+$/gu, '')
      .trim();
    const ms = performance.now() - started;
    if (!line || line.length < 3 || line.length > 600) return { ok: false, reason: 'unusable standalone question', ms };
    return { ok: true, question: line, ms };
  } catch (error) {
    return { ok: false, reason: describe(client, error, budget), ms: performance.now() - started };
  } finally {
    clear();
  }
}

export interface LlmOutcome {
  /** The verified answer, or undefined when the model's answer must not be shown. */
  answer?: Answer;
  /** Why the model's answer is not shown. */
  fallback?: string;
  /** For the trace. */
  details: Record<string, unknown>;
}

/**
 * Asks the model to answer from `passages` ([1]..[k]), streams its text to `onDelta`, and verifies the result.
 */
export async function answerWithLlm(
  client: LlmClient,
  question: string,
  passages: Passage[],
  budget: Budget,
  onDelta?: (text: string) => void,
): Promise<LlmOutcome> {
  const generation = await generate(client, answerMessages(question, passages), budget, onDelta);
  const details: Record<string, unknown> = {
    model: client.model,
    attempts: generation.attempts,
    ms: Math.round(generation.ms),
    raw: client.redact(generation.text),
  };
  if (!generation.ok) return { fallback: generation.reason, details };
  // Reasoning models may prefix their answer with a <think> block: only the answer is checked and shown.
  const text = generation.text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const verification = verifyAnswer(text, passages.map(passageEvidence));
  if (!verification.ok) return { fallback: `verification failed: ${verification.reason}`, details };
  if (verification.notFound) {
    return { answer: { answer: NOT_FOUND_ANSWER, notFound: true, refusal: { code: 'NO_EVIDENCE' }, mode: 'llm', citations: [] }, details };
  }
  details.cited = verification.cited;
  return {
    answer: {
      answer: verification.answer,
      notFound: false,
      mode: 'llm',
      citations: verification.cited.map((n, i) => citationOf(i + 1, passages[n - 1]!)),
    },
    details,
  };
}
