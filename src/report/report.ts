/**
 * What admins learn from use, computed from the store's rows (the same for `npm run report` and the /admin page):
 * questions per day, answered vs refused, refusals grouped by what was missing (document numbers as written, places,
 * other names; topics from the refused questions that named nothing missing), the most frequent refused questions
 * clustered by their terms, thumbs-down with their comment and the passage they cited, the slowest questions.
 */
import { isStopword, tokens } from '../text/tokenize.js';
import type { FeedbackRecord, QuestionRecord } from '../store/types.js';

export interface Counted {
  text: string;
  count: number;
}

export interface RefusedCluster {
  /** Terms most of the cluster's questions share (accented, in the order of its most frequent question). */
  terms: string[];
  count: number;
  /** Its questions, most frequent first. */
  questions: Counted[];
  /** The refusal codes among them. */
  codes: string[];
}

export interface DownFeedback {
  id: string;
  at: string;
  question: string;
  answer: string;
  comment?: string;
  handledAt?: string;
  /** The first passage the answer cited, as the index holds it (when it still does). */
  passage?: { documentId: string; title?: string; text: string };
}

export interface Report {
  generatedAt: string;
  since?: string;
  totals: { questions: number; answered: number; refused: number; refusedShare: number };
  perDay: { day: string; answered: number; refused: number }[];
  refusalCodes: Counted[];
  missing: { documents: Counted[]; places: Counted[]; names: Counted[]; topics: Counted[] };
  refusedClusters: RefusedCluster[];
  feedback: { up: number; down: number; downUnhandled: number };
  thumbsDown: DownFeedback[];
  slowest: { at: string; question: string; latencyMs: number; outcome: string; mode: string }[];
  latency: { p50: number; p95: number; max: number };
}

/** Resolves a cited passage (document id, offsets) to its text, e.g. from the loaded index. */
export type PassageLookup = (documentId: string, start?: number, end?: number) => { title?: string; text: string } | undefined;

export interface ReportOptions {
  since?: string;
  /** How many rows each list keeps (default 15). */
  top?: number;
  passage?: PassageLookup;
  now?: Date;
}

/** Codes whose `missing` names a document, a place, another name (person, ordinal, year). */
const DOCUMENT_CODES = new Set(['DOCUMENT_MISSING']);
const PLACE_CODES = new Set(['PLACE_MISSING']);

function countBy(values: string[]): Counted[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'vi'));
}

/** A question's topic terms: content syllables, accent-folded for matching (typed with or without accents). */
export function topicTerms(question: string): { folded: string[]; shown: Map<string, string> } {
  const shown = new Map<string, string>();
  const folded: string[] = [];
  // Document numbers ("88/2026/QH15", "20/KH-UBND") are reported as written elsewhere; their pieces are no topic.
  const text = question.normalize('NFC').toLowerCase().replace(/\S*\d\S*/gu, ' ');
  for (const t of tokens(text)) {
    if (isStopword(t.text) || t.text.length < 2) continue;
    if (!shown.has(t.folded)) {
      // Shown as typed ("quy", not the index's canonical "qui").
      shown.set(t.folded, text.slice(t.start, t.end));
      folded.push(t.folded);
    }
  }
  return { folded, shown };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

const normalizeQuestion = (q: string) => q.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/[?.!\s]+$/u, '');

/**
 * Clusters refused questions by their terms: the most frequent distinct question seeds a cluster, and each other
 * question joins the first cluster whose seed shares at least half of their terms (Jaccard ≥ 0.5).
 */
