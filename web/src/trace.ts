/**
 * The trainer view ("Chế độ giảng dạy"): how one answer was made, in plain Vietnamese — one sentence per step
 * (src/answer/explain.ts, shared with the classroom page and the CLI), the technical name only as a small label; the
 * answer's and each passage's confidence on one 0–100 scale with the refusal threshold drawn on it, and why each
 * passage ranks where it does (key words held, heading, document, the BM25 and vector parts side by side).
 * The trace is read defensively: a field that is missing or of another shape is simply not shown.
 */
import { confidenceOf, explainAnswer, joinQuoted, type ExplainStep } from '../../src/answer/explain.js';
import { h, type Child } from './dom.js';
import { confidenceScale, confidenceWord, scaleLegend } from './scale.js';
import type { AssistantMessage } from './types.js';
import { isRec, list, num, str, strings, type Rec } from '../../src/answer/trace-values.js';


/** A step's title, its sentence and (small, secondary) its technical name. */
function stepHead(n: number, step: ExplainStep): Child[] {
  return [
    h('h4', {}, `${n}. ${step.title}`, step.label ? h('span', { class: 'tech' }, ` · ${step.label}`) : null),
    h('p', { class: 'step-text' }, step.text),
  ];
}

/** Why a passage ranks where it does, as short lines. */
function whyLines(why: Rec): Child[] {
  const lines: Child[] = [];
  const matched = strings(why.matched);
  const missing = strings(why.missing);
  if (matched.length) lines.push(h('li', {}, `Có từ khóa: ${joinQuoted(matched)}`));
  if (missing.length) lines.push(h('li', {}, `Thiếu: ${joinQuoted(missing)}`));
  const heading = isRec(why.heading) ? why.heading : undefined;
  if (heading) lines.push(h('li', {}, `Đề mục “${str(heading.line).replace(/^#+\s*/, '')}” nêu ${joinQuoted(strings(heading.matched))}`));
  if (str(why.document)) lines.push(h('li', {}, `Thuộc đúng văn bản được hỏi: ${str(why.document)}`));
  const numbers = strings(why.numbers);
  if (numbers.length) lines.push(h('li', {}, `Có số được hỏi: ${numbers.join(', ')}`));
  return lines;
}

/** The two ways of searching side by side: key words (BM25, within this question) and meaning (vectors). */
function parts(why: Rec): HTMLElement | null {
  const bm25 = isRec(why.bm25) ? why.bm25 : undefined;
  const vector = isRec(why.vector) ? why.vector : undefined;
  if (!bm25 && !vector) return null;
  return h(
    'div',
    { class: 'parts' },
    bm25 ? h('span', {}, `Theo từ khóa: ${num(bm25.relative) ?? 0}% so với đoạn cao nhất`, h('span', { class: 'tech' }, ' · BM25')) : null,
    vector ? h('span', {}, `Gần về nghĩa: ${num(vector.similarity) ?? 0}/100`, h('span', { class: 'tech' }, ' · vector')) : null,
  );
}

function passagesSection(n: number, step: ExplainStep, passages: Rec[], usedKeys: Set<string>, threshold: number): HTMLElement {
  return h(
    'section',
    { class: 'trace-section' },
    ...stepHead(n, step),
    h(
      'ol',
      { class: 'trace-passages' },
      ...passages.map((p) => {
        const why = isRec(p.why) ? p.why : {};
        const used = usedKeys.has(`${str(p.documentId)}|${str(p.section)}`);
        const conf = num(p.confidence);
        return h(
          'li',
          { class: used ? 'trace-passage used' : 'trace-passage' },
          h(
            'div',
            { class: 'trace-passage-head' },
            h('strong', {}, `Đoạn ${str(p.rank)}: `, str(p.title) || str(p.documentId)),
            used ? h('span', { class: 'badge' }, 'được dùng') : null,
          ),
          str(p.section) ? h('div', { class: 'muted small' }, str(p.section)) : null,
          conf !== undefined ? confidenceScale('Độ tin cậy', conf, threshold) : null,
          h('ul', { class: 'why' }, ...whyLines(why)),
          parts(why),
          str(p.preview) ? h('div', { class: 'preview' }, `${str(p.preview).replace(/\s+/g, ' ').trim()}…`) : null,
        );
      }),
    ),
  );
}

function plainSection(n: number, step: ExplainStep, quotes = false): HTMLElement {
  return h(
    'section',
    { class: 'trace-section' },
    ...stepHead(n, step),
    step.details.length
      ? h('ul', { class: quotes ? 'trace-chosen' : 'why' }, ...step.details.map((d) => h('li', {}, quotes ? h('div', { class: 'quote' }, d) : d)))
      : null,
  );
}

/** Renders the trace of one answer (or nothing when it has none). */
export function renderTrace(message: AssistantMessage): HTMLElement | null {
  const trace = message.trace;
  if (!isRec(trace)) return null;
  const result = {
    answer: message.text,
    notFound: message.notFound === true,
    refusal: message.refusal,
    mode: message.mode,
    citations: message.citations,
    trace,
  };
  const steps = explainAnswer(result);
  const passages = list(trace.passages).filter(isRec);
  // A retrieved passage "was used" when a chosen sentence's citation is in the same document and section.
  const usedKeys = new Set(
    list(trace.chosen)
      .filter(isRec)
      .map((c) => `${str(c.documentId)}|${message.citations.find((x) => x.n === num(c.n))?.section ?? ''}`),
  );
  const c = confidenceOf(trace);
  return h(
    'details',
    { class: 'trace', attrs: { open: true } },
    h('summary', {}, 'Câu trả lời được tạo ra như thế nào'),
    c.answer !== undefined
      ? h(
          'div',
          { class: 'trace-confidence' },
          confidenceScale('Câu trả lời', c.answer, c.threshold),
          h('p', { class: 'small' }, `Độ tin cậy ${c.answer}/100: ${confidenceWord(c.answer, c.threshold)}.`),
          scaleLegend(c.threshold),
        )
      : null,
    ...steps.map((step, i) =>
      step.id === 'passages' ? passagesSection(i + 1, step, passages, usedKeys, c.threshold) : plainSection(i + 1, step, step.id === 'chosen'),
    ),
  );
}
