/**
 * One message of the conversation as DOM: the user's question, or an answer with its `[n]` buttons, its sources,
 * copy and feedback actions and (in the trainer view) its trace. Text from the server is only ever set as text.
 */
import { formatDate, parseCitations } from './citations.js';
import { h, icon, ICONS } from './dom.js';
import { renderTrace } from './trace.js';
import type { AssistantMessage, Citation, Message } from './types.js';

export interface MessageHandlers {
  openCitation(message: AssistantMessage, n: number, opener: HTMLElement): void;
  copy(message: AssistantMessage, button: HTMLButtonElement): void;
  /** Sends a rating (and comment); rejects with a Vietnamese message. */
  rate(message: AssistantMessage, rating: 'up' | 'down', comment?: string): Promise<void>;
  retry(message: AssistantMessage): void;
  /** Something the user toggled on a message should be kept (saved with the conversation). */
  changed?(message: AssistantMessage): void;
}

/** "Quyết định 15/QĐ-UBND … · số 15/QĐ-UBND · 12/03/2024" */
export function citationLabel(c: Citation): string {
  const parts = [c.title];
  if (c.number && !c.title.includes(c.number)) parts.push(`số ${c.number}`);
  if (c.issued) parts.push(formatDate(c.issued));
  return parts.join(' · ');
}

/** What kind of refusal an answer is, in a few words (the answer itself says what exactly is missing). */
const REFUSAL_KIND: Record<string, string> = {
  DOCUMENT_MISSING: 'Kho chưa có văn bản này',
  PLACE_MISSING: 'Không có số liệu về địa phương này',
  NAME_MISSING: 'Văn bản không nhắc đến tên này',
  ORDINAL_MISSING: 'Không có phiên họp, hội nghị này',
  YEAR_MISSING: 'Không có số liệu cho năm này',
  NOT_STATED: 'Văn bản có trong kho nhưng không nêu điều này',
  FOLLOWUP_UNRELATED: 'Không khớp chủ đề đang hỏi',
  OUT_OF_SCOPE: 'Ngoài phạm vi của trợ lý',
  NO_EVIDENCE: 'Không tìm thấy căn cứ trong văn bản',
};

/** The answer text with each known `[n]` as a button that opens the passage. */
export function renderAnswerText(message: AssistantMessage, handlers: MessageHandlers): HTMLElement {
  const p = h('p', { class: message.notFound ? 'answer not-found' : 'answer' });
  const known = message.citations.map((c) => c.n);
  for (const seg of parseCitations(message.text, known)) {
    if (seg.kind === 'text') {
      p.append(seg.text);
      continue;
    }
    const c = message.citations.find((x) => x.n === seg.n)!;
    const button = h('button', {
      class: 'cite',
      attrs: { type: 'button', 'aria-label': `Trích dẫn ${seg.n}: ${c.title}`, 'aria-haspopup': 'dialog' },
      on: { click: () => handlers.openCitation(message, seg.n, button) },
    }, `[${seg.n}]`);
    p.append(button);
  }
  return p;
}

function sources(message: AssistantMessage, handlers: MessageHandlers): HTMLElement | null {
  if (!message.citations.length) return null;
  const headingId = `src-${message.id}`;
  return h(
    'div',
    { class: 'sources' },
    h('h3', { attrs: { id: headingId } }, 'Nguồn trích dẫn'),
    h(
      'ul',
      { attrs: { 'aria-labelledby': headingId } },
      ...message.citations.map((c) => {
        const button = h(
          'button',
          { class: 'source', attrs: { type: 'button', 'aria-haspopup': 'dialog' }, on: { click: () => handlers.openCitation(message, c.n, button) } },
          h('span', { class: 'num' }, `[${c.n}]`),
          h('span', { class: 'what' }, citationLabel(c), c.section ? ` — ${c.section.split(' › ').pop()}` : '', c.page ? ` (trang ${c.page})` : ''),
        );
        return h('li', {}, button);
      }),
    ),
  );
}

/** Every citation of a message: the answer's, then those of the list items it leaves out. */
export function allCitations(message: AssistantMessage): Citation[] {
  return [...message.citations, ...(message.more?.items.map((i) => i.citation) ?? [])];
}

/** "Xem thêm": a button that shows the rest of a list, each item with its own citation button. */
function moreItems(message: AssistantMessage, handlers: MessageHandlers): HTMLElement | null {
  const more = message.more;
  if (!more?.items.length) return null;
  const listId = `more-${message.id}`;
  const list = h(
    'ol',
    { class: 'more-list', attrs: { id: listId, start: more.shown + 1, hidden: !message.moreOpen } },
    ...more.items.map((item) => {
      const c = item.citation;
      const cite = h(
        'button',
        { class: 'cite', attrs: { type: 'button', 'aria-label': `Trích dẫn ${c.n}: ${c.title}`, 'aria-haspopup': 'dialog' }, on: { click: () => handlers.openCitation(message, c.n, cite) } },
        `[${c.n}]`,
      );
      return h('li', {}, `${item.text} `, cite);
    }),
  );
  const left = more.total - more.shown - more.items.length;
  const label = (open: boolean) => (open ? 'Thu gọn danh sách' : `Xem thêm ${more.items.length} mục còn lại`);
  const toggle = h(
    'button',
    {
      class: 'act more',
      attrs: { type: 'button', 'aria-expanded': String(Boolean(message.moreOpen)), 'aria-controls': listId },
      on: {
        click: () => {
          message.moreOpen = !message.moreOpen;
          list.hidden = !message.moreOpen;
          toggle.setAttribute('aria-expanded', String(message.moreOpen));
          toggle.textContent = label(message.moreOpen);
          handlers.changed?.(message);
        },
      },
    },
    label(Boolean(message.moreOpen)),
  );
  // More items than one reply carries (over 200): say so rather than pretend the list is whole.
  const note = left > 0 ? h('p', { class: 'small muted' }, `Còn ${left} mục nữa không hiển thị; hãy hỏi cụ thể hơn (theo cơ quan, năm hoặc văn bản).`) : null;
  return h('div', { class: 'more-box' }, toggle, list, note);
}

