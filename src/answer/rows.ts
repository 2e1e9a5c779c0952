/**
 * Table rows of action plans read by column role: task, lead agency, co-operating agencies, result, deadline,
 * indicator, unit and value. Header names vary between documents, so roles are found by keywords.
 */
import type { Chunk } from '../ingest/chunk.js';
import { fold } from '../text/normalize.js';

export type Role = 'index' | 'task' | 'lead' | 'coop' | 'result' | 'deadline' | 'indicator' | 'unit' | 'value' | 'issuer' | 'issued';

const ROLE_PATTERNS: ReadonlyArray<[Role, RegExp]> = [
  ['index', /^(tt|stt|so tt|so thu tu)$/],
  // A table of documents: "Văn bản | Cơ quan ban hành | Ngày ban hành | Nội dung".
  ['issuer', /(co quan|noi|don vi) ban hanh/],
  ['issued', /ngay ban hanh|ngay ky/],
  ['coop', /phoi hop/],
  ['lead', /chu tri|don vi thuc hien|co quan thuc hien|phu trach|theo doi/],
  ['deadline', /thoi (gian|han)|hoan thanh|tien do/],
  ['indicator', /chi tieu/],
  ['unit', /don vi( tinh)?$/],
  ['value', /ket qua|muc tieu|gia tri|muc phan dau|dat/],
  ['task', /nhiem vu|noi dung|ten|de an|hoat dong/],
];

/** The role of a header cell, if recognised. */
export function roleOf(header: string): Role | undefined {
  const h = fold(header).toLowerCase().trim();
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(h)) return role;
  return undefined;
}

export type RowFields = Partial<Record<Role, string>>;

/** The cells of a row by role (first cell of each role wins; a row without a header has none). */
export function rowFields(chunk: Pick<Chunk, 'header' | 'cells'>): RowFields {
  const fields: RowFields = {};
  chunk.header?.forEach((name, i) => {
    const role = roleOf(name);
    const value = chunk.cells?.[i]?.trim();
    if (role && value && !fields[role]) fields[role] = value;
  });
  // In a results table the "result" column of a target row is its value.
  if (fields.indicator && !fields.value && fields.result) fields.value = fields.result;
  return fields;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 1)).trimEnd()}…`);

/**
 * A row told for the kind of question: "Bộ X chủ trì; phối hợp: …; thời hạn 6/2025" for who/when questions,
 * "Chỉ tiêu: value unit" for targets. Falls back to header: value pairs.
 */
export function describeRowFor(intent: string, chunk: Pick<Chunk, 'header' | 'cells' | 'text'>): string {
  const f = rowFields(chunk);
  const parts: string[] = [];
  if (f.indicator && f.value) {
    const unit = f.unit && f.unit !== '%' && !f.value.includes(f.unit) ? ` (${f.unit})` : f.unit === '%' && !/%/.test(f.value) ? '%' : '';
    parts.push(`${clip(f.indicator, 140)}: ${f.value}${unit}`);
    if (f.lead) parts.push(`cơ quan chủ trì theo dõi, đánh giá: ${f.lead}`);
    return parts.join('; ');
  }
  const task = f.task ?? f.indicator;
  if (f.lead || f.deadline) {
    if (task) parts.push(`Nhiệm vụ “${clip(task, 110)}”`);
    if (intent === 'deadline' && f.deadline) parts.push(`thời hạn: ${f.deadline}`);
    if (f.lead) parts.push(`${clip(f.lead, 90)} chủ trì`);
    if (f.coop) parts.push(`phối hợp: ${clip(f.coop, 110)}`);
    if (intent !== 'deadline' && f.deadline) parts.push(`thời hạn: ${f.deadline}`);
    if (f.result && intent === 'general') parts.push(`kết quả: ${clip(f.result, 60)}`);
    return parts.join('; ');
  }
  const pairs = (chunk.cells ?? [])
    .map((cell, i) => [chunk.header?.[i] ?? '', cell] as const)
    .filter(([name, value]) => value && roleOf(name) !== 'index');
  if (!pairs.length) return chunk.text;
  return clip(pairs.map(([name, value]) => (name ? `${name}: ${value}` : value)).join('; '), 280);
}
