/**
 * Follow-up questions without a model: "kế hoạch đó", "nhiệm vụ này", "còn … thì sao?" are resolved from the
 * conversation so retrieval gets a standalone question.
 */
import { replay, resolveWith, withoutDocumentNumbers, type ConversationState } from './conversation.js';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface Resolved {
  /** The standalone question retrieval should use. */
  question: string;
  /** True when the history changed the question. */
  rewritten: boolean;
  /** Terms of the earlier question that keep the topic, searched with a lower weight. */
  context?: string;
  /** True when the question's subject is only in the history ("nhiệm vụ đó do ai chủ trì?"): context weighs more. */
  strong?: boolean;
  /** The question as asked, when it leans on the history for its subject (`question` may add a document to it). */
  own?: string;
  /** What the conversation is about after this question, what the question took from it, and whether it stands alone. */
  conversation?: { state: Record<string, string>; inherited: string[]; fresh: boolean; source?: string };
}

/**
 * Resolves a follow-up question against the conversation history: the state the history leaves (see
 * conversation.ts) read with the new question.
 * @param question the new question
 * @param history earlier turns, oldest first
 * @param options `dropDocument`: read the question without the documents the conversation named
 */
export function resolveFollowUp(question: string, history: Turn[] = [], options: { dropDocument?: boolean } = {}): Resolved {
  const replayed = replay(history);
  // Without the documents the conversation named: where the one it referred back to does not say what is asked.
  const resolution = resolveWith(question, options.dropDocument ? withoutDocuments(replayed) : replayed);
  const { state, inherited, fresh, ...resolved } = resolution;
  // The unnumbered report the last answer quoted, even where the question stands alone ("Bộ X thì được giao gì?").
  return { ...resolved, conversation: { state: visibleState(state), inherited, fresh, ...(replayed.source ? { source: replayed.source } : {}) } };
}

/** The state as the trace shows it: the slots with a value. */
function visibleState(state: ConversationState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['document', 'agency', 'place', 'year', 'topic', 'attribute', 'source'] as const) {
    const value = state[key];
    if (value && value !== 'general') out[key] = value;
  }
  return out;
}

/** The state without the documents it names: none referred back to, and none in the question a swap rewrites. */
function withoutDocuments(state: ConversationState): ConversationState {
  const question = state.question && withoutDocumentNumbers(state.question);
  return { ...state, document: undefined, documents: [], ...(question !== undefined ? { question } : {}) };
}

