/**
 * The chat model behind LLM mode: any server that speaks the OpenAI Chat Completions protocol (vLLM, Ollama,
 * LM Studio, llama.cpp, OpenAI itself), through LangChain's `ChatOpenAICompletions`. Created once from
 * configuration; the answer pipeline only sees the small {@link LlmClient} interface.
 */
import type { ChatOpenAICompletions } from '@langchain/openai';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatMessage } from './prompt.js';

/** A piece of a streamed reply. */
export interface LlmChunk {
  text: string;
  /** Set on the last chunk by the server ("stop", "length"…). */
  finish?: string;
}

export interface LlmClient {
  readonly model: string;
  /** Where requests go (credentials in the URL removed). */
  readonly baseURL: string;
  /** The whole budget of one question's model work, in ms (LLM_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Streams a reply. Rejects (or throws while iterating) on any failure and when `signal` aborts. */
  stream(messages: ChatMessage[], signal: AbortSignal): AsyncIterable<LlmChunk>;
  /** A whole reply, not streamed. */
  complete(messages: ChatMessage[], signal: AbortSignal): Promise<string>;
  /** Removes the API key (and anything that looks like a key) from a text before it is logged or traced. */
  redact(text: string): string;
}

export interface LlmConfig {
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  LLM_MODEL?: string;
  LLM_TIMEOUT_MS: number;
}

async function toLangChain(messages: ChatMessage[]): Promise<BaseMessage[]> {
  const { AIMessage, HumanMessage, SystemMessage } = await import('@langchain/core/messages');
  return messages.map((m) =>
    m.role === 'system' ? new SystemMessage(m.content) : m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content),
  );
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : (part as { text?: unknown })?.text ?? '')).join('');
  }
  return '';
}

/** Keys look like "sk-…", "sk-proj-…", long hex/base64 tokens after "Bearer". */
const KEY_LIKE = /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** A redactor for one secret (and key-shaped strings in general). */
export function redactor(secret: string | undefined): (text: string) => string {
  return (text) => {
    let out = text;
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
    return out.replace(KEY_LIKE, '***');
  };
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/**
 * The chat model of LLM mode, or undefined when it is not configured (offline, extractive answers).
 * Enabled by OPENAI_BASE_URL and LLM_MODEL; OPENAI_API_KEY is sent when set (local servers do not need it).
 */
export function createLlmClient(config: LlmConfig): LlmClient | undefined {
  if (!config.OPENAI_BASE_URL || !config.LLM_MODEL) return undefined;
  const baseURL = config.OPENAI_BASE_URL.replace(/\/+$/, '');
  // LangChain's OpenAI client is read on the first question for the model, not when the server starts.
  let client: Promise<ChatOpenAICompletions> | undefined;
  const modelOf = () => (client ??= import('@langchain/openai').then(({ ChatOpenAICompletions }) => new ChatOpenAICompletions({
    model: config.LLM_MODEL,
    apiKey: config.OPENAI_API_KEY || 'not-needed',
    configuration: { baseURL },
    temperature: 0,
    maxTokens: 600,
    // Retries are ours (assistant/llm.ts): only those that fit in the time budget.
    maxRetries: 0,
    timeout: config.LLM_TIMEOUT_MS,
    // Older vLLM / Ollama builds reject `stream_options`.
    streamUsage: false,
  })));
  return {
    model: config.LLM_MODEL,
    baseURL: withoutCredentials(baseURL),
    timeoutMs: config.LLM_TIMEOUT_MS,
    async *stream(messages, signal) {
      const model = await modelOf();
      const stream = await model.stream(await toLangChain(messages), { signal });
      for await (const chunk of stream) {
        const finish = chunk.response_metadata?.finish_reason;
        yield { text: textOf(chunk.content), finish: typeof finish === 'string' ? finish : undefined };
      }
    },
    async complete(messages, signal) {
      const model = await modelOf();
      const reply = await model.invoke(await toLangChain(messages), { signal });
      return textOf(reply.content);
    },
    redact: redactor(config.OPENAI_API_KEY),
  };
}
