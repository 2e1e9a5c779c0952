/**
 * Two-column pages: a vertical gutter crossed by few lines, with text on both sides over most of the page, is read
 * left column, then right column, whatever order the content stream has. Anything less clear-cut is left to the
 * stream order, which is the reading order for most producers.
 */
import { extent, joinRuns, spans } from './pdf-lines.js';
import type { Block, TextItem } from './pdf-types.js';

/** The blank vertical band between the two columns (page x). */
export interface Gutter {
  x0: number;
  x1: number;
}

/**
 * A two-column page: one vertical band in the middle part of the text, at least a font size wide, that at most a
 * fifth of the lines cross (full-width titles), with text left and right of it on 40 % or more of the lines each, both
 * sides side by side over at least half their height. Label–value lists (most left parts ending in ':', or short
 * parts) and pages with several such bands (three columns, aligned lists) are left alone.
 */
export function findGutter(lines: Block[]): Gutter | undefined {
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
export function columnOrder(blocks: Block[], g: Gutter): Block[] {
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
