/**
 * The admin page (`/admin`): asks for the admin token once per tab (sessionStorage), then shows the usage report
 * (`GET /api/admin/report`) with charts (Chart.js, bundled by scripts/build-web.mjs) and lets the admin mark
 * thumbs-down feedback handled (`POST /api/admin/feedback/:id/handled`). Text from the server is only set as text.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const KEY = 'tro-ly-cong-vu:admin-token';

interface Counted {
  text: string;
  count: number;
}
interface Report {
  since?: string;
  totals: { questions: number; answered: number; refused: number; refusedShare: number };
  perDay: { day: string; answered: number; refused: number }[];
  refusalCodes: Counted[];
  missing: { documents: Counted[]; places: Counted[]; names: Counted[]; topics: Counted[] };
  refusedClusters: { terms: string[]; count: number; questions: Counted[]; codes: string[] }[];
  feedback: { up: number; down: number; downUnhandled: number };
  thumbsDown: { id: string; at: string; question: string; answer: string; comment?: string; handledAt?: string; passage?: { documentId: string; title?: string; text: string } }[];
  slowest: { at: string; question: string; latencyMs: number; outcome: string; mode: string }[];
  latency: { p50: number; p95: number; max: number };
  questionLog: boolean;
  questionLogDays: number;
  store: string;
}

type Child = Node | string | null | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function token(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function setToken(value: string | null): void {
  try {
    if (value) sessionStorage.setItem(KEY, value);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage blocked: asked again next time */
  }
}

/** A call to the admin API with the token; 401 shows the login form again. */
async function api(url: string, init: RequestInit = {}): Promise<Response> {
  const t = token();
  const headers = new Headers(init.headers);
  if (t) headers.set('authorization', `Bearer ${t}`);
  return fetch(url, { ...init, headers });
}

function showLogin(message = ''): void {
  $('report').hidden = true;
  $('filter').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $<HTMLInputElement>('token').focus();
}

function table(head: string[], rows: Child[][], empty = 'Chưa có.'): HTMLElement {
  if (!rows.length) return el('p', { class: 'muted' }, empty);
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', i === 0 && head[0] === 'Số lần' ? { class: 'n' } : {}, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => el('td', i === 0 && typeof c === 'string' && /^\d+$/.test(c) ? { class: 'n' } : {}, c))))),
  );
}

const countedRows = (rows: Counted[]) => rows.map((r) => [String(r.count), r.text]);
const card = (title: string, ...children: Child[]) => el('section', { class: 'card' }, el('h2', {}, title), ...children);

function chart(canvas: HTMLCanvasElement, labels: string[], datasets: { label: string; data: number[]; backgroundColor: string }[], horizontal = false): void {
  new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      scales: { x: { stacked: !horizontal, ticks: { autoSkip: true } }, y: { stacked: !horizontal, beginAtZero: true } },
      plugins: { legend: { display: datasets.length > 1 } },
    },
  });
}

async function markHandled(id: string, handled: boolean, item: HTMLElement, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  const res = await api(`/api/admin/feedback/${encodeURIComponent(id)}/handled`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handled }),
  }).catch(() => null);
  button.disabled = false;
  if (res?.status === 401) return showLogin('Mã quản trị không còn hợp lệ.');
  if (!res?.ok) {
    button.textContent = 'Lỗi, thử lại';
    return;
  }
  item.classList.toggle('handled', handled);
  item.dataset.handled = String(handled);
  button.textContent = handled ? 'Bỏ đánh dấu' : 'Đánh dấu đã xử lý';
  button.onclick = () => void markHandled(id, !handled, item, button);
}

