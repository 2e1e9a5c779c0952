/**
 * A confidence trainers can compare across questions: one number 0–100 per passage and per answer, on the scale the
 * refusal gate itself uses (the share of the question's topic a passage holds, `scores.coverage`, against
 * GATES.minCoverage), so the threshold can be drawn on it. Also why each passage ranks where it does: the question's key
 * words it holds and misses, a heading, the document or a number it matches, and the BM25 and vector parts side by side.
 *
 * Read-only: it reads what retrieval computed and the passages' own text; it changes no ranking and no answer.
 */
import { headingLinesOf, indexTextOf } from '../index/chunk-text.js';
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { isStopword, terms, type Token } from '../text/tokenize.js';
import { GATES } from '../weights.js';
import type { Answer } from './types.js';

/** The refusal threshold on the 0–100 scale. */
export const CONFIDENCE_THRESHOLD = Math.round(GATES.minCoverage * 100);

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

/** Chunk counts of the corpus, for telling which syllables of a question make one word. */
interface Counts {
  df(term: string): number;
}

/**
 * The question's key words: tokens that are not function or question words, nor numbers; a function word that is
 * one word with its neighbour in this corpus stays ("theo dõi": nearly every "dõi" follows "theo"; not "số trong").
 */
function keyTokens(analysis: QueryAnalysis, counts: Counts): Token[] {
  const spell = (t: Token) => (analysis.field === 'accented' ? t.text : t.folded);
  const list = analysis.tokens;
  const content = (t: Token): boolean => !/^\d/.test(t.text) && !isStopword(t.text) && analysis.terms.has(spell(t));
  const adjacent = (a: Token, b: Token) => /^\s+$/.test(analysis.text.slice(a.end, b.start));
  // The pair's share of the chunks holding the topic word: how much that word needs the function word beside it.
  // Not before a name or an abbreviation ("trong GRDP"): a preposition is written before those.
  const bound = (pair: string, word: Token) =>
    !/^\p{Lu}{2,}/u.test(analysis.text.slice(word.start, word.end)) && counts.df(spell(word)) > 0 && counts.df(pair) >= BOUND * counts.df(spell(word));
  return list.filter((t, i) => {
    if (content(t)) return true;
    if (/^\d/.test(t.text)) return false;
    const next = list[i + 1];
    const prev = list[i - 1];
    return (
      (next !== undefined && content(next) && adjacent(t, next) && bound(`${spell(t)}_${spell(next)}`, next)) ||
      (prev !== undefined && content(prev) && adjacent(prev, t) && bound(`${spell(prev)}_${spell(t)}`, prev))
    );
  });
}

/** A function word joins a topic word when at least this share of the chunks holding the topic word hold the pair. */
const BOUND = 0.5;

/**
 * What joining two syllables into one word earns: how much they are one word in this corpus (chunks holding the
 * pair over those holding the rarer syllable) less a cost, so that only pairs the corpus mostly writes together join.
 */
const JOIN_COST = 0.1;

/** The least a pair of a three-syllable word must be one word (see {@link JOIN_COST}). */
const TRIPLE = 0.7;

/**
 * The question's key words grouped into words of one to three syllables ("Quảng Ninh", "kinh tế số", "GRDP"): the
 * grouping that earns most by the corpus's pair counts (no dictionary of Vietnamese words is needed).
 */
export function keyPhrases(analysis: QueryAnalysis, counts: Counts): Token[][] {
  const spell = (t: Token) => (analysis.field === 'accented' ? t.text : t.folded);
  const key = keyTokens(analysis, counts);
  const pair = (a: Token, b: Token) => {
    if (!/^\s+$/.test(analysis.text.slice(a.end, b.start))) return -Infinity;
    const rarer = Math.min(counts.df(spell(a)), counts.df(spell(b)));
    return (rarer > 0 ? counts.df(`${spell(a)}_${spell(b)}`) / rarer : 0) - JOIN_COST;
  };
  // best[i]: the best grouping of the first i key words.
  const best: Array<{ score: number; groups: Token[][] }> = [{ score: 0, groups: [] }];
  for (let i = 1; i <= key.length; i++) {
    let choice = { score: best[i - 1]!.score, groups: [...best[i - 1]!.groups, [key[i - 1]!]] };
    for (let size = 2; size <= 3 && size <= i; size++) {
      const group = key.slice(i - size, i);
      const pairs = group.slice(1).map((t, j) => pair(group[j]!, t));
      // Three syllables make one word only where both pairs are nearly always written together ("chuyển đổi số").
      if (size === 3 && Math.min(...pairs) < TRIPLE - JOIN_COST) continue;
      // A little less for three syllables: of two groupings that earn the same, two short words ("chủ trì | theo dõi").
      const score = best[i - size]!.score + pairs.reduce((a, b) => a + b, 0) - (size === 3 ? JOIN_COST / 2 : 0);
      if (score > choice.score) choice = { score, groups: [...best[i - size]!.groups, group] };
    }
    best.push(choice);
  }
  return best[key.length]!.groups;
}

/** The words of a group as the question writes them. */
const written = (analysis: QueryAnalysis, group: Token[]) => analysis.text.slice(group[0]!.start, group.at(-1)!.end);

/**
 * The question's key words a text holds (a word of several syllables: each syllable and each pair) and those it
 * lacks; of a word it holds in part, the syllables on each side.
 */
export function phrasesIn(analysis: QueryAnalysis, have: ReadonlySet<string>, counts: Counts): { matched: string[]; missing: string[] } {
  const spell = (t: Token) => (analysis.field === 'accented' ? t.text : t.folded);
  const matched: string[] = [];
  const missing: string[] = [];
  for (const group of keyPhrases(analysis, counts)) {
    const whole = group.every((t, j) => have.has(spell(t)) && (j === 0 || have.has(`${spell(group[j - 1]!)}_${spell(t)}`)));
    if (whole) matched.push(written(analysis, group));
    else if (!group.some((t) => have.has(spell(t)))) missing.push(written(analysis, group));
    else for (const t of group) (have.has(spell(t)) ? matched : missing).push(written(analysis, [t]));
  }
  return { matched: [...new Set(matched)], missing: [...new Set(missing)] };
}

/** Why one passage ranks where it does. */
export function explainPassage(engine: SearchEngine, analysis: QueryAnalysis, p: Passage, topLexical: number): PassageWhy {
  const have = termsOf(p, analysis.field);
  const counts = engine.lexicalIndex(analysis);
  const { matched, missing } = phrasesIn(analysis, have, counts);
  const why: PassageWhy = {
    matched,
    missing,
    numbers: [...analysis.numbers, ...analysis.years].filter((n) => p.chunk.text.includes(n)),
    bm25: { score: Math.round(p.scores.lexical * 100) / 100, relative: topLexical > 0 ? pct(p.scores.lexical / topLexical) : 0 },
    vector: { similarity: pct(p.scores.vector) },
  };
  // The innermost heading that names words of the question ("II. Phân công" for "… phân công …").
  for (const line of headingLinesOf(p.chunk, p.document).reverse()) {
    const named = phrasesIn(analysis, new Set(terms(line)[analysis.field]), counts).matched;
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
    keywords: keyPhrases(analysis, engine.lexicalIndex(analysis)).map((group) => written(analysis, group)),
  };
  trace.confidence = confidence;
}
