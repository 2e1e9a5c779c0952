/**
 * The conversation and its settings, kept in `sessionStorage` so a reload (or a move to another page of the same
 * site) keeps them; display preferences (large text) go to `localStorage`. Storage can be missing or full (private
 * modes, quotas): the widget then simply forgets.
 */
import type { Message } from './types.js';

export interface SessionState {
  messages: Message[];
  /** What the user was typing and has not sent. */
  draft: string;
  open: boolean;
  trainer: boolean;
}

const EMPTY: SessionState = { messages: [], draft: '', open: false, trainer: false };

function storage(kind: 'sessionStorage' | 'localStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}

/** Reads and writes one widget instance's state under `key`. */
export class Store {
  constructor(private readonly key: string) {}

  load(): SessionState {
    try {
      const raw = storage('sessionStorage')?.getItem(this.key);
      if (!raw) return { ...EMPTY, messages: [] };
      const parsed = JSON.parse(raw) as Partial<SessionState>;
      return {
        messages: Array.isArray(parsed.messages) ? parsed.messages.filter((m) => m && typeof m.id === 'string') : [],
        draft: typeof parsed.draft === 'string' ? parsed.draft : '',
        open: parsed.open === true,
        trainer: parsed.trainer === true,
      };
    } catch {
      return { ...EMPTY, messages: [] };
    }
  }

  save(state: SessionState): void {
    const s = storage('sessionStorage');
    if (!s) return;
    try {
      s.setItem(this.key, JSON.stringify(state));
    } catch {
      // Full: drop the traces (the largest part) and try once more.
      try {
        const slim = { ...state, messages: state.messages.map((m) => (m.role === 'assistant' ? { ...m, trace: undefined } : m)) };
        s.setItem(this.key, JSON.stringify(slim));
      } catch {
        /* storage unavailable: the conversation lives in memory only */
      }
    }
  }

  getPref(name: string): string | null {
    try {
      return storage('localStorage')?.getItem(`${this.key}:${name}`) ?? null;
    } catch {
      return null;
    }
  }

  setPref(name: string, value: string): void {
    try {
      storage('localStorage')?.setItem(`${this.key}:${name}`, value);
    } catch {
      /* ignore */
    }
  }
}
