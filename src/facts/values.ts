/**
 * Values of facts as Vietnamese documents write them: numbers ("0,7", "5.500", "09"), target values with their
 * comparator ("≥ 80", "tối thiểu 30% GDP", "40 - 50", "trên 0,7") and due dates ("6/2025", "Quý II/2025",
 * "trước năm 2030", "Thường xuyên", "2025 và những năm tiếp theo"). Pure functions over strings.
 */
import { fold } from '../text/normalize.js';
import type { DueDate, TargetOp } from './types.js';

/** A number as written: "," before one or two digits is a decimal point, "." before three digits groups thousands. */
export function parseNumber(written: string): number | undefined {
  let s = written.trim();
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(/,(\d+)$/, '.$1').replace(/,/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Comparators, longest first, folded; with the operator they mean. */
const COMPARATORS: ReadonlyArray<[RegExp, TargetOp]> = [
  [/^(>=|≥|=>)/, '>='],
  [/^(<=|≤|=<)/, '<='],
  [/^>/, '>'],
  [/^</, '<'],
  [/^(toi thieu|it nhat|khong duoi|khong thap hon|khong it hon|tu)(?![a-z])/, '>='],
  [/^(toi da|khong qua|khong vuot qua|khong cao hon)(?![a-z])/, '<='],
  [/^(tren|hon|vuot)(?![a-z])/, '>'],
  [/^(duoi|thap hon)(?![a-z])/, '<'],
  [/^(khoang|gan|xap xi)(?![a-z])/, '~'],
  [/^(dat|bang|la|o muc)(?![a-z])/, '='],
];

/** The comparator a value starts with, as written, and its operator. */
export function comparatorOf(value: string): { comparator: string; op: TargetOp } | undefined {
  const text = value.trimStart();
  const folded = fold(text).toLowerCase();
  for (const [pattern, op] of COMPARATORS) {
    const m = pattern.exec(folded);
    if (m) return { comparator: text.slice(0, m[0].length), op };
  }
  return undefined;
}

/** Regular expression source of a written number ("1.000", "0,7", "09"). */
export const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const RANGE = new RegExp(String.raw`(${NUMBER})\s*%?\s*(?:-|–|đến|tới)\s*(${NUMBER})`, 'u');
const FIRST = new RegExp(NUMBER);

export interface ParsedValue {
  comparator?: string;
  op?: TargetOp;
  amount?: number;
  amountMax?: number;
}

/**
 * Reads a target value as written: "≥ 30" → {comparator "≥", op ">=", amount 30}; "40 - 50" → range; "20% - 50%" →
 * range; "Đạt mức tiên tiến…" → comparator "Đạt" without a number.
 */
export function parseTargetValue(value: string): ParsedValue {
  const out: ParsedValue = {};
  const comp = comparatorOf(value);
  if (comp) Object.assign(out, comp);
  const rest = comp ? value.trimStart().slice(comp.comparator.length) : value;
  const range = RANGE.exec(rest);
  if (range && range.index <= 3) {
    out.amount = parseNumber(range[1]!);
    out.amountMax = parseNumber(range[2]!);
    if (!out.op || out.op === '=') out.op = 'range';
    return out;
  }
  const first = FIRST.exec(rest);
  if (first) out.amount = parseNumber(first[0]);
  return out;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Normalises a due date as written.
 * @returns year/month/quarter/day where written; `recurring` for "thường xuyên", "hằng năm", "… và những năm tiếp
 * theo"; `before` for "trước năm 2030"; `fromYear` for a span "2025-2026"; undefined when nothing is recognised
 */
export function normalizeDue(written: string): DueDate | undefined {
  const f = fold(written).toLowerCase().replace(/\s+/g, ' ').trim();
  const due: DueDate = {};
  if (/thuong xuyen|hang nam|hang quy|hang thang|dinh ky|lien tuc|nhung nam tiep theo|cac nam tiep theo|moi nam/.test(f)) due.recurring = true;
  if (/^(truoc|cham nhat|muon nhat|khong qua)/.test(f) || /\btruoc (ngay|thang|quy|nam)\b/.test(f)) due.before = true;
  let m = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)/.exec(f) ?? /ngay (\d{1,2}) thang (\d{1,2}) nam ((?:19|20)\d{2})/.exec(f);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return { ...due, day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  }
  m = /quy\s+([ivx]+|\d)\s*(?:\/|-|nam\s+)\s*((?:19|20)\d{2})/.exec(f);
  if (m) {
    const q = ROMAN[m[1]!] ?? Number(m[1]);
    if (q >= 1 && q <= 4) return { ...due, quarter: q, year: Number(m[2]) };
  }
  m = /(?<![\d/])(\d{1,2})\s*\/\s*((?:19|20)\d{2})(?!\d)/.exec(f) ?? /thang\s+(\d{1,2})\s*(?:\/|nam)\s*((?:19|20)\d{2})/.exec(f);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { ...due, month: Number(m[1]), year: Number(m[2]) };
  // A day and month without a year ("trước ngày 15 tháng 6"): a date that comes back every year.
  m = /ngay\s+(\d{1,2})\s*(?:thang\s+|\/)\s*(\d{1,2})(?![\d/])/.exec(f);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { ...due, day: Number(m[1]), month: Number(m[2]), recurring: true };
  m = /((?:19|20)\d{2})\s*(?:-|–|den)\s*((?:19|20)\d{2})/.exec(f);
  if (m) return { ...due, fromYear: Number(m[1]), year: Number(m[2]) };
  m = /(?<![\d/])((?:19|20)\d{2})(?!\d)/.exec(f);
  if (m) return { ...due, year: Number(m[1]) };
  return due.recurring ? due : undefined;
}

/** True when a due date falls in `year` (a span covers every year in it). */
export function dueInYear(due: DueDate | undefined, year: number): boolean {
  if (!due?.year) return false;
  if (due.fromYear !== undefined) return year >= due.fromYear && year <= due.year;
  return due.year === year;
}
