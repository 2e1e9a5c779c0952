/**
 * What an empty conversation shows: a greeting that says answers come with citations, and the starter questions
 * (suggestions.ts) as buttons that ask them.
 */
import { h } from './dom.js';

/**
 * Builds the welcome block for an empty log.
 * @param suggestions the starter questions, in order
 * @param ask called with the question of the suggestion chosen
 * @param documentsUrl the page listing what is indexed (`/documents` of the API's origin), opened in a new tab
 */
export function renderWelcome(suggestions: readonly string[], ask: (question: string) => void, documentsUrl?: string): HTMLElement {
  return h(
    'div',
    { class: 'welcome' },
    h('p', {}, 'Xin chào! Tôi trả lời câu hỏi về các văn bản đã được nạp vào hệ thống. Mỗi câu trả lời kèm trích dẫn để anh/chị mở ra kiểm tra.'),
    documentsUrl
      ? h('p', {}, h('a', { class: 'docs-link', attrs: { href: documentsUrl, target: '_blank', rel: 'noopener' } }, 'Xem danh sách văn bản đã nạp'))
      : null,
    h('p', { class: 'small muted', attrs: { id: 'suggest-title' } }, 'Gợi ý câu hỏi:'),
    h(
      'ul',
      { class: 'suggestions', attrs: { 'aria-labelledby': 'suggest-title' } },
      ...suggestions.map((q) => h('li', {}, h('button', { class: 'suggestion', attrs: { type: 'button' }, on: { click: () => ask(q) } }, q))),
    ),
  );
}
