/**
 * Facts from the rows of action-plan tables. Header names vary between documents ("Cơ quan chủ trì", "Chủ trì",
 * "Đơn vị chủ trì"; "Thời gian hoàn thành", "Thời hạn"; "Kết quả", "Sản phẩm"…), so each column's role is found by
 * accent-folded keywords. A target table (indicator + value) gives targets; a task table (task + lead or due) gives
 * responsibilities and deadlines. Group rows ("| I | Đến năm 2030 |") give the year of the targets below them.
 */
import type { Chunk } from '../ingest/chunk.js';
import { fold, squash } from '../text/normalize.js';
import { splitAgencies } from './agencies.js';
import type { DeadlineFact, ResponsibilityFact, TargetFact } from './types.js';
import { normalizeDue, parseTargetValue } from './values.js';

export type ColumnRole =
  | 'item'
  | 'task'
  | 'indicator'
  | 'lead'
  | 'partners'
  | 'due'
  | 'output'
  | 'unit'
  | 'value'
  | 'note'
  | 'issuer'
  | 'issued'
  | 'position'
  | 'person';

/** Checked in order: "Đơn vị chủ trì" is a lead before it is a unit; "Kết quả/Mục tiêu" a value before an output. */
const ROLE_PATTERNS: ReadonlyArray<[ColumnRole, RegExp]> = [
  ['item', /^(tt|stt|so tt|so thu tu|#|ma)$/],
  // A table of documents: "Văn bản | Cơ quan ban hành | Ngày ban hành | Nội dung".
  ['issuer', /(co quan|noi|don vi) ban hanh/],
  ['issued', /ngay ban hanh|ngay ky/],
  // A board's composition: "Họ và tên | Chức vụ | Nhiệm vụ trong Ban Chỉ đạo" (an office and who holds it, not a task).
  ['position', /^(chuc vu|chuc danh|cuong vi|vai tro|vi tri)\b|\btrong (ban|to|hoi dong|doan|nhom|uy ban)\b/],
  ['person', /^(ho va ten|ho ten|ten thanh vien|thanh vien|nguoi giu chuc vu|nguoi dam nhiem)$/],
  ['partners', /phoi hop/],
  ['lead', /chu tri|don vi thuc hien|co quan thuc hien|phu trach|theo doi|chiu trach nhiem|trach nhiem|dau moi|giao cho/],
  ['due', /thoi (gian|han)|han hoan thanh|hoan thanh|tien do|moc/],
  ['value', /muc tieu|gia tri|muc phan dau|ke hoach|^(den |muc tieu )?(nam )?(19|20)\d{2}$/],
  ['indicator', /chi tieu|chi so/],
  ['unit', /^(don vi|don vi tinh|dvt)$/],
  ['output', /ket qua|san pham|hinh thuc/],
  ['task', /nhiem vu|noi dung|ten|de an|hoat dong|cong viec|giai phap|chuong trinh|du an/],
  ['note', /ghi chu/],
];

/** The role of a header cell, if recognised. */
export function columnRole(header: string): ColumnRole | undefined {
  const h = fold(header).toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(h)) return role;
  return undefined;
}

export interface TableLayout {
  roles: Array<ColumnRole | undefined>;
  /** Year of each value column named by a year ("Năm 2030"). */
  years: Array<number | undefined>;
}

/** Column roles of a header; in a table with indicators and no value column, "Kết quả" holds the values. */
export function tableLayout(header: readonly string[]): TableLayout {
  const roles = header.map(columnRole);
  const years = header.map((h, i) => (roles[i] === 'value' ? Number(/(?:19|20)\d{2}/.exec(h)?.[0]) || undefined : undefined));
  const has = (role: ColumnRole) => roles.includes(role);
  if (has('indicator') && !has('value') && has('output')) roles[roles.indexOf('output')] = 'value';
  if (!has('indicator') && has('value') && has('task')) {
    // "| Nội dung | Mục tiêu |" lists targets; "| Nhiệm vụ | Chủ trì | Kết quả/Mục tiêu | Thời hạn |" lists tasks.
    if (has('lead') || has('due')) roles.forEach((r, i) => r === 'value' && !has('output') && (roles[i] = 'output'));
    else roles[roles.indexOf('task')] = 'indicator';
  }
  // A task table whose text column has no recognised name: the first unnamed column after the item number.
  if (!has('task') && !has('indicator') && (has('lead') || has('due'))) {
    const free = roles.findIndex((r, i) => r === undefined && (i > 0 || !has('item')));
    if (free >= 0) roles[free] = 'task';
  }
  return { roles, years };
}

/** Offsets of each cell's trimmed text inside a row chunk (escaped "\|" stays inside its cell). */
export function cellSpans(row: Pick<Chunk, 'text' | 'start'>): Array<{ start: number; end: number }> {
  const bars: number[] = [];
  for (let i = 0; i < row.text.length; i++) if (row.text[i] === '|' && row.text[i - 1] !== '\\') bars.push(i);
  const spans: Array<{ start: number; end: number }> = [];
  for (let k = 0; k + 1 < bars.length; k++) {
    let s = bars[k]! + 1;
    let e = bars[k + 1]!;
    while (s < e && /\s/.test(row.text[s]!)) s++;
    while (e > s && /\s/.test(row.text[e - 1]!)) e--;
    spans.push({ start: row.start + s, end: row.start + e });
  }
  return spans;
}

const EMPTY = /^[-–—x.…]?$/i;
const GROUP = /^([IVXLC]+|[A-ZĐ])\.?$/;

/** A row that heads a group ("| I | Đến năm 2030 |", "| II. | Khẩn trương … |"). */
export function isGroupRow(cells: readonly string[], layout: TableLayout): boolean {
  const item = layout.roles.indexOf('item');
  const first = (item >= 0 ? cells[item] : cells[0])?.trim() ?? '';
  return GROUP.test(first);
}

/** The year a group row or heading names ("Đến năm 2030", "Tầm nhìn đến năm 2045", "Chỉ tiêu năm 2025"). */
export function yearNamed(text: string): number | undefined {
  const f = fold(text).toLowerCase();
  const m = /(?:den|toi)\s+(?:het\s+)?nam\s+((?:19|20)\d{2})/.exec(f) ?? /giai doan\s+(?:19|20)\d{2}\s*-\s*((?:19|20)\d{2})/.exec(f) ?? /nam\s+((?:19|20)\d{2})/.exec(f);
  return m ? Number(m[1]) : undefined;
}

export type RowFact = Omit<TargetFact, 'id'> | Omit<DeadlineFact, 'id'> | Omit<ResponsibilityFact, 'id'>;

export interface RowContext {
  layout: TableLayout;
  /** Year of the group row above, if it names one. */
  groupYear?: number;
  /** Year named by the enclosing headings (innermost first). */
  headingYear?: number;
}

/** The facts one table row states. */
export function rowFacts(row: Chunk, context: RowContext): RowFact[] {
  const { layout } = context;
  const cells = row.cells ?? [];
  const spans = cellSpans(row);
  const at = (role: ColumnRole) => layout.roles.indexOf(role);
  const cell = (i: number) => (i >= 0 ? squash(cells[i] ?? '') : '');
  const filled = (i: number) => !EMPTY.test(cell(i));
  const span = (i: number) => spans[i] ?? { start: row.start, end: row.end };
  const item = filled(at('item')) ? cell(at('item')).replace(/\.$/, '') : undefined;
  const base = { documentId: row.documentId, start: row.start, end: row.end, chunkId: row.id, section: row.section, origin: 'table' as const, item };
  const agencies = (i: number) => (filled(i) ? splitAgencies(cell(i), span(i).start) : []);
  const facts: RowFact[] = [];

  const indicator = cell(at('indicator'));
  layout.roles.forEach((role, i) => {
    if (role !== 'value' || !indicator || !filled(i)) return;
    const value = cell(i);
    const unit = filled(at('unit')) ? cell(at('unit')) : /%/.test(value) ? '%' : undefined;
    const year = layout.years[i] ?? context.groupYear ?? yearNamed(indicator) ?? context.headingYear;
    const lead = agencies(at('lead'));
    facts.push({
      ...base,
      kind: 'target',
      highlight: span(i),
      indicator,
      value,
      ...parseTargetValue(value),
      unit,
      year,
      ...(lead.length ? { lead } : {}),
    });
  });

  const task = cell(at('task'));
  if (task && !indicator) {
    const lead = agencies(at('lead'));
    const partners = agencies(at('partners'));
    const output = filled(at('output')) ? cell(at('output')) : undefined;
    const due = filled(at('due')) ? cell(at('due')) : undefined;
    const normalized = due ? normalizeDue(due) : undefined;
    if (lead.length) {
      facts.push({
        ...base,
        kind: 'responsibility',
        highlight: span(at('lead')),
        task,
        lead,
        partners,
        role: 'chủ trì',
        ...(output ? { output } : {}),
        ...(due ? { due, normalized } : {}),
      });
    }
    if (due) {
      facts.push({
        ...base,
        kind: 'deadline',
        highlight: span(at('due')),
        task,
        due,
        normalized: normalized ?? {},
        ...(lead.length ? { lead } : {}),
        ...(partners.length ? { partners } : {}),
      });
    }
  }
  return facts;
}
