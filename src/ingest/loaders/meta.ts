/**
 * Metadata from the header of a Vietnamese official document (Nghị định 30/2020/NĐ-CP layout): issuing body in caps
 * top left, national motto top right, "Số: …" under the issuer, "<place>, ngày … tháng … năm …" under the motto, then
 * the document type in caps ("NGHỊ QUYẾT") and its descriptive line ("Về …").
 *
 * Works on loader output: the two header columns may come as separate lines (plain text), as pipe rows (DOCX/HTML
 * tables) or merged on one line (PDF), so lines are cut into cells at pipes, tabs, wide gaps and the motto itself.
 */
import type { DocumentMeta } from '../types.js';
import { isVietnameseSyllable } from './vietnamese.js';

const HEADER_LINES = 40;
const MAX_TITLE = 200;

/** The national motto and the Party's name, printed top right. */
const MOTTO_RE = [
  /CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM/iu,
  /Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc/iu,
  /ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM/iu,
];

/** Document types: a caps line starting with one of these is the type line. */
const DOC_TYPES = [
  'CHƯƠNG TRÌNH HÀNH ĐỘNG', 'NGHỊ QUYẾT LIÊN TỊCH', 'THÔNG TƯ LIÊN TỊCH', 'CHƯƠNG TRÌNH', 'NGHỊ QUYẾT', 'NGHỊ ĐỊNH',
  'QUYẾT ĐỊNH', 'KẾ HOẠCH', 'CHỈ THỊ', 'THÔNG TƯ', 'THÔNG BÁO', 'BÁO CÁO', 'HƯỚNG DẪN', 'KẾT LUẬN', 'QUY ĐỊNH',
  'QUY CHẾ', 'TỜ TRÌNH', 'ĐỀ ÁN', 'DỰ ÁN', 'PHÁP LỆNH', 'BỘ LUẬT', 'LUẬT', 'HIẾN PHÁP', 'LỆNH', 'CÔNG ĐIỆN',
  'CÔNG VĂN', 'ĐIỀU LỆ', 'BIÊN BẢN',
];
const DOC_TYPE_RE = new RegExp(`^(?:${DOC_TYPES.join('|')})(?:\\s|$)`, 'u');

const NUMBER_RE = /^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết)\s+)?số\s*:?\s*(\d+[\p{L}\d.]*(?:\s*[/-]\s*[\p{L}\d.]+)+)/iu;
// The lookbehind starts a match only at the start of a word: without it every position of a long run of letters was
// tried and the run scanned again from there (a 99k-letter line took 140 s). The leftmost match is the same.
const PLACE_DATE_RE = /(?<![\p{L}.])[\p{L}.]+(?:\s+[\p{L}.]+){0,5}\s*,\s*ngày\s+(\d{1,2})\s*(?:tháng\s+(\d{1,2})\s+năm\s+(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))/iu;
const DATE_RE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const DECORATION_RE = /^[\s\-_–—*=.…~+]*$/u;

interface Cell {
  line: number;
  text: string;
}

/**
 * Detects number, issue date, issuer and title from the first lines of a document's text. Pure; fields that cannot be
 * found are left out.
 */
