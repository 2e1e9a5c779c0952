/**
 * A document's text as blocks the viewer can draw (headings, paragraphs, lists, tables with their header), with each
 * piece of text tied to where it stands in the document, so a cited span is highlighted at its exact offsets. The
 * structure comes from `marked`'s lexer (GFM); nothing is ever turned into HTML: the viewer builds DOM nodes from
 * these blocks and sets text only (a document holding `<img onerror=…>` shows those characters).
 *
 * Pure (no DOM), so it is unit-tested in Node; `render-doc.ts` draws it.
 */
import { Marked, type Token, type Tokens } from 'marked';

/**
 * Where a piece of text stands in the document: `start` when the text is a contiguous slice, else one offset per
 * UTF-16 unit (-1 for a unit the document does not hold, e.g. a `|` unescaped from `\|`); null when not found.
 */
export type Pos = { start: number } | { map: number[] } | null;

export type Inline =
  | { kind: 'text'; text: string; pos: Pos }
  | { kind: 'code'; text: string; pos: Pos }
  | { kind: 'strong' | 'em' | 'del'; children: Inline[] }
  | { kind: 'br' };

export interface TableRow {
  /** Offsets of the row's line in the document (-1 when the row is not in it, e.g. a header added for context). */
  start: number;
  end: number;
  cells: Inline[][];
}

export type Block =
  | { kind: 'heading'; depth: number; start: number; children: Inline[] }
  | { kind: 'paragraph'; start: number; children: Inline[] }
  | { kind: 'list'; start: number; ordered: boolean; first?: number; items: Block[][] }
  | { kind: 'table'; start: number; align: (string | null)[]; header: TableRow; rows: TableRow[] }
  | { kind: 'quote'; start: number; children: Block[] }
  | { kind: 'rule'; start: number };

/** A piece of the source: `text` stands at `start` in the document (-1: not in it). */
export interface Piece {
  text: string;
  start: number;
}

// Markdown that would hide or change characters of an official text is not read: setext headings (a line over
// "---"), indented code, HTML, links, autolinks and reference definitions stay as the characters they are.
const off = () => undefined;
const marked = new Marked({
  gfm: true,
  breaks: false,
  tokenizer: { lheading: off, code: off, html: off, def: off, link: off, reflink: off, autolink: off, url: off, tag: off } as never,
});

/** Offsets of one source string made of pieces (a header row, then the cited rows from further down …). */
class Source {
  readonly text: string;
  private readonly starts: number[] = [];
  private readonly docStarts: number[] = [];

  constructor(pieces: Piece[]) {
    let at = 0;
    const parts: string[] = [];
    for (const p of pieces) {
      this.starts.push(at);
      this.docStarts.push(p.start);
      parts.push(p.text);
      at += p.text.length + 1;
    }
    this.text = parts.join('\n');
  }

  /** The document offset of source index `i` (-1 when its piece is not in the document). */
  doc(i: number): number {
    let k = this.starts.length - 1;
    while (k > 0 && this.starts[k]! > i) k--;
    const base = this.docStarts[k]!;
    return base < 0 ? -1 : base + i - this.starts[k]!;
  }
}

/** Finds `text` in the source from `from`: a contiguous slice, else unit by unit (skipping spaces, `\` and cell bars). */
function locate(src: Source, text: string, from: number, limit: number): { pos: Pos; next: number } {
  const s = src.text;
  const at = s.indexOf(text, from);
  if (text && at >= 0 && at + text.length <= limit) {
    const d = src.doc(at);
    const contiguous = d >= 0 && src.doc(at + text.length - 1) === d + text.length - 1;
    if (contiguous) return { pos: { start: d }, next: at + text.length };
    return { pos: { map: [...text].flatMap((_, i) => [src.doc(at + i)]) }, next: at + text.length };
  }
  const map: number[] = [];
  let j = from;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    while (j < limit && s[j] !== ch && /[\s\\|]/.test(s[j]!)) j++;
    if (j < limit && s[j] === ch) map.push(src.doc(j++));
    else if (/\s/.test(ch) || ch === '|') map.push(-1);
    else return { pos: null, next: from };
  }
  return { pos: { map }, next: j };
}

/** Reads inline tokens; `cursor.at` moves along the source as text is found. */
function inlines(tokens: Token[] | undefined, src: Source, cursor: { at: number; limit: number }): Inline[] {
  const out: Inline[] = [];
  const leaf = (kind: 'text' | 'code', text: string) => {
    const { pos, next } = locate(src, text, cursor.at, cursor.limit);
    cursor.at = next;
    out.push({ kind, text, pos });
  };
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
      case 'em':
      case 'del':
        out.push({ kind: t.type, children: inlines((t as Tokens.Strong).tokens, src, cursor) });
        break;
      case 'codespan':
        leaf('code', (t as Tokens.Codespan).text);
        break;
      case 'br':
        out.push({ kind: 'br' });
        break;
      case 'text':
        if ((t as Tokens.Text).tokens?.length) out.push(...inlines((t as Tokens.Text).tokens, src, cursor));
        else leaf('text', (t as Tokens.Text).text);
        break;
      case 'escape':
        leaf('text', (t as Tokens.Escape).text);
        break;
      default:
        // Anything else (images …) is shown as the characters it was written with.
        leaf('text', (t as { raw?: string }).raw ?? '');
    }
  }
  return out;
}

