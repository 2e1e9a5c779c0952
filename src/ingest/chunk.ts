/**
 * Structure-aware chunking. A chunk is a span of the document text that follows its structure: it starts at a
 * heading or paragraph, never cuts a sentence, and every row of a table is a chunk of its own that knows the table's
 * header. Each chunk carries its section path ("Phụ lục II › II › 14."), page (PDF) and offsets.
 */
import type { PageSpan } from './types.js';
import { sentenceSpans } from '../text/sentences.js';

export interface Chunk {
  /** `${documentId}#${ordinal}`. */
  id: string;
  documentId: string;
  /** Exactly `document.text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  kind: 'text' | 'row';
  /** Section path, outermost first (short labels: "Phụ lục II", "II", "14."). */
  section: string[];
  /** The innermost heading's full line ("Điều 5. Phạm vi điều chỉnh"), when the chunk does not start with it. */
  heading?: string;
  page?: number;
  /** For table rows: the header cells, aligned with `cells`. */
  header?: string[];
  cells?: string[];
}

export interface ChunkOptions {
  /** Soft maximum of a text chunk in characters (a single longer sentence stays whole). */
  maxChars?: number;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

interface Heading {
  level: number;
  label: string;
  /** The heading line itself. */
  line?: string;
}

const DEFAULT_MAX = 900;

/**
 * The chunking rules' version, recorded in each index: raise it when chunking changes, so that the next ingest
 * chunks unchanged files again rather than keeping chunks the old rules made. Also raised when what is indexed with
 * each chunk changes (4: "Tờ trình số …" became a document reference, a term of the chunks that mention one).
 */
export const CHUNKER_VERSION = 4;

/** Recognises a heading line and its level (smaller is outer) and short label. */
export function headingOf(line: string): Heading | undefined {
  const text = line.trim();
  if (!text || text.startsWith('|')) return undefined;
  let m = /^(#{1,6})\s+(.*)$/.exec(text);
  if (m) return { level: m[1]!.length, label: shorten(m[2]!.replace(/[*_]/g, '')) };
  m = /^(phụ lục|phần|chương|mục)\s+([IVXLC\d]+[a-z]?)\b/iu.exec(text);
  if (m) {
    const word = m[1]!.toLowerCase();
    const level = word === 'phụ lục' || word === 'phần' ? 7 : word === 'chương' ? 8 : 9;
    return { level, label: `${capitalise(m[1]!)} ${m[2]}` };
  }
  m = /^(điều)\s+(\d+[a-z]?)\s*[.:]/iu.exec(text);
  if (m) return { level: 10, label: `Điều ${m[2]}` };
  if (text.length > 200) return undefined;
  m = /^([IVXLC]+)(?:[.)]|-)\s+\S/.exec(text);
  if (m) return { level: 11, label: m[1]! };
  m = /^(\d+(?:\.\d+)*)(?:[.)]|-)\s+\S/.exec(text);
  if (m && text.length <= 160) return { level: 12 + (m[1]!.split('.').length - 1), label: `${m[1]}.` };
  m = /^([a-zđ])\)\s+\S/u.exec(text);
  if (m && text.length <= 120 && !/[.;]$/.test(text)) return { level: 16, label: `${m[1]})` };
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 6 && text.length <= 120 && letters === letters.toUpperCase() && /\s/.test(text)) {
    return { level: 9.5, label: shorten(text) };
  }
  return undefined;
}

function capitalise(word: string): string {
  const lowerWord = word.toLowerCase();
  return lowerWord.charAt(0).toUpperCase() + lowerWord.slice(1);
}

function shorten(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return lines;
}

/** Cells of a Markdown pipe row ("| a | b |" → ["a", "b"]), with "\|" kept as a literal bar. */
export function tableCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

const isTableRow = (t: string) => /^\s*\|.*\|\s*$/.test(t);
const isSeparator = (t: string) => /^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$/.test(t);

function pageAt(pages: PageSpan[] | undefined, offset: number): number | undefined {
  if (!pages) return undefined;
  for (const p of pages) if (offset >= p.start && offset < p.end) return p.page;
  return pages.length ? pages[pages.length - 1]!.page : undefined;
}

/**
 * Cuts a document into chunks.
 * @param documentId stable id of the document
 * @param text the document text (NFC, `\n` line ends)
 * @param pages page spans of a PDF, if any
 */
