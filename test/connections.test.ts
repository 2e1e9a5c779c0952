/**
 * Connections are bounded: WebSocket message rates (per socket and per client), socket caps, heartbeat and idle
 * timeout, malformed frames logged once, trace tokens on WebSocket, slow HTTP bodies cut off, and a shutdown that
 * finishes within its grace period with slow clients still connected. Real ports, real `ws` and `net` clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import { closeGracefully } from '../src/server/server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const opened: FastifyInstance[] = [];

beforeAll(async () => {
  server = await startTestServer({ listen: false });
});
afterAll(async () => {
  for (const app of opened) await app.close();
  await server?.close();
});

/** Another app over the same index, listening on a random port; `logs` collects its log lines. */
async function listening(overrides: Partial<Config>): Promise<{ app: FastifyInstance; ws: string; port: number; logs: string[] }> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config: { ...server.config, ...overrides }, engines: server.engines, logger: { level: 'info', stream } });
  opened.push(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, ws: `${url.replace('http', 'ws')}/api/ws`, port: Number(new URL(url).port), logs };
}

interface Frame {
  type: string;
  id?: unknown;
  code?: string;
  trace?: unknown;
  traceDenied?: boolean;
}

/** Opens a socket and records every frame and how it closed. */
function client(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const ws = new WebSocket(url, options);
  const frames: Frame[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw)) as Frame));
  const open = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const until = async (test: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!test() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  };
  return { ws, frames, open, closed, until };
}

const ask = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'ask', id, question: 'Buổi sáng làm việc từ mấy giờ?', ...extra });
const ended = (frames: Frame[]) => frames.filter((f) => f.type === 'done' || f.type === 'error');

