/**
 * Real test files, generated on the fly: PDFs (pdfkit, DejaVu Sans for Vietnamese), DOCX (docx), scanned PDFs
 * (pdftoppm raster wrapped back into a PDF) and legacy-encoded Vietnamese text (TCVN3, VNI, Windows-1258).
 */
import { execFile } from 'node:child_process';
import { existsSync, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import { decodeVni, TCVN3_HIGH } from '../../src/ingest/loaders/encoding.js';

const run = promisify(execFile);

/** Debian/Ubuntu `fonts-dejavu-core`; CI installs it. */
export const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export function fontAvailable(): boolean {
  return existsSync(FONT_PATH);
}

/** A fresh temporary directory; remove it with {@link removeTempDir}. */
export function makeTempDir(prefix = 'trolycongvu-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

export interface PdfOptions {
  /** Running header printed at the top of every page ("{page}" and "{total}" are replaced). */
  header?: string;
  /** Running footer printed at the bottom of every page ("{page}" and "{total}" are replaced), e.g. "Trang {page}". */
  footer?: string;
  fontSize?: number;
  /** Width of the text block in points (narrower → more hard-wrapped lines). Default 400. */
  width?: number;
  /** Encrypts the file with this user password. */
  userPassword?: string;
}

async function writePdf(
  filePath: string,
  options: { userPassword?: string },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    autoFirstPage: false,
    ...(options.userPassword ? { userPassword: options.userPassword, pdfVersion: '1.7' as const } : {}),
  });
  const out = createWriteStream(filePath);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  doc.font(FONT_PATH);
  draw(doc);
  doc.end();
  await done;
}

/**
 * A text PDF: one page per entry of `pages`, each a list of paragraphs that pdfkit wraps to `width` (so the PDF has
 * real hard-wrapped lines), with an optional running header and footer.
 */
export function makePdf(filePath: string, pages: string[][], options: PdfOptions = {}): Promise<void> {
  const fill = (s: string, page: number) => s.replace('{page}', String(page)).replace('{total}', String(pages.length));
  return writePdf(filePath, options, (doc) => {
    pages.forEach((paragraphs, i) => {
      doc.addPage();
      if (options.header) doc.fontSize(9).text(fill(options.header, i + 1), 50, 30, { lineBreak: false });
      doc.fontSize(options.fontSize ?? 12);
      doc.x = 50;
      doc.y = 80;
      for (const paragraph of paragraphs) doc.text(paragraph, { width: options.width ?? 400, paragraphGap: 6 });
      if (options.footer) doc.fontSize(9).text(fill(options.footer, i + 1), 50, 780, { lineBreak: false });
    });
  });
}

/**
 * A one-page two-column PDF. `flow`: the left column is written, then the right one (how Word and most producers do
 * it). `rows`: each visual line is written across both columns, left half then right half.
 */
export function makeTwoColumnPdf(
  filePath: string,
  left: string[],
  right: string[],
  mode: 'flow' | 'rows',
): Promise<void> {
  return writePdf(filePath, {}, (doc) => {
    doc.addPage();
    doc.fontSize(11);
    if (mode === 'flow') {
      doc.text(left.join(' '), 50, 80, { width: 230 });
      doc.text(right.join(' '), 315, 80, { width: 230 });
      return;
    }
    const rows = Math.max(left.length, right.length);
    for (let i = 0; i < rows; i++) {
      if (left[i]) doc.text(left[i]!, 50, 80 + i * 16, { lineBreak: false });
      if (right[i]) doc.text(right[i]!, 315, 80 + i * 16, { lineBreak: false });
    }
  });
}

export interface TablePdfOptions {
  /** Paragraphs printed above the table. */
  before?: string[];
  /** Paragraphs printed below the table. */
  after?: string[];
  /** Column widths in points (narrow columns make cell text wrap onto several lines). */
  widths?: number[];
  /** `false`: no cell borders (columns only aligned). Default true: every cell ruled. */
  ruled?: boolean;
}

