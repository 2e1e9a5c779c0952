/**
 * One-at-a-time ablation of the values declared in `src/weights.ts`: the variants (a weight set to zero, a gate
 * moved), running a question set under one of them with the value restored afterwards, and what is measured of a
 * set (the tuning and held-out halves' answer accuracy, must-refuse and cited-first, and a fingerprint of every
 * answer to count how many a variant changed).
 *
 * Every value is read live at each question (the engine is built once and the questions re-asked), except one use:
 * `answer/confidence.ts` copies `GATES.minCoverage` at module load into the threshold drawn on the confidence scale.
 * That copy only labels the trace; the refusal gate itself (`answer/refusal.ts`) reads the live value.
 */
import type { AskResult } from '../../src/answer/assistant.js';
import type { EvalDialogue, EvalQuestion } from '../../src/eval/datasets.js';
import { runDialogues, runEval, type EvalReport } from '../../src/eval/run.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';
import { GATES, PASSAGE, QUERY, SENTENCE } from '../../src/weights.js';

/** The declared groups, by the name `src/weights.ts` exports them under. */
export const GROUPS = { PASSAGE, QUERY, SENTENCE, GATES } as const;
export type GroupName = keyof typeof GROUPS;

export interface Variant {
  /** "PASSAGE.heading", the value it moves. */
  value: string;
  group: GroupName;
  key: string;
  /** The value it sets. */
  to: number;
  /** "= 0", "= 30", "× 0.8". */
  change: string;
}

/** Values that are not weights: what they are tried at instead of zero. */
const NOT_WEIGHTS: Record<string, number[]> = { 'PASSAGE.fusionK': [30, 120] };
/** Factors a gate is moved by. */
export const GATE_FACTORS = [0.8, 1.2];

/**
 * Every variant, in the order declared: each PASSAGE, QUERY and SENTENCE weight set to 0 (the k of the fusion tried
 * at 30 and 120 instead), each GATES value × 0.8 and × 1.2.
 */
export function variantsOf(groups: Record<GroupName, Record<string, number>> = GROUPS): Variant[] {
  const out: Variant[] = [];
  for (const group of Object.keys(groups) as GroupName[]) {
    for (const [key, current] of Object.entries(groups[group])) {
      const value = `${group}.${key}`;
      if (group === 'GATES') {
        for (const f of GATE_FACTORS) out.push({ value, group, key, to: current * f, change: `× ${f}` });
      } else if (NOT_WEIGHTS[value]) {
        for (const to of NOT_WEIGHTS[value]) out.push({ value, group, key, to, change: `= ${to}` });
      } else {
        out.push({ value, group, key, to: 0, change: '= 0' });
      }
    }
  }
  return out;
}

/** Runs `fn` with the variant's value set, and puts the declared value back afterwards, even if `fn` throws. */
export async function withVariant<T>(variant: Variant | undefined, fn: () => Promise<T>): Promise<T> {
  if (!variant) return fn();
  const group = GROUPS[variant.group] as Record<string, number>;
  if (!(variant.key in group)) throw new Error(`${variant.value} is not declared in src/weights.ts`);
  const declared = group[variant.key]!;
  group[variant.key] = variant.to;
  try {
    return await fn();
  } finally {
    group[variant.key] = declared;
  }
}

/** A question set as the ablation asks it. */
export type AblationSet =
  | { name: string; kind: 'questions'; engine: SearchEngine; questions: EvalQuestion[] }
  | { name: string; kind: 'dialogues'; engine: SearchEngine; dialogues: EvalDialogue[] };

export interface HalfMeasure {
  /** Questions (or turns) in the half. */
  n: number;
  /** Answered right (a question to refuse counts when refused). */
  correct: number;
  answer: number;
  /** Share of the questions to refuse that were refused; 1 when the half has none. */
  mustRefuse: number;
  citedFirst: number;
  /** Median length of the answers given (refusals left out), in characters. */
  medianChars: number;
}

export interface SetMeasure {
  tuning: HalfMeasure;
  heldout: HalfMeasure;
  /** One line per question: what the user reads (answer, refusal, passages cited). */
  fingerprint: string[];
}

function halfOf(report: EvalReport, half: 'tuning' | 'heldout'): HalfMeasure {
  const s = report.halves[half];
  const wrong = report.misses.filter((m) => m.half === half && !m.judgement.answerOk).length;
  return {
    n: s.questions,
    correct: s.questions - wrong,
    answer: s.answerAccuracy,
    mustRefuse: s.mustRefuse,
    citedFirst: s.citedFirst,
    medianChars: s.medianAnswerChars,
  };
}

/** What the user reads: the answer, the refusal, the passages cited (scores left out: every weight moves them). */
const fingerprintOf = (r: AskResult) =>
  JSON.stringify({ answer: r.answer, notFound: r.notFound, refusal: r.refusal, citations: r.citations.map((c) => [c.documentId, c.start, c.end]) });

/** Asks a set under the weights as they are now and measures it. */
export async function measure(set: AblationSet): Promise<SetMeasure> {
  const report = set.kind === 'questions' ? await runEval(set.engine, set.questions) : await runDialogues(set.engine, set.dialogues);
  return {
    tuning: halfOf(report, 'tuning'),
    heldout: halfOf(report, 'heldout'),
    fingerprint: report.results.map(({ id, result }) => `${id} ${fingerprintOf(result)}`),
  };
}

/** How many answers of `variant` differ from `baseline`'s (same questions, same order). */
export function changedAnswers(baseline: SetMeasure, variant: SetMeasure): number {
  return variant.fingerprint.filter((line, i) => line !== baseline.fingerprint[i]).length;
}
