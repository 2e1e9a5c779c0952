/**
 * What the actions under an answer send out: the text copied (the answer, then its sources, so a pasted answer
 * can still be checked) and the feedback body (bounded, with only where each citation points).
 */
import { h } from './dom.js';
import { citationLabel } from './messages.js';
import type { AssistantMessage } from './types.js';

/** The answer as copied: its text, then "Nguồn:" and one line per citation. */
export function copyableAnswer(message: AssistantMessage): string {
  const sources = message.citations.map((c) => `[${c.n}] ${citationLabel(c)}${c.section ? ` — ${c.section}` : ''}`);
  return sources.length ? `${message.text}\n\nNguồn:\n${sources.join('\n')}` : message.text;
}

/**
 * Puts `text` on the clipboard.
 * @param host where the fallback's hidden text box is placed (the widget's shadow root)
 * @param button the button used, given focus back after the fallback
 * @returns whether the text was copied
 */
export async function copyText(text: string, host: ShadowRoot, button: HTMLButtonElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API unavailable (insecure origin, permissions): the older way.
    let ok = false;
    const area = h('textarea', { attrs: { readonly: true, 'aria-hidden': 'true' } });
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    host.append(area);
    area.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    button.focus();
    return ok;
  }
}

/**
 * The body of `POST /api/feedback` for a rating (and an optional comment) of `message`; once the server gave the
 * record an id, the id too, so that a comment or a changed rating updates that record.
 */
export function feedbackBody(message: AssistantMessage, rating: 'up' | 'down', comment?: string): Record<string, unknown> {
  return {
    ...(message.feedbackId ? { id: message.feedbackId } : {}),
    ...(message.mode ? { mode: message.mode } : {}),
    ...(message.refusal?.code ? { refusalCode: message.refusal.code } : {}),
    question: message.question.slice(0, 2000),
    answer: message.text.slice(0, 10000),
    rating,
    ...(comment ? { comment: comment.slice(0, 2000) } : {}),
    citations: message.citations.slice(0, 20).map((c) => ({ n: c.n, documentId: c.documentId, start: c.start, end: c.end })),
  };
}
