/**
 * The trainer view ("Chế độ giảng dạy"): how one answer was made — the question as the system read it, the passages
 * it retrieved with their scores as small bars, the sentences or rows it chose, the mode and the time of each step.
 * The trace is read defensively: a field that is missing or of another shape is simply not shown.
 */
import { h, type Child } from './dom.js';
import type { AssistantMessage } from './types.js';
import { refusalText } from './reasons.js';

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC') : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const SCORE_LABELS: [key: string, label: string, hint: string][] = [
  ['lexical', 'Từ khóa', 'điểm BM25 theo từ khóa'],
  ['vector', 'Ngữ nghĩa', 'độ gần về nghĩa (vector)'],
  ['fused', 'Kết hợp', 'điểm hợp nhất hai cách tìm (RRF)'],
  ['final', 'Cuối cùng', 'điểm xếp hạng cuối cùng'],
];

const INTENTS: Record<string, string> = {
  general: 'chung',
  count: 'hỏi số lượng',
  target: 'hỏi chỉ tiêu, mục tiêu',
  responsibility: 'hỏi ai chịu trách nhiệm',
  deadline: 'hỏi thời hạn, ngày tháng',
  progress: 'hỏi tiến độ, kết quả',
  list: 'liệt kê',
};

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3).replace(/\.?0+$/, '') || '0';
}

/** A labelled bar: the width is the value over the column's largest value; the number is shown as text too. */
function bar(label: string, value: number, max: number, hint: string, unit = ''): HTMLElement {
  const pct = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  const fill = h('span', { class: 'bar-fill' });
  // CSSOM, not a style attribute: a host page's strict CSP allows it.
  fill.style.width = `${pct}%`;
  return h(
    'div',
    { class: 'bar', attrs: { title: `${label}: ${hint}` } },
    h('span', { class: 'bar-label' }, label),
    h('span', { class: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fill),
    h('span', { class: 'bar-value' }, `${fmt(value)}${unit}`),
  );
}

function chips(values: unknown[], empty = 'không có'): HTMLElement {
  const items = values.map(str).filter(Boolean);
  if (!items.length) return h('span', { class: 'muted' }, empty);
  return h('span', { class: 'chips' }, ...items.map((t) => h('span', { class: 'chip' }, t)));
}

function row(label: string, ...value: Child[]): HTMLElement {
  return h('div', { class: 'kv' }, h('dt', {}, label), h('dd', {}, ...value));
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'trace-section' }, h('h4', {}, title), ...children);
}

function querySection(q: Rec): HTMLElement {
  const rewritten = q.rewritten === true && str(q.standalone);
  const intent = str(q.intent);
  return section(
    '1. Câu hỏi được hiểu như thế nào',
    h(
      'dl',
      {},
      rewritten ? row('Câu hỏi đầy đủ', str(q.standalone)) : null,
      row('Từ tố', chips(list(q.tokens))),
      row('Dạng bỏ dấu', h('code', {}, str(q.folded))),
      row('Văn bản được nhắc', chips(list(q.docRefs))),
      row('Mốc thời gian', chips(list(q.dates))),
      row('Ý định', intent ? `${intent}${INTENTS[intent] ? ` (${INTENTS[intent]})` : ''}` : 'không rõ', q.list === true ? ' · cần liệt kê' : ''),
    ),
  );
}

function passagesSection(passages: Rec[], chosenKeys: Set<string>): HTMLElement {
  const max: Record<string, number> = {};
  for (const [key] of SCORE_LABELS) {
    max[key] = Math.max(0, ...passages.map((p) => num(isRec(p.scores) ? p.scores[key] : undefined) ?? 0));
  }
  return section(
    '2. Các đoạn văn tìm được',
    h('p', { class: 'muted small' }, 'Thanh dài nhất trong mỗi cột là đoạn có điểm cao nhất.'),
    h(
      'ol',
      { class: 'trace-passages' },
      ...passages.map((p) => {
        const scores = isRec(p.scores) ? p.scores : {};
        const used = chosenKeys.has(`${str(p.documentId)}|${str(p.section)}`);
        return h(
          'li',
          { class: used ? 'trace-passage used' : 'trace-passage' },
          h(
            'div',
            { class: 'trace-passage-head' },
            h('strong', {}, `#${str(p.rank)} `, str(p.title) || str(p.documentId)),
            used ? h('span', { class: 'badge' }, 'được dùng') : null,
          ),
          str(p.section) ? h('div', { class: 'muted small' }, str(p.section)) : null,
          h(
            'div',
            { class: 'bars' },
            ...SCORE_LABELS.map(([key, label, hint]) => {
              const v = num(scores[key]);
              return v === undefined ? null : bar(label, v, max[key] ?? 0, hint);
            }),
          ),
          str(p.preview) ? h('div', { class: 'preview' }, `${str(p.preview).replace(/\s+/g, ' ').trim()}…`) : null,
        );
      }),
    ),
  );
}

