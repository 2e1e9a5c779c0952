/**
 * One widget instance: wires the shell (layout.ts), the conversation persisted per tab (store.ts), the answers
 * being streamed (stream.ts) and the passage viewer (viewer.ts), and carries out what the user asks: open and close,
 * send, stop, retry, a new conversation, the trainer view, large text, copy and feedback.
 */
import { copyableAnswer, copyText, feedbackBody } from './actions.js';
import { clear } from './dom.js';
import { historyBefore } from './history.js';
import { autosize, buildLayout, syncCounter, type Layout } from './layout.js';
import { MAX_QUESTION, tooLongMessage } from './limits.js';
import { serverInfo } from './trainer-token.js';
import { allCitations, renderMessage, type MessageHandlers } from './messages.js';
import { Store, type SessionState } from './store.js';
import { Streams } from './stream.js';
import { Transport } from './transport.js';
import { UndoBar } from './undo.js';
import { ensureTrainerAccess } from './trainer-token.js';
import type { AssistantMessage, Message } from './types.js';
import { Viewer } from './viewer.js';
import { renderWelcome } from './welcome.js';

export interface ChatConfig {
  api: string;
  title: string;
  open: boolean;
  inline: boolean;
  suggestions: string[];
  storageKey: string;
}

let uid = 0;
const newId = () => `m${Date.now().toString(36)}${(uid++).toString(36)}`;

export class Chat {
  private readonly store: Store;
  private readonly transport: Transport;
  private readonly streams: Streams;
  private state: SessionState;
  private large: boolean;
  private readonly els: Layout;
  private readonly viewer: Viewer;
  private readonly handlers: MessageHandlers;
  /** The status line says the question is too long to send. */
  private tooLong = false;
  private readonly undo: UndoBar;

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
      changed: () => this.save(),
    };
    this.streams = new Streams(this.transport, {
      update: (message) => this.update(message),
      showText: (message) => {
        const p = this.els.log.querySelector(`[data-id="${message.id}"] .answer`);
        if (p) p.textContent = message.text;
        this.scrollToEnd();
      },
      setStatus: (text, warn) => this.setStatus(text, warn),
      syncBusy: () => this.syncBusy(),
      ended: (message) => this.ended(message),
    });
    this.viewer = new Viewer({
      loadDocument: (id) => this.transport.document(id),
      covered: () => [this.els.log, this.undo.el, this.els.status, this.els.panel.querySelector('.composer'), this.els.panel.querySelector('.head')],
      focusFallback: () => this.els.input.focus(),
    });
    const { title, inline } = config;
    this.els = buildLayout({ title, inline, large: this.large, trainer: this.state.trainer, draft: this.state.draft }, this.viewer, {
      submit: () => this.submit(),
      stop: () => this.stopActive(),
      draft: (value) => {
        // The refusal of an over-long question goes once the question fits.
        if (this.tooLong && value.length <= MAX_QUESTION) {
          this.tooLong = false;
          this.setStatus('');
        }
        this.state.draft = value;
        this.save();
        autosize(this.els.input);
      },
      toggleTrainer: () => void this.toggleTrainer(),
      toggleLarge: () => this.toggleLarge(),
      newConversation: () => this.newConversation(),
      setOpen: (open) => this.setOpen(open),
    });
    this.undo = new UndoBar((messages) => this.restore(messages));
    this.els.status.before(this.undo.el);
    this.shadow.append(this.els.root);
    // Users are told, in the footer, when the server logs questions (QUESTION_LOG=on).
    void serverInfo(config.api).then((info) => {
      this.els.logNote.hidden = !info.questionLog;
    });
    this.renderLog();
    this.setOpen(this.state.open || config.inline, false);
    // Answers cut short by a reload are asked again: a typed question is never lost.
    for (const m of this.state.messages) {
      if (m.role === 'assistant' && (m.status === 'pending' || m.status === 'streaming')) this.start(m);
    }
  }

  private save(): void {
    this.store.save(this.state);
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
    if (!this.state.messages.length) log.append(renderWelcome(this.config.suggestions, (q) => this.send(q), `${this.config.api}/documents`));
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

  /** Follows the conversation, unless the user has scrolled up to read (`force` scrolls anyway). */
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
    if (question.length > MAX_QUESTION) {
      // Never cut: the whole text stays in the box for the user to shorten.
      this.setStatus(tooLongMessage(question.length), true);
      this.tooLong = true;
      this.els.input.focus();
      return;
    }
    if (this.active) {
      this.setStatus('Đang trả lời câu trước. Chờ một chút hoặc bấm Dừng.');
      return;
    }
    this.els.input.value = '';
    this.state.draft = '';
    autosize(this.els.input);
    syncCounter(this.els.input, this.els.counter);
    this.send(question);
  }

  private send(question: string): void {
    if (this.active) return;
    this.undo.dismiss();
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

  private start(message: AssistantMessage): void {
    this.streams.start(message, historyBefore(this.state.messages, message));
  }

  /** An answer ended (done, failed or stopped). */
  private ended(message: AssistantMessage): void {
    this.save();
    this.update(message);
    this.syncBusy();
    this.scrollToEnd();
  }

  private stopActive(): void {
    const message = this.active;
    if (!message) return;
    this.streams.stop(message.id);
    message.status = 'stopped';
    this.ended(message);
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
    const active = this.active;
    this.streams.stopAll();
    if (active) active.status = 'stopped';
    this.viewer.close();
    const previous = this.state.messages;
    this.state.messages = [];
    this.save();
    this.renderLog();
    this.setStatus('');
    this.undo.offer(previous);
    this.els.input.focus();
  }

  /** Puts back the conversation a "Cuộc trò chuyện mới" cleared (only while nothing new was asked). */
  private restore(messages: Message[]): void {
    if (this.state.messages.length) return;
    this.state.messages = messages;
    this.save();
    this.renderLog();
    this.scrollToEnd(true);
    this.setStatus('Đã khôi phục cuộc trò chuyện.');
    this.els.input.focus();
  }

  // ——— settings ———

  private async toggleTrainer(): Promise<void> {
    if (!this.state.trainer) {
      const access = await ensureTrainerAccess(this.config.api);
      if (!access.ok) return this.setStatus(access.message ?? '', true);
    }
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
    const citation = allCitations(message).find((c) => c.n === n);
    if (citation) this.viewer.showCitation(citation, opener);
  }

  private async copy(message: AssistantMessage, button: HTMLButtonElement): Promise<void> {
    const ok = await copyText(copyableAnswer(message), this.shadow, button);
    this.setStatus(ok ? 'Đã sao chép câu trả lời.' : 'Không sao chép được; hãy chọn văn bản và nhấn Ctrl+C.');
  }

  private async rate(message: AssistantMessage, rating: 'up' | 'down', comment?: string): Promise<void> {
    message.rating = rating;
    this.save();
    const id = await this.transport.feedback(feedbackBody(message, rating, comment));
    if (id) {
      message.feedbackId = id;
      this.save();
    }
    if (comment) {
      message.commented = true;
      this.save();
    }
  }
}
