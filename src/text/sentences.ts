/**
 * Sentence boundaries for Vietnamese official text. A boundary is a line break, or ". ! ? …" followed by a space and
 * an upper-case letter, a digit-led list item or an opening quote — except after abbreviations (TP., ThS., TS.,
 * v.v.) and inside numbers (1.000, 96,2). Spans are offsets into the given text so passages can be cited exactly.
 */

const ABBREVIATIONS = new Set(['tp', 'ths', 'ts', 'pgs', 'gs', 'bs', 'ks', 'v.v', 'tt', 'st', 'q', 'p', 'ng', 'tr', 'đ', 'k', 'no', 'nxb']);

export interface Span {
  start: number;
  end: number;
}

/**
 * Splits `text` (or its part `[from, to)`) into sentence spans, trimmed of surrounding white space.
 */
export function sentenceSpans(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = from;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Consume a run of closing punctuation: "…", '."', ".)".
    let j = i + 1;
    while (j < to && /[.!?…"”’)\]]/.test(text[j]!)) j++;
    if (j >= to) continue;
    if (!/[ \t]/.test(text[j]!)) continue;
    let k = j;
    while (k < to && /[ \t]/.test(text[k]!)) k++;
    const next = text[k];
    if (next === undefined || !/[\p{Lu}"“(\d-]/u.test(next)) continue;
    if (ch === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(from, i - 6), i))?.[1]?.toLowerCase();
      if (word && ABBREVIATIONS.has(word)) continue;
      // "Điều 5. Phạm vi", "1. Mục tiêu" and "## I. Kết luận …" are headings, not sentence ends worth splitting.
      if (/(^|\n|[.!?:;]\s)\s*(?:#{1,6}\s+)?(?:[\dIVXLC]+(?:\.\d+)*|[a-zđ])\s*$/u.test(text.slice(Math.max(from, i - 16), i)) || /^\s*(?:#{1,6}\s+)?(?:[\dIVXLC]+(?:\.\d+)*)$/.test(text.slice(from, i))) continue;
    }
    push(j);
    start = j;
  }
  push(to);
  return spans;
}