/** What kind of source the answer took, as the trace's `chosen[].kind` names it. */
const CHOSEN_KINDS: Record<string, string> = {
  row: 'hàng bảng',
  'issue-date': 'ngày ban hành',
  'effective-date': 'hiệu lực',
  issuer: 'cơ quan ban hành',
  signature: 'người ký',
  subject: 'trích yếu',
  fact: 'chỉ tiêu',
  definition: 'định nghĩa ký hiệu, chữ viết tắt',
  section: 'mục của văn bản',
};

function chosenSection(message: AssistantMessage, chosen: Rec[], refusal: string): HTMLElement {
  if (!chosen.length) {
    const why = refusalText(refusal);
    return section('3. Câu được chọn', h('p', {}, 'Không chọn câu nào: không đoạn nào trả lời được câu hỏi', why ? ` (${why}).` : '.'));
  }
  return section(
    '3. Câu, hàng được chọn để trả lời',
    h(
      'ul',
      { class: 'trace-chosen' },
      ...chosen.map((c) => {
        const citation = message.citations.find((x) => x.n === num(c.n));
        const start = num(c.start);
        const end = num(c.end);
        const text = citation && start !== undefined && end !== undefined ? citation.text.slice(start - citation.start, end - citation.start) : '';
        const kind = CHOSEN_KINDS[str(c.kind)] ?? 'câu';
        return h(
          'li',
          {},
          h('strong', {}, `[${str(c.n)}] ${kind}`),
          ` · điểm ${fmt(num(c.score) ?? 0)} · độ phủ từ khóa ${Math.round((num(c.coverage) ?? 0) * 100)}%`,
          text ? h('div', { class: 'quote' }, text.trim()) : null,
        );
      }),
    ),
  );
}

function timingSection(mode: string, timings: Rec): HTMLElement {
  const steps: [string, string][] = [
    ['retrieveMs', 'Tìm đoạn văn'],
    ['answerMs', 'Soạn câu trả lời'],
    ['totalMs', 'Tổng cộng'],
  ];
  const max = num(timings.totalMs) ?? Math.max(0, ...steps.map(([k]) => num(timings[k]) ?? 0));
  return section(
    '4. Cách trả lời và thời gian',
    h('p', {}, 'Chế độ: ', h('strong', {}, mode === 'llm' ? 'mô hình ngôn ngữ (llm)' : 'trích nguyên văn (extractive)')),
    h(
      'div',
      { class: 'bars' },
      ...steps.map(([key, label]) => {
        const v = num(timings[key]);
        return v === undefined ? null : bar(label, v, max, 'thời gian xử lý', ' ms');
      }),
    ),
  );
}

/** Renders the trace of one answer (or nothing when it has none). */
export function renderTrace(message: AssistantMessage): HTMLElement | null {
  const trace = message.trace;
  if (!isRec(trace)) return null;
  const passages = list(trace.passages).filter(isRec);
  const chosen = list(trace.chosen).filter(isRec);
  // A retrieved passage "was used" when a chosen sentence's citation is in the same document and section.
  const chosenKeys = new Set(
    chosen.map((c) => {
      const citation = message.citations.find((x) => x.n === num(c.n));
      return `${str(c.documentId)}|${citation?.section ?? ''}`;
    }),
  );
  const timings = isRec(trace.timings) ? trace.timings : isRec(message.timings) ? (message.timings as unknown as Rec) : {};
  return h(
    'details',
    { class: 'trace', attrs: { open: true } },
    h('summary', {}, 'Câu trả lời được tạo ra như thế nào'),
    isRec(trace.query) ? querySection(trace.query) : null,
    passages.length ? passagesSection(passages, chosenKeys) : null,
    chosenSection(message, chosen, str(trace.refusal)),
    timingSection(str(trace.mode) || message.mode || '', timings),
  );
}