export function detectMeta(text: string): DocumentMeta {
  const lines = text.normalize('NFC').split('\n').slice(0, HEADER_LINES).map((l) => l.trim());
  const cells = toCells(lines);
  const meta: DocumentMeta = {};

  // The number stands alone in its cell ("Số: 03/NQ-CP"), not inside a sentence ("số 57-NQ/TW đi vào cuộc sống").
  const numberCell = cells.find((c) => {
    const m = NUMBER_RE.exec(c.text);
    if (!m) return false;
    const rest = c.text.slice(m[0].length).trim();
    // Capitalised "Số" opens a header line; what may follow it there is the place and date of the other column.
    return rest.length <= 3 || (/^Số/u.test(c.text) && PLACE_DATE_RE.test(rest));
  });
  const numberMatch = numberCell?.text.match(NUMBER_RE);
  if (numberMatch) meta.number = numberMatch[1]!.replace(/\s+/g, '').replace(/[.]+$/, '');

  const hasHeader = Boolean(numberMatch) || lines.some((l) => MOTTO_RE.some((re) => re.test(l)));
  const typeIndex = cells.findIndex((c) => isCaps(c.text) && DOC_TYPE_RE.test(c.text));
  const headerEnd = typeIndex >= 0 ? cells[typeIndex]!.line : Math.min(lines.length, 15);
  for (const cell of cells) {
    if (cell.line > headerEnd) break;
    // A bare "ngày … tháng … năm …" counts only in an official header, before the document type.
    const bare = hasHeader && cell.line < headerEnd ? cell.text.match(DATE_RE) : null;
    const m = cell.text.match(PLACE_DATE_RE) ?? bare;
    const iso = m && isoDate(m[1]!, m[2] ?? m[4]!, m[3] ?? m[5]!);
    if (iso) {
      meta.issued = iso;
      break;
    }
  }

  const issuerCells: Cell[] = [];
  if (hasHeader) {
    for (const cell of cells) {
      if (cell.line > headerEnd || NUMBER_RE.test(cell.text) || PLACE_DATE_RE.test(cell.text)) break;
      if (DOC_TYPE_RE.test(cell.text)) break;
      if (!isCaps(cell.text)) {
        if (issuerCells.length) break;
        continue;
      }
      issuerCells.push(cell);
      if (issuerCells.length === 3) break;
    }
    const issuer = combineIssuer(issuerCells.map((c) => c.text));
    if (issuer) meta.issuer = issuer;
  }

  const typed = typeIndex >= 0 ? typeTitle(cells[typeIndex]!, lines) : undefined;
  const title = typed ? typed.title : fallbackTitle(lines, issuerCells);
  if (title) meta.title = title;
  if (typed?.subject) meta.subject = typed.subject;
  return meta;
}

/** Cuts header lines into cells: pipe-table cells, tab- or wide-gap-separated parts, and around the motto. */
function toCells(lines: string[]): Cell[] {
  const cells: Cell[] = [];
  lines.forEach((line, index) => {
    if (/^\|?\s*:?-{3,}/.test(line)) return; // table separator row
    let marked = line.replace(/^\|/, '').replace(/\|$/, '').replace(/(?<!\\)\|/g, '\u0000').replace(/\t| {3,}/g, '\u0000');
    for (const re of MOTTO_RE) marked = marked.replace(new RegExp(re.source, 'giu'), '\u0000\u0001\u0000');
    for (const part of marked.split('\u0000')) {
      const text = stripDecoration(part.replace(/\\\|/g, '|').replace(/^#{1,6}\s+/, ''));
      if (part.includes('\u0001') || !text) continue;
      cells.push({ line: index, text });
    }
  });
  return cells;
}

/** Removes decorative rules ("-----", "*") around header cells. */
function stripDecoration(text: string): string {
  const cleaned = text
    .replace(/[-_–—=.…*~]{3,}/gu, ' ')
    .replace(/(^|\s)\*+(?=\s|$)/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return DECORATION_RE.test(cleaned) ? '' : cleaned;
}

/** All letters upper case, at least two of them. */
function isCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && !/\p{Ll}/u.test(text);
}

function isoDate(day: string, month: string, year: string): string | undefined {
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Normalises a date given as a `Date`, "YYYY-MM-DD" (or with a time), "d/m/yyyy", "d-m-yyyy", "d.m.yyyy" or
 * "ngày d tháng m năm yyyy" to `YYYY-MM-DD`; undefined if it is none of these or not a real date.
 */
export function normalizeIssued(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  let m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/);
  if (m) return isoDate(m[3]!, m[2]!, m[1]!);
  m = s.match(/^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/);
  if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  m = s.match(DATE_RE);
  if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  return undefined;
}

const LOCALITY_RE = /^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG)\s/u;

/** The issuer from the caps cells above "Số": "ỦY BAN NHÂN DÂN" + "TỈNH QUẢNG NINH" form one name; otherwise the last cell is the issuing body under its parent. */
function combineIssuer(parts: string[]): string | undefined {
  if (parts.length === 0) return undefined;
  let caps = parts[parts.length - 1]!;
  if (parts.length >= 2 && LOCALITY_RE.test(parts[1]!) && !/^\p{L}+\s+ỦY$/u.test(parts[1]!)) {
    caps = `${parts[0]} ${parts[1]}`;
  } else if (parts.length >= 2) {
    const party = parts[parts.length - 2]!.match(/^ĐẢNG BỘ\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG)\s+(.+)$/u);
    if (party && /^(?:TỈNH|THÀNH|HUYỆN|QUẬN|ĐẢNG)\s+ỦY$/u.test(caps)) caps = `${caps} ${party[1]}`;
  }
  return titleCaseVi(caps);
}

