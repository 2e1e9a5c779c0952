/**
 * Talks to the API: questions stream over `WS /api/ws`; when the socket cannot open (a proxy, a firewall, a server
 * without WebSocket) a question goes by `POST /api/ask` instead. The socket reconnects with exponential backoff, and
 * a question in flight when the connection drops is sent again, so nothing the user typed is lost.
 */
import { chunkWords } from './citations.js';
import { storedToken } from './trainer-token.js';
import type { AskResult, Citation, DocumentFull, Turn } from './types.js';

export interface AskPayload {
  question: string;
  history: Turn[];
  trace: boolean;
}

export interface AskEvents {
  /** Forget what was streamed so far (the question is being sent again). */
  reset(): void;
  delta(text: string): void;
  citations(citations: Citation[]): void;
  done(result: AskResult): void;
  /** The server refused or failed: `message` is Vietnamese, for the user. */
  error(code: string, message: string): void;
  /** No connection at all: the question is kept and sent again in `delayMs`. */
  retrying(delayMs: number): void;
}

interface Job {
  id: string;
  payload: AskPayload;
  events: AskEvents;
  cancelled: boolean;
  attempts: number;
  /** Something was delivered to `events` since the last (re)send. */
  started: boolean;
  timer?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
}

const CONNECT_TIMEOUT_MS = 4000;
/** A question sent over the socket with no answer after this long is sent again by HTTP. */
const ANSWER_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;

let counter = 0;
function newId(): string {
  counter += 1;
  return `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${counter}`;
}