function feedback(message: AssistantMessage, handlers: MessageHandlers): HTMLElement[] {
  const form = h('form', { class: 'feedback-form', attrs: { hidden: true } });
  const note = h('p', { class: 'small muted', attrs: { role: 'status' } });
  const buttons: Record<'up' | 'down', HTMLButtonElement> = {} as Record<'up' | 'down', HTMLButtonElement>;
  const choose = async (rating: 'up' | 'down') => {
    message.rating = rating;
    for (const [r, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(r === rating));
    note.textContent = '';
    try {
      await handlers.rate(message, rating);
      note.textContent = 'Đã ghi nhận đánh giá. Anh/chị có thể góp ý thêm.';
      showForm();
    } catch (error) {
      note.textContent = (error as Error).message;
    }
  };
  const textarea = h('textarea', { attrs: { id: `fb-${message.id}`, maxlength: 2000, rows: 2 } });
  const showForm = () => {
    if (message.commented) return;
    form.hidden = false;
  };
  // Hiding the focused form would drop keyboard focus to the page: it goes back to the chosen rating.
  const hideForm = () => {
    form.hidden = true;
    if (message.rating) buttons[message.rating].focus();
  };
  form.append(
    h('label', { attrs: { for: `fb-${message.id}` } }, 'Góp ý thêm (không bắt buộc)'),
    textarea,
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'primary', attrs: { type: 'submit' } }, 'Gửi góp ý'),
      h('button', { class: 'secondary', attrs: { type: 'button' }, on: { click: () => hideForm() } }, 'Đóng'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const comment = textarea.value.trim();
    if (!comment || !message.rating) return hideForm();
    try {
      await handlers.rate(message, message.rating, comment);
      message.commented = true;
      hideForm();
      note.textContent = 'Cảm ơn góp ý của anh/chị.';
    } catch (error) {
      note.textContent = (error as Error).message;
    }
  });
  for (const [rating, label, text, d] of [
    ['up', 'Câu trả lời hữu ích', 'Hữu ích', ICONS.up],
    ['down', 'Câu trả lời chưa đúng', 'Chưa đúng', ICONS.down],
  ] as const) {
    buttons[rating] = h(
      'button',
      { class: 'act', attrs: { type: 'button', 'aria-pressed': String(message.rating === rating), 'aria-label': label }, on: { click: () => void choose(rating) } },
      icon(d, 16),
      text,
    );
  }
  return [buttons.up, buttons.down, form, note];
}

function assistant(message: AssistantMessage, showTrace: boolean, handlers: MessageHandlers): HTMLElement {
  const bubble = h('div', { class: 'bubble' });
  const busy = message.status === 'pending' || message.status === 'streaming';
  bubble.setAttribute('aria-busy', String(busy));
  if (message.status === 'pending' && !message.text) {
    bubble.append(h('p', { class: 'answer thinking' }, 'Đang tìm trong văn bản'));
  } else if (message.status === 'error') {
    bubble.append(
      h('p', { class: 'answer error' }, message.error?.message ?? 'Có lỗi xảy ra.'),
      h('div', { class: 'actions' }, h('button', { class: 'act', attrs: { type: 'button' }, on: { click: () => handlers.retry(message) } }, 'Thử lại')),
    );
  } else if (busy) {
    bubble.append(h('p', { class: 'answer' }, message.text));
  } else {
    bubble.append(renderAnswerText(message, handlers));
    // A refusal says what kind it is, so "we do not have that document" reads apart from "it does not say".
    const kind = message.notFound && message.refusal ? REFUSAL_KIND[message.refusal.code] : undefined;
    if (kind) bubble.append(h('p', { class: 'refusal-kind', attrs: { 'data-code': message.refusal!.code } }, kind));
    if (message.status === 'stopped') {
      bubble.append(
        h('p', { class: 'stopped' }, 'Đã dừng. '),
        h('div', { class: 'actions' }, h('button', { class: 'act', attrs: { type: 'button' }, on: { click: () => handlers.retry(message) } }, 'Hỏi lại')),
      );
    } else {
      bubble.append(moreItems(message, handlers) ?? '', sources(message, handlers) ?? '');
      const copy = h('button', { class: 'act', attrs: { type: 'button' }, on: { click: () => handlers.copy(message, copy) } }, icon(ICONS.copy, 16), 'Sao chép');
      const [up, down, form, note] = feedback(message, handlers);
      bubble.append(h('div', { class: 'actions' }, copy, up, down), form!, note!);
      if (showTrace) bubble.append(renderTrace(message) ?? '');
    }
  }
  return h('div', { class: 'msg assistant', attrs: { 'data-id': message.id, 'data-status': message.status } }, h('span', { class: 'sr-only' }, 'Trợ lý: '), bubble);
}

/** Renders a message (replace the element to update it; while streaming only `.answer`'s text changes). */
export function renderMessage(message: Message, showTrace: boolean, handlers: MessageHandlers): HTMLElement {
  if (message.role === 'assistant') return assistant(message, showTrace, handlers);
  return h(
    'div',
    { class: 'msg user', attrs: { 'data-id': message.id } },
    h('div', { class: 'bubble' }, h('span', { class: 'sr-only' }, 'Bạn hỏi: '), message.text),
  );
}