/**
 * Title from the document-type cell and the descriptive line(s) after it: "Nghị quyết của Bộ Chính trị về …"; the
 * subject (trích yếu) is that descriptive line as written, capitalised.
 */
function typeTitle(typeCell: Cell, lines: string[]): { title: string; subject?: string } {
  let type = titleCaseVi(typeCell.text);
  const proper = /^(?:Luật|Bộ luật|Pháp lệnh)$/u.test(type);
  const desc: string[] = [];
  for (let i = typeCell.line + 1; i < lines.length && desc.length < 3; i++) {
    const line = stripDecoration(lines[i]!);
    if (!line) {
      if (desc.length) break;
      continue; // blank or decoration line between the type and its description
    }
    if (/^(?:Căn cứ|Điều\s+\d|Chương\s|Phần\s|[IVX]+\.\s|\d+\.\s|Kính gửi)/u.test(line) || /:$/.test(line)) break;
    if (desc.length === 0 && isCaps(line) && /^CỦA\s/u.test(line)) {
      type += ` ${lowerFirst(titleCaseVi(line))}`; // "NGHỊ QUYẾT" / "CỦA BỘ CHÍNH TRỊ"
      continue;
    }
    if (desc.length && isCaps(line) !== isCaps(desc[0]!)) break;
    desc.push(line);
  }
  // A PDF may run the subject into the first line of the body ("… tỉnh Quảng Ninh Căn cứ Nghị quyết …").
  let description = desc.join(' ').replace(/\s+Căn cứ\s.*$/su, '');
  if (description && isCaps(description)) description = titleCaseVi(description);
  if (description && !/^\p{Lu}{2,}/u.test(description)) {
    description = proper ? capitalize(description) : lowerFirst(description);
  }
  const subject = description ? truncate(capitalize(description)) : undefined;
  return { title: truncate(description ? `${type} ${description}` : type), ...(subject ? { subject } : {}) };
}

