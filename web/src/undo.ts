/**
 * The short notice after "Cuộc trò chuyện mới": the conversation was cleared, and "Hoàn tác" puts it back. It stays
 * until the user asks something new, closes it, or starts another new conversation (no timer: a slow reader keeps
 * the way back).
 */
import { h } from './dom.js';
import type { Message } from './types.js';

export class UndoBar {
  readonly el: HTMLElement;
  private readonly text: HTMLElement;
  private kept?: Message[];

  /** @param restore puts the kept messages back */
  constructor(private readonly restore: (messages: Message[]) => void) {
    this.text = h('span', { class: 'toast-text' });
    const undo = h('button', { class: 'toast-undo', attrs: { type: 'button' }, on: { click: () => this.undo() } }, 'Hoàn tác');
    const close = h('button', { class: 'toast-close', attrs: { type: 'button', 'aria-label': 'Đóng thông báo' }, on: { click: () => this.dismiss() } }, '×');
    this.el = h('div', { class: 'toast', attrs: { role: 'status', hidden: true } }, this.text, undo, close);
  }

  /** Offers to bring back `messages` (nothing is offered for an empty conversation). */
  offer(messages: Message[]): void {
    if (!messages.length) {
      this.text.textContent = '';
      this.el.hidden = true;
      this.kept = undefined;
      return;
    }
    this.kept = messages;
    const questions = messages.filter((m) => m.role === 'user').length;
    this.text.textContent = `Đã bắt đầu cuộc trò chuyện mới (đã xóa ${questions} câu hỏi).`;
    this.el.hidden = false;
  }

  dismiss(): void {
    this.kept = undefined;
    this.el.hidden = true;
  }

  private undo(): void {
    const kept = this.kept;
    this.dismiss();
    if (kept) this.restore(kept);
  }
}
