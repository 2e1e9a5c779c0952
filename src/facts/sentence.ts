/** A sentence of a document and its surroundings, and span helpers shared by the prose readers. */

export interface HeadingRef {
  /** The heading's full line and where it starts in the document. */
  line: string;
  start: number;
}

/** One sentence of a document, with what surrounds it. */
export interface SentenceContext {
  documentId: string;
  /** The document text and its accent-folded, lower-case copy of the same length. */
  text: string;
  folded: string;
  start: number;
  end: number;
  /** The enclosing headings, outermost first. */
  headings: HeadingRef[];
  chunkId?: string;
  section: string[];
}

export interface Clause {
  start: number;
  end: number;
}

/** A list marker at the start of a line or clause ("- ", "2. ", "a) ", "IV- "). */
export const MARKER = /^\s*(?:[-–•+*]\s*|\d+(?:\.\d+)*[.)]\s+|[a-zđ]\)\s+|[IVXLC]+[.)-]\s+)/u;

/** Splits a sentence at ";" and ":" (not inside parentheses), trimmed of list markers. */
export function clausesOf(text: string, start: number, end: number): Clause[] {
  const out: Clause[] = [];
  let depth = 0;
  let from = start;
  const push = (s: number, e: number) => {
    const m = MARKER.exec(text.slice(s, e));
    if (m) s += m[0].length;
    [s, e] = trimSpan(text, s, e, /[\s.,;:]/);
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === ';' || (ch === ':' && !/\d/.test(text[i + 1] ?? '')))) {
      push(from, i);
      from = i + 1;
    }
  }
  push(from, end);
  return out;
}

/** Narrows `[s, e)` past the given characters at both ends. */
export function trimSpan(text: string, s: number, e: number, chars = /[\s,;:.–-]/): [number, number] {
  while (s < e && chars.test(text[s]!)) s++;
  while (e > s && chars.test(text[e - 1]!)) e--;
  return [s, e];
}

/** All matches of a global, `d`-flagged pattern in `folded[from, to)`, with group offsets in the document. */
export function* matchesIn(re: RegExp, folded: string, from: number, to: number): Generator<{ m: RegExpExecArray; at: (group: number) => [number, number] | undefined }> {
  const local = folded.slice(from, to);
  for (const m of local.matchAll(re)) {
    const indices = m.indices!;
    yield { m, at: (g) => (indices[g] ? [from + indices[g]![0], from + indices[g]![1]] : undefined) };
  }
}