/** First Markdown heading or first meaningful line, skipping header boilerplate. */
function fallbackTitle(lines: string[], issuerCells: Cell[]): string | undefined {
  const heading = lines.find((l) => /^#{1,6}\s+\S/.test(l));
  if (heading) return truncate(heading.replace(/^#{1,6}\s+/, ''));
  const issuerTexts = new Set(issuerCells.map((c) => c.text));
  for (const cell of toCells(lines)) {
    const t = cell.text;
    if (issuerTexts.has(t) || NUMBER_RE.test(t) || PLACE_DATE_RE.test(t) || /^---/.test(t)) continue;
    const subject = t.match(/^V\/v\s+(.+)$/iu); // the subject line of an official letter
    return truncate(subject ? `Công văn về việc ${subject[1]}` : t);
  }
  return undefined;
}

function truncate(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_TITLE) return t;
  const cut = t.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

function capitalize(word: string): string {
  return word ? word[0]!.toUpperCase() + word.slice(1) : word;
}

function lowerFirst(word: string): string {
  return word ? word[0]!.toLowerCase() + word.slice(1) : word;
}

const ORG_TYPES = [
  'tổng cục', 'văn phòng', 'học viện', 'ủy ban', 'hội đồng', 'ngân hàng', 'kho bạc', 'tòa án', 'viện kiểm sát',
  'thanh tra', 'bảo hiểm', 'tổng công ty', 'công ty', 'bộ', 'sở', 'ban', 'cục', 'viện', 'đài', 'trường',
];
const FIXED_PHRASES = ['chính phủ', 'quốc hội', 'trung ương', 'nhà nước', 'mặt trận', 'tổ quốc'];
const LOCALITIES = ['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];

/**
 * Turns an all-caps Vietnamese name into the usual written form:
 * "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH" → "Ủy ban nhân dân tỉnh Quảng Ninh", "BỘ CHÍNH TRỊ" → "Bộ Chính trị",
 * "BAN CHẤP HÀNH TRUNG ƯƠNG" → "Ban Chấp hành Trung ương", "TỈNH ỦY QUẢNG NINH" → "Tỉnh ủy Quảng Ninh".
 */
export function titleCaseVi(caps: string): string {
  const original = caps.replace(/\s+/g, ' ').trim().split(' ');
  const words = original.map((w) => w.toLowerCase());
  const out = [...words];
  const phraseAt = (i: number, phrases: string[]) =>
    phrases.find((p) => words.slice(i, i + p.split(' ').length).join(' ') === p);
  const keep = original.map((w) => /\d/.test(w) || (/^\p{L}+$/u.test(w) && !isVietnameseSyllable(w)));
  // Place names are capitalised even when they are not standard syllables ("Đắk Lắk", "Krông Pắc").
  const cap = (i: number, placeName = false) => {
    if (i < out.length && (!keep[i] || (placeName && !/\d/.test(original[i]!)))) out[i] = capitalize(words[i]!);
  };
  original.forEach((w, i) => {
    if (keep[i]) out[i] = w; // numbers, codes and abbreviations ("57-NQ/TW", "UBND") keep their case
    if (/^[IVXLC]+$/.test(w) && words[i - 1] === 'khóa') out[i] = w;
  });
  cap(0);
  let inName = false;
  for (let i = 0; i < words.length; i++) {
    const locality = phraseAt(i, LOCALITIES);
    if (locality && !(locality === 'xã' && words[i + 1] === 'hội')) {
      const len = locality.split(' ').length;
      if (words[i + len] === 'ủy') {
        if (i > 0) cap(i); // "Ban Thường vụ Tỉnh ủy"
        i += len;
        for (let j = i + 1; j < words.length; j++) cap(j, true);
        break;
      }
      for (let j = i + len; j < words.length; j++) cap(j, true);
      break;
    }
    const fixed = phraseAt(i, FIXED_PHRASES);
    if (fixed) {
      cap(i);
      i += fixed.split(' ').length - 1;
      continue;
    }
    if (words[i] === 'việt' && words[i + 1] === 'nam') {
      cap(i);
      cap(i + 1);
      i++;
      continue;
    }
    const org = phraseAt(i, ORG_TYPES);
    if (org) {
      const next = i + org.split(' ').length;
      const generic = words[next] === 'nhân' && words[next + 1] === 'dân';
      if (!generic && next < words.length) {
        cap(i); // "của Bộ Chính trị"
        cap(next);
      }
      inName = !generic;
      i = next - 1; // the name's first word is looked at next (it may be a locality or a fixed phrase)
      continue;
    }
    if (inName && (words[i] === 'và' || words[i] === '-' || words[i]!.endsWith(','))) cap(i + 1);
  }
  return out.join(' ');
}
