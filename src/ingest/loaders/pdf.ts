/**
 * PDF: positioned text and drawn rules per page with pdf.js, laid out by `pdf-layout.ts`, then clean-up per page —
 * running headers/footers and page numbers removed, hard-wrapped lines re-joined into paragraphs, headings and list
 * items kept on their own lines. Pages with no text layer (scans) are OCR'd with poppler's `pdftoppm` +
 * `tesseract -l vie` when both are installed.
 *
 * Layout: text is kept in content-stream order (the reading order for Word, LibreOffice and most typesetters), except
 * that ruled tables (and numbered borderless ones) become Markdown pipe rows, one line per table row, and a two-column
 * page — found from the glyph positions, whatever order the producer wrote it in — is read left column, then right
 * column. pdf-parse's `getTable()` is not used: it reports no table positions (the table could not be put in place in
 * the text nor its text taken out of the prose) and only sees stroked borders, not Word's filled-rectangle ones.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../errors.js';
import type { LoadedDocument, Loader } from '../types.js';
import { assemblePages, fileLabel } from './normalize.js';
import { layoutPages } from './pdf-layout.js';
import type { PageContent, TextItem } from './pdf-types.js';

const run = promisify(execFile);

/** A page with fewer visible characters than this is treated as having no text layer. */
const MIN_PAGE_CHARS = 20;
const OCR_TIMEOUT_MS = 120_000;

export const SCANNED_PDF_HINT =
  'Tệp PDF dạng ảnh quét (không có lớp chữ); cần cài tesseract-ocr, tesseract-ocr-vie và poppler-utils để nhận dạng chữ';

/**
 * `.pdf`. Scanned pages without OCR tools: if no page has text → INGEST_EMPTY with {@link SCANNED_PDF_HINT}; if some
 * pages do → their text, plus a warning naming the pages without text. Password-protected or corrupt → INGEST_UNREADABLE.
 */
export const loadPdf: Loader = async (filePath, bytes) => {
  const label = fileLabel(filePath);
  const pageTexts = await extractPages(bytes, label);
  const warnings: string[] = [];
  const scanned = pageTexts.flatMap((t, i) => (visibleChars(t) < MIN_PAGE_CHARS ? [i] : []));
  if (scanned.length) {
    if (ocrEnabled && (await ocrAvailable())) {
      const results = await ocrPages(bytes, scanned.map((i) => i + 1));
      const done: number[] = [];
      const failed: number[] = [];
      for (const [page, text] of results) {
        if (text === undefined) {
          failed.push(page);
          continue;
        }
        done.push(page);
        if (visibleChars(text) > visibleChars(pageTexts[page - 1]!)) pageTexts[page - 1] = text;
      }
      if (done.length) warnings.push(`${label}: đã nhận dạng chữ (OCR) ${pageList(done)}; văn bản có thể có lỗi nhận dạng.`);
      if (failed.length) warnings.push(`${label}: nhận dạng chữ (OCR) thất bại ở ${pageList(failed)}.`);
    } else if (scanned.length === pageTexts.length) {
      throw new AppError('INGEST_EMPTY', `${label}: ${SCANNED_PDF_HINT}.`);
    } else {
      warnings.push(`${label}: ${pageList(scanned.map((i) => i + 1))} không có lớp chữ (ảnh quét?); ${lowerFirst(SCANNED_PDF_HINT)}.`);
    }
  }
  const { text, pages } = assemblePages(cleanPdfPages(pageTexts));
  const doc: LoadedDocument = { text, meta: {}, pages };
  if (warnings.length) doc.warnings = warnings;
  return doc;
};

