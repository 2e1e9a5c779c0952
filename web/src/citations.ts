/**
 * Citation markers in answer text, as pure functions (no DOM): the widget renders the segments, tests check them.
 * The server writes markers as `[n]`; `[1, 2]` and `[1][2]` are read too. A marker whose number has no citation
 * stays plain text, so a stray "[3]" in a quoted passage never becomes a broken button.
 */

export type Segment = { kind: 'text'; text: string } | { kind: 'cite'; n: number };

const MARKER_RE = /\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]/g;

/**
 * Splits an answer into text and citation segments.
 * @param known the citation numbers that exist; when given, other markers stay text
 * @returns segments in order; adjacent text is merged; `[1, 2]` gives two `cite` segments
 */
export function parseCitations(answer: string, known?: Iterable<number>): Segment[] {
  const allowed = known ? new Set(known) : undefined;
  const out: Segment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.kind === 'text') last.text += text;
    else out.push({ kind: 'text', text });
  };
  let at = 0;
  for (const match of answer.matchAll(MARKER_RE)) {
    const numbers = match[1]!.split(/[,;]/).map((s) => Number(s.trim()));
    if (allowed && !numbers.every((n) => allowed.has(n))) continue;
    pushText(answer.slice(at, match.index));
    for (const n of numbers) out.push({ kind: 'cite', n });
    at = match.index! + match[0].length;
  }
  pushText(answer.slice(at));
  return out;
}

/** The distinct citation numbers an answer refers to, in order of first use. */
export function citedNumbers(answer: string): number[] {
  const seen: number[] = [];
  for (const s of parseCitations(answer)) if (s.kind === 'cite' && !seen.includes(s.n)) seen.push(s.n);
  return seen;
}

/** A span of a passage: the passage text and where it stands in its document. */
export interface PassageSpan {
  text: string;
  start: number;
  end: number;
  highlight?: { start: number; end: number };
}

/**
 * Cuts a passage into the text before, inside and after its highlight. Highlight offsets are document offsets;
 * they are clamped to the passage, so a highlight partly outside it still marks what is inside.
 */
export function highlightParts(passage: PassageSpan): { before: string; mark: string; after: string } {
  const { text, start, highlight } = passage;
  if (!highlight) return { before: text, mark: '', after: '' };
  const from = Math.min(Math.max(highlight.start - start, 0), text.length);
  const to = Math.min(Math.max(highlight.end - start, from), text.length);
  return { before: text.slice(0, from), mark: text.slice(from, to), after: text.slice(to) };
}

/** "2025-01-09" → "09/01/2025" (other forms are returned as given). */
export function formatDate(iso: string | undefined): string {
  const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

/** Splits text into word groups for progressive display; a marker `[n]` is never split. */
export function chunkWords(text: string, words = 3): string[] {
  const parts = text.match(/\s*\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += words) out.push(parts.slice(i, i + words).join(''));
  return out;
}
