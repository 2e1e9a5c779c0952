/**
 * A confidence trainers can compare across questions: one number 0–100 per passage and per answer, on the scale the
 * refusal gate itself uses (the share of the question's topic a passage holds, `scores.coverage`, against
 * MIN_COVERAGE), so the threshold can be drawn on it. Also why each passage ranks where it does: the question's key
 * words it holds and misses, a heading, the document or a number it matches, and the BM25 and vector parts side by side.
 *
 * Read-only: it reads what retrieval computed and the passages' own text; it changes no ranking and no answer.
 */
import { headingLinesOf, indexTextOf } from '../index/chunk-text.js';
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { isStopword, terms, type Token } from '../text/tokenize.js';
import { MIN_COVERAGE } from './refusal.js';
import type { Answer } from './types.js';

/** The refusal threshold on the 0–100 scale. */
export const CONFIDENCE_THRESHOLD = Math.round(MIN_COVERAGE * 100);

/** Why a passage ranks where it does (the trace's `passages[i].why`). */
export interface PassageWhy {
  /** Key words of the question the passage holds (with its title), as the question writes them: "kinh tế số", "GRDP". */
  matched: string[];
  /** Key words of the question it does not hold. */
  missing: string[];
  /** The heading above the passage that names words of the question, and those words. */
  heading?: { line: string; matched: string[] };
  /** The document number the question names, when the passage belongs to that document or cites it. */
  document?: string;
  /** Numbers and years of the question found in the passage. */
  numbers: string[];
  /** BM25 (key words): the raw score and its share of the best passage's, 0–100 (a ranking within this question). */
  bm25: { score: number; relative: number };
  /** Vectors (closeness in meaning): cosine similarity as 0–100, comparable across questions. */
  vector: { similarity: number };
}

/** The trace's `confidence`. */
export interface ConfidenceTrace {
  scale: { min: 0; max: 100; threshold: number };
  /** What the confidence measures, for machines: the share of the question's topic a passage holds. */
  measure: 'coverage';
  /** The answer's confidence; below `threshold` exactly when the question was refused. */
  answer: {
    value: number;
    /** "cited": the passages the answer cites; "refused": the best of the top three passages, kept below the threshold. */
    basis: 'cited' | 'refused';
    /** A refused question whose best passage reached the threshold: another check refused it (capped below the line). */
    capped?: boolean;
    /** An answer made by a rule of its own (a document's facts, an abbreviation's legend) whose cited passage holds less. */
    raised?: boolean;
  };
  /** The best of the top three passages: what the refusal gate compared with the threshold. */
  best: number;
  /** The question's key words (adjacent ones as one phrase), as it writes them. */
  keywords: string[];
}

const pct = (share: number) => Math.max(0, Math.min(100, Math.round(share * 100)));

/** The terms of a passage as retrieval indexed them, with its document's title (coverage counts the title too). */
function termsOf(p: Passage, field: QueryAnalysis['field']): Set<string> {
  return new Set([...terms(indexTextOf(p.chunk, p.document))[field], ...terms(p.document.meta.title ?? '')[field]]);
}

/**
 * The question's key words: tokens that are not function or question words, nor numbers; a function word that is
 * one word with its neighbour in this corpus stays ("theo dõi", not "dõi").
 */
function keyTokens(analysis: QueryAnalysis, cohesion: (a: string, b: string) => number): Token[] {
  const spell = (t: Token) => (analysis.field === 'accented' ? t.text : t.folded);
  const list = analysis.tokens;
  const content = (t: Token | undefined) => t !== undefined && !/^\d/.test(t.text) && !isStopword(t.text) && analysis.terms.has(spell(t));
  const bound = (a: Token | undefined, b: Token | undefined) =>
    a !== undefined && b !== undefined && /^\s+$/.test(analysis.text.slice(a.end, b.start)) && cohesion(spell(a), spell(b)) >= BOUND;
  return list.filter((t, i) => content(t) || (!/^\d/.test(t.text) && ((content(list[i + 1]) && bound(t, list[i + 1])) || (content(list[i - 1]) && bound(list[i - 1], t)))));
}

/** A function word joins its neighbour when the pair stands in at least this share of the chunks holding the rarer. */
const BOUND = 0.5;

/** Syllables in a phrase at most: Vietnamese words are one to three syllables ("kinh tế số"). */
const MAX_PHRASE = 3;

/** How much two syllables of the question are one word in this corpus: chunks holding the pair over those holding the rarer syllable. */
export function cohesionOf(engine: SearchEngine, analysis: QueryAnalysis): (a: string, b: string) => number {
  const bm25 = engine.lexicalIndex(analysis);
  return (a, b) => {
    const rarer = Math.min(bm25.df(a), bm25.df(b));
    return rarer > 0 ? bm25.df(`${a}_${b}`) / rarer : 0;
  };
}

/** Splits a run of adjacent syllables where they are not one word, and a run too long at its weakest pair. */
function segment(run: Token[], score: (a: Token, b: Token) => number): Token[][] {
  if (run.length <= 1) return [run];
  let at = 1;
  let low = Infinity;
  for (let i = 1; i < run.length; i++) {
    const s = score(run[i - 1]!, run[i]!);
    // Equally weak pairs: the cut nearer the middle ("chủ trì | theo dõi", not "chủ | trì theo dõi").
    if (s < low || (s === low && Math.abs(i - run.length / 2) < Math.abs(at - run.length / 2))) [low, at] = [s, i];
  }
  if (low > 0 && run.length <= MAX_PHRASE) return [run];
  return [...segment(run.slice(0, at), score), ...segment(run.slice(at), score)];
}