describe('WebSocket limits', () => {
  it('refuses questions past WS_MESSAGES_PER_MINUTE on one socket with RATE_LIMITED frames naming them', async () => {
    const { ws: url } = await listening({ WS_MESSAGES_PER_MINUTE: 3 });
    const c = client(url);
    await c.open;
    for (let i = 1; i <= 5; i++) c.ws.send(ask(`q${i}`));
    await c.until(() => ended(c.frames).length === 5);
    const done = c.frames.filter((f) => f.type === 'done').map((f) => f.id);
    const limited = c.frames.filter((f) => f.type === 'error' && f.code === 'RATE_LIMITED').map((f) => f.id);
    expect(done.sort()).toEqual(['q1', 'q2', 'q3']);
    expect(limited.sort()).toEqual(['q4', 'q5']);
    c.ws.close();
  });

  it('shares the client budget (RATE_LIMIT_PER_MINUTE) across its sockets', async () => {
    const { ws: url } = await listening({ WS_MESSAGES_PER_MINUTE: 100, RATE_LIMIT_PER_MINUTE: 4 });
    const a = client(url);
    const b = client(url);
    await Promise.all([a.open, b.open]);
    for (let i = 0; i < 3; i++) {
      a.ws.send(ask(`a${i}`));
      b.ws.send(ask(`b${i}`));
    }
    await a.until(() => ended(a.frames).length + ended(b.frames).length === 6);
    const all = [...a.frames, ...b.frames];
    expect(all.filter((f) => f.type === 'done')).toHaveLength(4);
    expect(all.filter((f) => f.code === 'RATE_LIMITED')).toHaveLength(2);
    a.ws.close();
    b.ws.close();
  });

  it('closes a socket that keeps flooding past its budget (1008)', async () => {
    const { ws: url } = await listening({ WS_MESSAGES_PER_MINUTE: 1 });
    const c = client(url);
    await c.open;
    for (let i = 0; i < 40; i++) c.ws.send('{"type":"ask","id":1,"question":""}');
    expect((await c.closed).code).toBe(1008);
  });

  it('caps sockets per client and in all with an error frame and close 1013', async () => {
    const { ws: url } = await listening({ WS_MAX_PER_CLIENT: 2, WS_MAX_SOCKETS: 3 });
    const first = [client(url), client(url)];
    await Promise.all(first.map((c) => c.open));
    const third = client(url);
    expect((await third.closed).code).toBe(1013);
    expect(third.frames[0]).toMatchObject({ type: 'error', code: 'WS_TOO_MANY' });
    // A socket closed frees its place.
    first[0]!.ws.close();
    await first[0]!.closed;
    const again = client(url);
    await again.open;
    again.ws.send(ask('after'));
    await again.until(() => ended(again.frames).length === 1);
    expect(again.frames.at(-1)?.type).toBe('done');
    again.ws.close();
    first[1]!.ws.close();
  });

  it('closes an idle socket with WS_IDLE (4408) and a silent peer by heartbeat', async () => {
    const { ws: url } = await listening({ WS_IDLE_MS: 300, WS_PING_MS: 60_000 });
    const idle = client(url);
    await idle.open;
    const closed = await idle.closed;
    expect(closed.code).toBe(4408);
    expect(idle.frames[0]).toMatchObject({ type: 'error', code: 'WS_IDLE' });

    const { ws: url2 } = await listening({ WS_PING_MS: 150, WS_IDLE_MS: 60_000 });
    const silent = client(url2, { autoPong: false });
    await silent.open;
    const started = Date.now();
    const gone = await silent.closed;
    expect(gone.code).toBe(1006); // terminated: no close handshake with a dead peer
    expect(Date.now() - started).toBeLessThan(2000);
    const alive = client(url2);
    await alive.open;
    await new Promise((r) => setTimeout(r, 500));
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.ws.close();
  });

  it('logs malformed messages once per socket and a broken frame without a stack', async () => {
    const { ws: url, logs } = await listening({});
    const c = client(url);
    await c.open;
    for (let i = 0; i < 5; i++) c.ws.send('not json {');
    await c.until(() => c.frames.length === 5);
    expect(c.frames.every((f) => f.code === 'BAD_REQUEST')).toBe(true);
    expect(logs.filter((l) => l.includes('not JSON'))).toHaveLength(1);
    // Invalid UTF-8 in a text frame: ws ends the socket (1007); one short warning.
    c.ws.send(Buffer.from([0xc3, 0x28]), { binary: false });
    expect((await c.closed).code).toBe(1007);
    await c.until(() => logs.some((l) => l.includes('websocket error')), 2000);
    const lines = logs.filter((l) => l.includes('websocket error'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('"stack"');
  });

  it('serves trace on WebSocket to a trainer token (message field or ?trainer=) only', async () => {
    const { ws: url } = await listening({ TRAINER_TOKEN: 'trainer-secret', HOST: '0.0.0.0' });
    const c = client(url);
    await c.open;
    c.ws.send(ask('anon', { trace: true }));
    c.ws.send(ask('trainer', { trace: true, token: 'trainer-secret' }));
    await c.until(() => ended(c.frames).length === 2);
    const done = (id: string) => c.frames.find((f) => f.type === 'done' && f.id === id)!;
    expect(done('anon').trace).toBeUndefined();
    expect(done('anon').traceDenied).toBe(true);
    expect(done('trainer').trace).toBeDefined();
    c.ws.close();
    const q = client(`${url}?trainer=trainer-secret`);
    await q.open;
    q.ws.send(ask('q', { trace: true }));
    await q.until(() => ended(q.frames).length === 1);
    expect(q.frames.find((f) => f.type === 'done')?.trace).toBeDefined();
    q.ws.close();
  });
});

/** A raw client that sends the headers of a POST with a body it never finishes. */
function slowPost(port: number): Promise<{ socket: net.Socket; reply: Promise<string> }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write('POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"question":');
      let data = '';
      const reply = new Promise<string>((done) => {
        socket.on('data', (chunk) => (data += String(chunk)));
        socket.on('close', () => done(data));
        socket.on('error', () => done(data));
      });
      resolve({ socket, reply });
    });
  });
}

describe('HTTP timeouts and shutdown', () => {
  it('cuts off a body that trickles in past REQUEST_TIMEOUT_MS with 408', async () => {
    const { port } = await listening({ REQUEST_TIMEOUT_MS: 400 });
    const started = Date.now();
    const { reply } = await slowPost(port);
    const text = await reply;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('closes within the grace period with a slow client and an open WebSocket', async () => {
    const { app, port, ws: url } = await listening({ REQUEST_TIMEOUT_MS: 60_000 });
    opened.splice(opened.indexOf(app), 1);
    const slow = await slowPost(port);
    const socket = client(url);
    await socket.open;
    const started = Date.now();
    await closeGracefully(app, 500);
    expect(Date.now() - started).toBeLessThan(2000);
    await slow.reply;
    expect(slow.socket.destroyed).toBe(true);
    expect((await socket.closed).code).toBeGreaterThan(0);
  });

  it('npm start stops on SIGTERM within a few seconds with a slow client connected', async () => {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INDEX_DIR: server.config.INDEX_DIR,
      CORPUS_DIR: server.config.CORPUS_DIR,
      DATA_DIR: server.config.DATA_DIR,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '800',
      REQUEST_TIMEOUT_MS: '60000',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/start.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
    });
    const slow = await slowPost(port);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(4000);
    slow.socket.destroy();
  }, 30_000);
});
