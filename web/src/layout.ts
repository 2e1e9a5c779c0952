/**
 * The DOM shell of one widget instance: the launcher, the panel with its header and tools, the conversation log, the
 * status line, the composer (question box, send and stop) and its hint. It only builds elements and forwards user
 * actions; what they do is decided by the chat (chat.ts).
 */
import { h, icon, ICONS } from './dom.js';
import { counterText, MAX_QUESTION } from './limits.js';
import type { Viewer } from './viewer.js';

export interface LayoutOptions {
  title: string;
  /** Inside its container: no launcher, no close button, never hidden. */
  inline: boolean;
  /** Large text is on. */
  large: boolean;
  /** The trainer view is on. */
  trainer: boolean;
  /** What the user had typed and not sent (restored into the question box). */
  draft: string;
}

/** What the shell's controls ask for. */
export interface LayoutActions {
  submit(): void;
  stop(): void;
  /** The question box changed. */
  draft(value: string): void;
  toggleTrainer(): void;
  toggleLarge(): void;
  newConversation(): void;
  setOpen(open: boolean): void;
}

/** The elements the chat updates afterwards. */
export interface Layout {
  root: HTMLElement;
  launcher?: HTMLButtonElement;
  panel: HTMLElement;
  log: HTMLElement;
  status: HTMLElement;
  input: HTMLTextAreaElement;
  /** The character counter under the question box (empty while the question is far from the limit). */
  counter: HTMLElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  trainer: HTMLButtonElement;
  largeBtn: HTMLButtonElement;
  /** The footer's note that questions are logged (shown when the server says QUESTION_LOG is on). */
  logNote: HTMLElement;
}

/** The composer: the question box, then the send and stop buttons (only one of the two is shown). */
function composer(options: LayoutOptions, actions: LayoutActions) {
  const input = h('textarea', {
    attrs: {
      id: 'question',
      rows: 2,
      // No maxlength: it would cut a pasted text silently. The counter and the chat's refusal tell the user instead.
      'aria-label': 'Câu hỏi',
      'aria-describedby': 'composer-count composer-hint',
      placeholder: 'Nhập câu hỏi về văn bản…',
      enterkeyhint: 'send',
    },
    on: {
      keydown: (e) => {
        // Enter sends; Shift+Enter is a new line; nothing is sent while an input method is composing (Telex, VNI).
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          actions.submit();
        }
      },
      input: () => {
        syncCounter(input, counter);
        actions.draft(input.value);
      },
    },
  });
  const counter = h('p', { class: 'counter', attrs: { id: 'composer-count', 'aria-live': 'polite' } });
  input.value = options.draft;
  syncCounter(input, counter);
  const send = h('button', { class: 'send', attrs: { type: 'submit', 'aria-label': 'Gửi câu hỏi' } }, icon(ICONS.send, 18), h('span', {}, 'Gửi'));
  const stop = h(
    'button',
    { class: 'stop', attrs: { type: 'button', 'aria-label': 'Dừng trả lời', hidden: true }, on: { click: () => actions.stop() } },
    icon(ICONS.stop, 18),
    h('span', {}, 'Dừng'),
  );
  const form = h('form', { class: 'composer', on: { submit: (e) => (e.preventDefault(), actions.submit()) } }, input, send, stop);
  return { form, input, send, stop, counter };
}

/** Shows how long the question is once it nears the limit; marks the box invalid beyond it. */
export function syncCounter(input: HTMLTextAreaElement, counter: HTMLElement): void {
  const length = input.value.length;
  counter.textContent = counterText(length);
  counter.classList.toggle('over', length > MAX_QUESTION);
  if (length > MAX_QUESTION) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/**
 * Builds the shell (not yet attached: the caller appends `root` to its shadow root).
 * @param viewer the passage viewer, placed inside the panel; Escape closes the panel only when it is not open
 */
export function buildLayout(options: LayoutOptions, viewer: Viewer, actions: LayoutActions): Layout {
  const { title, inline } = options;
  const { form, input, send, stop, counter } = composer(options, actions);
  const log = h('div', { class: 'log', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Cuộc trò chuyện', tabindex: 0 } });
  const status = h('div', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const trainer = h(
    'button',
    { class: 'tool', attrs: { type: 'button', 'aria-pressed': String(options.trainer) }, on: { click: () => actions.toggleTrainer() } },
    'Chế độ giảng dạy',
  );
  const largeBtn = h(
    'button',
    { class: 'tool', attrs: { type: 'button', 'aria-pressed': String(options.large) }, on: { click: () => actions.toggleLarge() } },
    'Chữ lớn',
  );
  const reset = h('button', { class: 'tool', attrs: { type: 'button' }, on: { click: () => actions.newConversation() } }, 'Cuộc trò chuyện mới');
  const close = inline
    ? null
    : h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Đóng trợ lý' }, on: { click: () => actions.setOpen(false) } }, icon(ICONS.close, 22));
  const logNote = h(
    'p',
    { class: 'hint log-note', attrs: { hidden: true } },
    'Câu hỏi được ghi lại (không kèm địa chỉ IP hay danh tính) để bổ sung văn bản còn thiếu.',
  );
  const panel = h(
    'section',
    { class: 'panel', attrs: { id: 'panel', 'aria-label': title } },
    h('header', { class: 'head' }, h('div', { class: 'head-row' }, icon(ICONS.chat, 22), h('h2', {}, title), close), h('div', { class: 'tools' }, trainer, largeBtn, reset)),
    log,
    status,
    form,
    counter,
    // The keyboard part of the hint is hidden on touch screens (styles.ts), where there is no Shift+Enter to press.
    h(
      'p',
      { class: 'hint', attrs: { id: 'composer-hint' } },
      h('span', { class: 'keys-hint' }, 'Enter để gửi, Shift+Enter để xuống dòng. '),
      'Mỗi ý trả lời đều có trích dẫn [số] để kiểm tra.',
    ),
    logNote,
    viewer.el,
  );
  panel.addEventListener('keydown', (e) => {
    // The viewer handles its own Escape first (going back to the conversation).
    if (e.key === 'Escape' && !inline && !viewer.isOpen) actions.setOpen(false);
  });
  let launcher: HTMLButtonElement | undefined;
  if (!inline) {
    // The accessible name says what opens, even when the site's title does not mention the assistant.
    const name = /trợ lý/i.test(title) ? `Mở ${title}` : `Mở Trợ lý: ${title}`;
    launcher = h(
      'button',
      { class: 'launcher', attrs: { type: 'button', 'aria-label': name, 'aria-expanded': 'false', 'aria-controls': 'panel' }, on: { click: () => actions.setOpen(true) } },
      icon(ICONS.chat, 22),
      h('span', {}, title),
    );
  }
  const root = h('div', { class: `root ${inline ? 'inline' : 'floating'}${options.large ? ' large' : ''}` }, launcher ?? null, panel);
  return { root, launcher, panel, log, status, input, counter, send, stop, trainer, largeBtn, logNote };
}

/** Grows the question box to fit what is typed (the stylesheet caps its height). */
export function autosize(input: HTMLTextAreaElement): void {
  input.style.height = 'auto';
  input.style.height = `${input.scrollHeight + 3}px`;
}