function render(r: Report): void {
  const root = $('report');
  root.replaceChildren();
  const pct = `${(r.totals.refusedShare * 100).toFixed(1)}%`;
  const tile = (n: string, l: string) => el('div', { class: 'tile' }, el('div', { class: 'n' }, n), el('div', { class: 'l' }, l));
  root.append(
    el('p', { class: 'note' }, r.questionLog ? `Nhật ký câu hỏi đang bật (giữ ${r.questionLogDays} ngày, không ghi IP hay danh tính). Kho: ${r.store}.` : `Nhật ký câu hỏi đang tắt (QUESTION_LOG=off): chỉ có góp ý. Kho: ${r.store}.`),
    el(
      'div',
      { class: 'tiles' },
      tile(String(r.totals.questions), 'câu hỏi'),
      tile(String(r.totals.answered), 'trả lời được'),
      tile(`${r.totals.refused} (${pct})`, 'bị từ chối'),
      tile(`${r.feedback.downUnhandled}/${r.feedback.down}`, 'góp ý "chưa đúng" chưa xử lý'),
      tile(`${r.latency.p50} / ${r.latency.p95} ms`, 'thời gian trả lời trung vị / p95'),
    ),
  );
  const perDay = el('canvas', { 'aria-label': 'Biểu đồ câu hỏi theo ngày', role: 'img' });
  const codes = el('canvas', { 'aria-label': 'Biểu đồ lý do từ chối', role: 'img' });
  root.append(
    el('div', { class: 'grid2' }, card('Câu hỏi theo ngày', el('div', { class: 'chart' }, perDay)), card('Lý do từ chối', el('div', { class: 'chart' }, codes))),
    el(
      'div',
      { class: 'grid2' },
      card('Cần bổ sung: số văn bản được hỏi mà kho chưa có', table(['Số lần', 'Số văn bản (như người hỏi viết)'], countedRows(r.missing.documents))),
      card('Cần bổ sung: địa phương', table(['Số lần', 'Địa phương'], countedRows(r.missing.places))),
      card('Cần bổ sung: chủ đề không tìm thấy căn cứ', table(['Số lần', 'Chủ đề (từ khóa)'], countedRows(r.missing.topics))),
      card('Tên, lần/khóa, năm không có trong kho', table(['Số lần', 'Tên'], countedRows(r.missing.names))),
    ),
    card(
      'Câu hỏi bị từ chối nhiều nhất (gom theo từ khóa)',
      table(
        ['Số lần', 'Từ khóa', 'Câu hỏi', 'Mã'],
        r.refusedClusters.map((c) => [String(c.count), c.terms.join(' '), el('div', {}, ...c.questions.slice(0, 3).map((q) => el('div', {}, `${q.count} × ${q.text}`))), c.codes.join(', ')]),
      ),
    ),
  );
  const list = card(`Góp ý "chưa đúng" (${r.feedback.down}; ${r.feedback.up} "hữu ích")`);
  if (!r.thumbsDown.length) list.append(el('p', { class: 'muted' }, 'Chưa có.'));
  for (const f of r.thumbsDown) {
    const button = el('button', { type: 'button', class: 'secondary' }, f.handledAt ? 'Bỏ đánh dấu' : 'Đánh dấu đã xử lý');
    const item = el(
      'article',
      { class: `fb${f.handledAt ? ' handled' : ''}`, 'data-id': f.id, 'data-handled': String(Boolean(f.handledAt)) },
      el(
        'div',
        {},
        el('div', { class: 'q' }, f.question),
        el('div', { class: 'muted' }, `${f.at.slice(0, 10)} · trả lời: ${f.answer.slice(0, 200)}`),
        f.comment ? el('div', { class: 'comment' }, `Góp ý: ${f.comment}`) : null,
        f.passage ? el('blockquote', {}, `[${f.passage.title ?? f.passage.documentId}] ${f.passage.text.slice(0, 300) || '(đoạn này không còn trong chỉ mục)'}`) : null,
      ),
      el('div', {}, button),
    );
    button.onclick = () => void markHandled(f.id, !f.handledAt, item, button);
    list.append(item);
  }
  root.append(
    list,
    card(
      'Câu hỏi chậm nhất',
      table(['ms', 'Ngày', 'Kết quả', 'Câu hỏi'], r.slowest.map((s) => [String(s.latencyMs), s.at.slice(0, 10), s.outcome === 'refused' ? 'từ chối' : 'trả lời', s.question])),
    ),
  );
  root.hidden = false;
  chart(
    perDay,
    r.perDay.map((d) => d.day.slice(5)),
    [
      { label: 'Trả lời được', data: r.perDay.map((d) => d.answered), backgroundColor: '#1e7a3c' },
      { label: 'Bị từ chối', data: r.perDay.map((d) => d.refused), backgroundColor: '#b3261e' },
    ],
  );
  chart(codes, r.refusalCodes.map((c) => c.text), [{ label: 'Số câu', data: r.refusalCodes.map((c) => c.count), backgroundColor: '#0b5cad' }], true);
}

async function load(): Promise<void> {
  const since = $<HTMLInputElement>('since').value;
  const res = await api(`/api/admin/report${since ? `?since=${since}` : ''}`).catch(() => null);
  if (!res) return showLogin('Mất kết nối tới máy chủ.');
  if (res.status === 401) return showLogin(token() ? 'Mã quản trị không đúng.' : '');
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    $('report').replaceChildren(el('p', { class: 'error' }, (body as { error?: { message?: string } })?.error?.message ?? 'Có lỗi xảy ra.'));
    $('report').hidden = false;
    return;
  }
  $('login').hidden = true;
  $('filter').hidden = false;
  render(body as Report);
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  setToken($<HTMLInputElement>('token').value.trim());
  void load();
});
$('filter').addEventListener('submit', (event) => {
  event.preventDefault();
  void load();
});
$('logout').addEventListener('click', () => {
  setToken(null);
  showLogin();
});
void load();