/**
 * A one-page PDF with a table drawn by pdfkit's `doc.table` (first row the header), between optional paragraphs.
 * Cells wrap inside their column, so a cell's text may span several lines of the PDF.
 */
export function makeTablePdf(filePath: string, rows: string[][], options: TablePdfOptions = {}): Promise<void> {
  return writePdf(filePath, {}, (doc) => {
    doc.addPage();
    doc.fontSize(11);
    doc.x = 50;
    doc.y = 80;
    for (const paragraph of options.before ?? []) doc.text(paragraph, { width: 495, paragraphGap: 6 });
    doc.moveDown();
    doc.table({
      position: { x: 50, y: doc.y },
      ...(options.widths ? { columnStyles: options.widths } : {}),
      defaultStyle: { padding: 4, ...(options.ruled === false ? { border: 0 } : {}) },
      data: rows,
    });
    doc.x = 50;
    doc.moveDown();
    for (const paragraph of options.after ?? []) doc.text(paragraph, { width: 495, paragraphGap: 6 });
  });
}

/** A PDF whose only page holds a drawing and no text at all (what a scan looks like to a text extractor). */
export function makeNoTextPdf(filePath: string): Promise<void> {
  return writePdf(filePath, {}, (doc) => {
    doc.addPage();
    doc.rect(100, 100, 300, 200).fill('#333333');
  });
}

/** True when poppler's `pdftoppm` is on PATH. */
export async function pdftoppmAvailable(): Promise<boolean> {
  return run('pdftoppm', ['-v']).then(
    () => true,
    () => false,
  );
}

/**
 * A scanned PDF: the lines are typeset with pdfkit, rasterised with `pdftoppm` (needs poppler-utils) and the image
 * alone is wrapped back into a PDF, so the result has no text layer.
 */
export async function makeScannedPdf(filePath: string, lines: string[]): Promise<void> {
  const dir = await makeTempDir('trolycongvu-scan-');
  try {
    const textPdf = path.join(dir, 'text.pdf');
    await makePdf(textPdf, [lines], { fontSize: 16 });
    const image = path.join(dir, 'page');
    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', textPdf, image]);
    const png = await readFile(`${image}.png`);
    await writePdf(filePath, {}, (doc) => {
      doc.addPage();
      doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
    });
  } finally {
    await removeTempDir(dir);
  }
}

export type DocxBlock =
  | { heading: string; level?: 1 | 2 | 3 }
  | { paragraph: string }
  | { table: string[][]; headerRow?: boolean };

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** A Word document with headings (Heading 1–3 styles), paragraphs and tables (first row a header row). */
export async function makeDocx(filePath: string, blocks: DocxBlock[]): Promise<void> {
  const children = blocks.map((block) => {
    if ('heading' in block) return new Paragraph({ text: block.heading, heading: HEADINGS[(block.level ?? 1) - 1] });
    if ('paragraph' in block) return new Paragraph({ children: [new TextRun(block.paragraph)] });
    return new Table({
      rows: block.table.map(
        (cells, r) =>
          new TableRow({
            tableHeader: r === 0 && block.headerRow !== false,
            children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })),
          }),
      ),
    });
  });
  const doc = new Document({ sections: [{ children }] });
  await writeFile(filePath, await Packer.toBuffer(doc));
}

// ---- legacy Vietnamese encoders (for tests of the decoders) ----

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** Unicode → TCVN3 (ABC) bytes. Capitals with tone marks do not exist in ABC and are written as lowercase codes. */
export function encodeTcvn3(text: string): Buffer {
  const reverse = new Map<string, number>();
  TCVN3_HIGH.forEach((cp, i) => {
    const ch = String.fromCharCode(cp);
    if (!reverse.has(ch)) reverse.set(ch, 0xa1 + i);
  });
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = reverse.get(ch) ?? reverse.get(ch.toLowerCase());
      if (code === undefined) throw new Error(`TCVN3 cannot encode ${ch}`);
      bytes.push(code);
    }
  }
  return Buffer.from(bytes);
}

