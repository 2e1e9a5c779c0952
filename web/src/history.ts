/**
 * The conversation history sent with a question, so a follow-up ("Quyết định đó…") can be understood. Only
 * completed question–answer pairs count: a stopped, failed or unfinished answer would mislead the model.
 */
import type { AssistantMessage, Message, Turn } from './types.js';

/** Turns kept: the most recent question–answer pairs (older ones rarely matter and cost tokens). */
const HISTORY_TURNS = 10;

/**
 * History of the turns before `message`: completed questions and answers, the most recent ones.
 * @param messages the whole conversation, in order
 * @returns alternating user/assistant turns, each text cut to 4000 characters, at most 20 turns
 */
export function historyBefore(messages: readonly Message[], message: AssistantMessage): Turn[] {
  const turns: Turn[] = [];
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