async function extractPages(bytes: Buffer, label: string): Promise<string[]> {
  // pdf.js is read when a PDF is, not when a process that may never read one starts (the server, the text loader).
  const [{ getDocument, Util }, { rulesFromOperators }] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('./pdf-ops.js')]);
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false });
  const pages: PageContent[] = [];
  try {
    const pdf = await task.promise;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      // The page as displayed (its /Rotate applied, origin at the crop box corner), y up.
      const view = page.getViewport({ scale: 1 });
      const base = Util.transform([1, 0, 0, -1, 0, view.height], view.transform);
      const items: TextItem[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str) continue;
        const [, , c, d, x, y] = Util.transform(base, item.transform as number[]) as number[];
        items.push({ str: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(c!, d!) || item.height || 10 });
      }
      // Drawn rules only matter for pages with text (tables); scans skip decoding their images here.
      const ops = items.length ? await page.getOperatorList().catch(() => undefined) : undefined;
      pages.push({ items, rules: ops ? rulesFromOperators(ops.fnArray, ops.argsArray, base) : [] });
      page.cleanup();
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const reason =
      name === 'PasswordException'
        ? 'tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi nạp lại.'
        : `tệp PDF bị hỏng hoặc không đúng định dạng (${error instanceof Error ? error.message : String(error)}).`;
    throw new AppError('INGEST_UNREADABLE', `${label}: ${reason}`, { cause: error });
  } finally {
    await task.destroy().catch(() => undefined);
  }
  return layoutPages(pages).map((lines) => lines.join('\n'));
}

function visibleChars(text: string): number {
  return text.replace(/\s+/g, '').length;
}

function pageList(pages: number[]): string {
  return `trang ${pages.join(', ')}`;
}

function lowerFirst(s: string): string {
  return s[0]!.toLowerCase() + s.slice(1);
}

let ocrCheck: Promise<boolean> | undefined;
let ocrEnabled = true;

/** Turns OCR of scanned pages on or off for this process (on by default, used when the tools are installed). */
export function setOcrEnabled(enabled: boolean): void {
  ocrEnabled = enabled;
}

/** True when `pdftoppm` and `tesseract` with Vietnamese data are on PATH (checked once per process). */
export function ocrAvailable(): Promise<boolean> {
  ocrCheck ??= (async () => {
    try {
      await run('pdftoppm', ['-v'], { timeout: 10_000 });
      const { stdout, stderr } = await run('tesseract', ['--list-langs'], { timeout: 10_000 });
      return /^vie$/m.test(`${stdout}\n${stderr}`);
    } catch {
      return false;
    }
  })();
  return ocrCheck;
}

/**
 * OCRs pages (1-based): each is rasterised at 200 dpi by pdftoppm, then read by tesseract (Vietnamese).
 * @returns page → text, or undefined for a page whose OCR failed
 */
async function ocrPages(bytes: Buffer, pages: number[]): Promise<Map<number, string | undefined>> {
  const results = new Map<number, string | undefined>();
  const dir = await mkdtemp(path.join(tmpdir(), 'trolycongvu-ocr-'));
  try {
    const pdf = path.join(dir, 'input.pdf');
    await writeFile(pdf, bytes);
    for (const page of pages) {
      const image = path.join(dir, `page-${page}`);
      try {
        const p = String(page);
        await run('pdftoppm', ['-r', '200', '-png', '-f', p, '-l', p, '-singlefile', pdf, image], { timeout: OCR_TIMEOUT_MS });
        const { stdout } = await run('tesseract', [`${image}.png`, '-', '-l', 'vie'], {
          timeout: OCR_TIMEOUT_MS,
          maxBuffer: 20 * 1024 * 1024,
        });
        results.set(page, stdout);
      } catch {
        results.set(page, undefined);
      } finally {
        await rm(`${image}.png`, { force: true });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

// ---- clean-up of extracted page text (pure) ----

const PAGE_NUMBER_RE =
  /^(?:(?:trang|page|tr\.)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:\/|of|trên)\s*\d{1,4})?\s*[-–—]?$/iu;

/** Lines that start a structural unit: never glued to the previous line. */
export function isStructuralLine(line: string): boolean {
  return (
    /^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Điều|ĐIỀU|Tiểu mục)\s+[\dIVXLCDM]+\b/u.test(line) ||
    /^[IVXLCDM]+[.)]\s/.test(line) ||
    /^\d{1,3}(?:\.\d{1,3})*[.)]\s/.test(line) ||
    /^\(?\p{Ll}\)\s/u.test(line) ||
    /^[-–—•+*·▪●○◦]\s/u.test(line) ||
    isCapsLine(line)
  );
}

