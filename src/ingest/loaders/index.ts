/**
 * Document loaders: one file → plain structured text + metadata (see `LoadedDocument`). `loadFile` checks size and
 * type, dispatches on the extension, merges metadata (sidecar `<file>.meta.json` > the file's own > detected from the
 * text) and normalises the text.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../../errors.js';
import type { DocumentMeta, LoadedDocument, Loader } from '../types.js';
import { detectMeta } from './meta.js';
import { detectSigner } from './signer.js';
import { assemblePages, fileLabel, normalizeText } from './normalize.js';
import { loadPdf } from './pdf.js';
import { loadText, pickMeta } from './text.js';
import { assertZipWithin } from './zip-guard.js';

export { detectMeta, normalizeIssued, titleCaseVi } from './meta.js';
export { detectSigner } from './signer.js';
export { decodeText } from './encoding.js';
export { normalizeText } from './normalize.js';

/** Lower-case extensions `loadFile` reads. */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['.txt', '.md', '.markdown', '.pdf', '.docx', '.html', '.htm'];

/** Default size limit of one file. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Suffix of a metadata sidecar: `report.pdf` → `report.pdf.meta.json`. */
export const SIDECAR_SUFFIX = '.meta.json';

/** The loader of each extension; those of DOCX and HTML (mammoth, cheerio) are read when such a file is, not at start. */
const LOADERS: Record<string, () => Promise<Loader>> = {
  '.txt': async () => loadText,
  '.md': async () => loadText,
  '.markdown': async () => loadText,
  '.pdf': async () => loadPdf,
  '.docx': async () => (await import('./docx.js')).loadDocx,
  '.html': async () => (await import('./html.js')).loadHtml,
  '.htm': async () => (await import('./html.js')).loadHtml,
};

const LEGACY_HINTS: Record<string, string> = {
  '.doc': 'hãy mở bằng Word và lưu lại dưới dạng .docx',
  '.rtf': 'hãy lưu lại dưới dạng .docx',
  '.odt': 'hãy lưu lại dưới dạng .docx',
  '.xls': 'hãy lưu bảng dưới dạng .html hoặc chép sang .docx',
  '.xlsx': 'hãy lưu bảng dưới dạng .html hoặc chép sang .docx',
};

/** Default cap of the XML a DOCX inflates to. */
export const DEFAULT_DOCX_MAX_XML_BYTES = 64 * 1024 * 1024;

export interface LoadOptions {
  /** Larger files are refused with INGEST_TOO_LARGE. Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** A DOCX whose XML inflates to more is refused with INGEST_ZIP_BOMB. Default {@link DEFAULT_DOCX_MAX_XML_BYTES}. */
  docxMaxXmlBytes?: number;
}

/**
 * Reads one document.
 * @param filePath a file with one of {@link SUPPORTED_EXTENSIONS}
 * @returns NFC text (structure kept, see `LoadedDocument`), metadata, PDF page spans, warnings for the admin
 * @throws AppError INGEST_UNSUPPORTED (extension), INGEST_TOO_LARGE, INGEST_EMPTY (no bytes, or no text),
 *   INGEST_UNREADABLE (missing, binary, corrupt, password-protected, unknown encoding)
 */
export async function loadFile(filePath: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  const label = fileLabel(filePath);
  const ext = path.extname(filePath).toLowerCase();
  const loaderOf = LOADERS[ext];
  if (!loaderOf) {
    const hint = LEGACY_HINTS[ext] ?? `chỉ nhận ${SUPPORTED_EXTENSIONS.join(', ')}`;
    throw new AppError('INGEST_UNSUPPORTED', `${label}: định dạng "${ext || 'không có phần mở rộng'}" chưa được hỗ trợ (${hint}).`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = await stat(filePath).catch((error: unknown) => {
    throw new AppError('INGEST_UNREADABLE', `${label}: không mở được tệp (${errorReason(error)}).`, { cause: error });
  });
  if (!info.isFile()) throw new AppError('INGEST_UNREADABLE', `${label}: không phải là tệp.`);
  if (info.size > maxBytes) {
    throw new AppError('INGEST_TOO_LARGE', `${label}: ${formatSize(info.size)}, giới hạn là ${formatSize(maxBytes)}.`);
  }
  if (info.size === 0) throw new AppError('INGEST_EMPTY', `${label}: tệp rỗng (0 byte).`);
  const bytes = await readFile(filePath);
  if (ext === '.docx') assertZipWithin(bytes, options.docxMaxXmlBytes ?? DEFAULT_DOCX_MAX_XML_BYTES, label);

  let loaded: LoadedDocument;
  try {
    const loader = await loaderOf();
    loaded = await loader(filePath, bytes);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('INGEST_UNREADABLE', `${label}: ${errorReason(error)}.`, { cause: error });
  }

  const warnings = [...(loaded.warnings ?? [])];
  const sidecar = await readSidecar(filePath, warnings);
  const { text, pages } = finalizeText(loaded);
  if (!text.trim()) throw new AppError('INGEST_EMPTY', `${label}: không tìm thấy chữ nào trong tệp.`);

  const meta: DocumentMeta = { ...loaded.meta, ...sidecar };
  const detected: DocumentMeta = { ...detectMeta(text), ...detectSigner(text) };
  for (const key of Object.keys(detected) as (keyof DocumentMeta)[]) {
    if (meta[key] === undefined) meta[key] = detected[key];
  }
  const doc: LoadedDocument = { text, meta: withoutEmpty(meta) };
  if (pages) doc.pages = pages;
  if (warnings.length) doc.warnings = warnings;
  return doc;
}

/** Normalises the text; page spans are rebuilt so they still point at their pages. */
function finalizeText(doc: LoadedDocument): { text: string; pages?: LoadedDocument['pages'] } {
  if (!doc.pages?.length) return { text: normalizeText(doc.text) };
  return assemblePages(doc.pages.map((p) => doc.text.slice(p.start, p.end)));
}

/** Metadata from `<file>.meta.json` if there is one; problems are reported as warnings, not errors. */
async function readSidecar(filePath: string, warnings: string[]): Promise<DocumentMeta> {
  const sidecarPath = `${filePath}${SIDECAR_SUFFIX}`;
  const label = fileLabel(sidecarPath);
  let raw: string;
  try {
    raw = await readFile(sidecarPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      warnings.push(`${label}: không đọc được tệp siêu dữ liệu (${errorReason(error)}), đã bỏ qua.`);
    }
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\ufeff/, ''));
  } catch (error) {
    warnings.push(`${label}: tệp siêu dữ liệu không phải JSON hợp lệ (${errorReason(error)}), đã bỏ qua.`);
    return {};
  }
  const { meta, problems } = pickMeta(data);
  for (const problem of problems) warnings.push(`${label}: ${problem}.`);
  return meta;
}

function withoutEmpty(meta: DocumentMeta): DocumentMeta {
  const out: DocumentMeta = {};
  for (const [key, value] of Object.entries(meta) as [keyof DocumentMeta, string | undefined][]) {
    const text = value?.normalize('NFC').trim();
    if (text) out[key] = text;
  }
  return out;
}

function errorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.replace(/[.\s]+$/, '');
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} byte`;
}
