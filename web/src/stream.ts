/**
 * Asking for one answer and showing it progressively: word groups from the transport are queued and revealed at a
 * reading pace; when the server's `done` has come and the queue is empty, the verified result replaces what was
 * streamed. Any answer can be stopped at any time. Rendering is left to the view (chat.ts).
 */
import type { AskPayload, Transport } from './transport.js';
import type { AskResult, AssistantMessage, Citation } from './types.js';

/** Time between two word groups on screen: the answer appears progressively, and can be stopped. */
const DELTA_MS = 35;

interface Stream {
  queue: string[];
  timer?: ReturnType<typeof setInterval>;
  result?: AskResult;
  cancel?: () => void;
}

/** What the streams need from the chat to show an answer. */
export interface StreamView {
  /** Re-renders the message in place (its status changed). */
  update(message: AssistantMessage): void;
  /** Shows the text streamed so far, without re-rendering the message. */
  showText(message: AssistantMessage): void;
  setStatus(text: string, warn?: boolean): void;
  /** An answer started: the send button gives way to stop. */
  syncBusy(): void;
  /** The answer ended (done, failed or stopped): save, re-render, update the buttons. */
  ended(message: AssistantMessage): void;
}

/** The answers being received, at most one per message. */
export class Streams {
  private readonly streams = new Map<string, Stream>();

  constructor(
    private readonly transport: Transport,
    private readonly view: StreamView,
  ) {}

  /**
   * Asks (again) for `message`'s answer; whatever it held is cleared.
   * @param history the turns before it (history.ts)
   */
  start(message: AssistantMessage, history: AskPayload['history']): void {
    this.stop(message.id);
    message.status = 'pending';
    message.text = '';
    message.error = undefined;
    const stream: Stream = { queue: [] };
    this.streams.set(message.id, stream);
    this.view.syncBusy();
    const payload = { question: message.question, history, trace: message.traced };
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
        this.stop(message.id);
        message.status = 'error';
        message.error = { code, message: text };
        this.view.setStatus('');
        this.view.ended(message);
      },
      retrying: () => {
        this.view.setStatus('Mất kết nối, đang thử lại…', true);
      },
    });
  }

  /** Cancels the request and the display of one answer (its message is left as it is). */
  stop(id: string): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    stream.cancel?.();
    clearInterval(stream.timer);
    this.streams.delete(id);
  }

  /** Cancels every answer (a new conversation). */
  stopAll(): void {
    for (const id of [...this.streams.keys()]) this.stop(id);
  }

  /** Shows queued word groups at a reading pace; finishes when the queue is empty and `done` has come. */
  private tick(message: AssistantMessage, stream: Stream): void {
    if (stream.timer) return;
    this.view.setStatus('');
    const step = () => {
      const next = stream.queue.shift();
      if (next !== undefined) {
        if (message.status !== 'streaming') {
          message.status = 'streaming';
          this.view.update(message);
        }
        message.text += next;
        this.view.showText(message);
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
    message.refusal = result.refusal;
    message.mode = result.mode;
    message.timings = result.timings;
    message.trace = message.traced ? result.trace : undefined;
    message.more = result.more;
    message.status = 'done';
    this.view.ended(message);
  }
}
