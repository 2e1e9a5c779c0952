/**
 * One widget instance: the launcher and panel, the conversation (persisted per tab), sending and streaming, stop,
 * follow-up history, the passage viewer, copy and feedback, the trainer view and the large-text switch.
 */
import { clear, h, icon, ICONS } from './dom.js';
import { citationLabel, renderMessage, type MessageHandlers } from './messages.js';
import { Store, type SessionState } from './store.js';
import { Transport } from './transport.js';
import type { AskResult, AssistantMessage, Citation, Message, Turn } from './types.js';
import { Viewer } from './viewer.js';

export interface ChatConfig {
  api: string;
  title: string;
  open: boolean;
  inline: boolean;
  suggestions: string[];
  storageKey: string;
}

/** Time between two word groups on screen: the answer appears progressively, and can be stopped. */
const DELTA_MS = 35;
const HISTORY_TURNS = 10;

interface Stream {
  queue: string[];
  timer?: ReturnType<typeof setInterval>;
  result?: AskResult;
  cancel?: () => void;
}

let uid = 0;
const newId = () => `m${Date.now().toString(36)}${(uid++).toString(36)}`;

export class Chat {
  private readonly store: Store;
  private readonly transport: Transport;
  private state: SessionState;
  private large: boolean;
  private readonly streams = new Map<string, Stream>();
  private readonly els: {
    root: HTMLElement;
    launcher?: HTMLButtonElement;
    panel: HTMLElement;
    log: HTMLElement;
    status: HTMLElement;
    input: HTMLTextAreaElement;
    send: HTMLButtonElement;
    stop: HTMLButtonElement;
    trainer: HTMLButtonElement;
    largeBtn: HTMLButtonElement;
  };
  private readonly viewer: Viewer;
  private viewerOpener?: HTMLElement;
  private readonly handlers: MessageHandlers;

  constructor(
    private readonly shadow: ShadowRoot,
    private readonly config: ChatConfig,
  ) {
    this.store = new Store(config.storageKey);
    this.transport = new Transport(config.api);
    this.state = this.store.load();
    if (config.open) this.state.open = true;
    this.large = this.store.getPref('large') === '1';
    this.handlers = {
      openCitation: (message, n, opener) => this.openCitation(message, n, opener),
      copy: (message, button) => void this.copy(message, button),
      rate: (message, rating, comment) => this.rate(message, rating, comment),
      retry: (message) => this.retry(message),
    };
    this.viewer = new Viewer({
      loadDocument: (id) => this.transport.document(id),
      onClose: () => this.afterViewerClose(),
    });
    this.els = this.build();
    this.renderLog();
    this.setOpen(this.state.open || config.inline, false);
    // Answers cut short by a reload are asked again: a typed question is never lost.
    for (const m of this.state.messages) {
      if (m.role === 'assistant' && (m.status === 'pending' || m.status === 'streaming')) this.start(m);
    }
  }

