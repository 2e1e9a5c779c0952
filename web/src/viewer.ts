/**
 * The passage viewer, over the conversation: a cited passage with its document's title, number, date, section and
 * page and the cited words highlighted; then, on request, the whole document scrolled to that passage. While it is
 * open, what it covers is inert; when it closes, focus goes back to the button that opened it.
 */
import { formatDate } from './citations.js';
import { clear, h, icon, ICONS } from './dom.js';
import { isTableRow, passagePieces } from './markdown.js';
import { drawDocument } from './render-doc.js';
import type { Citation, DocumentFull } from './types.js';

export interface ViewerOptions {
  /** Loads a whole document (rejects with a Vietnamese message). */
  loadDocument(id: string): Promise<DocumentFull>;
  /** What the viewer covers (made inert while it is open, so it neither takes focus nor is read). */
  covered(): (Element | null)[];
  /** Gives focus somewhere sensible when the button that opened the viewer is gone. */
  focusFallback(): void;
}

function meta(c: Citation, doc?: DocumentFull): HTMLElement {
  const rows: [string, string | undefined][] = [
    ['Số hiệu', c.number ?? doc?.number],
    ['Ngày ban hành', formatDate(c.issued ?? doc?.issued) || undefined],
    ['Cơ quan ban hành', doc?.issuer],
    ['Trích yếu', doc?.subject],
    ['Người ký', doc?.signer ? [doc.signerTitle, doc.signer].filter(Boolean).join(' ') : undefined],
    ['Mục', c.section],
    ['Trang', c.page ? String(c.page) : undefined],
  ];
  return h('dl', { class: 'doc-meta' }, ...rows.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v!)]));
}

/**
 * The passage drawn as the document shows it (a table row under its table's header), the cited words in `<mark>`.
 * @param text the whole document's text, once loaded (for a table row's header)
 */
function passage(c: Citation, text?: string): HTMLElement {
  const range = { start: c.start, end: c.end };
  return drawDocument(passagePieces(c, text), { passage: range, highlight: c.highlight }, 'passage doc-rich');
}

/** Documents already loaded (the passage of a table row needs its header; "Đọc toàn văn bản" reuses it). */
const CACHE_SIZE = 8;

/** `el`'s top within `container` (its offsetParent chain, as a table cell's parent is the table). */
function offsetIn(el: HTMLElement, container: HTMLElement): number {
  let top = 0;
  for (let e: HTMLElement | null = el; e && e !== container; e = e.offsetParent as HTMLElement | null) top += e.offsetTop;
  return top;
}

export class Viewer {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private loadToken = 0;
  private opener?: HTMLElement;
  private inert: Element[] = [];
  private readonly docs = new Map<string, Promise<DocumentFull>>();

