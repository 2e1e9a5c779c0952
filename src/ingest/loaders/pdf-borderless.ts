/**
 * Borderless tables, only in a conservative form — 3+ columns separated by blank vertical bands over consecutive
 * lines, and rows numbered in the first column (the usual "STT" column) — so that prose is never mistaken for a table.
 */
import { spans, visualLines } from './pdf-lines.js';
import { cellText, ORDINAL_RE } from './pdf-tables.js';
import type { FoundTable, Table, TextItem } from './pdf-types.js';

/**
 * Borderless tables, conservatively: from a line with 3+ text spans, consecutive lines (no wider gap than 2.5 lines)
 * whose text leaves 2+ vertical bands blank across all of them; the bands split the columns. A line with text in the
 * first column starts a row (or, where rows are spaced wider than wrapped lines, a wider gap does); the others
 * continue the cells of the row above. Kept only if 2+ rows are numbered in the first column.
 */
export function borderlessTables(items: TextItem[]): FoundTable[] {
  const lines = visualLines(items);
  const out: FoundTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = spans(lines[i]!);
    if (first.length < 3) continue;
    const size = lines[i]![0]!.size;
    let bands: [number, number][] = first.slice(1).map((s, k) => [first[k]![1], s[0]]);
    let end = i + 1;
    for (; end < lines.length; end++) {
      const line = lines[end]!;
      if (lines[end - 1]![0]!.y - line[0]!.y > 2.5 * size) break;
      const next = subtract(bands, spans(line)).filter(([a, b]) => b - a >= 0.5 * size);
      if (next.length < 2) break;
      bands = next;
    }
    if (end - i < 3) continue;
    const table = bandTable(lines.slice(i, end), bands);
    if (!table) continue;
    out.push({ table, items: lines.slice(i, end).flat() });
    i = end - 1;
  }
  return out;
}

/** Blank bands minus the spans of a line. */
function subtract(bands: [number, number][], taken: [number, number][]): [number, number][] {
  let out = bands;
  for (const [a, b] of taken) {
    out = out.flatMap(([p, q]) => {
      if (b <= p || a >= q) return [[p, q] as [number, number]];
      const pieces: [number, number][] = [];
      if (a > p) pieces.push([p, a]);
      if (q > b) pieces.push([b, q]);
      return pieces;
    });
  }
  return out;
}

/**
 * The table of lines split at the middle of the blank bands, or undefined unless it has a header row of 3+ labels
 * and rows numbered in the first column (2+ of them, and at least half the body).
 */
function bandTable(lines: TextItem[][], bands: [number, number][]): Table | undefined {
  const cuts = bands.map(([a, b]) => (a + b) / 2);
  const column = (item: TextItem) => cuts.filter((x) => x < item.x).length;
  const pitches = lines.slice(1).map((l, k) => lines[k]![0]!.y - l[0]!.y);
  const minPitch = Math.min(...pitches);
  const uniform = pitches.every((p) => p <= 1.25 * minPitch);
  const rows: TextItem[][][] = [];
  lines.forEach((line, k) => {
    const cells: TextItem[][] = cuts.map(() => []).concat([[]]);
    for (const item of line) cells[column(item)]!.push(item);
    const starts = k === 0 || (uniform ? cells[0]!.length > 0 : pitches[k - 1]! > 1.25 * minPitch);
    if (starts) rows.push(cells);
    else rows[rows.length - 1]!.forEach((cell, c) => cell.push(...cells[c]!));
  });
  const table = rows.map((cells) => cells.map(cellText));
  // A header row of labels, then rows numbered in the first column.
  const [header, ...body] = table;
  const numbered = body.filter((row) => ORDINAL_RE.test(row[0]!)).length;
  if (header!.filter(Boolean).length < 3 || ORDINAL_RE.test(header![0]!) || numbered < 2 || numbered < body.length / 2) return undefined;
  const xs = [Math.min(...lines.flat().map((i) => i.x)), ...cuts];
  return { xs, rows: table, title: [] };
}