function row(line: string, lineStart: number, cells: Tokens.TableCell[], src: Source): TableRow {
  const cursor = { at: lineStart, limit: lineStart + line.length };
  // The first `|` is not a cell's text: start after it so a cell "|" (escaped) is not matched there.
  if (src.text[cursor.at] === '|') cursor.at++;
  return { start: src.doc(lineStart), end: src.doc(lineStart) < 0 ? -1 : src.doc(lineStart) + line.length, cells: cells.map((c) => inlines(c.tokens, src, cursor)) };
}

function blocks(tokens: Token[], src: Source, cursor: { at: number; limit: number }): Block[] {
  const out: Block[] = [];
  for (const t of tokens) {
    if (t.type === 'space') continue;
    const found = src.text.indexOf(t.raw, cursor.at);
    const begin = found >= 0 && found <= cursor.limit ? found : cursor.at;
    const end = found >= 0 ? begin + t.raw.length : cursor.limit;
    const inner = { at: begin, limit: Math.min(end, cursor.limit) };
    const start = src.doc(begin);
    switch (t.type) {
      case 'heading':
        out.push({ kind: 'heading', depth: (t as Tokens.Heading).depth, start, children: inlines((t as Tokens.Heading).tokens, src, inner) });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', start, children: inlines((t as Tokens.Paragraph).tokens, src, inner) });
        break;
      case 'text': // the text of a tight list item
        out.push({ kind: 'paragraph', start, children: (t as Tokens.Text).tokens ? inlines((t as Tokens.Text).tokens, src, inner) : inlines([t], src, inner) });
        break;
      case 'list': {
        const list = t as Tokens.List;
        const items = list.items.map((item) => {
          const at = src.text.indexOf(item.raw.trimEnd().split('\n')[0]!, inner.at);
          if (at >= 0 && at < inner.limit) inner.at = at;
          return blocks(item.tokens, src, inner);
        });
        out.push({ kind: 'list', start, ordered: list.ordered, first: list.ordered && typeof list.start === 'number' ? list.start : undefined, items });
        break;
      }
      case 'table': {
        const table = t as Tokens.Table;
        const lines = t.raw.replace(/\n+$/, '').split('\n');
        let at = begin;
        const lineStarts = lines.map((l) => ((at += l.length + 1), at - l.length - 1));
        out.push({
          kind: 'table',
          start,
          align: table.align,
          header: row(lines[0]!, lineStarts[0]!, table.header, src),
          rows: table.rows.map((cells, i) => row(lines[i + 2] ?? '', lineStarts[i + 2] ?? begin, cells, src)),
        });
        break;
      }
      case 'blockquote':
        out.push({ kind: 'quote', start, children: blocks((t as Tokens.Blockquote).tokens, src, inner) });
        break;
      case 'hr':
        out.push({ kind: 'rule', start });
        break;
      default:
        out.push({ kind: 'paragraph', start, children: [{ kind: 'text', text: t.raw.trim(), pos: locate(src, t.raw.trim(), inner.at, inner.limit).pos }] });
    }
    if (found >= 0) cursor.at = Math.max(cursor.at, end);
  }
  return out;
}

/**
 * Reads a document (or pieces of one) into blocks.
 * @param pieces the text to read, each piece with its offset in the document; joined by line breaks
 */
export function parseDocument(pieces: Piece[]): Block[] {
  const src = new Source(pieces);
  return blocks(marked.lexer(src.text), src, { at: 0, limit: src.text.length });
}

/** A pipe-table row ("| a | b |"). */
export const isTableRow = (line: string): boolean => /^\s*\|.*\|\s*$/.test(line);
const isSeparator = (line: string) => /^\s*\|(?:\s*:?-{1,}:?\s*\|)+\s*$/.test(line);

/**
 * The lines to show for a passage: itself, and when it is one or more table rows, the table's header row and its
 * separator first (found above the passage in the document), so the rows are read with their column names.
 * @param text the whole document text, when loaded
 */
export function passagePieces(passage: { text: string; start: number }, text?: string): Piece[] {
  const own: Piece = { text: passage.text, start: passage.start };
  const lines = passage.text.split('\n');
  if (!lines.every((l) => !l.trim() || isTableRow(l))) return [own];
  const cells = (lines[0]!.match(/(?<!\\)\|/g)?.length ?? 2) - 1;
  if (text) {
    // Walk up the table: the separator's line and the one above it are the header.
    let end = passage.start;
    while (end > 0) {
      const lineStart = text.lastIndexOf('\n', end - 2) + 1;
      const line = text.slice(lineStart, end - 1);
      if (!isTableRow(line)) break;
      if (isSeparator(line)) {
        const headStart = text.lastIndexOf('\n', lineStart - 2) + 1;
        const head = text.slice(headStart, lineStart - 1);
        if (isTableRow(head)) return [{ text: head, start: headStart }, { text: line, start: lineStart }, own];
        break;
      }
      end = lineStart;
    }
  }
  // No header found (or not loaded yet): an empty one, which the viewer leaves out.
  return [{ text: `|${' |'.repeat(Math.max(1, cells))}`, start: -1 }, { text: `|${' --- |'.repeat(Math.max(1, cells))}`, start: -1 }, own];
}