  private build() {
    const { title, inline } = this.config;
    const input = h('textarea', {
      attrs: {
        id: 'question',
        rows: 2,
        maxlength: 2000,
        'aria-label': 'Câu hỏi',
        'aria-describedby': 'composer-hint',
        placeholder: 'Nhập câu hỏi về văn bản…',
        enterkeyhint: 'send',
      },
      on: {
        keydown: (e) => {
          // Enter sends; Shift+Enter is a new line; nothing is sent while an input method is composing (Telex, VNI).
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            this.submit();
          }
        },
        input: () => {
          this.state.draft = input.value;
          this.save();
          this.autosize();
        },
      },
    });
    input.value = this.state.draft;
    const send = h('button', { class: 'send', attrs: { type: 'submit', 'aria-label': 'Gửi câu hỏi' } }, icon(ICONS.send, 18), h('span', {}, 'Gửi'));
    const stop = h(
      'button',
      { class: 'stop', attrs: { type: 'button', 'aria-label': 'Dừng trả lời', hidden: true }, on: { click: () => this.stopActive() } },
      icon(ICONS.stop, 18),
      h('span', {}, 'Dừng'),
    );
    const composer = h('form', { class: 'composer', on: { submit: (e) => (e.preventDefault(), this.submit()) } }, input, send, stop);
    const log = h('div', { class: 'log', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Cuộc trò chuyện', tabindex: 0 } });
    const status = h('div', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
    const trainer = h(
      'button',
      { class: 'tool', attrs: { type: 'button', 'aria-pressed': String(this.state.trainer) }, on: { click: () => this.toggleTrainer() } },
      'Chế độ giảng dạy',
    );
    const largeBtn = h(
      'button',
      { class: 'tool', attrs: { type: 'button', 'aria-pressed': String(this.large) }, on: { click: () => this.toggleLarge() } },
      'Chữ lớn',
    );
    const reset = h('button', { class: 'tool', attrs: { type: 'button' }, on: { click: () => this.newConversation() } }, 'Cuộc trò chuyện mới');
    const close = inline
      ? null
      : h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Đóng trợ lý' }, on: { click: () => this.setOpen(false) } }, icon(ICONS.close, 22));
    const panel = h(
      'section',
      { class: 'panel', attrs: { id: 'panel', 'aria-label': title } },
      h('header', { class: 'head' }, h('div', { class: 'head-row' }, icon(ICONS.chat, 22), h('h2', {}, title), close), h('div', { class: 'tools' }, trainer, largeBtn, reset)),
      log,
      status,
      composer,
      h('p', { class: 'hint', attrs: { id: 'composer-hint' } }, 'Enter để gửi, Shift+Enter để xuống dòng. Mỗi ý trả lời đều có trích dẫn [số] để kiểm tra.'),
      this.viewer.el,
    );
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !inline && !this.viewer.isOpen) this.setOpen(false);
    });
    let launcher: HTMLButtonElement | undefined;
    if (!inline) {
      const name = /trợ lý/i.test(title) ? `Mở ${title}` : `Mở Trợ lý: ${title}`;
      launcher = h(
        'button',
        { class: 'launcher', attrs: { type: 'button', 'aria-label': name, 'aria-expanded': 'false', 'aria-controls': 'panel' }, on: { click: () => this.setOpen(true) } },
        icon(ICONS.chat, 22),
        h('span', {}, title),
      );
    }
    const root = h('div', { class: `root ${inline ? 'inline' : 'floating'}${this.large ? ' large' : ''}` }, launcher ?? null, panel);
    this.shadow.append(root);
    return { root, launcher, panel, log, status, input, send, stop, trainer, largeBtn };
  }

  private save(): void {
    this.store.save(this.state);
  }

  private autosize(): void {
    const input = this.els.input;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight + 3}px`;
  }

  private setOpen(open: boolean, focus = true): void {
    const { launcher, panel, input } = this.els;
    if (!this.config.inline) {
      panel.hidden = !open;
      if (launcher) {
        launcher.hidden = open;
        launcher.setAttribute('aria-expanded', String(open));
      }
      this.state.open = open;
      this.save();
    }
    if (open) {
      this.transport.warm();
      this.scrollToEnd(true);
      if (focus) input.focus();
    } else if (focus) {
      launcher?.focus();
    }
  }

  private setStatus(text: string, warn = false): void {
    this.els.status.textContent = text;
    this.els.status.classList.toggle('warn', warn);
  }

  // ——— conversation ———

  private renderLog(): void {
    const log = this.els.log;
    clear(log);
    if (!this.state.messages.length) {
      log.append(
        h(
          'div',
          { class: 'welcome' },
          h('p', {}, 'Xin chào! Tôi trả lời câu hỏi về các văn bản đã được nạp vào hệ thống. Mỗi câu trả lời kèm trích dẫn để anh/chị mở ra kiểm tra.'),
          h('p', { class: 'small muted', attrs: { id: 'suggest-title' } }, 'Gợi ý câu hỏi:'),
          h(
            'ul',
            { class: 'suggestions', attrs: { 'aria-labelledby': 'suggest-title' } },
            ...this.config.suggestions.map((q) =>
              h('li', {}, h('button', { class: 'suggestion', attrs: { type: 'button' }, on: { click: () => this.send(q) } }, q)),
            ),
          ),
        ),
      );
    }
    for (const m of this.state.messages) log.append(renderMessage(m, this.state.trainer, this.handlers));
    this.syncBusy();
  }

  /** Re-renders one message in place. */
  private update(message: Message): void {
    const old = this.els.log.querySelector(`[data-id="${message.id}"]`);
    const fresh = renderMessage(message, this.state.trainer, this.handlers);
    if (old) old.replaceWith(fresh);
    else this.els.log.append(fresh);
  }

  private scrollToEnd(force = false): void {
    const log = this.els.log;
    if (force || log.scrollHeight - log.scrollTop - log.clientHeight < 120) log.scrollTop = log.scrollHeight;
  }

  private get active(): AssistantMessage | undefined {
    return this.state.messages.find((m): m is AssistantMessage => m.role === 'assistant' && (m.status === 'pending' || m.status === 'streaming'));
  }

  private syncBusy(): void {
    const busy = Boolean(this.active);
    this.els.send.hidden = busy;
    this.els.stop.hidden = !busy;
  }

  private submit(): void {
    const question = this.els.input.value.trim();
    if (!question) return;
    if (this.active) {
      this.setStatus('Đang trả lời câu trước. Chờ một chút hoặc bấm Dừng.');
      return;
    }
    this.els.input.value = '';
    this.state.draft = '';
    this.autosize();
    this.send(question);
  }

  private send(question: string): void {
    if (this.active) return;
    if (!this.state.messages.length) clear(this.els.log);
    const user: Message = { id: newId(), role: 'user', text: question };
    const answer: AssistantMessage = { id: newId(), role: 'assistant', question, text: '', status: 'pending', traced: this.state.trainer, citations: [] };
    this.state.messages.push(user, answer);
    this.save();
    this.update(user);
    this.update(answer);
    this.setStatus('');
    this.scrollToEnd(true);
    this.start(answer);
    this.els.input.focus();
  }

  /** History of the turns before `message`: completed questions and answers, the most recent ones. */
  private historyBefore(message: AssistantMessage): Turn[] {
    const turns: Turn[] = [];
    const messages = this.state.messages;
    const end = messages.indexOf(message) - 1;
    for (let i = 0; i < end; i++) {
      const q = messages[i]!;
      const a = messages[i + 1];
      if (q.role === 'user' && a?.role === 'assistant' && a.status === 'done') {
        turns.push({ role: 'user', content: q.text.slice(0, 4000) }, { role: 'assistant', content: a.text.slice(0, 4000) });
      }
    }
    return turns.slice(-HISTORY_TURNS * 2).slice(-20);
  }

  private start(message: AssistantMessage): void {
    this.stopStream(message.id);
    message.status = 'pending';
    message.text = '';
    message.error = undefined;
    const stream: Stream = { queue: [] };
    this.streams.set(message.id, stream);
    this.syncBusy();
    const payload = { question: message.question, history: this.historyBefore(message), trace: message.traced };
    stream.cancel = this.transport.ask(payload, {
      reset: () => {
        stream.queue = [];
        message.text = '';
      },
      delta: (text) => {
        stream.queue.push(text);
        this.tick(message, stream);
      },
      citations: (citations: Citation[]) => {
        message.citations = citations;
      },
      done: (result) => {
        stream.result = result;
        this.tick(message, stream);
      },
      error: (code, text) => {
        this.stopStream(message.id);
        message.status = 'error';
        message.error = { code, message: text };
        this.setStatus('');
        this.finishUpdate(message);
      },
      retrying: () => {
        this.setStatus('Mất kết nối, đang thử lại…', true);
      },
    });
  }

  /** Shows queued word groups at a reading pace; finishes when the queue is empty and `done` has come. */
  private tick(message: AssistantMessage, stream: Stream): void {
    if (stream.timer) return;
    this.setStatus('');
    const step = () => {
      const next = stream.queue.shift();
      if (next !== undefined) {
        if (message.status !== 'streaming') {
          message.status = 'streaming';
          this.update(message);
        }
        message.text += next;
        const p = this.els.log.querySelector(`[data-id="${message.id}"] .answer`);
        if (p) p.textContent = message.text;
        this.scrollToEnd();
        return;
      }
      clearInterval(stream.timer);
      stream.timer = undefined;
      if (stream.result) this.finish(message, stream.result);
    };
    step();
    if (stream.queue.length || !stream.result) stream.timer = setInterval(step, DELTA_MS);
  }

  private finish(message: AssistantMessage, result: AskResult): void {
    this.streams.delete(message.id);
    // The verified answer is authoritative: replace what was streamed if it differs.
    message.text = result.answer;
    message.citations = result.citations ?? [];
    message.notFound = result.notFound;
    message.mode = result.mode;
    message.timings = result.timings;
    message.trace = message.traced ? result.trace : undefined;
    message.status = 'done';
    this.finishUpdate(message);
  }

  private finishUpdate(message: AssistantMessage): void {
    this.save();
    this.update(message);
    this.syncBusy();
    this.scrollToEnd();
  }

  private stopStream(id: string): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    stream.cancel?.();
    clearInterval(stream.timer);
    this.streams.delete(id);
  }

  private stopActive(): void {
    const message = this.active;
    if (!message) return;
    this.stopStream(message.id);
    message.status = 'stopped';
    this.finishUpdate(message);
    this.setStatus('Đã dừng câu trả lời.');
    this.els.input.focus();
  }

  private retry(message: AssistantMessage): void {
    if (this.active) return;
    this.start(message);
    this.update(message);
    this.save();
  }

  private newConversation(): void {
    for (const id of [...this.streams.keys()]) this.stopStream(id);
    this.viewer.close();
    this.state.messages = [];
    this.save();
    this.renderLog();
    this.setStatus('Đã bắt đầu cuộc trò chuyện mới.');
    this.els.input.focus();
  }

  // ——— settings ———

  private toggleTrainer(): void {
    this.state.trainer = !this.state.trainer;
    this.els.trainer.setAttribute('aria-pressed', String(this.state.trainer));
    this.save();
    this.renderLog();
    this.setStatus(
      this.state.trainer
        ? 'Đã bật chế độ giảng dạy: các câu trả lời tiếp theo kèm cách hệ thống tìm và chọn thông tin.'
        : 'Đã tắt chế độ giảng dạy.',
    );
  }

  private toggleLarge(): void {
    this.large = !this.large;
    this.els.root.classList.toggle('large', this.large);
    this.els.largeBtn.setAttribute('aria-pressed', String(this.large));
    this.store.setPref('large', this.large ? '1' : '0');
  }

  // ——— citations, copy, feedback ———

  private openCitation(message: AssistantMessage, n: number, opener: HTMLElement): void {
    const citation = message.citations.find((c) => c.n === n);
    if (!citation) return;
    this.viewerOpener = opener;
    for (const el of [this.els.log, this.els.status, this.els.panel.querySelector('.composer'), this.els.panel.querySelector('.head')]) {
      el?.setAttribute('inert', '');
    }
    this.viewer.showCitation(citation);
  }

  private afterViewerClose(): void {
    for (const el of this.els.panel.querySelectorAll('[inert]')) el.removeAttribute('inert');
    const opener = this.viewerOpener;
    this.viewerOpener = undefined;
    if (opener?.isConnected) opener.focus();
    else this.els.input.focus();
  }

  private async copy(message: AssistantMessage, button: HTMLButtonElement): Promise<void> {
    const sources = message.citations.map((c) => `[${c.n}] ${citationLabel(c)}${c.section ? ` — ${c.section}` : ''}`);
    const text = sources.length ? `${message.text}\n\nNguồn:\n${sources.join('\n')}` : message.text;
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      // Clipboard API unavailable (insecure origin, permissions): the older way.
      const area = h('textarea', { attrs: { readonly: true, 'aria-hidden': 'true' } });
      area.value = text;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      this.shadow.append(area);
      area.select();
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      area.remove();
      button.focus();
    }
    this.setStatus(ok ? 'Đã sao chép câu trả lời.' : 'Không sao chép được; hãy chọn văn bản và nhấn Ctrl+C.');
  }

  private async rate(message: AssistantMessage, rating: 'up' | 'down', comment?: string): Promise<void> {
    message.rating = rating;
    this.save();
    await this.transport.feedback({
      question: message.question.slice(0, 2000),
      answer: message.text.slice(0, 10000),
      rating,
      ...(comment ? { comment: comment.slice(0, 2000) } : {}),
      citations: message.citations.slice(0, 20).map((c) => ({ n: c.n, documentId: c.documentId, start: c.start, end: c.end })),
    });
    if (comment) {
      message.commented = true;
      this.save();
    }
  }
}
