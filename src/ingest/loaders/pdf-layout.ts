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
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

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

export interface PageContent {
  items: TextItem[];
  rules: Rule[];
}

/** A gap wider than this fraction of the font size between two runs of a line is a space (pdf.js itself uses ~0.1). */
const SPACE_GAP = 0.15;
/** Points within which rule ends meet and two rules lie on the same line. */
const TOL = 2;
/** Table boundaries closer than this (double borders, overshooting strokes) are one boundary. */
const SNAP = 4;
/** A row number in a table's first column: "1", "2.3", "IV", "a", "b)". */
const ORDINAL_RE = /^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zđ])[.)]?$/u;

interface Table {
  /** Column boundaries, left to right (x). */
  xs: number[];
  rows: string[][];
  /** Lines printed before the pipe rows (a title row spanning the whole table). */
  title: string[];
}

/** A unit of the page's output: a line of text (its runs) or a table. */
interface Block {
  /** Position of its first run in the content stream. */
  order: number;
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  items: TextItem[];
  table?: Table;
}

/**
 * Lays out each page: its text lines in reading order, tables as pipe rows between blank lines. A table that ends one
 * page and goes on at the top of the next with the same columns, its first row there a numbered (or unnumbered) data
 * row rather than a repeat of its header, gets the header row of the previous page, so its rows still know their columns.
 */
