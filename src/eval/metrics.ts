/**
 * Scoring of answers against expectations, as `../shared/eval/README.md` defines it: NFC, lower case, collapsed
 * white space, leading zeros of dates ignored.
 */
import type { AskResult } from '../answer/assistant.js';
import type { EvalQuestion } from './datasets.js';

/** The comparison form of a text. */
export function comparable(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(?<!\d)0+(\d)/g, '$1')
    .trim();
}

export interface Judgement {
  answerOk: boolean;
  /** undefined where the question names no evidence or gold. */
  citationOk?: boolean;
  citedFirst?: boolean;
  /** 1/rank of the first citation holding the evidence, 0 if none. */
  reciprocalRank?: number;
  refusalOk?: boolean;
}

function holdsGold(q: EvalQuestion, c: AskResult['citations'][number]): boolean {
  if (q.gold) {
    return q.gold.some((g) => c.documentId === g.documentId && new RegExp(`(^| › )Điều ${g.article}( |$)`).test(c.section ?? ''));
  }
  if (q.goldDocument) return c.documentId === q.goldDocument;
  if (q.evidence) return comparable(c.text).includes(comparable(q.evidence));
  return false;
}

/** Judges one answer. */
export function judge(q: EvalQuestion, result: AskResult): Judgement {
  if (q.expect_not_found) {
    const refusalOk = result.notFound && result.citations.length === 0;
    return { answerOk: refusalOk, refusalOk };
  }
  // Citation markers annotate the answer; they are not part of its text ("… chính quy [1]." states "… chính quy.",
  // "… [1][2]."). A bracket inside a quoted text ("TOEIC[450]") is the text's own.
  const answer = comparable(result.answer.replace(/\s\[\d+\](?:\[\d+\])*/g, ''));
  const answerOk = !result.notFound && (q.expect ?? []).every((group) => group.some((alt) => answer.includes(comparable(alt))));
  const hasGold = !!(q.gold || q.goldDocument || q.evidence);
  if (!hasGold) return { answerOk, refusalOk: !result.notFound };
  const rank = result.citations.findIndex((c) => holdsGold(q, c));
  return {
    answerOk: q.expect ? answerOk : !result.notFound,
    citationOk: rank >= 0,
    citedFirst: rank === 0,
    reciprocalRank: rank >= 0 ? 1 / (rank + 1) : 0,
    refusalOk: !result.notFound,
  };
}

/** Median of numbers (0 for none). */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
