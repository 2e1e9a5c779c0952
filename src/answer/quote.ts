/**
 * Quoting a passage: the sentences (units) an answer may quote, and how one is cut to fit an answer: the window of a
 * long sentence that holds what is asked, the items a sentence announces, the sentence after one that only restates
 * the question.
 */
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { sentenceSpans, type Span } from '../text/sentences.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { asksQuantity, countedNoun, countsNoun, formFit, holdsFigure, intentFit } from './units.js';
import { clip } from './labels.js';

export interface Unit {
  passage: Passage;
  span: Span;
  score: number;
  coverage: number;
}

export interface Scored {
  unit: Unit;
  text: string;
  /** The sentence before it in the same passage, which a sentence such as "Hội nghị thu hút …" refers back to. */
  before?: string;
}

/**
 * A sentence that breaks down the one before ("… 47 nhiệm vụ. Trong đó, đã hoàn thành 15 …") or refers back to it
 * ("… đề nghị cấp bảng điểm. Để thực hiện công việc này, …") belongs with it.
 */
const BREAKDOWN = /^(?:Trong đó|Trong số (?:đó|này)|Cụ thể|Để thực hiện (?:công việc|việc) (?:này|đó|trên)|(?:Trong )?trường hợp (?:này|đó|trên)|Khi đó|Việc này|Điều này)(?!\p{L})/iu;

export function unitSpans(passage: Passage): Span[] {
  const { chunk, document } = passage;
  if (chunk.kind === 'row') return [{ start: chunk.start, end: chunk.end }];
  const spans: Span[] = [];
  for (const span of sentenceSpans(document.text, chunk.start, chunk.end)) {
    const last = spans[spans.length - 1];
    if (last && BREAKDOWN.test(document.text.slice(span.start, span.end))) last.end = span.end;
    else spans.push({ ...span });
  }
  return spans;
}

export function termCoverage(analysis: QueryAnalysis, engine: SearchEngine, text: string): number {
  return engine.textShare(analysis, text);
}

/**
 * The pieces a long sentence may be cut into: its clauses, and a clause too long to fit half the room in word groups
 * (a sentence of a flattened list runs on for hundreds of characters without a comma).
 */
function piecesOf(text: string, max: number): string[] {
  const pieces: string[] = [];
  for (const clause of text.split(/(?<=[;,:)])\s+|\s+(?=\()/)) {
    if (clause.length <= max / 2) {
      pieces.push(clause);
      continue;
    }
    let piece = '';
    for (const word of clause.split(' ')) {
      if (piece && piece.length + 1 + word.length > WORD_GROUP) {
        pieces.push(piece);
        piece = word;
      } else piece = piece ? `${piece} ${word}` : word;
    }
    if (piece) pieces.push(piece);
  }
  return pieces;
}

/** Fewest characters a "…" inside a quoted sentence must save. */
const MIN_ELISION = 40;

/** Windows up to this many times the shortest best one count as about as short (the earliest of them is quoted). */
const NEARLY_SHORTEST = 1.3;

/** What completes a figure at the start of the next piece: the end of a range and a unit ("đến 29 tín chỉ"). */
const FIGURE_TAIL = /^(?:(?:đến|tới|–|-)\s*\d+(?:[.,]\d+)*\s*)?[^\s,;.:]+(?:\s+[^\s,;.:]+){0,2}/u;

/** A word that needs what follows it: a label before its number, a preposition before its object. */
const DANGLING = /(?<![\p{L}])(?:số|ngày|tháng|năm|tại|là|của|và|về|theo|gồm|như|với|cho|đến|từ|trên|trong|bằng)$/iu;

/** Length of the word groups a clause too long to quote whole is cut into. */
const WORD_GROUP = 60;

/**
 * Shortens a long sentence to the shortest window of pieces that holds most of the question's terms and the kind of
 * fact asked for (the date of a "when" question, the figure of a target question), then widens it.
 */
/** A year a target is set for ("đến năm 2030", "năm 2020"), folded or not. */
const TARGET_YEAR = /(?:đến|tới|vào|năm|den|toi|vao|nam)\s+(?:năm\s+|nam\s+)?((?:19|20)\d{2})(?!\d)/giu;

