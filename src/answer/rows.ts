/**
 * Table rows of action plans told by column role (task, lead agency, co-operating agencies, output, due date,
 * indicator, unit, value; issuer and date of a table of documents). The roles are the facts registry's
 * (`tableLayout`), so an answer reads a row as the registry does.
 */
import type { Chunk } from '../ingest/chunk.js';
import { columnRole, tableLayout, type ColumnRole } from '../facts/table.js';
import { fold } from '../text/normalize.js';
import { clip } from './labels.js';
import { locateAgencies } from '../facts/agencies.js';

export type RowFields = Partial<Record<ColumnRole, string>>;

/** A cell a table leaves empty with a dash ("-", "—", "…"): nothing to tell ("phối hợp: -" is no answer). */
const PLACEHOLDER = /^[-–—.…]+$/u;

/** A cell's text, or undefined when it is empty or a placeholder. */
function cellValue(cell: string | undefined): string | undefined {
  const value = cell?.trim();
  return value && !PLACEHOLDER.test(value) ? value : undefined;
}

/** The cells of a row by role (first cell of each role wins; a row without a header has none). */
export function rowFields(chunk: Pick<Chunk, 'header' | 'cells'>): RowFields {
  const fields: RowFields = {};
  if (!chunk.header) return fields;
  tableLayout(chunk.header).roles.forEach((role, i) => {
    const value = cellValue(chunk.cells?.[i]);
    if (role && value && !fields[role]) fields[role] = value;
  });
  return fields;
}

/** A row that only labels a group of rows ("II | Đến năm 2045 | | |"): no value, agency or deadline of its own. */
export function isGroupRow(chunk: Pick<Chunk, 'kind' | 'cells'>): boolean {
  const cells = chunk.cells ?? [];
  return chunk.kind === 'row' && cells.length >= 4 && cells.filter((c) => c.trim()).length <= 2;
}

/**
 * A cell that names an office rather than a task: it opens with a position ("Trưởng Ban Chỉ đạo tỉnh …", "Tổ trưởng
 * Tổ tham mưu …", "Cơ quan thường trực Ban Chỉ đạo", "Thành viên", "Phó Chủ tịch …"), where a task opens with what is
 * done ("Tham mưu …", "Ban hành …", "Chủ trì tọa đàm …"). Folded.
 */
const POSITION_START =
  /^(?:(?:pho |tong )?(?:truong (?:ban|to|doan|nhom|tieu ban|phong)|bi thu|chu tich|chu nhiem|giam doc|thu truong|bo truong|thu tuong|cuc truong|vien truong|hieu truong|chanh van phong|chanh an)|to (?:truong|pho)|uy vien|thanh vien|thu ky|(?:co quan|don vi|bo phan) (?:thuong truc|giup viec|dau moi)|thuong truc)(?![\p{L}])/u;

/** A board composition's header cells saying the office held in the board ("Nhiệm vụ trong Ban", "Vai trò"), folded. */
const BOARD_ROLE = /\btrong (?:ban|to|hoi dong|doan|nhom|uy ban)\b|^vai tro\b/;

/** An office and who holds it, as a row states them. */
export interface OfficeHolder {
  office: string;
  holder: string;
  /** The holder's other offices ("Chủ tịch UBND tỉnh" beside "Trưởng ban"), and the row's note. */
  also: string[];
}

/**
 * The office a row names and its holder, told by what its columns are: a board's composition ("Họ và tên | Chức vụ |
 * Nhiệm vụ trong Ban") pairs a position column with a person column; in a table of who does what ("Nội dung | Người,
 * cơ quan chịu trách nhiệm"), a content cell naming an office pairs it with the responsible cell. Undefined for a task.
 */
export function officeHolder(chunk: Pick<Chunk, 'header' | 'cells'>): OfficeHolder | undefined {
  if (!chunk.header) return undefined;
  const roles = tableLayout(chunk.header).roles;
  const f = rowFields(chunk);
  const positions = roles.flatMap((role, i) => (role === 'position' && cellValue(chunk.cells?.[i]) ? [{ value: cellValue(chunk.cells?.[i])!, header: fold(chunk.header![i]!).toLowerCase() }] : []));
  const holder = f.person ?? f.lead;
  if (positions.length && holder) {
    const office = positions.find((p) => BOARD_ROLE.test(p.header)) ?? positions[0]!;
    return { office: office.value, holder, also: [...positions.filter((p) => p !== office).map((p) => p.value), ...(f.note ? [f.note] : [])] };
  }
  const content = f.task ?? f.person;
  if (content && f.lead && POSITION_START.test(fold(content).toLowerCase().trim())) return { office: content, holder: f.lead, also: f.note ? [f.note] : [] };
  return undefined;
}

/** "Trưởng Ban Chỉ đạo tỉnh …: Bí thư Tỉnh ủy (ông Vũ Đại Thắng); Ban Chỉ đạo có 17 thành viên". */
export function describeOffice(o: OfficeHolder): string {
  return [`${clip(o.office, 140)}: ${clip(o.holder, 110)}`, ...o.also.map((a) => clip(a, 110))].join('; ');
}

/**
 * A figure with its unit column as one writes it: "2% GDP", "16 - 18%/năm", "03 trung tâm"; a value that does not end
 * in a figure ("Từ 70 trở lên") keeps its unit apart: "Từ 70 trở lên (%)".
 */
