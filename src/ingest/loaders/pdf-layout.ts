/**
 * Page layout of a PDF from positioned text (pure functions; `pdf.ts` feeds them what pdf.js reports).
 *
 * pdf.js gives text runs in content-stream order, each with its baseline origin, advance width and font size. That
 * order is the reading order for most producers (Word and LibreOffice write one column, or one table cell, after the
 * other), so it is kept, and the geometry only overrides it where it is unambiguous:
 * - ruled tables (cell borders stroked as lines or filled as thin rectangles) become Markdown pipe rows — a header row,
 *   then one line per table row with a cell's wrapped lines joined — the form the chunker turns into one chunk per row;
 * - borderless tables only in a conservative form: 3+ columns separated by blank vertical bands over consecutive lines,
 *   and rows numbered in the first column (the usual "STT" column), so that prose is never mistaken for a table;
 * - a two-column page (a vertical gutter crossed by few lines, with text on both sides over most of the page) is read
 *   left column, then right column, whatever order the content stream has.
 * Runs on one line are joined with a space only when the gap between them is wider than a fraction of the font size
 * (pdf.js may emit a syllable's diacritics or each word as separate runs); text is NFC.
 * Coordinates are PDF page space: points, y grows upward.
 *
 * This module orchestrates; the parts live in `pdf-types.ts` (shared shapes), `pdf-lines.ts` (runs into lines),
 * `pdf-ruled.ts` and `pdf-borderless.ts` (the two table finders), `pdf-tables.ts` (what they share, pipe rows),
 * `pdf-columns.ts` (gutter, column order) and `pdf-ops.ts` (rules from the drawing operators).
 */
import { borderlessTables } from './pdf-borderless.js';
import { columnOrder, findGutter } from './pdf-columns.js';
import { extent, joinRuns, streamLines, withSpaces } from './pdf-lines.js';
import { ruledTables } from './pdf-ruled.js';
import { carryHeader, renderTable } from './pdf-tables.js';
import type { Block, PageContent, Table, TextItem } from './pdf-types.js';

/**
 * Lays out each page: its text lines in reading order, tables as pipe rows between blank lines. A table that ends one
 * page and goes on at the top of the next with the same columns, its first row there a numbered (or unnumbered) data
 * row rather than a repeat of its header, gets the header row of the previous page, so its rows still know their columns.
 */
export function layoutPages(pages: readonly PageContent[]): string[][] {
  let previous: Table | undefined;
  return pages.map((page) => {
    const blocks = layoutBlocks(page);
    carryHeader(edgeBlock(blocks, 'first')?.table, previous);
    previous = edgeBlock(blocks, 'last')?.table;
    return blocks.flatMap((b) => (b.table ? ['', ...renderTable(b.table), ''] : [joinRuns(b.items)]));
  });
}

/** The first or last block, skipping up to two short lines (running header, footer, page number). */
function edgeBlock(blocks: Block[], end: 'first' | 'last'): Block | undefined {
  const ordered = end === 'first' ? blocks : [...blocks].reverse();
  const index = ordered.findIndex((b) => b.table || joinRuns(b.items).length > 40);
  return index >= 0 && index <= 2 ? ordered[index] : undefined;
}

/** One page: tables found and taken out of the flow, then the remaining lines ordered (columns or stream order). */
function layoutBlocks(page: PageContent): Block[] {
  const items = withSpaces(page.items);
  const order = new Map(items.map((item, i) => [item, i]));
  const blocks: Block[] = [];
  let free = items;
  for (const finder of [(rest: TextItem[]) => ruledTables(page.rules, rest), borderlessTables]) {
    const found = finder(free);
    for (const { table, items: inside } of found) {
      blocks.push({ ...extent(inside), order: Math.min(...inside.map((i) => order.get(i)!)), items: inside, table });
    }
    const taken = new Set(found.flatMap((f) => f.items));
    free = free.filter((i) => !taken.has(i));
  }
  const lines = streamLines(free).map((line) => ({ ...extent(line), order: order.get(line[0]!)!, items: line }));
  const gutter = findGutter(lines);
  if (!gutter) return [...blocks, ...lines].sort((a, b) => a.order - b.order);
  return columnOrder([...blocks, ...lines], gutter);
}
