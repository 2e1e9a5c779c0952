/**
 * HTML → structured plain text: the main content only, headings and paragraphs as their own blocks, list items as
 * "- item" lines, tables as Markdown pipe rows. Also used for DOCX (through mammoth's HTML).
 */
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import type { LoadedDocument, Loader } from '../types.js';
import { damagedWarning, decodeText, type DecodedText } from './encoding.js';
import { fileLabel } from './normalize.js';

/** The parts of a domhandler node this module reads (cheerio's node type lives in a transitive dependency). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const REMOVE = [
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'footer', 'svg', 'iframe', 'object', 'embed',
  'canvas', 'button', 'select', 'input', 'textarea', 'dialog', '[hidden]', '[aria-hidden="true"]',
  '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="search"]',
].join(', ');

const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'center', 'dd', 'details', 'dl', 'dt', 'div', 'fieldset', 'figcaption',
  'figure', 'header', 'hgroup', 'html', 'li', 'main', 'p', 'section', 'summary', 'caption', 'legend',
]);
const HEADING_RE = /^h[1-6]$/;
const OWN_NUMBERING_RE = /^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(?[a-zđ][.)]|[IVXLC]+[.)]|[-–—•+*·▪●○◦])\s/u;

const BR = '\u2028'; // line break marker kept through whitespace collapsing

export interface HtmlText {
  text: string;
  /** First `h1` of the content, else the `<title>`. */
  title?: string;
}

/**
 * Deeper nesting than this is no document but an accident or an attack: building the tree is quadratic in the depth
 * (the HTML parser searches its stack of open elements at each tag) and reading it recursive, so such a page is read
 * as flat text instead (10 MB of nested tags took over 400 s).
 */
export const MAX_HTML_NESTING = 256;

/** Elements that never hold others, or that a parser closes by itself: they do not deepen the nesting. */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'td',
  'th', 'tr', 'dt', 'dd', 'option',
]);