  constructor(private readonly options: ViewerOptions) {
    this.title = h('h3', { attrs: { tabindex: -1, id: 'viewer-title' } });
    this.body = h('div', { class: 'viewer-body' });
    const back = h('button', { class: 'back', attrs: { type: 'button' }, on: { click: () => this.close() } }, icon(ICONS.back, 16), 'Quay lại');
    this.el = h(
      'div',
      { class: 'viewer', attrs: { role: 'dialog', 'aria-labelledby': 'viewer-title', hidden: true } },
      h('div', { class: 'viewer-head' }, back, this.title),
      this.body,
    );
    this.el.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /**
   * Shows one cited passage.
   * @param opener the `[n]` or source button used: focus goes back to it on close
   */
  showCitation(c: Citation, opener?: HTMLElement): void {
    this.cover(opener);
    this.loadToken++;
    this.title.textContent = `Trích dẫn [${c.n}]`;
    clear(this.body);
    const read = h('button', { class: 'primary', attrs: { type: 'button' }, on: { click: () => void this.showDocument(c) } }, 'Đọc toàn văn bản');
    let shown = passage(c);
    this.body.append(
      h('h4', {}, c.title),
      meta(c),
      h('p', { class: 'small muted' }, 'Đoạn được trích (phần tô vàng là câu trả lời đã dùng):'),
      shown,
      read,
    );
    this.body.scrollTop = 0;
    this.el.hidden = false;
    this.title.focus();
    // A table row is read with its column names: they come from the document, drawn in when it arrives.
    if (c.text.split('\n').some((l) => isTableRow(l))) {
      const token = this.loadToken;
      this.load(c.documentId).then(
        (doc) => {
          if (token !== this.loadToken || !shown.isConnected) return;
          const fresh = passage(c, doc.text);
          shown.replaceWith(fresh);
          shown = fresh;
        },
        () => undefined, // the row stays shown without its header
      );
    }
  }

  /**
   * Opens a whole document from its start, with no passage cited (the documents page).
   * @param c where it is: `documentId`, `title` and what is known of number and date; `start` = `end` = 0
   */
  showWhole(c: Citation, opener?: HTMLElement): Promise<void> {
    this.cover(opener);
    this.el.hidden = false;
    return this.showDocument(c);
  }

  /** Makes what the viewer covers inert, remembering where focus goes back. */
  private cover(opener?: HTMLElement): void {
    if (!this.el.hidden) return;
    this.opener = opener;
    this.inert = this.options.covered().filter((el): el is Element => el !== null);
    for (const el of this.inert) el.setAttribute('inert', '');
  }

  private load(id: string): Promise<DocumentFull> {
    let doc = this.docs.get(id);
    if (!doc) {
      doc = this.options.loadDocument(id);
      doc.catch(() => this.docs.delete(id));
      if (this.docs.size >= CACHE_SIZE) this.docs.delete(this.docs.keys().next().value!);
      this.docs.set(id, doc);
    }
    return doc;
  }

  /** Loads the whole document and scrolls to the passage. */
  async showDocument(c: Citation): Promise<void> {
    const token = ++this.loadToken;
    this.title.textContent = 'Toàn văn bản';
    clear(this.body);
    const status = h('p', { class: 'muted', attrs: { role: 'status' } }, 'Đang tải văn bản…');
    this.body.append(h('h4', {}, c.title), status);
    this.title.focus();
    let doc: DocumentFull;
    try {
      doc = await this.load(c.documentId);
    } catch (error) {
      if (token === this.loadToken) {
        status.textContent = (error as Error).message;
        status.className = 'error';
      }
      return;
    }
    if (token !== this.loadToken) return;
    const text = drawDocument([{ text: doc.text, start: 0 }], { passage: { start: c.start, end: c.end }, highlight: c.highlight, pages: doc.pageSpans }, 'doc-text doc-rich');
    text.setAttribute('tabindex', '0');
    text.setAttribute('aria-label', `Nội dung ${doc.title}`);
    clear(this.body);
    this.body.append(h('h4', {}, doc.title), meta(c, doc), text);
    const target = text.querySelector<HTMLElement>('tr.cited, .in-passage, mark');
    target?.setAttribute('id', 'cited-passage');
    // The body is the scroll container (position: relative); offsets are summed up to it. A cited row of a long table
    // is scrolled to inside the table's own box (below its sticky header row), and the box into view.
    const wrap = target?.closest<HTMLElement>('.table-wrap');
    if (target && wrap && wrap.scrollHeight > wrap.clientHeight) {
      const header = wrap.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      wrap.scrollTop = Math.max(0, offsetIn(target, wrap) - header - wrap.clientHeight / 4);
      this.body.scrollTop = Math.max(0, offsetIn(wrap, this.body) - this.body.clientHeight / 8);
    } else if (target) this.body.scrollTop = Math.max(0, offsetIn(target, this.body) - this.body.clientHeight / 4);
    else this.body.scrollTop = 0;
  }

  /** Hides the viewer, frees what it covered and gives focus back. */
  close(): void {
    if (this.el.hidden) return;
    this.loadToken++;
    this.el.hidden = true;
    clear(this.body);
    for (const el of this.inert) el.removeAttribute('inert');
    this.inert = [];
    const opener = this.opener;
    this.opener = undefined;
    // The opener is gone when its message was re-rendered meanwhile.
    if (opener?.isConnected) opener.focus();
    else this.options.focusFallback();
  }
}