/**
 * Groups the question's key words into words of one to three syllables (by the corpus's `cohesion`), and tells the
 * ones a text holds (every syllable, and each pair side by side) from those it lacks, as the question writes them.
 */
export function phrasesIn(
  analysis: QueryAnalysis,
  have: ReadonlySet<string>,
  cohesion: (a: string, b: string) => number,
): { matched: string[]; missing: string[] } {
  const spell = (t: Token) => (analysis.field === 'accented' ? t.text : t.folded);
  const key = keyTokens(analysis, cohesion);
  const matched: string[] = [];
  const missing: string[] = [];
  const score = (a: Token, b: Token) => {
    const adjacent = /^\s+$/.test(analysis.text.slice(a.end, b.start));
    const found = have.has(spell(a));
    if (!adjacent || found !== have.has(spell(b)) || (found && !have.has(`${spell(a)}_${spell(b)}`))) return 0;
    return cohesion(spell(a), spell(b));
  };
  for (const phrase of segment(key, score)) {
    if (!phrase.length) continue;
    (have.has(spell(phrase[0]!)) ? matched : missing).push(analysis.text.slice(phrase[0]!.start, phrase.at(-1)!.end));
  }
  return { matched: [...new Set(matched)], missing: [...new Set(missing)] };
}

/** Why one passage ranks where it does. */
export function explainPassage(engine: SearchEngine, analysis: QueryAnalysis, p: Passage, topLexical: number): PassageWhy {
  const have = termsOf(p, analysis.field);
  const cohesive = cohesionOf(engine, analysis);
  const { matched, missing } = phrasesIn(analysis, have, cohesive);
  const why: PassageWhy = {
    matched,
    missing,
    numbers: [...analysis.numbers, ...analysis.years].filter((n) => p.chunk.text.includes(n)),
    bm25: { score: Math.round(p.scores.lexical * 100) / 100, relative: topLexical > 0 ? pct(p.scores.lexical / topLexical) : 0 },
    vector: { similarity: pct(p.scores.vector) },
  };
  // The innermost heading that names words of the question ("II. Phân công" for "… phân công …").
  for (const line of headingLinesOf(p.chunk, p.document).reverse()) {
    const named = phrasesIn(analysis, new Set(terms(line)[analysis.field]), cohesive).matched;
    if (named.length) {
      why.heading = { line, matched: named };
      break;
    }
  }
  const own = engine.keyOfDocument(p.document.id);
  const ref = analysis.docRefs.find((r) => r.key === own || have.has(`#${r.key}`));
  if (ref) why.document = analysis.text.slice(ref.start, ref.end);
  return why;
}

/** The passage of the index a citation quotes, if the engine holds it. */
function citedPassage(engine: SearchEngine, passages: Passage[], c: Answer['citations'][number]): Passage | undefined {
  return (
    passages.find((p) => p.document.id === c.documentId && p.chunk.start <= c.start && c.start < p.chunk.end) ??
    engine.passageAt(c.documentId, c.start)
  );
}

/**
 * The comparable confidence of an answer and its passages, added to a trace in place: `trace.confidence`, and
 * `confidence` (0–100) and `why` on each of `trace.passages` (which list `passages` in the same order).
 */
export function addConfidence(trace: Record<string, unknown>, engine: SearchEngine, analysis: QueryAnalysis, passages: Passage[], answer: Answer): void {
  const values = passages.map((p) => pct(p.scores.coverage));
  const topLexical = Math.max(0, ...passages.map((p) => p.scores.lexical));
  const listed = Array.isArray(trace.passages) ? (trace.passages as Array<Record<string, unknown>>) : [];
  passages.forEach((p, i) => {
    const entry = listed[i];
    if (!entry) return;
    entry.confidence = values[i];
    entry.why = explainPassage(engine, analysis, p, topLexical);
  });
  const best = Math.max(0, ...values.slice(0, 3));
  const threshold = CONFIDENCE_THRESHOLD;
  let value: number;
  let extra: Pick<ConfidenceTrace['answer'], 'capped' | 'raised'> = {};
  if (answer.notFound) {
    value = Math.min(best, threshold - 1);
    if (best >= threshold) extra = { capped: true };
  } else {
    // A cited passage found by search has its coverage; one an answer rule read from the index (a document's issue
    // date) is measured here, or counts as the best passage of its document the search found (the gate passed on it).
    const cited = answer.citations.map((c) => {
      const p = citedPassage(engine, passages, c);
      if (!p) return 0;
      if (passages.includes(p)) return p.scores.coverage;
      const sameDocument = passages.filter((q) => q.document.id === p.document.id).map((q) => q.scores.coverage);
      return Math.max(engine.passageCoverage(analysis, p.position), ...sameDocument);
    });
    value = pct(Math.max(0, ...cited));
    if (value < threshold) {
      // Answered by a rule of its own (a document's issue date, an abbreviation's legend): as sure as the search was.
      value = Math.max(threshold, best);
      extra = { raised: true };
    }
  }
  const confidence: ConfidenceTrace = {
    scale: { min: 0, max: 100, threshold },
    measure: 'coverage',
    answer: { value, basis: answer.notFound ? 'refused' : 'cited', ...extra },
    best,
    keywords: phrasesIn(analysis, new Set(), cohesionOf(engine, analysis)).missing,
  };
  trace.confidence = confidence;
}