/** The deepest nesting of elements in an HTML text, by one linear scan of its tags (no tree is built). */
export function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text of an HTML page read tag by tag, without a tree: block tags end lines, scripts and styles are dropped. */
function flatText(html: string): string {
  let out = '';
  let skipUntil: string | undefined;
  let last = 0;
  // `[^<>]*` keeps the scan linear: a "<" without its ">" is passed at the next "<".
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>|<!--[^]*?-->/g)) {
    if (!skipUntil) out += html.slice(last, m.index);
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (!name) continue;
    if (skipUntil) {
      if (m[1] && name === skipUntil) skipUntil = undefined;
      continue;
    }
    if (!m[1] && (name === 'script' || name === 'style' || name === 'template' || name === 'noscript')) skipUntil = name;
    else if (name === 'br' || BLOCK_TAGS.has(name) || HEADING_RE.test(name) || isTableLayoutPart(name) || name === 'ul' || name === 'ol') out += '\n';
  }
  if (!skipUntil) out += html.slice(last);
  const decoded = out.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, e: string) => {
    const code = e[0] === '#' ? Number.parseInt(e[1] === 'x' || e[1] === 'X' ? e.slice(2) : e.slice(1), e[1] === 'x' || e[1] === 'X' ? 16 : 10) : NaN;
    if (Number.isFinite(code)) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
  return decoded
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Converts an HTML document (or fragment) to structured text; see the module comment. */
export function htmlToText(html: string): HtmlText {
  if (nestingDepth(html) > MAX_HTML_NESTING) return { text: flatText(html) };
  const $ = cheerio.load(html);
  const pageTitle = collapse($('title').first().text());
  $(REMOVE).remove();
  // A header inside the content (article, main) holds its title; anywhere else it is the site banner.
  $('header')
    .filter((_, el) => $(el).parents('article, main, [role="main"]').length === 0)
    .remove();
  const root = pickRoot($);
  const h1 = findFirst(root, 'h1');
  const renderer = new Renderer();
  renderer.block(root, 0);
  renderer.flush();
  const title = (h1 && collapse(textOf(h1))) || pageTitle || undefined;
  return { text: renderer.blocks.join('\n\n'), ...(title ? { title } : {}) };
}

/** `main`, else `[role=main]`, else the only `article`, else `body`, else the whole document. */
function pickRoot($: cheerio.CheerioAPI): DomNode {
  const article = $('article');
  const found = [$('main'), $('[role="main"]'), article.length === 1 ? article : $(), $('body')].find((c) => c.length);
  return (found ? found.get(0) : $.root().get(0)) as unknown as DomNode;
}

function findFirst(node: DomNode, name: string): DomNode | undefined {
  for (const child of node.children ?? []) {
    if (child.type === 'tag' && child.name === name) return child;
    const found = findFirst(child, name);
    if (found) return found;
  }
  return undefined;
}

class Renderer {
  readonly blocks: string[] = [];
  private inline = '';

  /** Ends the current paragraph. */
  flush(): void {
    const text = collapse(this.inline, true);
    if (text) this.blocks.push(text);
    this.inline = '';
  }

  block(node: DomNode, listDepth: number): void {
    if (node.type === 'text') {
      this.inline += node.data ?? '';
      return;
    }
    if (node.type === 'root') {
      for (const child of node.children ?? []) this.block(child, listDepth);
      return;
    }
    if (node.type !== 'tag') return; // comments, directives, script/style (already removed)
    const name = node.name ?? '';
    if (name === 'br') {
      this.inline += BR;
    } else if (HEADING_RE.test(name)) {
      this.flush();
      const text = collapse(textOf(node));
      if (text) this.blocks.push(text);
    } else if (name === 'ul' || name === 'ol') {
      this.flush();
      const lines = renderList(node, listDepth);
      if (lines.length) this.blocks.push(lines.join('\n'));
    } else if (name === 'table') {
      this.flush();
      if (isLayoutTable(node)) {
        for (const child of node.children ?? []) this.block(child, listDepth);
        this.flush();
      } else {
        const table = renderTable(node);
        if (table) this.blocks.push(table);
      }
    } else if (name === 'pre') {
      this.flush();
      const text = textOf(node).replace(/\s+$/, '');
      if (text.trim()) this.blocks.push(text);
    } else if (name === 'hr') {
      this.flush();
    } else if (BLOCK_TAGS.has(name) || isTableLayoutPart(name)) {
      this.flush();
      for (const child of node.children ?? []) this.block(child, listDepth);
      this.flush();
    } else {
      for (const child of node.children ?? []) this.block(child, listDepth);
    }
  }
}

function isTableLayoutPart(name: string): boolean {
  return name === 'tbody' || name === 'thead' || name === 'tfoot' || name === 'tr' || name === 'td' || name === 'th';
}

/** Text content; `<br>` and block boundaries become spaces unless `keepBreaks`. */
function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.type !== 'tag' && node.type !== 'root') return '';
  if (node.name === 'br') return BR;
  const inner = (node.children ?? []).map(textOf).join('');
  return node.name && (BLOCK_TAGS.has(node.name) || HEADING_RE.test(node.name)) ? ` ${inner} ` : inner;
}

/** Collapses whitespace; with `keepBreaks`, `<br>` markers become line breaks, otherwise spaces. */
function collapse(text: string, keepBreaks = false): string {
  return text
    .split(BR)
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join(keepBreaks ? '\n' : ' ');
}

function children(node: DomNode, names: string[]): DomNode[] {
  return (node.children ?? []).filter((c) => c.type === 'tag' && names.includes(c.name ?? ''));
}

