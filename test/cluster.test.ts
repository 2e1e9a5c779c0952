/**
 * `WORKERS=2 npm start`: two server processes on one port answer over HTTP and WebSocket; a worker killed is
 * replaced and the port keeps answering; SIGTERM stops them all.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { makeIndex, type TestIndex } from './helpers/corpus.js';

/** The server processes a process forked (from /proc: children running scripts/start.ts, not tsx's esbuild). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (list) out.push(...list.split(/\s+/).map(Number));
  }
  return out.filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('scripts/start.ts');
    } catch {
      return false;
    }
  });
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** One POST /api/ask on a new connection (a kept-alive one may belong to a worker killed since). */
function askHttp(port: number, question: string): Promise<{ status: number; answer?: string }> {
  const body = JSON.stringify({ question });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/ask', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, answer: (JSON.parse(text) as { answer?: string }).answer }));
      },
    );
    req.on('error', reject);
    // A connection the primary handed to a worker just killed is lost: it fails within this time.
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.end(body);
  });
}

describe.skipIf(!existsProc())('WORKERS=2', () => {
  let index: TestIndex;
  beforeAll(async () => {
    index = await makeIndex();
  });
  afterAll(async () => index?.cleanup());

  it('answers over HTTP and WebSocket from two processes, replaces a killed one, stops on SIGTERM', async () => {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INDEX_DIR: index.indexDir,
      CORPUS_DIR: index.corpusDir,
      DATA_DIR: index.root,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      INDEX_POLL_MS: '0',
      WORKERS: '2',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/start.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stderr.on('data', (c) => (out += String(c)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        out += String(c);
        const m = /http:\/\/127\.0\.0\.1:(\d+) \(2 tiến trình\)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
    });
    try {
      await checks(port, child.pid!);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    }
  }, 90_000);
});

/** Two workers answer alike over HTTP and WebSocket; one killed is replaced while the other answers. */
async function checks(port: number, primary: number): Promise<void> {
  const workers = childrenOf(primary);
  expect(workers).toHaveLength(2);

  const question = 'Tỷ trọng kinh tế số trong GRDP của Quảng Ninh đến năm 2030 là bao nhiêu?';
  const first = await askHttp(port, question);
  expect(first.status).toBe(200);
  expect(first.answer).toMatch(/30%/);
  const many = await Promise.all(Array.from({ length: 8 }, () => askHttp(port, question)));
  expect(many.map((r) => r.answer)).toEqual(many.map(() => first.answer));

  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`);
  const frames: Array<{ type: string; id?: string }> = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as { type: string }));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'ask', id: 'q1', question }));
  await until(() => frames.some((f) => f.type === 'done' || f.type === 'error'), 15_000);
  expect(frames.at(-1)?.type).toBe('done');
  ws.close();

  // A worker killed outright is replaced; the port answers meanwhile from the other one.
  process.kill(workers[0]!, 'SIGKILL');
  // A connection accepted as the worker died may be lost with it; a new one is answered by the live worker.
  const after = await askHttp(port, question).catch(() => askHttp(port, question));
  expect(after.status).toBe(200);
  await until(() => {
    const now = childrenOf(primary);
    return now.length === 2 && !now.includes(workers[0]!);
  }, 20_000);
  expect((await askHttp(port, question)).answer).toBe(first.answer);
}

function existsProc(): boolean {
  try {
    readdirSync('/proc/self/task');
    return true;
  } catch {
    return false;
  }
}
