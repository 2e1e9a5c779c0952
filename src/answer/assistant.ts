/**
 * One question, end to end: follow-up resolution → question analysis → hybrid retrieval → verified extractive
 * answer, with timings and (on request) a trace of every step for the trainer view.
 */
import type { SearchEngine } from '../retrieve/engine.js';
import { analyzeQuery, type QueryAnalysis } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { answerExtractive } from './extractive.js';
import { resolveFollowUp, type Turn } from './followup.js';
import type { Answer } from './types.js';

export interface AskInput {
  question: string;
  history?: Turn[];
  topK?: number;
  trace?: boolean;
}

export interface AskResult extends Answer {
  timings: { retrieveMs: number; answerMs: number; totalMs: number };
}

/** Adds the earlier question's topic words, weakly, so a follow-up keeps its subject. */
function withContext(analysis: QueryAnalysis, context: string | undefined): QueryAnalysis {
  if (!context) return analysis;
  const termsWithContext = new Map(analysis.terms);
  for (const t of tokens(context)) {
    if (isStopword(t.text)) continue;
    const term = analysis.field === 'accented' ? t.text : t.folded;
    if (!termsWithContext.has(term)) termsWithContext.set(term, 0.35);
  }
  return { ...analysis, terms: termsWithContext };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Answers one question from the engine's documents. */
export async function ask(engine: SearchEngine, input: AskInput): Promise<AskResult> {
  const started = performance.now();
  const resolved = resolveFollowUp(input.question, input.history);
  const analysis = withContext(analyzeQuery(resolved.question), resolved.context);
  const topK = input.topK ?? 5;
  const passages = await engine.search(analysis, { topK: Math.max(topK, 8) });
  const retrieved = performance.now();
  const answer = answerExtractive(analysis, engine, passages);
  const done = performance.now();
  const result: AskResult = {
    ...answer,
    timings: { retrieveMs: round(retrieved - started), answerMs: round(done - retrieved), totalMs: round(done - started) },
  };
  if (input.trace) {
    result.trace = {
      query: {
        original: input.question,
        standalone: resolved.question,
        rewritten: resolved.rewritten,
        field: analysis.field,
        tokens: analysis.tokens.map((t) => t.text),
        folded: fold(analysis.text).toLowerCase(),
        docRefs: analysis.docRefs.map((r) => r.key),
        dates: analysis.dates.map((d) => d.key),
        intent: analysis.intent,
        list: analysis.wantsList,
      },
      passages: passages.slice(0, topK).map((p, i) => ({
        rank: i + 1,
        documentId: p.document.id,
        title: p.document.meta.title,
        section: p.chunk.section.join(' › '),
        kind: p.chunk.kind,
        preview: p.chunk.text.slice(0, 160),
        scores: Object.fromEntries(Object.entries(p.scores).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
      })),
      ...answer.trace,
      mode: answer.mode,
      timings: result.timings,
    };
  } else {
    delete result.trace;
  }
  return result;
}
