/**
 * Entry of the documents page (`/documents`, bundled to web/dist/documents.js): what the assistant answers from —
 * every indexed document with its number, date, issuer, subject (trích yếu) and signer, filterable, each opened in
 * the widget's own document viewer (viewer.ts, in a shadow root with the widget's CSS). Reads `GET /api/documents`.
 */
import { formatDate } from './citations.js';
import { clear, h } from './dom.js';
import { DOCUMENTS_CSS } from './documents-css.js';
import { CSS } from './styles.js';
import { Transport } from './transport.js';
import type { Citation, DocumentFull } from './types.js';
import { Viewer } from './viewer.js';

/** One row of `GET /api/documents`: a document's metadata without its text. */
type DocumentSummary = Omit<DocumentFull, 'text' | 'pageSpans'> & { pages?: number; chars: number };

const api = location.origin;
const transport = new Transport(api);

const pageSheet = new CSSStyleSheet();
pageSheet.replaceSync(DOCUMENTS_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];

const main = h('main', { attrs: { id: 'main' } });
const status = h('p', { class: 'status', attrs: { role: 'status' } }, 'Đang tải danh sách văn bản…');
const filter = h('input', {
  attrs: { type: 'search', id: 'filter', placeholder: 'Số hiệu, tên, cơ quan, người ký…', autocomplete: 'off' },
});
const list = h('div', { class: 'list' });

// The viewer sits in a shadow root with the widget's style sheet, over the page.
const host = h('div', { attrs: { id: 'viewer-host' } });
const shadow = host.attachShadow({ mode: 'open' });
const widgetSheet = new CSSStyleSheet();
widgetSheet.replaceSync(`${CSS}\n.overlay { position: fixed; inset: 0; z-index: 10; pointer-events: none; }\n.overlay .viewer { pointer-events: auto; left: max(0px, calc(50% - 34rem)); right: max(0px, calc(50% - 34rem)); box-shadow: 0 0 0 100vmax rgba(0,0,0,.45); }`);
shadow.adoptedStyleSheets = [widgetSheet];
const viewer = new Viewer({
  loadDocument: (id) => transport.document(id),
  covered: () => [document.querySelector('header'), main],
  focusFallback: () => filter.focus(),
});
shadow.append(h('div', { class: 'root overlay' }, viewer.el));

/** The signer with capacity; the capacity alone when the signer block gives no name ("TM. BỘ CHÍNH TRỊ"). */
const signerOf = (d: DocumentSummary) => [d.signerTitle, d.signer].filter(Boolean).join(' ');

/** What a document is, from its front matter's `kind`: an official text, or a summary, digest, table or news written from one. */
const KINDS: Record<string, string> = {
  official_text: 'Văn bản chính thức',
  summary: 'Bản tóm tắt',
  digest: 'Bản tổng hợp',
  table: 'Bảng trích',
  news: 'Tin bài',
};
/** Kinds that are not official documents: they have no number and no signer of their own. */
const UNOFFICIAL = new Set(['summary', 'digest', 'table', 'news']);
const kindOf = (d: DocumentSummary) => (d.kind ? (KINDS[d.kind] ?? d.kind) : undefined);

/**
 * A number as the document gives it, or undefined for a placeholder ("(không có – tin bài)"): a number has a figure.
 * The placeholder's words are kept as the reason there is none.
 */
function numberOf(d: DocumentSummary): { value?: string; none?: string } {
  const n = d.number?.trim();
  if (n && /\d/.test(n)) return { value: n };
  const said = n?.replace(/^\(|\)$/g, '').trim();
  return { none: said || undefined };
}

/**
 * What an empty cell says: an unofficial document has no number or signer ("không có — bản tổng hợp"); an official
 * one whose text does not state it, "không ghi".
 */
function noneFor(d: DocumentSummary, given?: string): string {
  if (given) return given.charAt(0).toLowerCase() + given.slice(1);
  return d.kind && UNOFFICIAL.has(d.kind) ? `không có (${kindOf(d)!.toLowerCase()})` : 'không ghi';
}

