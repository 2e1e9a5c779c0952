/**
 * The store of what admins learn from use: feedback and (when QUESTION_LOG=on) the question log. One small
 * interface, two back ends (SQLite embedded, PostgreSQL shared by replicas); no HTTP types here.
 */

/** Where one citation of a rated answer points. */
export interface FeedbackCitation {
  n: number;
  documentId: string;
  start?: number;
  end?: number;
}

export interface NewFeedback {
  question: string;
  answer: string;
  rating: 'up' | 'down';
  comment?: string;
  citations?: FeedbackCitation[];
  /** How the rated answer was made ("extractive" | "llm"), as the client says. */
  mode?: string;
  /** Refusal code of the rated answer, when it was a refusal. */
  refusalCode?: string;
  /** Index version that served the answer. */
  indexVersion?: string;
  /** When it was given (default now); imported records keep their own time. */
  at?: string;
  /** A fixed id (imports, so that a second import adds nothing); default a random UUID. */
  id?: string;
}

export interface FeedbackRecord {
  id: string;
  /** ISO 8601 time it was given. */
  at: string;
  /** ISO 8601 time of the last change (a comment added, a rating changed). */
  updatedAt: string;
  question: string;
  answer: string;
  rating: 'up' | 'down';
  comment?: string;
  citations: FeedbackCitation[];
  mode?: string;
  refusalCode?: string;
  indexVersion?: string;
  /** ISO 8601 time an admin marked it handled. */
  handledAt?: string;
}

/** One logged question: its outcome, never who asked. */
export interface QuestionEntry {
  question: string;
  outcome: 'answered' | 'refused';
  /** The refusal code (`refusal.code`) when refused. */
  refusalCode?: string;
  /** What the question named that the corpus lacks (`refusal.missing`), as written. */
  missing?: string[];
  mode: string;
  latencyMs: number;
  /** ISO 8601; default now. */
  at?: string;
}

export interface QuestionRecord extends Required<Omit<QuestionEntry, 'refusalCode' | 'missing'>> {
  id: string;
  refusalCode?: string;
  missing: string[];
}

export interface ListOptions {
  /** ISO date or time: only records at or after it. */
  since?: string;
  limit?: number;
}

export interface Store {
  /** "sqlite" or "postgres". */
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the migrations not applied yet (idempotent; safe with replicas starting together). */
  migrate(): Promise<void>;
  /** @returns the record as stored. @throws AppError STORE_FULL | STORE_READ_ONLY | STORE_UNAVAILABLE */
  addFeedback(input: NewFeedback): Promise<FeedbackRecord>;
  /** Changes the rating and/or comment of a record. @returns undefined when there is no such id */
  updateFeedback(id: string, patch: { rating?: 'up' | 'down'; comment?: string }): Promise<FeedbackRecord | undefined>;
  /** Marks a record handled (or not). @returns false when there is no such id */
  setFeedbackHandled(id: string, handled: boolean): Promise<boolean>;
  getFeedback(id: string): Promise<FeedbackRecord | undefined>;
  /** Newest first. */
  listFeedback(options?: ListOptions & { rating?: 'up' | 'down' }): Promise<FeedbackRecord[]>;
  /**
   * Adds records once: those whose id is already stored are left as they are, and the whole batch is recorded under
   * `marker` in one transaction. @returns how many were added, or undefined when `marker` was already imported
   */
  importFeedback(marker: string, records: NewFeedback[]): Promise<number | undefined>;
  logQuestion(entry: QuestionEntry): Promise<void>;
  /** Oldest first. */
  listQuestions(options?: ListOptions): Promise<QuestionRecord[]>;
  /** Deletes questions before `before` (ISO) and, with `maxRows` > 0, all but the newest `maxRows`. @returns deleted */
  pruneQuestions(before: string, maxRows: number): Promise<number>;
  close(): Promise<void>;
}
