/**
 * What the two table finders (`pdf-ruled.ts`, `pdf-borderless.ts`) share: cell text, row numbers, printing a table as
 * Markdown pipe rows — a header row, then one line per table row, the form the chunker turns into one chunk per row —
 * and carrying a header over to a table's continuation on the next page.
 */
import { joinRuns, visualLines } from './pdf-lines.js';
import type { Table, TextItem } from './pdf-types.js';

/** Table boundaries closer than this (double borders, overshooting strokes) are one boundary. */
export const SNAP = 4;
/** A row number in a table's first column: "1", "2.3", "IV", "a", "b)". */
export const ORDINAL_RE = /^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zđ])[.)]?$/u;

/** A cell's lines joined into one: a word hyphenated at the end of a line is rejoined. */
function joinCellLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (!acc) return line;
    if (/\p{L}-$/u.test(acc) && /^\p{Ll}/u.test(line)) return acc.slice(0, -1) + line;
    return `${acc} ${line}`;
  }, '');
}

/** The text of a cell's runs: its visual lines, top to bottom, joined into one. */
export function cellText(items: TextItem[]): string {
  return joinCellLines(visualLines(items).map(joinRuns).filter(Boolean));
}

/** A table as Markdown: its title lines, the header row, the separator, then one pipe row per table row. */
export function renderTable(table: Table): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`.replace(/ {2,}/g, ' ');
  const [header, ...body] = table.rows;
  return [...table.title, row(header!), `| ${header!.map(() => '---').join(' | ')} |`, ...body.map(row)];
}

/**
 * A table that ends one page and goes on at the top of the next with the same columns, its first row there a numbered
 * (or unnumbered) data row rather than a repeat of its header, gets the header row of the previous page (prepended to
 * `first`), so its rows still know their columns.
 * @param first the table opening this page, if any
 * @param previous the table closing the previous page, if any
 */
export function carryHeader(first: Table | undefined, previous: Table | undefined): void {
  const header = previous?.rows[0];
  if (first && previous && header && sameColumns(first.xs, previous.xs) && !first.title.length) {
    const top = first.rows[0]!;
    if (top.join('|') !== header.join('|') && (!top[0] || ORDINAL_RE.test(top[0]))) first.rows.unshift(header);
  }
}

/** The same column boundaries, each within {@link SNAP}. */
function sameColumns(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= SNAP);
}
