/**
 * Text runs into lines: which runs share a visual line, and the text of a line. pdf.js may emit a syllable's
 * diacritics or each word as a run of its own, so runs are joined with a space only where the gap calls for one.
 */
import type { Block, TextItem } from './pdf-types.js';

/** A gap wider than this fraction of the font size between two runs of a line is a space (pdf.js itself uses ~0.1). */
const SPACE_GAP = 0.15;

/** Top of a run's box (its ascender, about 0.75 of the font size above the baseline). */
export const top = (i: TextItem) => i.y + 0.75 * i.size;
/** Bottom of a run's box (its descender). */
const bottom = (i: TextItem) => i.y - 0.25 * i.size;

/** Same visual line: their boxes (descender to ascender) overlap by half the smaller one (superscripts included). */
function sameLine(a: TextItem, b: TextItem): boolean {
  return Math.min(top(a), top(b)) - Math.max(bottom(a), bottom(b)) >= 0.5 * Math.min(a.size, b.size);
}

/**
 * The runs that hold text. pdf.js reports the spaces it inferred between runs as runs of their own, which would
 * bridge table cells and column gutters: each becomes a trailing space of the run before it instead.
 */
export function withSpaces(items: readonly TextItem[]): TextItem[] {
  const out: TextItem[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.str.trim()) out.push({ ...item });
    else if (last && item.str) last.str += ' ';
  }
  return out;
}

/** The bounding box of some runs, in the shape of a {@link Block}. */
export function extent(items: TextItem[]): Pick<Block, 'top' | 'bottom' | 'x0' | 'x1'> {
  return {
    top: Math.max(...items.map(top)),
    bottom: Math.min(...items.map(bottom)),
    x0: Math.min(...items.map((i) => i.x)),
    x1: Math.max(...items.map((i) => i.x + i.width)),
  };
}

/**
 * The text of one line's runs, NFC. Runs are taken in the order given, except that a run starting back inside the
 * text before it (a diacritic or a correction drawn afterwards) is put in place by x; a jump back by more than a font
 * size starts a new piece, kept in order (a producer writing a right-aligned label first). Two runs get a space only
 * if the gap between them is wider than {@link SPACE_GAP} of the font size or pdf.js put one there.
 */
export function joinRuns(items: readonly TextItem[]): string {
  const pieces: TextItem[][] = [];
  let end = -Infinity;
  for (const item of items) {
    if (!pieces.length || item.x < end - item.size) pieces.push([]);
    pieces[pieces.length - 1]!.push(item);
    end = item.x + item.width;
  }
  const texts = pieces.map((piece) => {
    let text = '';
    let right = -Infinity;
    for (const item of piece.sort((a, b) => a.x - b.x)) {
      if (text && item.x - right > SPACE_GAP * item.size) text += ' ';
      text += item.str;
      right = Math.max(right, item.x + item.width);
    }
    return text;
  });
  return texts.join(' ').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Consecutive runs of the content stream that sit on one line (what pdf-parse printed as one line). */
export function streamLines(items: TextItem[]): TextItem[][] {
  const lines: TextItem[][] = [];
  for (const item of items) {
    const line = lines[lines.length - 1];
    if (line && sameLine(line[0]!, item)) line.push(item);
    else lines.push([item]);
  }
  return lines;
}

/** Lines by position, top to bottom, each left to right. */
export function visualLines(items: TextItem[]): TextItem[][] {
  const lines: TextItem[][] = [];
  for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines[lines.length - 1];
    if (line && sameLine(line[0]!, item)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

/** Horizontal extents of a line's text, runs closer than half the font size merged. */
export function spans(items: TextItem[]): [number, number][] {
  const out: [number, number][] = [];
  for (const item of [...items].sort((a, b) => a.x - b.x)) {
    const last = out[out.length - 1];
    if (last && item.x <= last[1] + 0.5 * item.size) last[1] = Math.max(last[1], item.x + item.width);
    else out.push([item.x, item.x + item.width]);
  }
  return out;
}