export function chunkDocument(documentId: string, text: string, pages?: PageSpan[], options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? DEFAULT_MAX;
  const lines = splitLines(text);
  const chunks: Chunk[] = [];
  const stack: Heading[] = [];
  let tableStack: Heading[] = [];
  let pending: Line[] = [];
  let pendingSection: string[] = [];

  const sectionPath = () => [...stack, ...tableStack].map((h) => h.label);

  const emit = (start: number, end: number, kind: Chunk['kind'], section: string[], extra: Partial<Chunk> = {}) => {
    if (end <= start) return;
    const line = (tableStack[tableStack.length - 1] ?? stack[stack.length - 1])?.line;
    if (line && !text.slice(start, end).startsWith(line.replace(/…$/, ''))) extra = { heading: line, ...extra };
    chunks.push({
      id: `${documentId}#${chunks.length}`,
      documentId,
      text: text.slice(start, end),
      start,
      end,
      kind,
      section,
      page: pageAt(pages, start),
      ...extra,
    });
  };

  const flush = () => {
    if (!pending.length) return;
    // Greedy packing of whole lines; a line longer than the budget is split at sentence ends.
    let chunkStart = -1;
    let chunkEnd = -1;
    const close = () => {
      if (chunkStart >= 0) emit(chunkStart, chunkEnd, 'text', pendingSection);
      chunkStart = -1;
    };
    for (const line of pending) {
      const s = line.start + (line.text.length - line.text.trimStart().length);
      const e = line.start + line.text.trimEnd().length;
      if (e <= s) continue;
      if (e - s > maxChars) {
        for (const span of sentenceSpans(text, s, e)) {
          if (chunkStart >= 0 && span.end - chunkStart > maxChars) close();
          if (chunkStart < 0) chunkStart = span.start;
          chunkEnd = span.end;
        }
        continue;
      }
      // A chunk stays on one page so that its citation names the right page.
      if (chunkStart >= 0 && (e - chunkStart > maxChars || pageAt(pages, s) !== pageAt(pages, chunkStart))) close();
      if (chunkStart < 0) chunkStart = s;
      chunkEnd = e;
    }
    close();
    pending = [];
  };

  let header: string[] | undefined;
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.text.trim();
    if (isTableRow(trimmed)) {
      if (!inTable) {
        flush();
        inTable = true;
        tableStack = [];
        const next = lines[i + 1];
        if (next && isSeparator(next.text)) {
          header = tableCells(trimmed);
          i++;
          continue;
        }
        header = undefined;
      }
      if (isSeparator(trimmed)) continue;
      const cells = tableCells(trimmed);
      const filled = cells.filter(Boolean);
      // A group row ("| I | Đến năm 2030 | | |") heads the rows below it.
      const group = /^([IVXLC]+|[A-ZĐ])\.?$/.exec(cells[0] ?? '');
      if (group && filled.length <= 2 && cells.length > 3) {
        tableStack = [{ level: 20, label: group[1]!, line: shorten(filled.slice(1).join(' ') || group[1]!, 160) }];
        emit(line.start, line.end, 'row', sectionPath(), { header, cells });
        continue;
      }
      const ordinal = cells[0] && /^\d+(?:\.\d+)*\.?$/.test(cells[0]) ? `${cells[0].replace(/\.$/, '')}.` : undefined;
      emit(line.start + line.text.indexOf('|'), line.start + line.text.trimEnd().length, 'row', ordinal ? [...sectionPath(), ordinal] : sectionPath(), {
        header,
        cells,
      });
      continue;
    }
    if (inTable) {
      inTable = false;
      tableStack = [];
      header = undefined;
    }
    if (!trimmed) continue;
    const heading = headingOf(trimmed);
    if (heading) {
      flush();
      while (stack.length && stack[stack.length - 1]!.level >= heading.level) stack.pop();
      stack.push({ ...heading, line: shorten(trimmed, 160) });
      pendingSection = sectionPath();
      pending.push(line);
      continue;
    }
    if (!pending.length) pendingSection = sectionPath();
    pending.push(line);
  }
  flush();
  return mergeBareHeadings(chunks, text, maxChars);
}

/** A chunk that is only a heading joins the chunk after it when both are in the same place of the text. */
function mergeBareHeadings(chunks: Chunk[], text: string, maxChars: number): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const next = chunks[i + 1];
    const bare = chunk.kind === 'text' && !chunk.text.includes('\n') && headingOf(chunk.text) !== undefined;
    // Only into a chunk of its own section: a short last clause ("3. …") must not join the next article.
    const inside = next !== undefined && chunk.section.every((label, k) => next.section[k] === label);
    if (bare && inside && next.kind === 'text' && next.end - chunk.start <= maxChars && /^\s*$/.test(text.slice(chunk.end, next.start))) {
      chunks[i + 1] = { ...next, start: chunk.start, text: text.slice(chunk.start, next.end), page: chunk.page ?? next.page };
      continue;
    }
    out.push(chunk);
  }
  return out.map((c, n) => ({ ...c, id: `${c.documentId}#${n}` }));
}
