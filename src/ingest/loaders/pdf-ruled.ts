/**
 * Ruled tables: cell borders stroked as lines or filled as thin rectangles (see `pdf-ops.ts`) are grouped into grids,
 * and the runs inside a grid become the table's cells.
 */
import { joinRuns, top, visualLines } from './pdf-lines.js';
import { cellText, ORDINAL_RE, SNAP } from './pdf-tables.js';
import type { FoundTable, Rule, TextItem } from './pdf-types.js';

/** Points within which rule ends meet and two rules lie on the same line. */
const TOL = 2;

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

/** Union-find root of `i`, halving the path on the way. */
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
export function ruledTables(rules: Rule[], items: TextItem[]): FoundTable[] {
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
  const out: FoundTable[] = [];
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

/**
 * The table of one grid, or undefined if it has fewer than 2 rows or no row with 2+ filled cells (a frame, a box
 * around a paragraph). `bands` are the grid's row boundaries, top to bottom; `rules` and `v` its horizontal and
 * vertical segments.
 */
function gridTable(xs: number[], bands: number[], rules: Seg[], v: Seg[], items: TextItem[]): FoundTable | undefined {
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