/**
 * How much longer than the room a sentence may be and still be quoted whole: cutting a quarter off a sentence saves
 * little and loses what its last clause says ("…; cần có thêm đại diện một số doanh nghiệp").
 */
const WHOLE_SLACK = 1.25;

/** What a window loses for pieces under a year other than the one asked. */
const OTHER_YEAR = 1;

export function trimSentence(analysis: QueryAnalysis, engine: SearchEngine, passage: Passage, text: string, max = 240): string {
  const clean = asProse(text);
  if (clean.length <= max * WHOLE_SLACK) return clean;
  const parts = piecesOf(clean, max);
  const quantity = asksQuantity(analysis.text);
  // Under another year: a piece after "đến năm 2030" in "Đến năm 2020, …; đến năm 2030, …" says what is due then.
  const governing: string[][] = [];
  let year: string | undefined;
  for (const part of parts) {
    const named = [...part.matchAll(TARGET_YEAR)].map((m) => m[1]!);
    governing.push(named.length ? named : year ? [year] : []);
    if (named.length) year = named.at(-1);
  }
  const otherYear = (from: number, to: number) =>
    analysis.years.length > 0 && governing.slice(from, to + 1).some((ys) => ys.length > 0 && !ys.some((y) => analysis.years.includes(y)));
  // "Bao nhiêu nhiệm vụ …?": the piece giving a number of them ("14/44 nhiệm vụ"), not another count of the sentence.
  const counted = quantity ? countedNoun(analysis.text) : undefined;
  const scoreOf = (window: string, from = 0, to = -1) =>
    termCoverage(analysis, engine, window) + 0.5 * intentFit(analysis, window, passage) + 0.5 * formFit(analysis.text, window) + (quantity && holdsFigure(window, analysis.text) ? 0.5 : 0) + (counted && countsNoun(window, counted) ? 0.5 : 0) - (to >= 0 && otherYear(from, to) ? OTHER_YEAR : 0);
  // Pieces in order, "…" where some are left out.
  const render = (kept: number[]) => kept.map((k, i) => (i > 0 && k > kept[i - 1]! + 1 ? `… ${parts[k]}` : parts[k])).join(' ');
  // The best window: the highest score; among those, the earliest of the nearly shortest (a window of leading clauses
  // that hold nothing asked loses to a much shorter one, but two of about the same length keep the reading order:
  // "43/54 Đảng ủy các xã, … Kế hoạch số 538" before "…; 45/54 UBND các xã").
  const windows: Array<{ score: number; from: number; to: number; length: number }> = [];
  for (let from = 0; from < parts.length; from++) {
    let length = -1;
    for (let to = from; to < parts.length; to++) {
      length += parts[to]!.length + 1;
      if (length > max && to > from) break;
      windows.push({ score: scoreOf(parts.slice(from, to + 1).join(' '), from, to), from, to, length });
    }
  }
  const top = Math.max(...windows.map((w) => w.score));
  const tied = windows.filter((w) => w.score > top - 1e-9);
  const shortest = Math.min(...tied.map((w) => w.length));
  const best = tied.find((w) => w.length <= shortest * NEARLY_SHORTEST)!;
  let kept = Array.from({ length: best.to - best.from + 1 }, (_, i) => best.from + i);
  // A window that leaves little room for what follows it ("… với khối lượng kiến thức" then "từ 15 đến 29 tín chỉ")
  // leaves out the pieces inside it that hold nothing asked for.
  if (best.length > max * 0.6 && best.to < parts.length - 1) {
    let trial = kept;
    for (const piece of kept.slice(1, -1)) {
      // What a piece announces ("… theo công thức sau:", "… gồm:") is what it says: never left out.
      if (/:$/.test(parts[piece - 1]!)) continue;
      // Nor what a word left hanging needs: "tại Tờ trình số" before "04/TTr-…" (a cut there glues "số" to another's
      // number: "Tờ trình số … 83/…").
      if (DANGLING.test(parts[piece - 1]!)) continue;
      const without = trial.filter((k) => k !== piece);
      if (scoreOf(render(without)) >= best.score - 1e-9) trial = without;
    }
    // Worth a "…" only where it makes real room.
    if (render(kept).length - render(trial).length >= MIN_ELISION) kept = trial;
  }
  // What a question asks for usually follows the words it shares with the sentence ("… được công nhận bao gồm: TOEIC,
  // …"): the window takes in the pieces after it while there is room.
  const fits = (candidate: number[]) => render(candidate).length <= max;
  while (kept[kept.length - 1]! + 1 < parts.length && fits([...kept, kept[kept.length - 1]! + 1])) kept.push(kept[kept.length - 1]! + 1);
  let out = render(kept);
  // A figure is not cut from what completes it ("… từ 15" then "đến 29 tín chỉ, …"): its words come along.
  const next = parts[kept[kept.length - 1]! + 1];
  const tail = next && /\d$/.test(out) && out.length <= max ? FIGURE_TAIL.exec(next)?.[0] : undefined;
  if (tail) out = `${out} ${tail}`;
  else out = clip(out, max);
  if (kept[0]! > 0) out = `…${out}`;
  if (kept[kept.length - 1]! < parts.length - 1 && !out.endsWith('…')) out = `${out.replace(/[;,:]$/, '')}…`;
  return out;
}

