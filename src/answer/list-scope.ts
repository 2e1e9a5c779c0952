/**
 * What a list question pins its items to: the period it names ("trong năm 2026", "đến năm 2030", "giai đoạn
 * 2026-2030"), the documents it names and the agencies it names. One filter over list items, whatever their kind
 * (table rows of tasks and targets, targets of the facts registry): an item is in the period when its deadline or the
 * year of its group says so, out of it when they name another time, and undated when nothing says when.
 */
import type { DueDate } from '../facts/types.js';
import { normalizeDue } from '../facts/values.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';

/** A period: the years from `from` to `to`, both included (no `from`: any year up to `to`). */
export interface Period {
  from?: number;
  to: number;
  /** As an answer says it: "trong năm 2026", "đến năm 2030", "giai đoạn 2026-2030". */
  said: string;
}

/** What puts an item in time: a deadline as written, or the year a group row or the facts registry gives it. */
export interface ItemTime {
  due?: string;
  year?: number;
}

export type PeriodFit = 'in' | 'out' | 'undated';

/** Text between a document's number and a year that makes the year the document's own ("… 57-NQ/TW ngày …/2024", "… năm 2024"). */
const OWN_YEAR = /^\s*(?:\(|,)?\s*(?:ban hanh\s+)?(?:ngay[\s\d/.-]*|nam\s+)?$/;

/** A law named by its title and year ("Luật Đầu tư 2020", "Bộ luật Dân sự năm 2015"): the text before the year, folded. */
const TITLE_YEAR = /\b(?:bo luat|luat|hien phap|phap lenh)(?: [a-z]+){1,8} (?:nam )?$/;

/** The year dates of a question that are not a document's own date (after its number, or after a law's title). */
function periodDates(analysis: QueryAnalysis, folded = fold(analysis.text).toLowerCase()) {
  return analysis.dates
    .filter((d) => d.kind === 'year')
    .filter((d) => !analysis.docRefs.some((r) => r.end <= d.start && d.start - r.end <= 24 && OWN_YEAR.test(folded.slice(r.end, d.start))))
    .filter((d) => !TITLE_YEAR.test(folded.slice(Math.max(0, d.start - 80), d.start)));
}

/** The years a question asks about, without those dating a document it names ("Nghị quyết 57-NQ/TW năm 2024"). */
export function askedYears(analysis: QueryAnalysis): string[] {
  return [...new Set(periodDates(analysis).map((d) => d.key))];
}

/**
 * The period a question names, or undefined when it names none. A year that dates a document the question names
 * ("Nghị quyết 57-NQ/TW năm 2024") dates the document, not the items.
 */
export function periodOf(analysis: QueryAnalysis): Period | undefined {
  const folded = fold(analysis.text).toLowerCase();
  const years = periodDates(analysis, folded);
  if (!years.length) return undefined;
  const span = /(?:giai doan|tu(?: nam)?|trong(?: giai doan)?)?\s*((?:19|20)\d{2})\s*(?:-|–|den(?: nam)?|toi(?: nam)?)\s*((?:19|20)\d{2})/.exec(folded);
  if (span && years.some((y) => y.key === span[1]) && Number(span[2]) > Number(span[1])) {
    return { from: Number(span[1]), to: Number(span[2]), said: `giai đoạn ${span[1]}-${span[2]}` };
  }
  const first = years[0]!;
  const before = folded.slice(Math.max(0, first.start - 24), first.start);
  const year = Number(first.key);
  if (/\b(?:den|toi|truoc)\s+(?:het\s+)?(?:nam\s+)?$/.test(before)) return { to: year, said: `đến năm ${year}` };
  return { from: year, to: year, said: `trong năm ${year}` };
}

/** The years a deadline spans, open-ended for "2025 và những năm tiếp theo"; undefined when it names no year. */
function dueYears(due: DueDate): { from: number; to: number } | undefined {
  if (!due.year) return undefined;
  if (due.recurring) return { from: due.year, to: Infinity };
  return { from: due.fromYear ?? (due.before ? -Infinity : due.year), to: due.year };
}

/**
 * Whether an item falls in the period. A deadline naming years fits when they meet the period; a standing deadline
 * ("Thường xuyên", "Hằng năm") fits every period; a target's year (`time.year`, its group's "Đến năm 2030") fits when
 * it lies in the period. Nothing saying when: undated.
 */
export function periodFit(time: ItemTime, period: Period): PeriodFit {
  const from = period.from ?? -Infinity;
  const due = time.due ? normalizeDue(time.due) : undefined;
  if (due) {
    const years = dueYears(due);
    if (years) return years.from <= period.to && years.to >= from ? 'in' : 'out';
    if (due.recurring) return 'in';
  }
  if (time.year) return time.year >= from && time.year <= period.to ? 'in' : 'out';
  return 'undated';
}

/** Items split by their fit to the period (all `in` when the question names none). */
export function splitByPeriod<T>(items: T[], period: Period | undefined, timeOf: (item: T) => ItemTime): Record<PeriodFit, T[]> {
  const out: Record<PeriodFit, T[]> = { in: [], out: [], undated: [] };
  for (const item of items) out[period ? periodFit(timeOf(item), period) : 'in'].push(item);
  return out;
}

/**
 * What an answer says of the items a period left out, so that an official knows the list is whole for the period:
 * "(không kể 4 nhiệm vụ có thời hạn khác và 2 nhiệm vụ không ghi thời hạn)".
 */
export function leftOutNote(split: Record<PeriodFit, unknown[]>, what: string): string {
  const parts = [
    split.out.length ? `${split.out.length} ${what} có thời hạn khác` : '',
    split.undated.length ? `${split.undated.length} ${what} không ghi thời hạn` : '',
  ].filter(Boolean);
  return parts.length ? ` (không kể ${parts.join(' và ')})` : '';
}

/** The deadlines of the items outside the period, most frequent first, with "…" when more are left out: "12/2025, 6/2025, 2025". */
export function otherDeadlines(items: Array<{ due?: string }>, max = 6): string {
  const counts = new Map<string, number>();
  for (const { due } of items) if (due) counts.set(due, (counts.get(due) ?? 0) + 1);
  const dues = [...counts].sort((a, b) => b[1] - a[1]).map(([due]) => due);
  return dues.length > max ? `${dues.slice(0, max).join(', ')}, …` : dues.join(', ');
}