export function clusterRefused(rows: QuestionRecord[], top = 15): RefusedCluster[] {
  const byText = new Map<string, { count: number; codes: Set<string> }>();
  for (const r of rows) {
    const key = normalizeQuestion(r.question);
    const entry = byText.get(key) ?? { count: 0, codes: new Set<string>() };
    entry.count++;
    if (r.refusalCode) entry.codes.add(r.refusalCode);
    byText.set(key, entry);
  }
  const distinct = [...byText].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0], 'vi'));
  const clusters: { seed: Set<string>; shown: Map<string, string>; order: string[]; members: [string, { count: number; codes: Set<string> }][] }[] = [];
  for (const item of distinct) {
    const { folded, shown } = topicTerms(item[0]);
    const set = new Set(folded);
    const home = clusters.find((c) => jaccard(c.seed, set) >= 0.5);
    if (home) home.members.push(item);
    else clusters.push({ seed: set, shown, order: folded, members: [item] });
  }
  return clusters
    .map((c) => {
      const count = c.members.reduce((n, [, m]) => n + m.count, 0);
      // Terms held by more than half of the cluster's asked questions, weighted by how often each was asked.
      const held = c.order.filter((term) => {
        const n = c.members.reduce((k, [q, m]) => k + (topicTerms(q).folded.includes(term) ? m.count : 0), 0);
        return n * 2 > count;
      });
      return {
        terms: held.map((t) => c.shown.get(t) ?? t),
        count,
        questions: c.members.map(([text, m]) => ({ text, count: m.count })),
        codes: [...new Set(c.members.flatMap(([, m]) => [...m.codes]))].sort(),
      };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, top);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Builds the report from logged questions and feedback (both filtered by `since`). */
export function buildReport(questions: QuestionRecord[], feedback: FeedbackRecord[], options: ReportOptions = {}): Report {
  const top = options.top ?? 15;
  const since = options.since;
  const qs = since ? questions.filter((q) => q.at >= since) : questions;
  const fb = since ? feedback.filter((f) => f.at >= since) : feedback;
  const refused = qs.filter((q) => q.outcome === 'refused');

  const days = new Map<string, { answered: number; refused: number }>();
  for (const q of qs) {
    const day = q.at.slice(0, 10);
    const d = days.get(day) ?? { answered: 0, refused: 0 };
    d[q.outcome]++;
    days.set(day, d);
  }

  const missingOf = (codes: (code: string) => boolean) => countBy(refused.filter((q) => q.refusalCode && codes(q.refusalCode)).flatMap((q) => q.missing));
  // Topics: refusals that named nothing the corpus lacks (no evidence, out of scope, not stated), by their terms.
  const unnamed = refused.filter((q) => !q.missing.length);
  const topics = clusterRefused(unnamed, top).map((c) => ({ text: c.terms.join(' '), count: c.count })).filter((t) => t.text);

  const latencies = qs.map((q) => q.latencyMs).sort((a, b) => a - b);
  const down = fb.filter((f) => f.rating === 'down');
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    ...(since ? { since } : {}),
    totals: {
      questions: qs.length,
      answered: qs.length - refused.length,
      refused: refused.length,
      refusedShare: qs.length ? Math.round((refused.length / qs.length) * 1000) / 1000 : 0,
    },
    perDay: [...days].sort((a, b) => a[0].localeCompare(b[0])).map(([day, d]) => ({ day, ...d })),
    refusalCodes: countBy(refused.map((q) => q.refusalCode ?? 'NO_EVIDENCE')),
    missing: {
      documents: missingOf((c) => DOCUMENT_CODES.has(c)).slice(0, top),
      places: missingOf((c) => PLACE_CODES.has(c)).slice(0, top),
      names: missingOf((c) => !DOCUMENT_CODES.has(c) && !PLACE_CODES.has(c)).slice(0, top),
      topics,
    },
    refusedClusters: clusterRefused(refused, top),
    feedback: { up: fb.length - down.length, down: down.length, downUnhandled: down.filter((f) => !f.handledAt).length },
    thumbsDown: down
      // Those with a comment first (they say what is wrong), then the newest.
      .sort((a, b) => Number(Boolean(b.comment)) - Number(Boolean(a.comment)) || b.at.localeCompare(a.at))
      .slice(0, top * 2)
      .map((f) => {
        const cited = f.citations[0];
        const found = cited && options.passage?.(cited.documentId, cited.start, cited.end);
        return {
          id: f.id,
          at: f.at,
          question: f.question,
          answer: f.answer,
          ...(f.comment ? { comment: f.comment } : {}),
          ...(f.handledAt ? { handledAt: f.handledAt } : {}),
          ...(cited ? { passage: { documentId: cited.documentId, ...(found ? found : { text: '' }) } } : {}),
        };
      }),
    slowest: [...qs]
      .sort((a, b) => b.latencyMs - a.latencyMs)
      .slice(0, Math.min(10, top))
      .map((q) => ({ at: q.at, question: q.question, latencyMs: q.latencyMs, outcome: q.outcome, mode: q.mode })),
    latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? 0 },
  };
}

/** A passage lookup over documents (the engine's map, or an index read from disk). */
export function passagesOf(documents: { get(id: string): { text: string; meta: { title?: string } } | undefined }): PassageLookup {
  return (documentId, start, end) => {
    const doc = documents.get(documentId);
    if (!doc) return undefined;
    const from = Math.max(0, start ?? 0);
    const text = doc.text.slice(from, Math.min(doc.text.length, end ?? from + 400, from + 600));
    return { ...(doc.meta.title ? { title: doc.meta.title } : {}), text };
  };
}

/** `--since`'s value: a calendar date YYYY-MM-DD. @returns undefined when it is not one */
export function parseSince(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}
