/**
 * Facts read from documents at ingest: targets (chỉ tiêu), deadlines (thời hạn), responsibilities (chủ trì, phối
 * hợp) and references to other documents. Every fact keeps the exact span it came from, so an answer built on it
 * can cite the passage as it stands: `document.text.slice(fact.start, fact.end)`.
 */
import type { AgencyRef } from './agencies.js';

export type { AgencyRef } from './agencies.js';

export type FactKind = 'target' | 'deadline' | 'responsibility' | 'docref';

export const FACT_KINDS: readonly FactKind[] = ['target', 'deadline', 'responsibility', 'docref'];

/** The operator of a target's comparator: "≥", "tối thiểu" → ">="; "40 - 50" → "range"; "khoảng" → "~". */
export type TargetOp = '>=' | '>' | '<=' | '<' | '=' | '~' | 'range';

/** A due date normalised; only what the document wrote is set. */
export interface DueDate {
  year?: number;
  month?: number;
  quarter?: number;
  day?: number;
  /** First year of a span "2025-2026" (`year` is the last). */
  fromYear?: number;
  /** "trước năm 2030", "chậm nhất ngày …": due before the date rather than in it. */
  before?: boolean;
  /** "Thường xuyên", "Hằng năm", "2025 và những năm tiếp theo", a day and month without a year. */
  recurring?: boolean;
}

export interface FactBase {
  /** `${documentId}~${kind}~${n}`; stable for the same text and extractor. */
  id: string;
  kind: FactKind;
  documentId: string;
  /** The source: `document.text.slice(start, end)` is the table row or sentence the fact was read from. */
  start: number;
  end: number;
  /**
   * The extracted value itself inside the source: target value, due date, reference; for a responsibility the lead
   * agency, or the role word ("Chủ trì") of an item whose agency is named by the heading above it (its `lead`
   * offsets then point into that heading).
   */
  highlight: { start: number; end: number };
  /** The chunk holding `start`. */
  chunkId?: string;
  /** Section path of that chunk ("Phụ lục II", "II", "14."). */
  section: string[];
  origin: 'table' | 'prose';
  /** Item number of a table row ("14", "11.2"). */
  item?: string;
}

export interface TargetFact extends FactBase {
  kind: 'target';
  /** What is measured ("Quy mô kinh tế số"). */
  indicator: string;
  /** As written ("≥ 30", "tối thiểu 30% GDP", "Đạt mức trên trung bình của thế giới"). */
  value: string;
  /** As written ("≥", "tối thiểu", "trên", "đạt"). */
  comparator?: string;
  op?: TargetOp;
  /** The (first) number of the value ("≥ 30" → 30, "0,7" → 0.7); `amountMax` ends a range ("40 - 50"). */
  amount?: number;
  amountMax?: number;
  /** "%", "% GDP", "doanh nghiệp", "Người/vạn dân"… */
  unit?: string;
  /** The year the target is for ("Đến năm 2030"). */
  year?: number;
  /** The agency that monitors it ("Cơ quan chủ trì theo dõi, đánh giá"). */
  lead?: AgencyRef[];
}

export interface DeadlineFact extends FactBase {
  kind: 'deadline';
  task: string;
  /** As written ("6/2025", "Quý II/2025", "Thường xuyên", "trước ngày 15/6/2025"). */
  due: string;
  normalized: DueDate;
  lead?: AgencyRef[];
  partners?: AgencyRef[];
}

export interface ResponsibilityFact extends FactBase {
  kind: 'responsibility';
  task: string;
  /** The lead agency or agencies (co-leads are listed in order), at least one. */
  lead: AgencyRef[];
  /** Co-operating agencies ("phối hợp"). */
  partners: AgencyRef[];
  /** "chủ trì", "Trưởng ban", "Tổ trưởng", "chịu trách nhiệm"… */
  role?: string;
  /** Output or result ("Quyết định của Thủ tướng Chính phủ"). */
  output?: string;
  due?: string;
  normalized?: DueDate;
}

export interface DocRefFact extends FactBase {
  kind: 'docref';
  /** Type and number, "nq:57": the unit questions name documents by. */
  key: string;
  /** The number as written ("57-NQ/TW", or "57" when only that is written). */
  number: string;
  /** "Nghị quyết", "Kế hoạch"… */
  type?: string;
  /** The whole mention as written ("Nghị quyết số 57-NQ/TW"). */
  written: string;
  /** Written next to it ("của Bộ Chính trị"). */
  issuer?: string;
  /** ISO date written next to it ("ngày 22/12/2024" → "2024-12-22"). */
  date?: string;
  /** How many times the document names it (the fact is its most complete mention). */
  mentions: number;
}

export type Fact = TargetFact | DeadlineFact | ResponsibilityFact | DocRefFact;

export type FactCounts = Record<FactKind, number>;

/** Facts per kind. */
export function countFacts(facts: readonly Fact[]): FactCounts {
  const counts: FactCounts = { target: 0, deadline: 0, responsibility: 0, docref: 0 };
  for (const f of facts) counts[f.kind]++;
  return counts;
}
