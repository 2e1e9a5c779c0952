/**
 * Feedback that survives faults: whole records only (a write that fails on a full disk leaves no half line, and the
 * next record is a line of its own), a cap with rotation, 507 FEEDBACK_DISK_FULL on a full disk and 503
 * FEEDBACK_UNAVAILABLE with a start-up warning on a read-only DATA_DIR. Real files, a real tmpfs (skipped with a
 * message where it cannot be mounted), the real app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { buildApp } from '../src/server/app.js';
import { FeedbackStore } from '../src/server/feedback-store.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';

let server: TestServer;
const mounted: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ listen: false });
}, 60_000);
afterAll(async () => {
  for (const dir of mounted) {
    execFileSync('umount', [dir]);
    await removeTempDir(dir);
  }
  await server?.close();
});

/** Mounts a small tmpfs (root only); false where the machine does not allow it. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return true;
  } catch {
    return false;
  }
}

const record = (n: number, comment = '') => ({ question: `Câu hỏi ${n}`, answer: 'Trả lời.', rating: 'up', comment });

/** The app over the test index with another DATA_DIR; `logs` collects its log lines. */
async function appWithData(dataDir: string) {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config: { ...server.config, DATA_DIR: dataDir }, engines: server.engines, logger: { level: 'info', stream } });
  await app.ready();
  return { app, logs };
}

const post = (app: Awaited<ReturnType<typeof appWithData>>['app'], body: object) =>
  app.inject({ method: 'POST', url: '/api/feedback', payload: body });

describe('feedback storage', () => {
  it('rotates the file past its cap and keeps the number of files asked', async () => {
    const dir = await makeTempDir('trolycongvu-feedback-');
    try {
      const store = new FeedbackStore(path.join(dir, 'feedback.jsonl'), { maxBytes: 400, keep: 2 });
      for (let n = 0; n < 12; n++) await store.append(record(n, 'x'.repeat(60)));
      const files = (await readdir(dir)).sort();
      expect(files).toEqual(['feedback.jsonl', 'feedback.jsonl.1', 'feedback.jsonl.2']);
      for (const f of files) {
        const text = await readFile(path.join(dir, f), 'utf8');
        expect(text.length).toBeLessThanOrEqual(400);
        // Every line a whole record.
        for (const line of text.trimEnd().split('\n')) expect(JSON.parse(line).question).toMatch(/^Câu hỏi \d+$/);
      }
      // The newest records are in the live file, the oldest dropped.
      expect(await readFile(path.join(dir, 'feedback.jsonl'), 'utf8')).toContain('Câu hỏi 11');
    } finally {
      await removeTempDir(dir);
    }
  });

  it('answers 507 FEEDBACK_DISK_FULL on a full disk and leaves no broken record', async (context) => {
    const dir = await makeTempDir('trolycongvu-feedback-');
    if (!mountTmpfs(dir, '64k')) {
      console.log('Bỏ qua: không gắn được tmpfs (cần quyền root) để thử ổ đầy.');
      await removeTempDir(dir);
      context.skip();
    }
    const { app } = await appWithData(dir);
    try {
      expect((await post(app, record(1))).statusCode).toBe(201);
      // Fill the disk to within a few hundred bytes.
      await writeFile(path.join(dir, 'filler'), Buffer.alloc(64 * 1024 - 4096 - 300)).catch(() => undefined);
      let full;
      for (let n = 2; n < 50 && !full; n++) {
        const res = await post(app, record(n, 'ý kiến '.repeat(150)));
        if (res.statusCode !== 201) full = res;
      }
      expect(full?.statusCode).toBe(507);
      expect(full?.json().error.code).toBe('FEEDBACK_DISK_FULL');
      const lines = (await readFile(path.join(dir, 'feedback.jsonl'), 'utf8')).split('\n');
      expect(lines.pop()).toBe(''); // ends with a whole line
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      // The server still answers questions.
      const ask = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'Sở Nội vụ chủ trì nhiệm vụ gì?' } });
      expect(ask.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('warns at start-up and answers 503 FEEDBACK_UNAVAILABLE on a read-only DATA_DIR', async (context) => {
    const dir = await makeTempDir('trolycongvu-feedback-');
    if (!mountTmpfs(dir, '1m')) {
      console.log('Bỏ qua: không gắn được tmpfs (cần quyền root) để thử thư mục chỉ đọc.');
      await removeTempDir(dir);
      context.skip();
    }
    await mkdir(path.join(dir, 'data'));
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const { app, logs } = await appWithData(path.join(dir, 'data'));
    try {
      expect(logs.join('')).toMatch(/feedback cannot be stored: DATA_DIR is not writable/);
      expect(logs.join('')).toMatch(/EROFS/);
      const res = await post(app, record(1));
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'FEEDBACK_UNAVAILABLE' });
      expect(res.json().error.message).toMatch(/góp ý/);
    } finally {
      await app.close();
    }
  });
});
