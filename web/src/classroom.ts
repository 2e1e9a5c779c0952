/**
 * Entry of the classroom page (`/lop-hoc`, bundled to web/dist/lop-hoc.js): a full-screen view for a projector —
 * the question, the ranked passages and the answer side by side, revealed step by step (→ / Space: next, ←: back,
 * Home / End), two phrasings of a question side by side, or offline against the language model where the server has
 * one. Asks `POST /api/ask` with `trace: true` (and the trainer token where the server asks for one).
 */
import { h, clear } from './dom.js';
import type { Explained } from '../../src/answer/explain.js';
import { CLASSROOM_CSS } from './classroom-css.js';
import { renderLane, STEP_ORDER, type Lane } from './classroom-view.js';
import { serverInfo, storedToken, storeToken, type TraceAccess } from './trainer-token.js';

const api = location.origin;
let access: TraceAccess | undefined;
let llm = false;
let lanes: Lane[] = [];
let steps: string[] = [];
let at = 0;

const sheet = new CSSStyleSheet();
sheet.replaceSync(CLASSROOM_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const params = new URLSearchParams(location.search);
const q1 = h('input', { attrs: { type: 'text', id: 'q1', name: 'q', maxlength: 2000, required: true, value: params.get('q') ?? '', placeholder: 'Ví dụ: Kinh tế số chiếm bao nhiêu phần trăm GRDP?' } });
const q2 = h('input', { attrs: { type: 'text', id: 'q2', name: 'q2', maxlength: 2000, value: params.get('q2') ?? '', placeholder: 'Cùng câu hỏi, hỏi cách khác' } });
const compare = h(
  'select',
  { attrs: { id: 'compare' } },
  h('option', { attrs: { value: '' } }, 'Một câu hỏi'),
  h('option', { attrs: { value: 'phrasing' } }, 'Hai cách hỏi'),
);
const modeOption = h('option', { attrs: { value: 'mode' } }, 'Ngoại tuyến và mô hình ngôn ngữ');
const mode = h('select', { attrs: { id: 'mode' } }, h('option', { attrs: { value: 'llm' } }, 'Mô hình ngôn ngữ'), h('option', { attrs: { value: 'extractive' } }, 'Ngoại tuyến (trích nguyên văn)'));
const q2Label = h('label', {}, 'Cách hỏi khác', q2);
const modeLabel = h('label', { attrs: { hidden: true } }, 'Cách trả lời', mode);
const askButton = h('button', { class: 'btn', attrs: { type: 'submit' } }, 'Hỏi');
/** Ticked: the question goes on from the ones before (a follow-up), and the class sees what it took from them. */
const followOn = h('input', { attrs: { type: 'checkbox', id: 'follow-on' } });
const followOnLabel = h('label', { class: 'check' }, followOn, 'Hỏi tiếp câu trước');
/** The conversation so far (one lane only): questions and the answers given. */
let conversation: Array<{ role: 'user' | 'assistant'; content: string }> = [];
const form = h(
  'form',
  { class: 'ask', attrs: { 'aria-label': 'Đặt câu hỏi cho lớp' } },
  h('label', {}, 'Câu hỏi', q1),
  h('label', {}, 'So sánh', compare),
  q2Label,
  modeLabel,
  followOnLabel,
  askButton,
  h('button', { class: 'btn ghost', attrs: { type: 'button' }, on: { click: () => void document.documentElement.requestFullscreen?.().catch(() => undefined) } }, 'Toàn màn hình'),
);
const prev = h('button', { class: 'btn ghost', attrs: { type: 'button', 'aria-label': 'Bước trước' }, on: { click: () => go(at - 1) } }, '◀ Bước trước');
const next = h('button', { class: 'btn', attrs: { type: 'button', 'aria-label': 'Bước tiếp' }, on: { click: () => go(at + 1) } }, 'Bước tiếp ▶');
const all = h('button', { class: 'btn ghost', attrs: { type: 'button' }, on: { click: () => go(steps.length - 1) } }, 'Hiện tất cả');
const now = h('span', { class: 'step-now', attrs: { 'aria-live': 'polite' } });
const stepper = h('nav', { class: 'stepper', attrs: { 'aria-label': 'Các bước' } }, prev, now, next, all, h('span', { class: 'hint' }, 'Phím → hoặc Space: bước tiếp · ←: bước trước · Home, End: đầu, cuối'));
const status = h('div', { class: 'status', attrs: { role: 'status' } });
const main = h('main', { class: 'lanes' });
document.body.append(h('header', { class: 'top' }, h('h1', {}, 'Lớp học: trợ lý tìm và kiểm tra câu trả lời như thế nào'), form), stepper, status, main);

function syncForm(): void {
  q2Label.hidden = compare.value !== 'phrasing';
  followOnLabel.hidden = compare.value !== '';
  modeLabel.hidden = !llm || compare.value === 'mode';
}
compare.addEventListener('change', syncForm);
syncForm();

/** Shows the steps up to `index`: later cards keep their place but are hidden, the current one is outlined. */
function go(index: number): void {
  if (!steps.length) return;
  at = Math.max(0, Math.min(steps.length - 1, index));
  for (const el of main.querySelectorAll<HTMLElement>('[data-step]')) {
    const i = steps.indexOf(el.dataset.step ?? '');
    el.classList.toggle('pending', i > at);
    el.classList.toggle('current', i === at);
  }
  const title = main.querySelector<HTMLElement>(`[data-step="${steps[at]}"] h4`)?.firstChild?.textContent ?? '';
  now.textContent = `Bước ${at + 1}/${steps.length}: ${title}`;
  prev.disabled = at === 0;
  next.disabled = at === steps.length - 1;
}

function render(): void {
  clear(main);
  main.classList.toggle('two', lanes.length > 1);
  for (const lane of lanes) main.append(renderLane(lane));
  const present = new Set([...main.querySelectorAll<HTMLElement>('[data-step]')].map((el) => el.dataset.step ?? ''));
  steps = STEP_ORDER.filter((s) => present.has(s));
  go(0);
}

/** The trainer token form, when the server needs one; resolves once a token is kept. */
function login(message = ''): Promise<void> {
  return new Promise((resolve) => {
    const input = h('input', { attrs: { type: 'password', id: 'token', autocomplete: 'off', required: true } });
    const box = h(
      'form',
      { class: 'login', attrs: { 'aria-label': 'Mã giảng viên' } },
      h('p', {}, message || 'Máy chủ yêu cầu mã giảng viên để xem cách trợ lý tạo câu trả lời. Mã được giữ đến khi đóng thẻ này.'),
      h('label', { attrs: { for: 'token' } }, 'Mã giảng viên'),
      input,
      h('button', { class: 'btn', attrs: { type: 'submit' } }, 'Vào lớp'),
    );
    box.addEventListener('submit', (event) => {
      event.preventDefault();
      storeToken(input.value.trim());
      box.remove();
      resolve();
    });
    clear(main);
    main.append(box);
    input.focus();
  });
}

class Unauthorized extends Error {}

async function askOne(question: string, forced?: 'extractive' | 'llm', history: typeof conversation = []): Promise<Explained> {
  const token = storedToken();
  const body: Record<string, unknown> = { question, topK: 5, trace: access !== 'off', ...(history.length ? { history } : {}) };
  if (forced) body.mode = forced;
  const res = await fetch(`${api}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && access === 'token' ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }).catch(() => {
    throw new Error('Mất kết nối tới máy chủ. Vui lòng thử lại.');
  });
  const json = (await res.json().catch(() => null)) as (Explained & { error?: { message?: string } }) | null;
  if (res.status === 401) throw new Unauthorized(json?.error?.message ?? 'Mã giảng viên không đúng.');
  if (!res.ok || !json) throw new Error(json?.error?.message ?? `Máy chủ không trả lời được (mã ${res.status}).`);
  return json;
}

async function submit(): Promise<void> {
  const first = q1.value.trim();
  if (!first) return;
  if (access === 'token' && !storedToken()) await login();
  const plan: Array<{ title: string; question: string; mode?: 'extractive' | 'llm' }> = [];
  if (compare.value === 'phrasing' && q2.value.trim()) {
    plan.push({ title: 'Cách hỏi 1', question: first }, { title: 'Cách hỏi 2', question: q2.value.trim() });
  } else if (compare.value === 'mode' && llm) {
    plan.push({ title: 'Ngoại tuyến (trích nguyên văn)', question: first, mode: 'extractive' }, { title: 'Mô hình ngôn ngữ', question: first, mode: 'llm' });
  } else {
    plan.push({ title: '', question: first, mode: llm ? (mode.value as 'extractive' | 'llm') : undefined });
  }
  askButton.disabled = true;
  status.textContent = '';
  lanes = plan.map((p) => ({ title: p.title, question: p.question }));
  render();
  try {
    // A follow-up is asked with the conversation before it (one lane only); otherwise a conversation starts here.
    const history = plan.length === 1 && followOn.checked ? conversation.slice(-8) : [];
    const results = await Promise.allSettled(plan.map((p) => askOne(p.question, p.mode, history)));
    if (results.some((r) => r.status === 'rejected' && r.reason instanceof Unauthorized)) {
      storeToken(undefined);
      await login('Mã giảng viên không đúng. Vui lòng nhập lại.');
      askButton.disabled = false;
      return void submit();
    }
    lanes = plan.map((p, i) => {
      const r = results[i]!;
      return r.status === 'fulfilled' ? { title: p.title, question: p.question, result: r.value } : { title: p.title, question: p.question, error: (r.reason as Error).message };
    });
    const only = results.length === 1 && results[0]!.status === 'fulfilled' ? results[0]!.value : undefined;
    conversation = only ? [...history, { role: 'user', content: first }, { role: 'assistant', content: only.answer }] : [];
    if (access === 'off') status.textContent = 'Máy chủ đã tắt phần giải thích: chỉ hiện câu trả lời.';
    render();
    next.focus();
  } finally {
    askButton.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const moves: Record<string, () => number> = {
    ArrowRight: () => at + 1,
    PageDown: () => at + 1,
    ' ': () => at + 1,
    ArrowLeft: () => at - 1,
    PageUp: () => at - 1,
    Home: () => 0,
    End: () => steps.length - 1,
  };
  const move = moves[event.key];
  if (!move || !steps.length) return;
  event.preventDefault();
  go(move());
});

void serverInfo(api).then(async (info) => {
  access = info.trace;
  llm = info.mode === 'llm';
  if (llm) compare.append(modeOption);
  syncForm();
  if (params.get('so-sanh') === 'che-do' && llm) compare.value = 'mode';
  else if (params.get('q2')) compare.value = 'phrasing';
  syncForm();
  if (access === 'token' && !storedToken()) await login();
  if (q1.value.trim()) void submit();
  else {
    main.append(h('p', { class: 'empty' }, 'Gõ một câu hỏi rồi bấm “Hỏi”. Sau đó dùng phím → để đi từng bước: câu hỏi được đọc thế nào, tìm thấy đoạn nào, vì sao tin được và câu trả lời lấy từ đâu.'));
    q1.focus();
  }
});