/** Unicode → VNI-Windows bytes (built by inverting the decoder over its one- and two-byte sequences). */
export function encodeVni(text: string): Buffer {
  const reverse = new Map<string, number[]>();
  const bases = [...'aeouyAEOUY'].map((c) => c.charCodeAt(0));
  const high = Array.from({ length: 0x60 }, (_, i) => 0xa0 + i);
  // Base + modifier first (Unicode "à" is "a" + 0xF8, not the Latin-1 byte 0xE0), then ơ/ư + tone, then single bytes.
  const sequences = [
    ...bases.flatMap((b) => high.map((m) => [b, m])),
    ...[0xf4, 0xd4, 0xf6, 0xd6].flatMap((b) => high.map((m) => [b, m])),
    ...high.map((b) => [b]),
  ];
  for (const seq of sequences) {
    const decoded = decodeVni(Buffer.from(seq));
    if ([...decoded].length === 1 && !reverse.has(decoded)) reverse.set(decoded, seq);
  }
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const seq = reverse.get(ch);
      if (!seq) throw new Error(`VNI cannot encode ${ch}`);
      bytes.push(...seq);
    }
  }
  return Buffer.from(bytes);
}

/** Unicode → Windows-1258 bytes, tone marks as combining characters after the (possibly precomposed) base. */
export function encodeWindows1258(text: string): Buffer {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const parts = [...ch.normalize('NFD')];
    const tone = parts.find((p) => TONES.test(p)) ?? '';
    out += parts.filter((p) => !TONES.test(p)).join('').normalize('NFC') + tone;
  }
  const bytes = iconv.encode(out, 'windows-1258');
  if (iconv.decode(bytes, 'windows-1258').normalize('NFC') !== text.normalize('NFC')) {
    throw new Error('Windows-1258 cannot encode this text');
  }
  return bytes;
}

/** What {@link makeOfficialPdf} prints, in the official layout (Nghị định 30/2020/NĐ-CP). */
export interface OfficialLayout {
  /** Top-left column: issuer lines, then "Số: …". */
  left: string[];
  /** Top-right column: motto lines, then "<place>, ngày …". */
  right: string[];
  /** Centred: the type in caps, then the subject line(s). */
  title: string[];
  body: string[];
  /** Bottom-left: "Nơi nhận:" and the recipients. */
  recipients: string[];
  /** Bottom-right: the capacity lines, then the signer's name. */
  signature: string[];
}

/** A one-page PDF in the official layout: two header columns, the centred title under a rule, the body, the signer block. */
export function makeOfficialPdf(filePath: string, layout: OfficialLayout): Promise<void> {
  return writePdf(filePath, {}, (doc) => {
    doc.addPage();
    doc.fontSize(11);
    const columns = (left: string[], right: string[], top: number) => {
      for (let i = 0; i < Math.max(left.length, right.length); i++) {
        if (left[i]) doc.text(left[i]!, 50, top + i * 15, { width: 200, align: 'center', lineBreak: false });
        if (right[i]) doc.text(right[i]!, 290, top + i * 15, { width: 260, align: 'center', lineBreak: false });
      }
      return top + Math.max(left.length, right.length) * 15;
    };
    let y = columns(layout.left, layout.right, 60) + 25;
    layout.title.forEach((line, i) => doc.text(line, 50, y + i * 16, { width: 495, align: 'center', lineBreak: false }));
    y += layout.title.length * 16 + 6;
    doc.moveTo(250, y).lineTo(345, y).stroke();
    doc.x = 50;
    doc.y = y + 20;
    for (const paragraph of layout.body) doc.text(paragraph, { width: 495, paragraphGap: 6 });
    columns(layout.recipients, layout.signature, doc.y + 25);
  });
}
