/**
 * Draws a document's blocks (markdown.ts) as DOM: headings, paragraphs, lists, tables with their header row, and
 * the cited span marked at its exact offsets (the passage tinted, the words the answer used in `<mark>`, a cited
 * table row highlighted). Only text nodes are made from the document, never HTML.
 */
import { h, type Child } from './dom.js';
import { parseDocument, type Block, type Inline, type Piece, type Pos, type TableRow } from './markdown.js';

export interface Range {
  start: number;
  end: number;
}

export interface DrawOptions {
  /** The cited passage (tinted; a table row in it is highlighted). */
  passage?: Range;
  /** The words the answer used (`<mark>`). */
  highlight?: Range;
  /** PDF pages: a "Trang N" line is drawn before the first block of each page after the first. */
  pages?: { page: number; start: number; end: number }[];
}

const within = (r: Range | undefined, at: number) => r !== undefined && at >= r.start && at < r.end;
const overlaps = (r: Range | undefined, start: number, end: number) => r !== undefined && start >= 0 && start < r.end && end > r.start;

/** Text split where it enters or leaves the passage or the highlight. */
function text(value: string, pos: Pos, o: DrawOptions): Child[] {
  if (!pos || (!o.passage && !o.highlight)) return [value];
  const at = (i: number) => ('start' in pos ? pos.start + i : (pos.map[i] ?? -1));
  const out: Child[] = [];
  let runStart = 0;
  let flag = -1;
  const flush = (end: number) => {
    if (end <= runStart) return;
    const part = value.slice(runStart, end);
    out.push(flag & 2 ? h('mark', {}, part) : flag & 1 ? h('span', { class: 'in-passage' }, part) : part);
  };
  for (let i = 0; i < value.length; i++) {
    const d = at(i);
    // A unit the document does not hold (an unescaped bar) goes with what precedes it.
    const f = d < 0 ? Math.max(flag, 0) : (within(o.passage, d) ? 1 : 0) | (within(o.highlight, d) ? 2 : 0);
    if (f !== flag) {
      flush(i);
      runStart = i;
      flag = f;
    }
  }
  flush(value.length);
  return out;
}

function inline(nodes: Inline[], o: DrawOptions): Child[] {
  return nodes.flatMap((n): Child[] => {
    switch (n.kind) {
      case 'text':
        return text(n.text, n.pos, o);
      case 'code':
        return [h('code', {}, ...text(n.text, n.pos, o))];
      case 'br':
        return [h('br')];
      case 'strong':
        return [h('strong', {}, ...inline(n.children, o))];
      case 'em':
        return [h('em', {}, ...inline(n.children, o))];
      case 'del':
        return [h('del', {}, ...inline(n.children, o))];
    }
  });
}

function tableRow(r: TableRow, cell: 'th' | 'td', o: DrawOptions): HTMLTableRowElement {
  const cited = cell === 'td' && overlaps(o.passage, r.start, r.end);
  return h(
    'tr',
    { class: cited ? 'cited' : undefined },
    ...r.cells.map((c) => h(cell, cell === 'th' ? { attrs: { scope: 'col' } } : {}, ...inline(c, o))),
  );
}

function block(b: Block, o: DrawOptions): HTMLElement {
  switch (b.kind) {
    case 'heading': {
      // The viewer's own title is an h4: the document's headings sit below it.
      const tag = b.depth <= 1 ? 'h5' : 'h6';
      return h(tag, { class: `doc-h doc-h${b.depth}` }, ...inline(b.children, o));
    }
    case 'paragraph':
      return h('p', {}, ...inline(b.children, o));
    case 'list': {
      const items = b.items.map((item) => h('li', {}, ...item.map((x) => block(x, o))));
      return b.ordered ? h('ol', { attrs: { start: b.first !== undefined && b.first !== 1 ? b.first : undefined } }, ...items) : h('ul', {}, ...items);
    }
    case 'table': {
      const hasHeader = b.header.cells.some((c) => c.length > 0);
      const table = h(
        'table',
        {},
        hasHeader ? h('thead', {}, tableRow(b.header, 'th', o)) : null,
        h('tbody', {}, ...b.rows.map((r) => tableRow(r, 'td', o))),
      );
      // Wide tables scroll inside their own box rather than the page.
      return h('div', { class: 'table-wrap', attrs: { role: 'region', 'aria-label': 'Bảng', tabindex: 0 } }, table);
    }
    case 'quote':
      return h('blockquote', {}, ...b.children.map((x) => block(x, o)));
    case 'rule':
      return h('hr');
  }
}

/**
 * Draws pieces of a document.
 * @param pieces the text with its offsets (the whole document, or a passage with its table header)
 * @returns a `.doc-rich` element
 */
export function drawDocument(pieces: Piece[], o: DrawOptions = {}, cls = 'doc-rich'): HTMLElement {
  const el = h('div', { class: cls });
  const pages = (o.pages ?? []).filter((p) => p.page > 1);
  let next = 0;
  for (const b of parseDocument(pieces)) {
    while (next < pages.length && b.start >= pages[next]!.start) {
      el.append(h('p', { class: 'page-no' }, `Trang ${pages[next]!.page}`));
      next++;
    }
    el.append(block(b, o));
  }
  return el;
}