/** "- item" / "1. item" lines (the item's own numbering kept), nested lists indented by two spaces per level. */
function renderList(list: DomNode, depth: number): string[] {
  const lines: string[] = [];
  const ordered = list.name === 'ol';
  let n = Number.parseInt(list.attribs?.start ?? '1', 10);
  if (!Number.isFinite(n)) n = 1;
  for (const item of children(list, ['li'])) {
    const nested: DomNode[] = [];
    const own = (item.children ?? [])
      .map((c) => {
        if (c.type === 'tag' && (c.name === 'ul' || c.name === 'ol')) {
          nested.push(c);
          return '';
        }
        return textOf(c);
      })
      .join('');
    const text = collapse(own);
    const indent = '  '.repeat(depth);
    if (text) {
      const marker = OWN_NUMBERING_RE.test(text) ? '' : ordered ? `${n}. ` : '- ';
      lines.push(`${indent}${marker}${text}`);
    }
    n++;
    for (const sub of nested) lines.push(...renderList(sub, depth + 1));
  }
  return lines;
}

/** Tables used for page layout (nested tables, headings or lists in cells, `role=presentation`) are read as blocks. */
function isLayoutTable(table: DomNode): boolean {
  const role = table.attribs?.role;
  if (role === 'presentation' || role === 'none') return true;
  const walk = (node: DomNode, top: boolean): boolean =>
    (node.children ?? []).some((c) => {
      if (c.type !== 'tag') return false;
      if (!top && c.name === 'table') return true;
      if (HEADING_RE.test(c.name ?? '') || c.name === 'ul' || c.name === 'ol') return true;
      return walk(c, false);
    });
  return walk(table, true);
}

/** Markdown pipe rows, first row as header, `| --- |` separator; ragged rows padded. */
function renderTable(table: DomNode): string {
  const rows: DomNode[] = [];
  for (const part of children(table, ['thead', 'tbody', 'tfoot', 'tr'])) {
    if (part.name === 'tr') rows.push(part);
    else for (const row of children(part, ['tr'])) rows.push(row);
  }
  const cells = rows
    .map((row) =>
      children(row, ['td', 'th']).flatMap((cell) => {
        const text = collapse(textOf(cell)).replace(/\|/g, '\\|');
        const span = Math.min(Math.max(Number.parseInt(cell.attribs?.colspan ?? '1', 10) || 1, 1), 50);
        return [text, ...Array<string>(span - 1).fill('')];
      }),
    )
    .filter((row) => row.some(Boolean));
  if (cells.length === 0) return '';
  const width = Math.max(...cells.map((r) => r.length));
  const line = (r: string[]) => `| ${[...r, ...Array<string>(width - r.length).fill('')].join(' | ')} |`;
  return [line(cells[0]!), `| ${Array<string>(width).fill('---').join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

/**
 * Decodes HTML bytes: a BOM or UTF-8 as for text files; a declared `<meta charset>` that iconv-lite knows; but a
 * declared Latin charset is checked first for VNI/TCVN3 (old Vietnamese sites declared ISO-8859-1 and set the font).
 */
export function decodeHtml(bytes: Buffer, label: string): Pick<DecodedText, 'text' | 'damaged'> {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb) || bytes[0] === 0xff || bytes[0] === 0xfe;
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1]?.toLowerCase();
  if (hasBom || !declared || /^utf-?8$/.test(declared) || !iconv.encodingExists(declared)) {
    return decodeText(bytes, label);
  }
  if (/^(?:iso-?8859-1|latin-?1|windows-1252|cp1252|us-ascii|ascii)$/.test(declared)) {
    try {
      return decodeText(bytes, label);
    } catch {
      // not Vietnamese after all: trust the declaration
    }
  }
  return { text: iconv.decode(bytes, declared).normalize('NFC') };
}

/** `.html`, `.htm`. */
export const loadHtml: Loader = async (filePath, bytes) => {
  const label = fileLabel(filePath);
  const decoded = decodeHtml(bytes, label);
  const { text, title } = htmlToText(decoded.text);
  const doc: LoadedDocument = { text, meta: title ? { title } : {} };
  if (decoded.damaged) doc.warnings = [`${label}: ${damagedWarning(decoded.damaged)}.`];
  return doc;
};
