/**
 * Shapes shared by the PDF layout modules: what `pdf.ts` hands over from pdf.js for each page, and the blocks and
 * tables a page is laid out into. Kept apart so that the layout modules can import them without importing each other.
 * Coordinates are PDF page space: points, y grows upward.
 */

/** A text run: baseline origin (x, y), advance width, font size. */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A straight horizontal or vertical line drawn on the page (a table border candidate). */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** What pdf.js reports for one page: its text runs and its drawn rules. */
export interface PageContent {
  items: TextItem[];
  rules: Rule[];
}

/** A table found on a page: its column boundaries, cell texts row by row, and any title above it. */
export interface Table {
  /** Column boundaries, left to right (x). */
  xs: number[];
  rows: string[][];
  /** Lines printed before the pipe rows (a title row spanning the whole table). */
  title: string[];
}

/** A unit of the page's output: a line of text (its runs) or a table. */
export interface Block {
  /** Position of its first run in the content stream. */
  order: number;
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  items: TextItem[];
  table?: Table;
}

/** A table found on a page, with the runs it takes out of the page's text flow. */
export interface FoundTable {
  table: Table;
  items: TextItem[];
}