export function layoutPages(pages: readonly PageContent[]): string[][] {
  let previous: Table | undefined;
  return pages.map((page) => {
    const blocks = layoutBlocks(page);
    const first = edgeBlock(blocks, 'first')?.table;
    const header = previous?.rows[0];
    if (first && previous && header && sameColumns(first.xs, previous.xs) && !first.title.length) {
      const top = first.rows[0]!;
      if (top.join('|') !== header.join('|') && (!top[0] || ORDINAL_RE.test(top[0]))) first.rows.unshift(header);
    }
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

function sameColumns(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= SNAP);
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

/**
 * The runs that hold text. pdf.js reports the spaces it inferred between runs as runs of their own, which would
 * bridge table cells and column gutters: each becomes a trailing space of the run before it instead.
 */
function withSpaces(items: readonly TextItem[]): TextItem[] {
  const out: TextItem[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.str.trim()) out.push({ ...item });
    else if (last && item.str) last.str += ' ';
  }
  return out;
}

function extent(items: TextItem[]): Pick<Block, 'top' | 'bottom' | 'x0' | 'x1'> {
  return {
    top: Math.max(...items.map(top)),
    bottom: Math.min(...items.map(bottom)),
    x0: Math.min(...items.map((i) => i.x)),
    x1: Math.max(...items.map((i) => i.x + i.width)),
  };
}

// ---- lines ----

const top = (i: TextItem) => i.y + 0.75 * i.size;
const bottom = (i: TextItem) => i.y - 0.25 * i.size;

/** Same visual line: their boxes (descender to ascender) overlap by half the smaller one (superscripts included). */
function sameLine(a: TextItem, b: TextItem): boolean {
  return Math.min(top(a), top(b)) - Math.max(bottom(a), bottom(b)) >= 0.5 * Math.min(a.size, b.size);
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
function streamLines(items: TextItem[]): TextItem[][] {
  const lines: TextItem[][] = [];
  for (const item of items) {
    const line = lines[lines.length - 1];
    if (line && sameLine(line[0]!, item)) line.push(item);
    else lines.push([item]);
  }
  return lines;
}

/** Lines by position, top to bottom, each left to right. */
function visualLines(items: TextItem[]): TextItem[][] {
  const lines: TextItem[][] = [];
  for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines[lines.length - 1];
    if (line && sameLine(line[0]!, item)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

/** Horizontal extents of a line's text, runs closer than half the font size merged. */
function spans(items: TextItem[]): [number, number][] {
  const out: [number, number][] = [];
  for (const item of [...items].sort((a, b) => a.x - b.x)) {
    const last = out[out.length - 1];
    if (last && item.x <= last[1] + 0.5 * item.size) last[1] = Math.max(last[1], item.x + item.width);
    else out.push([item.x, item.x + item.width]);
  }
  return out;
}

/** A cell's lines joined into one: a word hyphenated at the end of a line is rejoined. */
function joinCellLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (!acc) return line;
    if (/\p{L}-$/u.test(acc) && /^\p{Ll}/u.test(line)) return acc.slice(0, -1) + line;
    return `${acc} ${line}`;
  }, '');
}

function cellText(items: TextItem[]): string {
  return joinCellLines(visualLines(items).map(joinRuns).filter(Boolean));
}

function renderTable(table: Table): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`.replace(/ {2,}/g, ' ');
  const [header, ...body] = table.rows;
  return [...table.title, row(header!), `| ${header!.map(() => '---').join(' | ')} |`, ...body.map(row)];
}

// ---- ruled tables ----

/** A rule as a segment: `at` is its y (horizontal) or x (vertical), `a`–`b` its extent along the other axis. */
interface Seg {
  at: number;
  a: number;
  b: number;
}

/** Collinear segments that touch or overlap merged into one (cells are often drawn one rectangle each). */
function mergeSegs(segs: Seg[]): Seg[] {
  const out: Seg[] = [];
  const sorted = [...segs].sort((p, q) => p.at - q.at);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.at - sorted[j - 1]!.at <= TOL) j++;
    let current: Seg | undefined;
    for (const s of sorted.slice(i, j).sort((p, q) => p.a - q.a)) {
      if (current && s.a <= current.b + TOL) current.b = Math.max(current.b, s.b);
      else out.push((current = { ...s }));
    }
    i = j;
  }
  return out;
}

/** Values within {@link SNAP} of each other as one (their mean). */
function snap(values: number[]): number[] {
  const out: number[][] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    const group = out[out.length - 1];
    if (group && v - group[group.length - 1]! <= SNAP) group.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

/**
 * Tables drawn with borders: rules are grouped into connected grids; a grid of 2+ columns and 2+ rows is a table
 * whose cells are the grid units, merged where the border between two units is missing (merged cells). A merged
 * cell spanning rows is repeated in each of its rows (each row stands alone as a chunk); one spanning columns is
 * followed by empty cells. A first row spanning the whole table is a title, printed above it.
 */
function ruledTables(rules: Rule[], items: TextItem[]): { table: Table; items: TextItem[] }[] {
  const isH = (r: Rule) => Math.abs(r.y2 - r.y1) <= Math.abs(r.x2 - r.x1);
  const hs = mergeSegs(rules.filter(isH).map((r) => ({ at: (r.y1 + r.y2) / 2, a: Math.min(r.x1, r.x2), b: Math.max(r.x1, r.x2) })));
  const vs = mergeSegs(rules.filter((r) => !isH(r)).map((r) => ({ at: (r.x1 + r.x2) / 2, a: Math.min(r.y1, r.y2), b: Math.max(r.y1, r.y2) })));
  if (!hs.length || !vs.length || !items.length) return [];
  // Connected components of crossing or touching rules.
  const parent = [...hs, ...vs].map((_, i) => i);
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (v.at >= h.a - TOL && v.at <= h.b + TOL && h.at >= v.a - TOL && h.at <= v.b + TOL) {
        parent[find(parent, i)] = find(parent, hs.length + j);
      }
    }),
  );
  const groups = new Map<number, { h: Seg[]; v: Seg[] }>();
  [...hs, ...vs].forEach((s, i) => {
    const g = groups.get(find(parent, i)) ?? { h: [], v: [] };
    (i < hs.length ? g.h : g.v).push(s);
    groups.set(find(parent, i), g);
  });
  const out: { table: Table; items: TextItem[] }[] = [];
  let free = items;
  for (const { h, v } of groups.values()) {
    if (!h.length || !v.length) continue;
    const xs = snap([...v.map((s) => s.at), Math.min(...h.map((s) => s.a)), Math.max(...h.map((s) => s.b))]);
    const ys = snap([...h.map((s) => s.at), Math.min(...v.map((s) => s.a)), Math.max(...v.map((s) => s.b))]).reverse();
    if (xs.length < 3 || ys.length < 3) continue;
    const found = gridTable(xs, ys, h, v, free);
    if (!found) continue;
    out.push(found);
    const taken = new Set(found.items);
    free = free.filter((i) => !taken.has(i));
  }
  return out;
}

function gridTable(xs: number[], bands: number[], rules: Seg[], v: Seg[], items: TextItem[]): { table: Table; items: TextItem[] } | undefined {
  // Rows drawn without a rule between them (column rules only): a band whose first column holds 2+ numbers is cut
  // above each number after the first.
  const cuts: Seg[] = [];
  for (let r = 0; r + 1 < bands.length; r++) {
    const first = items.filter((i) => i.x >= xs[0]! && i.x < xs[1]! && i.y < bands[r]! && i.y > bands[r + 1]!);
    const numbers = visualLines(first).filter((line) => ORDINAL_RE.test(joinRuns(line)));
    for (const line of numbers.slice(1)) cuts.push({ at: Math.max(...line.map(top)) + 1, a: xs[0]!, b: xs[xs.length - 1]! });
  }
  const h = [...rules, ...cuts];
  const ys = [...bands, ...cuts.map((s) => s.at)].sort((a, b) => b - a);
  const R = ys.length - 1;
  const C = xs.length - 1;
  const hasV = (x: number, y: number) => v.some((s) => Math.abs(s.at - x) <= SNAP && s.a - TOL <= y && y <= s.b + TOL);
  const hasH = (y: number, x: number) => h.some((s) => Math.abs(s.at - y) <= SNAP && s.a - TOL <= x && x <= s.b + TOL);
  const unit = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const midY = (ys[r]! + ys[r + 1]!) / 2;
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < C && !hasV(xs[c + 1]!, midY)) parent[find(parent, unit(r, c + 1))] = find(parent, unit(r, c));
      if (r + 1 < R && !hasH(ys[r + 1]!, midX)) parent[find(parent, unit(r + 1, c))] = find(parent, unit(r, c));
    }
  }
  // Runs go to the unit holding the middle of their first glyph.
  const cells = new Map<number, TextItem[]>();
  const inside: TextItem[] = [];
  for (const item of items) {
    const px = item.x + Math.min(item.width, item.size) / 2;
    const py = item.y + 0.3 * item.size;
    const c = xs.findIndex((x, i) => i < C && px >= x && px < xs[i + 1]!);
    const r = ys.findIndex((y, i) => i < R && py <= y && py > ys[i + 1]!);
    if (c < 0 || r < 0) continue;
    const root = find(parent, unit(r, c));
    if (!cells.has(root)) cells.set(root, []);
    cells.get(root)!.push(item);
    inside.push(item);
  }
  const texts = new Map([...cells].map(([root, list]) => [root, cellText(list)]));
  const rows: string[][] = [];
  const title: string[] = [];
  for (let r = 0; r < R; r++) {
    const roots = xs.slice(0, C).map((_, c) => find(parent, unit(r, c)));
    const row = roots.map((root, c) => (c > 0 && root === roots[c - 1] ? '' : texts.get(root) ?? ''));
    // Skip rows that are empty or hold only the continuation of cells merged from the row above.
    const fresh = roots.some((root, c) => texts.get(root) && (r === 0 || root !== find(parent, unit(r - 1, c))));
    if (!fresh) continue;
    if (!rows.length && !title.length && new Set(roots).size === 1) title.push(row[0]!);
    else rows.push(row);
  }
  if (rows.length < 2 || !rows.some((row) => row.filter(Boolean).length >= 2)) return undefined;
  return { table: { xs, rows, title }, items: inside };
}

// ---- borderless tables ----

/**
 * Borderless tables, conservatively: from a line with 3+ text spans, consecutive lines (no wider gap than 2.5 lines)
 * whose text leaves 2+ vertical bands blank across all of them; the bands split the columns. A line with text in the
 * first column starts a row (or, where rows are spaced wider than wrapped lines, a wider gap does); the others
 * continue the cells of the row above. Kept only if 2+ rows are numbered in the first column.
 */
function borderlessTables(items: TextItem[]): { table: Table; items: TextItem[] }[] {
  const lines = visualLines(items);
  const out: { table: Table; items: TextItem[] }[] = [];
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

// ---- two columns ----

interface Gutter {
  x0: number;
  x1: number;
}

/**
 * A two-column page: one vertical band in the middle part of the text, at least a font size wide, that at most a
 * fifth of the lines cross (full-width titles), with text left and right of it on 40 % or more of the lines each, both
 * sides side by side over at least half their height. Label–value lists (most left parts ending in ':', or short
 * parts) and pages with several such bands (three columns, aligned lists) are left alone.
 */
function findGutter(lines: Block[]): Gutter | undefined {
  if (lines.length < 3) return undefined;
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const width = Math.ceil(x1 - x0);
  if (width < 100) return undefined;
  const lineSpans = lines.map((l) => spans(l.items));
  const cover = new Array<number>(width + 1).fill(0);
  for (const ss of lineSpans) {
    for (const [a, b] of ss) for (let k = Math.floor(a - x0); k < Math.ceil(b - x0); k++) cover[k]!++;
  }
  const sizes = lines.map((l) => l.items[0]!.size).sort((a, b) => a - b);
  const minWidth = Math.max(6, sizes[sizes.length >> 1]!);
  const maxCross = Math.floor(lines.length * 0.2);
  const bands: Gutter[] = [];
  for (let k = 0; k <= width; ) {
    if (cover[k]! > maxCross) {
      k++;
      continue;
    }
    let e = k;
    while (e <= width && cover[e]! <= maxCross) e++;
    const mid = (k + e) / 2;
    if (e - k >= minWidth && mid > width * 0.2 && mid < width * 0.8) bands.push({ x0: x0 + k, x1: x0 + e });
    k = e;
  }
  // Two or more bands: three columns, or aligned runs (a table, a list) rather than two columns of prose.
  if (bands.length !== 1) return undefined;
  const g = bands[0]!;
  let crossing = 0;
  const left: Block[] = [];
  const right: Block[] = [];
  lines.forEach((line) => {
    const side = sides(line.items, g);
    if (!side) crossing++;
    else {
      if (side.left.length) left.push({ ...line, ...extent(side.left), items: side.left });
      if (side.right.length) right.push({ ...line, ...extent(side.right), items: side.right });
    }
  });
  const need = Math.max(3, lines.length * 0.4);
  if (crossing > maxCross || left.length < need || right.length < need) return undefined;
  const range = (side: Block[]) => [Math.min(...side.map((l) => l.bottom)), Math.max(...side.map((l) => l.top))] as const;
  const [lb, lt] = range(left);
  const [rb, rt] = range(right);
  if (Math.min(lt, rt) - Math.max(lb, rb) < 0.5 * Math.min(lt - lb, rt - rb)) return undefined;
  // Columns of prose, not labels and values: most left parts do not end in ':', both sides average 12+ characters.
  const texts = (side: Block[]) => side.map((l) => joinRuns(l.items));
  const mean = (side: string[]) => side.reduce((n, t) => n + t.length, 0) / side.length;
  const labels = texts(left).filter((t) => t.endsWith(':')).length;
  return labels < left.length / 2 && mean(texts(left)) >= 12 && mean(texts(right)) >= 12 ? g : undefined;
}

/**
 * A line's runs left and right of the gutter's middle, or undefined if its text crosses the middle (a span reaching
 * into the gutter from one side still belongs to that side).
 */
function sides(items: TextItem[], g: Gutter): { left: TextItem[]; right: TextItem[] } | undefined {
  const mid = (g.x0 + g.x1) / 2;
  if (spans(items).some(([a, b]) => a < mid && b > mid)) return undefined;
  return { left: items.filter((i) => i.x < mid), right: items.filter((i) => i.x >= mid) };
}

/**
 * Reading order of a two-column page, top to bottom: anything crossing the gutter (a title, a full-width table)
 * closes the columns above it, which are read left then right. Lines of the content stream that hold both a left and
 * a right part are split. A lone line at the very top or bottom, far from the rest (running header, footer), stays
 * where it is.
 */
function columnOrder(blocks: Block[], g: Gutter): Block[] {
  type Side = 'left' | 'right' | 'span';
  const units: { block: Block; side: Side }[] = [];
  for (const block of blocks) {
    if (block.table) {
      const mid = (g.x0 + g.x1) / 2;
      units.push({ block, side: block.x1 <= mid ? 'left' : block.x0 >= mid ? 'right' : 'span' });
      continue;
    }
    const side = sides(block.items, g);
    if (!side) units.push({ block, side: 'span' });
    else {
      if (side.left.length) units.push({ block: { ...block, ...extent(side.left), items: side.left }, side: 'left' });
      if (side.right.length) units.push({ block: { ...block, ...extent(side.right), items: side.right }, side: 'right' });
    }
  }
  units.sort((a, b) => b.block.top - a.block.top || a.block.order - b.block.order);
  const far = (a: Block, b: Block | undefined) => !b || a.bottom - b.top > 2 * a.items[0]!.size || b.bottom - a.top > 2 * a.items[0]!.size;
  for (let k = 0; k < 2 && k < units.length; k++) {
    if (far(units[k]!.block, units[k + 1]?.block)) units[k]!.side = 'span';
    else break;
  }
  for (let k = units.length - 1; k >= units.length - 2 && k >= 0; k--) {
    if (far(units[k]!.block, units[k - 1]?.block)) units[k]!.side = 'span';
    else break;
  }
  const out: Block[] = [];
  let columns: { left: Block[]; right: Block[] } = { left: [], right: [] };
  const flush = () => {
    out.push(...columns.left, ...columns.right);
    columns = { left: [], right: [] };
  };
  for (const { block, side } of units) {
    if (side === 'span') {
      flush();
      out.push(block);
    } else columns[side].push(block);
  }
  flush();
  return out;
}

// ---- rules from the drawing operators ----

type Matrix = number[];
/** `m1` after `m2` (pdf.js `Util.transform`). */
const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0]! * m2[0]! + m1[2]! * m2[1]!,
  m1[1]! * m2[0]! + m1[3]! * m2[1]!,
  m1[0]! * m2[2]! + m1[2]! * m2[3]!,
  m1[1]! * m2[2]! + m1[3]! * m2[3]!,
  m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
  m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
];
const apply = (m: Matrix, x: number, y: number) => [x * m[0]! + y * m[2]! + m[4]!, x * m[1]! + y * m[3]! + m[5]!] as const;
const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill]);

/**
 * Horizontal and vertical rules of a page from its pdf.js operator list (`fnArray`, `argsArray`): stroked straight
 * segments, and filled rectangles at most 3 pt thick (Word draws table borders that way). Rules shorter than 4 pt
 * (glyph-like marks) are dropped.
 * @param base the matrix from PDF user space to the page space of the text runs (identity by default)
 */
export function rulesFromOperators(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, base: Matrix = [1, 0, 0, 1, 0, 0]): Rule[] {
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = base;
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    const [ax, ay] = apply(ctm, x1, y1);
    const [bx, by] = apply(ctm, x2, y2);
    const dx = Math.abs(bx - ax);
    const dy = Math.abs(by - ay);
    if (Math.max(dx, dy) >= 4 && Math.min(dx, dy) <= 0.5) rules.push({ x1: ax, y1: ay, x2: bx, y2: by });
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const raw = Array.isArray(args[1]) ? args[1][0] : args[1];
      if (!raw || !(STROKE_OPS.has(paint) || FILL_OPS.has(paint))) continue;
      for (const path of subpaths(raw as ArrayLike<number>)) {
        if (STROKE_OPS.has(paint)) {
          for (let k = 1; k < path.points.length; k++) add(...path.points[k - 1]!, ...path.points[k]!);
        } else if (!path.curved && path.points.length >= 4) {
          const xs = path.points.map((p) => p[0]);
          const ys = path.points.map((p) => p[1]);
          const [l, r, b, t] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          if (t - b <= 3 && r - l > t - b) add(l, (b + t) / 2, r, (b + t) / 2);
          else if (r - l <= 3 && t - b > r - l) add((l + r) / 2, b, (l + r) / 2, t);
        }
      }
    }
  }
  return rules;
}

/**
 * Straight point chains of a pdf.js path buffer (pdf.js `DrawOPS`: 0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2
 * x y, 3 closePath). A curve ends a chain (it is no rule) and marks the subpath as curved.
 */
function subpaths(data: ArrayLike<number>): { points: [number, number][]; curved: boolean }[] {
  type Chain = { points: [number, number][]; curved: boolean };
  const out: Chain[] = [];
  let current: Chain | undefined;
  let start: [number, number] = [0, 0];
  for (let k = 0; k < data.length; ) {
    const op = data[k]!;
    if (op === 0) {
      start = [data[k + 1]!, data[k + 2]!];
      out.push((current = { points: [start], curved: false }));
      k += 3;
    } else if (op === 1) {
      current?.points.push([data[k + 1]!, data[k + 2]!]);
      k += 3;
    } else if (op === 2) {
      if (current) current.curved = true;
      out.push((current = { points: [[data[k + 5]!, data[k + 6]!]], curved: true }));
      k += 7;
    } else {
      current?.points.push(start);
      k += 1;
    }
  }
  return out;
}
