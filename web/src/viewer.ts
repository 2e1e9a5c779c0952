/**
 * The passage viewer, over the conversation: a cited passage with its document's title, number, date, section and
 * page and the cited words highlighted; then, on request, the whole document scrolled to that passage. While it is
 * open, what it covers is inert; when it closes, focus goes back to the button that opened it.
 */
import { formatDate, highlightParts } from './citations.js';
import { clear, h, icon, ICONS, type Child } from './dom.js';
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
    ['Mục', c.section],
    ['Trang', c.page ? String(c.page) : undefined],
  ];
  return h('dl', { class: 'doc-meta' }, ...rows.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v!)]));
}

/** The passage with the cited words in `<mark>`. */
function passage(c: Citation, tag: 'blockquote' | 'span', cls: string): HTMLElement {
  const { before, mark, after } = highlightParts(c);
  const children: Child[] = [before, mark ? h('mark', {}, mark) : null, after];
  return h(tag, { class: cls }, ...children);
}

export class Viewer {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private loadToken = 0;
  private opener?: HTMLElement;
  private inert: Element[] = [];

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
    this.opener = opener;
    this.inert = this.options.covered().filter((el): el is Element => el !== null);
    for (const el of this.inert) el.setAttribute('inert', '');
    this.loadToken++;
    this.title.textContent = `Trích dẫn [${c.n}]`;
    clear(this.body);
    const read = h('button', { class: 'primary', attrs: { type: 'button' }, on: { click: () => void this.showDocument(c) } }, 'Đọc toàn văn bản');
    this.body.append(
      h('h4', {}, c.title),
      meta(c),
      h('p', { class: 'small muted' }, 'Đoạn được trích (phần tô vàng là câu trả lời đã dùng):'),
      passage(c, 'blockquote', 'passage'),
      read,
    );
    this.body.scrollTop = 0;
    this.el.hidden = false;
    this.title.focus();
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
      doc = await this.options.loadDocument(c.documentId);
    } catch (error) {
      if (token === this.loadToken) {
        status.textContent = (error as Error).message;
        status.className = 'error';
      }
      return;
    }
    if (token !== this.loadToken) return;
    const inPassage = passage({ ...c, text: doc.text.slice(c.start, c.end) }, 'span', 'in-passage');
    inPassage.setAttribute('id', 'cited-passage');
    const text = h('div', { class: 'doc-text', attrs: { tabindex: 0, 'aria-label': `Nội dung ${doc.title}` } }, doc.text.slice(0, c.start), inPassage, doc.text.slice(c.end));
    clear(this.body);
    this.body.append(h('h4', {}, doc.title), meta(c, doc), text);
    // The body is the scroll container (position: relative), so offsetTop is measured from it.
    this.body.scrollTop = Math.max(0, inPassage.offsetTop - this.body.clientHeight / 4);
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
