/**
 * One lane of the classroom page: a question, the passages found and the answer side by side, each step of how the
 * answer was made as a card that the trainer reveals in turn (src/answer/explain.ts tells each step in one sentence).
 */
import { confidenceOf, explainAnswer, joinQuoted, type Explained, type ExplainStep, type StepId } from '../../src/answer/explain.js';
import { parseCitations } from './citations.js';
import { h, type Child } from './dom.js';
import { confidenceScale, confidenceWord, scaleLegend } from './scale.js';
import { isRec, list, num, str, strings } from '../../src/answer/trace-values.js';


/** The order a class follows the steps in. */
export const STEP_ORDER: StepId[] = ['conversation', 'question', 'passages', 'confidence', 'chosen', 'check', 'mode'];

export interface Lane {
  /** "Cách hỏi 1", "Ngoại tuyến" … */
  title: string;
  question: string;
  result?: Explained;
  /** A Vietnamese message when the question could not be answered at all (network, server error). */
  error?: string;
}

function card(step: ExplainStep | undefined, ...body: Child[]): HTMLElement | null {
  if (!step) return null;
  return h(
    'section',
    { class: 'card', attrs: { 'data-step': step.id } },
    h('h4', {}, step.title, step.label ? h('span', { class: 'tech' }, ` · ${step.label}`) : null),
    h('p', {}, step.text),
    ...body,
  );
}

function details(lines: string[]): HTMLElement | null {
  return lines.length ? h('ul', { class: 'details' }, ...lines.map((l) => h('li', {}, l))) : null;
}

function chips(words: string[], miss = false): HTMLElement | null {
  return words.length ? h('ul', { class: 'chips' }, ...words.map((w) => h('li', { class: miss ? 'chip miss' : 'chip' }, w))) : null;
}

/** The answer's text, its [n] markers as marks. */
function answerText(result: Explained): HTMLElement {
  const parts = parseCitations(result.answer).map((p) => (p.kind === 'cite' ? h('span', { class: 'cite' }, `[${p.n}]`) : p.text));
  return h('p', { class: result.notFound ? 'answer-text refused' : 'answer-text' }, ...parts);
}

function passageList(result: Explained, threshold: number): HTMLElement {
  const trace = result.trace ?? {};
  const used = new Set(
    list(trace.chosen)
      .filter(isRec)
      .map((c) => `${str(c.documentId)}|${result.citations.find((x) => x.n === num(c.n))?.section ?? ''}`),
  );
  return h(
    'ol',
    { class: 'details passages', attrs: { 'aria-label': 'Các đoạn tìm được, xếp theo thứ hạng' } },
    ...list(trace.passages)
      .filter(isRec)
      .map((p) => {
        const why = isRec(p.why) ? p.why : {};
        const bm25 = isRec(why.bm25) ? why.bm25 : {};
        const vector = isRec(why.vector) ? why.vector : {};
        const heading = isRec(why.heading) ? why.heading : undefined;
        const isUsed = used.has(`${str(p.documentId)}|${str(p.section)}`);
        const extra = [
          heading ? `Đề mục “${str(heading.line).replace(/^#+\s*/, '')}” nêu ${joinQuoted(strings(heading.matched))}` : '',
          str(why.document) ? `Đúng văn bản được hỏi: ${str(why.document)}` : '',
          strings(why.numbers).length ? `Có số được hỏi: ${strings(why.numbers).join(', ')}` : '',
        ].filter(Boolean);
        return h(
          'li',
          { class: isUsed ? 'passage used' : 'passage' },
          h('div', { class: 'passage-title' }, `Đoạn ${str(p.rank)}: ${str(p.title) || str(p.documentId)}`, isUsed ? ' — được dùng' : ''),
          num(p.confidence) !== undefined ? confidenceScale('Tin cậy', num(p.confidence)!, threshold, true) : null,
          chips(strings(why.matched)),
          chips(strings(why.missing), true),
          details(extra),
          h(
            'div',
            { class: 'parts' },
            h('span', {}, `Theo từ khóa: ${num(bm25.relative) ?? 0}% so với đoạn đầu`, h('span', { class: 'tech' }, ' · BM25')),
            h('span', {}, `Gần về nghĩa: ${num(vector.similarity) ?? 0}/100`, h('span', { class: 'tech' }, ' · vector')),
          ),
        );
      }),
  );
}

/** Renders one lane; its cards carry `data-step` for the step-by-step reveal. */
export function renderLane(lane: Lane): HTMLElement {
  const column = (title: string, ...children: Child[]) => h('div', { class: 'column' }, h('h3', {}, title), ...children);
  if (!lane.result) {
    return h('article', { class: 'lane' }, lane.title ? h('h2', {}, lane.title) : null, h('p', { class: 'question-text' }, lane.question), h('p', { class: 'empty' }, lane.error ?? 'Đang hỏi…'));
  }
  const result = lane.result;
  const steps = new Map(explainAnswer(result).map((s) => [s.id, s]));
  const c = confidenceOf(result.trace);
  const keywords = strings(isRec(result.trace?.confidence) ? result.trace.confidence.keywords : undefined);
  const chosen = steps.get('chosen');
  return h(
    'article',
    { class: 'lane', attrs: { 'aria-label': lane.title || 'Câu hỏi' } },
    lane.title ? h('h2', {}, lane.title) : null,
    h(
      'div',
      { class: 'columns' },
      column(
        'Câu hỏi',
        h('p', { class: 'question-text' }, lane.question),
        card(steps.get('conversation'), details(steps.get('conversation')?.details ?? [])),
        card(steps.get('question'), chips(keywords), details(steps.get('question')?.details ?? [])),
      ),
      column(
        'Các đoạn tìm được',
        card(steps.get('passages'), passageList(result, c.threshold)),
        card(
          steps.get('confidence'),
          c.answer !== undefined ? confidenceScale('Câu trả lời', c.answer, c.threshold, true) : null,
          c.answer !== undefined ? h('p', {}, `Mức: ${confidenceWord(c.answer, c.threshold)}.`) : null,
          scaleLegend(c.threshold),
        ),
      ),
      column(
        'Câu trả lời',
        chosen ? card(chosen, answerText(result), ...(chosen.details.map((d) => h('div', { class: 'quote' }, d)))) : answerText(result),
        card(steps.get('check'), details(steps.get('check')?.details ?? [])),
        card(steps.get('mode')),
      ),
    ),
  );
}