/** A short line whose letters are all capitals ("QUYẾT ĐỊNH:", "CHƯƠNG TRÌNH HÀNH ĐỘNG"). */
function isCapsLine(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && line.length <= 150 && !/\p{Ll}/u.test(line);
}

/** A Markdown pipe row (how the layout prints table rows). */
function isTableRow(line: string): boolean {
  return /^\|.*\|$/.test(line);
}

function lineKey(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Cleans the raw text of each page (see the module comment): removes running headers/footers (a line among the first
 * or last three of a page that recurs, digits aside, on most pages) and page-number lines, then re-joins wrapped lines.
 * @returns one cleaned text per page, same order
 */
export function cleanPdfPages(pageTexts: readonly string[]): string[] {
  const pages = pageTexts.map((t) =>
    t
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.replace(/[\t ]+/g, ' ').trim()),
  );
  const zone = 3;
  const count = (pick: (lines: string[]) => string[]) => {
    const counts = new Map<string, number>();
    for (const lines of pages) {
      for (const key of new Set(pick(lines.filter(Boolean)).map(lineKey))) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const topCounts = count((l) => l.slice(0, zone));
  const bottomCounts = count((l) => l.slice(-zone));
  const threshold = Math.max(2, Math.ceil(pages.length * 0.6));
  // A table row repeated at the top of each page is the table's header row, not a running header.
  const running = (counts: Map<string, number>, line: string) =>
    !isTableRow(line) && (PAGE_NUMBER_RE.test(line) || (pages.length >= 2 && (counts.get(lineKey(line)) ?? 0) >= threshold));

  return pages.map((lines) => {
    const kept = [...lines];
    const strip = (fromTop: boolean, counts: Map<string, number>) => {
      let removed = 0;
      while (removed < zone) {
        const index = fromTop ? kept.findIndex(Boolean) : findLastIndex(kept, Boolean);
        if (index < 0 || !running(counts, kept[index]!)) break;
        kept.splice(index, 1);
        removed++;
      }
    };
    strip(true, topCounts);
    strip(false, bottomCounts);
    return joinWrappedLines(kept);
  });
}

function findLastIndex<T>(items: T[], test: (item: T) => unknown): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/**
 * Re-joins hard-wrapped lines: a line that does not end a sentence is continued by the next one when that starts in
 * lower case, or when the line is nearly as wide as the page's widest (a wrap before a capitalised word or a number
 * that is no list marker: "… dành khoảng" + "2% GRDP …"); "xyz-" +
 * "abc" → "xyzabc". Headings, list items and table rows start their own line; blank lines are kept as paragraph breaks.
 */
export function joinWrappedLines(lines: readonly string[]): string {
  const widest = Math.max(0, ...lines.map((l) => l.length));
  const out: string[] = [];
  let current: string | undefined;
  for (const line of lines) {
    if (!line) {
      if (current !== undefined) out.push(current);
      current = undefined;
      out.push('');
      continue;
    }
    if (current === undefined) {
      current = line;
      continue;
    }
    const ends = /[.!?:;…]["”’»)]*$/u.test(current);
    const structural = isStructuralLine(line) || isTableRow(line) || isTableRow(current);
    if (!structural && /\p{L}-$/u.test(current) && /^\p{Ll}/u.test(line)) {
      current = current.slice(0, -1) + line;
    } else if (
      !ends &&
      !structural &&
      !isCapsLine(current) &&
      (/^\p{Ll}/u.test(line) || (/^["“(]?[\p{L}\d]/u.test(line) && isWideLine(current, widest)))
    ) {
      current = `${current} ${line}`;
    } else {
      out.push(current);
      current = line;
    }
  }
  if (current !== undefined) out.push(current);
  return out.join('\n');
}

/** Nearly as wide as the widest line of the page, hence probably wrapped by the layout rather than ended. */
function isWideLine(line: string, widest: number): boolean {
  return widest >= 40 && line.length >= widest * 0.8;
}
