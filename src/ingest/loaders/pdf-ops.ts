/**
 * Horizontal and vertical rules of a page from the pdf.js drawing operators: the candidates for table borders that
 * `pdf-ruled.ts` groups into grids. Only the path geometry and the transformation matrix are tracked.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Rule } from './pdf-types.js';

/** A PDF transformation matrix `[a, b, c, d, e, f]`. */
export type Matrix = number[];
/** `m1` after `m2` (pdf.js `Util.transform`). */
const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0]! * m2[0]! + m1[2]! * m2[1]!,
  m1[1]! * m2[0]! + m1[3]! * m2[1]!,
  m1[0]! * m2[2]! + m1[2]! * m2[3]!,
  m1[1]! * m2[2]! + m1[3]! * m2[3]!,
  m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
  m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
];
/** The point (x, y) transformed by `m`. */
const apply = (m: Matrix, x: number, y: number) => [x * m[0]! + y * m[2]! + m[4]!, x * m[1]! + y * m[3]! + m[5]!] as const;
/** Stroking paint operators (fill-and-stroke included): every straight segment they draw may be a rule. */
const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
/** Fill-only paint operators: the path is a rule only as a thin rectangle. */
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
