/** Plain text and Markdown: encoding detection, then optional YAML front matter. */
import { parse as parseYaml } from 'yaml';
import type { DocumentMeta, LoadedDocument, Loader } from '../types.js';
import { damagedWarning, decodeText } from './encoding.js';
import { normalizeIssued } from './meta.js';
import { fileLabel } from './normalize.js';
import { joinWrappedLines } from './pdf.js';

const META_FIELDS = ['title', 'number', 'issued', 'issuer', 'source', 'kind', 'subject', 'signer', 'signerTitle'] as const;

/**
 * Reads known metadata fields from a parsed object (front matter or sidecar). Strings and numbers are kept, `issued`
 * is normalised to `YYYY-MM-DD`; anything else is reported in `problems` (Vietnamese) and left out.
 */
export function pickMeta(data: unknown): { meta: DocumentMeta; problems: string[] } {
  const meta: DocumentMeta = {};
  const problems: string[] = [];
  if (data === null || data === undefined) return { meta, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { meta, problems: ['siêu dữ liệu phải là một đối tượng khóa: giá trị'] };
  }
  const record = data as Record<string, unknown>;
  for (const field of META_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null || value === '') continue;
    if (field === 'issued') {
      const iso = normalizeIssued(value);
      if (iso) meta.issued = iso;
      else problems.push(`ngày ban hành "${String(value)}" không hợp lệ (cần YYYY-MM-DD hoặc ngày/tháng/năm)`);
    } else if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim();
      if (text) meta[field] = text;
    } else {
      problems.push(`trường "${field}" phải là chuỗi ký tự`);
    }
  }
  return { meta, problems };
}

const FRONT_MATTER_RE = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Splits a leading YAML front matter block (`---` … `---`) from the body. Invalid YAML is reported, not thrown. */
export function splitFrontMatter(text: string): { meta: DocumentMeta; body: string; problems: string[] } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const match = normalized.match(FRONT_MATTER_RE);
  if (!match) return { meta: {}, body: normalized, problems: [] };
  const body = normalized.slice(match[0].length);
  try {
    const { meta, problems } = pickMeta(parseYaml(match[1]!));
    return { meta, body, problems };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { meta: {}, body, problems: [`phần đầu YAML không hợp lệ, đã bỏ qua (${reason})`] };
  }
}

/** `.txt`, `.md`, `.markdown`: decoded text; front matter becomes metadata; the body is kept as written. */
export const loadText: Loader = async (filePath, bytes) => {
  const label = fileLabel(filePath);
  const { text, damaged } = decodeText(bytes, label);
  const { meta, body: raw, problems } = splitFrontMatter(text);
  if (damaged) problems.push(damagedWarning(damaged));
  // A crawled article may start with a "date YYYY-MM-DD" line: that is its date, not its text.
  let body = raw;
  const dated = /^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*/.exec(body);
  if (dated) {
    meta.issued ??= dated[1];
    body = body.slice(dated[0].length);
  }
  if (!/\.(md|markdown)$/i.test(filePath) && isHardWrapped(body)) body = joinWrappedLines(body.split('\n').map((l) => l.trim()));
  const doc: LoadedDocument = { text: body, meta };
  if (problems.length) doc.warnings = problems.map((p) => `${label}: ${p}.`);
  return doc;
};

/**
 * True for text copied from a narrow layout (a magazine column, a PDF): most lines are short and end mid-sentence,
 * so lines must be re-joined into paragraphs before sentences can be found.
 */
export function isHardWrapped(text: string): boolean {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 8) return false;
  const open = lines.filter((l) => l.length <= 90 && !/[.!?:;…]["”’»)]*$/u.test(l)).length;
  return open / lines.length > 0.5;
}
