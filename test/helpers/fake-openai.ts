/**
 * A local stand-in for an OpenAI-compatible server (vLLM, Ollama…): `POST /v1/chat/completions` with and without
 * SSE streaming, and `POST /v1/embeddings`. Each test scripts what the "model" does — reply text, HTTP errors,
 * delays, malformed chunks, a stream dropped mid-way — and reads back the requests it received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatBehaviour {
  /** The reply text; streamed in small pieces when the request asks for a stream. */
  reply?: string;
  /** Answer with this HTTP error status instead (e.g. 500, 429, 401). */
  status?: number;
  /** Error message in the error body. */
  errorMessage?: string;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Wait this long between stream chunks. */
  chunkDelayMs?: number;
  /** Characters per streamed chunk (default 6). */
  chunkChars?: number;
  /** Send a chunk that is not JSON after this many content chunks. */
  malformedAfter?: number;
  /** Destroy the connection after this many content chunks (no finish, no [DONE]). */
  dropAfter?: number;
  /** finish_reason of the last chunk (default "stop"). */
  finishReason?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of whichever endpoint was called; tests read the fields they expect
  body: any;
}

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string }>;
}

export interface FakeOpenAI {
  /** Base URL to configure as OPENAI_BASE_URL, ending in `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** What the chat endpoint does; a function decides per request (`n`: chat requests received before this one). */
  chat: ChatBehaviour | ((body: ChatRequestBody, n: number) => ChatBehaviour);
  /** Dimensions of the embedding vectors it returns. */
  dimensions: number;
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deterministic unit vector: words hashed into `dimensions` buckets. */
export function fakeVector(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % dimensions]! += 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendError(res: ServerResponse, b: ChatBehaviour): void {
  res.writeHead(b.status!, { 'content-type': 'application/json', ...b.headers });
  res.end(JSON.stringify({ error: { message: b.errorMessage ?? `fake error ${b.status}`, type: 'server_error', code: null } }));
}

async function chat(res: ServerResponse, body: ChatRequestBody, b: ChatBehaviour, alive: () => boolean): Promise<void> {
  if (b.delayMs) await sleep(b.delayMs);
  if (!alive()) return;
  if (b.status) return sendError(res, b);
  const reply = b.reply ?? '';
  const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model: body.model, system_fingerprint: 'fake' };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json', ...b.headers });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: b.finishReason ?? 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...b.headers });
  const event = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(event({ role: 'assistant', content: '' }, null));
  const size = b.chunkChars ?? 6;
  const pieces: string[] = [];
  for (let i = 0; i < reply.length; i += size) pieces.push(reply.slice(i, i + size));
  for (let i = 0; i < pieces.length; i++) {
    if (b.malformedAfter !== undefined && i === b.malformedAfter) {
      res.write('data: {"choices": [{"delta": {"content": "bro\n\n');
    }
    if (b.dropAfter !== undefined && i === b.dropAfter) {
      // Let the chunks already written reach the client, then cut the connection.
      await sleep(50);
      res.socket?.destroy();
      return;
    }
    if (b.chunkDelayMs) await sleep(b.chunkDelayMs);
    if (!alive()) return;
    res.write(event({ content: pieces[i] }, null));
  }
  res.write(event({}, b.finishReason ?? 'stop'));
  res.write('data: [DONE]\n\n');
  res.end();
}

/** Starts the fake server on a random port of 127.0.0.1. */
export async function startFakeOpenAI(options: { chat?: FakeOpenAI['chat']; dimensions?: number } = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const fake = {
    baseURL: '',
    requests,
    chat: options.chat ?? { reply: 'Không tìm thấy thông tin trong tài liệu.' },
    dimensions: options.dimensions ?? 24,
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies FakeOpenAI;

  const server = createServer(async (req, res) => {
    let open = true;
    res.on('close', () => (open = false));
    const body = (await readBody(req)) as Record<string, unknown>;
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    try {
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        const b = typeof fake.chat === 'function' ? fake.chat(body as unknown as ChatRequestBody, fake.chatRequests().length - 1) : fake.chat;
        await chat(res, body as unknown as ChatRequestBody, b, () => open);
      } else if (req.method === 'POST' && path === '/v1/embeddings') {
        const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        const base64 = body.encoding_format === 'base64';
        const data = input.map((text, index) => {
          const vector = fakeVector(text, fake.dimensions);
          const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          return { object: 'embedding', index, embedding };
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found' } }));
      }
    } catch {
      if (open) res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