/** The words a document is found by (accents kept and dropped, so "quang ninh" finds "Quảng Ninh"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const haystack = (d: DocumentSummary) => fold([d.number, d.title, d.subject, d.issuer, signerOf(d), formatDate(d.issued), kindOf(d), d.source].filter(Boolean).join(' '));

function open(d: DocumentSummary, opener: HTMLElement): void {
  const c: Citation = { n: 0, documentId: d.id, title: d.title, number: d.number, issued: d.issued, text: '', start: 0, end: 0, score: 0 };
  void viewer.showWhole(c, opener);
}

/** One document as a table row (a card on a phone: each cell names its column, and empty ones are left out). */
function row(d: DocumentSummary): HTMLElement {
  const button = h('button', { class: 'open', attrs: { type: 'button', 'aria-haspopup': 'dialog' }, on: { click: () => open(d, button) } }, d.title);
  const cell = (label: string, value: string | undefined, none: string, cls = '') =>
    value ? h('td', { class: cls, attrs: { 'data-label': label } }, value) : h('td', { class: `${cls} empty`.trim(), attrs: { 'data-label': label } }, h('span', { class: 'none' }, none));
  const number = numberOf(d);
  const kind = kindOf(d);
  // The subject (trích yếu) under the title, unless the title already says it ("Quyết định về việc …"); then what
  // the document is and where it comes from, as its front matter says.
  const about = [kind, d.pages ? `${d.pages} trang` : undefined].filter(Boolean).join(' · ');
  return h(
    'tr',
    { attrs: { 'data-id': d.id } },
    h(
      'th',
      { attrs: { scope: 'row', 'data-label': 'Văn bản' } },
      button,
      d.subject && !fold(d.title).includes(fold(d.subject)) ? h('span', { class: 'subject' }, d.subject) : null,
      about ? h('span', { class: 'kind' }, about) : null,
      d.source ? h('span', { class: 'source' }, `Nguồn: ${d.source}`) : null,
    ),
    cell('Số hiệu', number.value, noneFor(d, number.none), 'nowrap'),
    cell('Ngày ban hành', formatDate(d.issued), 'không ghi', 'nowrap'),
    cell('Cơ quan ban hành', d.issuer, 'không ghi'),
    cell('Người ký', signerOf(d), noneFor(d)),
  );
}

function render(docs: DocumentSummary[]): void {
  const q = fold(filter.value.trim());
  const shown = q ? docs.filter((d) => haystack(d).includes(q)) : docs;
  clear(list);
  status.textContent = q ? `${shown.length}/${docs.length} văn bản khớp “${filter.value.trim()}”.` : `${docs.length} văn bản đã được nạp. Bấm tên văn bản để đọc toàn văn.`;
  if (!shown.length) return;
  list.append(
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, 'Các văn bản trợ lý dùng để trả lời'),
      h(
        'thead',
        {},
        h('tr', {}, ...['Văn bản (tên, trích yếu)', 'Số hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Người ký'].map((t) => h('th', { attrs: { scope: 'col' } }, t))),
      ),
      h('tbody', {}, ...shown.map(row)),
    ),
  );
}

async function start(): Promise<void> {
  main.append(
    h('p', { class: 'lead' }, 'Trợ lý chỉ trả lời từ các văn bản dưới đây; mỗi câu trả lời trích dẫn đoạn văn bản mà nó dựa vào.'),
    h('label', { class: 'filter', attrs: { for: 'filter' } }, 'Lọc văn bản'),
    filter,
    status,
    list,
  );
  document.body.append(
    h('header', {}, h('div', { class: 'bar' }, h('h1', {}, 'Văn bản đã nạp vào Trợ lý Công vụ'), h('a', { attrs: { href: '/' } }, 'Về trang hỏi đáp'))),
    main,
    host,
  );
  let docs: DocumentSummary[];
  try {
    const res = await fetch(`${api}/api/documents`);
    const body = (await res.json().catch(() => null)) as { documents?: DocumentSummary[]; error?: { message?: string } } | null;
    if (!res.ok || !body?.documents) throw new Error(body?.error?.message ?? 'Không tải được danh sách văn bản.');
    docs = body.documents;
  } catch (error) {
    status.textContent = error instanceof TypeError ? 'Mất kết nối, không tải được danh sách văn bản.' : (error as Error).message;
    status.classList.add('error');
    return;
  }
  // Newest first; undated ones last, by title.
  docs.sort((a, b) => (b.issued ?? '').localeCompare(a.issued ?? '') || a.title.localeCompare(b.title, 'vi'));
  filter.addEventListener('input', () => render(docs));
  render(docs);
}

void start();