/** Backoff with jitter: 0.5 s, 1 s, 2 s … up to 30 s. */
export function backoff(failures: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Turns an error body (`{error: {code, message}}`) or a bare status into a Vietnamese message. */
function errorOf(status: number, body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') return { code: error.code, message: error.message };
  return { code: `HTTP_${status}`, message: `Máy chủ không trả lời được (mã ${status}). Vui lòng thử lại.` };
}

export class Transport {
  private socket?: WebSocket;
  private state: 'idle' | 'connecting' | 'open' | 'down' = 'idle';
  private failures = 0;
  private retryAt = 0;
  private waiting: Job[] = [];
  private live = new Map<string, Job>();
  private sleeping = new Set<Job>();
  readonly wsUrl: string;

  constructor(private readonly api: string) {
    this.wsUrl = `${api.replace(/^http/, 'ws')}/api/ws`;
    window.addEventListener('online', () => {
      this.retryAt = 0;
      for (const job of [...this.sleeping]) this.wake(job);
    });
  }

  /** Opens the socket ahead of the first question (when allowed by the backoff). */
  warm(): void {
    this.connect();
  }

  /**
   * Sends a question; events arrive until `done` or `error`.
   * @returns a function that stops it (later messages for it are ignored)
   */
  ask(payload: AskPayload, events: AskEvents): () => void {
    const job: Job = { id: newId(), payload, events, cancelled: false, attempts: 0, started: false };
    this.dispatch(job);
    return () => this.cancel(job);
  }

  /** `GET /api/documents/:id`. @throws Error with a Vietnamese message */
  async document(id: string): Promise<DocumentFull> {
    const res = await fetch(`${this.api}/api/documents/${encodeURIComponent(id)}`).catch(() => {
      throw new Error('Mất kết nối, không tải được văn bản.');
    });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(errorOf(res.status, body).message);
    return body as DocumentFull;
  }

  /** `POST /api/feedback`. @returns the record's id (when the server gives one) @throws Error with a Vietnamese message */
  async feedback(body: Record<string, unknown>): Promise<string | undefined> {
    const res = await fetch(`${this.api}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => {
      throw new Error('Mất kết nối, chưa gửi được góp ý.');
    });
    const reply: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(errorOf(res.status, reply).message);
    const id = (reply as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  }

  private cancel(job: Job): void {
    job.cancelled = true;
    clearTimeout(job.timer);
    job.abort?.abort();
    // Over the socket, the server is told to stop the question too (a model may still be writing it).
    if (this.live.has(job.id) && this.state === 'open') this.socket?.send(JSON.stringify({ type: 'cancel', id: job.id }));
    this.live.delete(job.id);
    this.sleeping.delete(job);
    this.waiting = this.waiting.filter((j) => j !== job);
  }

  private dispatch(job: Job): void {
    if (job.cancelled) return;
    this.connect();
    if (this.state === 'open') this.sendWs(job);
    else if (this.state === 'connecting') this.waiting.push(job);
    else void this.sendHttp(job);
  }

  private connect(): void {
    if (this.state === 'open' || this.state === 'connecting') return;
    if (this.state === 'down' && Date.now() < this.retryAt) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.wsUrl);
    } catch {
      this.markDown();
      return;
    }
    this.socket = socket;
    this.state = 'connecting';
    const timer = setTimeout(() => {
      if (this.socket === socket && this.state === 'connecting') this.lost(socket);
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      clearTimeout(timer);
      if (this.socket !== socket) return;
      this.state = 'open';
      this.failures = 0;
      const waiting = this.waiting;
      this.waiting = [];
      for (const job of waiting) this.sendWs(job);
    };
    socket.onmessage = (event) => this.onMessage(event);
    socket.onclose = () => {
      clearTimeout(timer);
      if (this.socket === socket) this.lost(socket);
    };
    // `error` is always followed by `close`.
    socket.onerror = () => undefined;
  }

  private markDown(): void {
    this.state = 'down';
    this.failures += 1;
    this.retryAt = Date.now() + backoff(this.failures);
  }

  /** The socket failed or closed: questions waiting for it or in flight on it go by HTTP. */
  private lost(socket: WebSocket): void {
    this.socket = undefined;
    socket.onopen = socket.onmessage = socket.onclose = null;
    try {
      socket.close();
    } catch {
      /* already closed */
    }
    this.markDown();
    const orphans = [...this.waiting, ...this.live.values()];
    this.waiting = [];
    this.live.clear();
    for (const job of orphans) {
      clearTimeout(job.timer);
      void this.sendHttp(job);
    }
  }

  private sendWs(job: Job): void {
    if (job.cancelled) return;
    const socket = this.socket;
    if (!socket || this.state !== 'open') return void this.sendHttp(job);
    this.restart(job);
    this.live.set(job.id, job);
    const { question, history, trace } = job.payload;
    // The trainer token only where the server asked for one (trainer-token.ts): otherwise the message is as before.
    const token = trace ? storedToken() : undefined;
    socket.send(JSON.stringify({ type: 'ask', id: job.id, question, history, trace, ...(token ? { token } : {}) }));
    job.timer = setTimeout(() => {
      if (this.live.has(job.id) && this.socket === socket) this.lost(socket);
    }, ANSWER_TIMEOUT_MS);
  }

  private onMessage(event: MessageEvent): void {
    let message: { type?: string; id?: string; [k: string]: unknown };
    try {
      message = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const job = typeof message.id === 'string' ? this.live.get(message.id) : undefined;
    if (!job || job.cancelled) return;
    job.started = true;
    switch (message.type) {
      case 'delta':
        job.events.delta(String(message.text ?? ''));
        break;
      case 'citations':
        job.events.citations((message.citations as Citation[]) ?? []);
        break;
      case 'done':
        this.finish(job);
        job.events.done(message as unknown as AskResult);
        break;
      case 'error':
        this.finish(job);
        job.events.error(String(message.code ?? 'INTERNAL'), String(message.message ?? 'Lỗi hệ thống, vui lòng thử lại sau.'));
        break;
    }
  }

  private finish(job: Job): void {
    clearTimeout(job.timer);
    this.live.delete(job.id);
  }

  /** Before a (re)send: clears what an earlier attempt streamed. */
  private restart(job: Job): void {
    if (job.started) job.events.reset();
    job.started = false;
  }

  private async sendHttp(job: Job): Promise<void> {
    if (job.cancelled) return;
    this.restart(job);
    job.abort = new AbortController();
    let res: Response;
    try {
      const token = job.payload.trace ? storedToken() : undefined;
      res = await fetch(`${this.api}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(job.payload),
        signal: job.abort.signal,
      });
    } catch {
      if (job.cancelled) return;
      this.sleep(job);
      return;
    }
    const body: unknown = await res.json().catch(() => null);
    if (job.cancelled) return;
    job.attempts = 0;
    job.started = true;
    if (!res.ok || !body) {
      const { code, message } = errorOf(res.status, body);
      job.events.error(code, message);
      return;
    }
    const result = body as AskResult;
    for (const text of chunkWords(result.answer)) job.events.delta(text);
    job.events.citations(result.citations);
    job.events.done(result);
  }

  /** No network: keeps the question and tries again later (socket first if its backoff allows). */
  private sleep(job: Job): void {
    job.attempts += 1;
    const delay = Math.min(15_000, 1000 * 2 ** (job.attempts - 1));
    job.events.retrying(delay);
    this.sleeping.add(job);
    job.timer = setTimeout(() => this.wake(job), delay);
  }

  private wake(job: Job): void {
    clearTimeout(job.timer);
    this.sleeping.delete(job);
    this.dispatch(job);
  }
}