export function ensureEnd(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/**
 * A sentence that announces what follows ("… gồm các điều kiện sau đây:") does not answer by itself: the items after
 * it in the same passage are taken in while there is room.
 */
export function withContinuation(c: Scored, max: number): Scored {
  const { passage, span } = c.unit;
  if (passage.chunk.kind === 'row' || !/:\s*$/.test(c.text)) return c;
  let end = span.end;
  for (const next of unitSpans(passage)) {
    if (next.start < end) continue;
    if (next.end - span.start > max) break;
    end = next.end;
  }
  if (end === span.end) return c;
  const text = passage.document.text.slice(span.start, end);
  return { ...c, unit: { ...c.unit, span: { start: span.start, end } }, text };
}

/** Share of a sentence's words (stopwords aside) the question does not hold: near 0, the sentence only restates it. */
function novelty(text: string, question: string): number {
  const asked = new Set(tokens(question).map((t) => t.folded));
  const words = tokens(text).filter((t) => !isStopword(t.text));
  return words.length ? words.filter((t) => !asked.has(t.folded)).length / words.length : 0;
}

/** Below this novelty a sentence echoes the question ("… sinh viên có thể đề nghị Trường cấp bảng điểm."). */
const ECHO = 0.3;

/**
 * A sentence that restates the question does not answer it: what it asks is said next ("… đề nghị Trường cấp bảng
 * điểm. Sinh viên đăng ký và nộp lệ phí …"), so the sentence after it in the same passage is taken in where there is room.
 */
export function withNext(c: Scored, analysis: QueryAnalysis, max: number): Scored {
  const { passage, span } = c.unit;
  if (passage.chunk.kind === 'row' || novelty(c.text, analysis.text) >= ECHO) return c;
  // It answers when it holds the kind of fact asked for: the figure, the date, the body in charge.
  if (analysis.intent !== 'general' ? intentFit(analysis, c.text, passage) > 0.5 : asksQuantity(analysis.text) && holdsFigure(c.text, analysis.text)) return c;
  const next = unitSpans(passage).find((s) => s.start >= span.end);
  if (!next || next.end - span.start > max) return c;
  return { ...c, unit: { ...c.unit, span: { start: span.start, end: next.end } }, text: passage.document.text.slice(span.start, next.end) };
}

/** A list item's marker at the start of a line ("- ", "• ", "* ", "+ "): layout, not words of the answer. */
const BULLET = /^[-–•*+]\s+/u;

/**
 * Text quoted from the document as one line of prose: list markers dropped ("- Ban Chỉ đạo …" → "Ban Chỉ đạo …"),
 * items of a list joined by "; " unless the line before already ends a clause, white space collapsed.
 */
export function asProse(text: string): string {
  let out = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const item = line.replace(BULLET, '');
    if (!out) out = item;
    else out += item !== line && !/[:;,.!?…]$/.test(out) ? `; ${item}` : ` ${item}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}
