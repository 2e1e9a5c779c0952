/** What the widget receives from the API (the server's public contract) and what it keeps in a conversation. */
import type { Citation, MoreItems, Refusal } from '../../src/answer/types.js';

export type { Citation, MoreItems, Refusal };

export interface Timings {
  retrieveMs: number;
  answerMs: number;
  totalMs: number;
}

/** `done` over the WebSocket, or the body of `POST /api/ask`. */
export interface AskResult {
  answer: string;
  notFound: boolean;
  /** Why it was refused (a stable code), when `notFound`. */
  refusal?: Refusal;
  mode: 'extractive' | 'llm';
  citations: Citation[];
  timings: Timings;
  trace?: Record<string, unknown>;
  more?: MoreItems;
}

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface DocumentFull {
  id: string;
  title: string;
  number?: string;
  issued?: string;
  issuer?: string;
  /** Trích yếu: what the document is about, as its official layout states it. */
  subject?: string;
  /** Who signed it, and in which capacity ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). */
  signer?: string;
  signerTitle?: string;
  /** Where the text comes from (front matter "source"). */
  source?: string;
  /** What it is: "official_text", "summary", "digest", "table", "news" (front matter "kind"). */
  kind?: string;
  text: string;
  pageSpans?: { page: number; start: number; end: number }[];
}

export type AnswerStatus = 'pending' | 'streaming' | 'done' | 'error' | 'stopped';

export interface UserMessage {
  id: string;
  role: 'user';
  text: string;
}

export interface AssistantMessage {
  id: string;
  role: 'assistant';
  /** The question this answers (kept here so a retry or a feedback needs nothing else). */
  question: string;
  text: string;
  status: AnswerStatus;
  /** Asked with `trace: true` (trainer view). */
  traced: boolean;
  citations: Citation[];
  notFound?: boolean;
  refusal?: Refusal;
  mode?: AskResult['mode'];
  timings?: Timings;
  trace?: Record<string, unknown>;
  error?: { code: string; message: string };
  /** A list answer's other items ("Xem thêm"). */
  more?: MoreItems;
  /** The other items are shown. */
  moreOpen?: boolean;
  rating?: 'up' | 'down';
  /** The feedback record's id (a server that updates records gives one): a comment updates that record. */
  feedbackId?: string;
  commented?: boolean;
}

export type Message = UserMessage | AssistantMessage;