export function withUnit(value: string, unit: string | undefined): string {
  const u = unit?.trim();
  if (!u || value.includes(u)) return value;
  if (u.startsWith('%') && /\d$/.test(value)) return `${value}${u}`;
  // What a figure counts is written after it, as one says it: "5 sàn dữ liệu", "≥ 03 trung tâm dữ liệu quốc gia";
  // a capital that only opens the cell goes ("Sàn dữ liệu"), initials stay ("MW", "GDP").
  if (/\d$/.test(value) && /^\p{L}[\p{L}\s/-]*$/u.test(u)) return `${value} ${/^\p{Lu}\p{Ll}/u.test(u) ? u.charAt(0).toLowerCase() + u.slice(1) : u}`;
  return `${value} (${u})`;
}

/**
 * A cell naming bodies one after another without a separator ("Bộ Thông tin và Truyền thông Bộ Khoa học và Công
 * nghệ", as a table's line breaks come out) with commas between them.
 */
function listed(cell: string): string {
  const bodies = locateAgencies(cell);
  let out = cell;
  for (const [i, body] of [...bodies.entries()].reverse()) {
    const before = bodies[i - 1];
    if (before && /^\s+$/.test(cell.slice(before.end, body.start))) out = `${out.slice(0, before.end)},${out.slice(before.end)}`;
  }
  return out;
}

/** The lead asked, not stated: "ai chủ trì", "cơ quan nào chủ trì", "chủ trì là ai", "do bộ nào chủ trì" (folded). */
const LEAD_ASKED = /\b(?:ai|nao) (?:la )?(?:chu tri|dung dau)\b|\bchu tri (?:la |boi )?(?:ai|co quan nao|bo nao|don vi nao|nao)\b|\bdo (?:ai|co quan nao|bo nao|don vi nao)\b/;

/**
 * The column a question asks alone that a task row leaves empty: "thời hạn" for a when-question, "cơ quan phối hợp"
 * for who works with the lead (not asked beside the lead: "ai chủ trì, ai phối hợp?" is answered, saying the blank),
 * the product for "sản phẩm là gì?".
 */
export function blankColumnAsked(intent: string, chunk: Pick<Chunk, 'header' | 'cells'>, question: string): string | undefined {
  if (!chunk.header) return undefined;
  const f = rowFields(chunk);
  if (!(f.task ?? f.indicator) || officeHolder(chunk)) return undefined;
  const q = fold(question).toLowerCase();
  const roles = tableLayout(chunk.header).roles;
  if (intent === 'deadline' && !f.due && roles.includes('due')) return 'thời hạn';
  if (/\bphoi hop\b/.test(q) && !LEAD_ASKED.test(q) && !f.partners && roles.includes('partners')) return 'cơ quan phối hợp';
  if (/\b(?:san pham|ket qua dau ra|dau ra)\b/.test(q) && !/\b(?:chu tri|phoi hop|thoi han)\b/.test(q) && !f.output && roles.includes('output')) return 'sản phẩm (kết quả đầu ra)';
  return undefined;
}

/**
 * A row told for the kind of question: "Bộ X chủ trì; phối hợp: …; thời hạn 6/2025" for who/when questions,
 * "Chỉ tiêu: value unit" for targets. Falls back to header: value pairs.
 */
export function describeRowFor(intent: string, chunk: Pick<Chunk, 'header' | 'cells' | 'text'>, question = ''): string {
  const f = rowFields(chunk);
  // A column the question asks about that this row leaves empty is said so, not passed over ("Cơ quan nào phối hợp?").
  const q = fold(question).toLowerCase();
  const roles = chunk.header ? tableLayout(chunk.header).roles : [];
  const unstated = [
    ...(/\bphoi hop\b/.test(q) && !f.partners && roles.includes('partners') ? ['không ghi cơ quan phối hợp'] : []),
    ...(intent === 'deadline' && !f.due && roles.includes('due') ? ['không ghi thời hạn'] : []),
  ];
  const parts: string[] = [];
  const office = officeHolder(chunk);
  if (office) return describeOffice(office);
  if (f.indicator && f.value) {
    parts.push(`${clip(f.indicator, 140)}: ${withUnit(f.value, f.unit)}`);
    if (f.lead) parts.push(`cơ quan chủ trì theo dõi, đánh giá: ${listed(f.lead)}`);
    return parts.join('; ');
  }
  const task = f.task ?? f.indicator;
  if (f.lead || f.due) {
    if (task) parts.push(`Nhiệm vụ “${clip(task, 110)}”`);
    if (intent === 'deadline' && f.due) parts.push(`thời hạn: ${f.due}`);
    if (f.lead) parts.push(`${clip(listed(f.lead), 90)} chủ trì`);
    if (f.partners) parts.push(`phối hợp: ${clip(listed(f.partners), 110)}`);
    if (intent !== 'deadline' && f.due) parts.push(`thời hạn: ${f.due}`);
    if (f.output && intent === 'general') parts.push(`kết quả: ${clip(f.output, 60)}`);
    // A note column often holds the progress ("43/54 đã có kế hoạch"): told unless the question asks who or when.
    if (f.note && intent !== 'deadline' && intent !== 'responsibility') parts.push(`ghi chú: ${clip(f.note, 110)}`);
    parts.push(...unstated);
    return parts.join('; ');
  }
  const pairs = (chunk.cells ?? [])
    .map((cell, i) => [chunk.header?.[i] ?? '', cell] as const)
    .filter(([name, value]) => cellValue(value) && columnRole(name) !== 'item');
  if (!pairs.length) return chunk.text;
  return clip(pairs.map(([name, value]) => (name ? `${name}: ${value}` : value)).join('; '), 280);
}
