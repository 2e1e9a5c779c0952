/**
 * `npm run ask` against a running server started here on a random port: it answers from the server (the local index
 * and corpus paths point nowhere, so loading them would fail), `--trace` explains in Vietnamese, `--json` carries the
 * trace, `-i` keeps asking with the conversation. The time of one question end to end is printed as a benchmark
 * figure, not asserted.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let server: TestServer;

/** Runs `npm run -s ask -- …args` with the server's address in HOST/PORT; resolves with its output and wall time. */
function runAsk(args: string[], input?: string): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '-s', 'ask', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(server.port), INDEX_DIR: path.join(server.dir, 'nowhere'), CORPUS_DIR: path.join(server.dir, 'nowhere'), OPENAI_BASE_URL: '', LLM_MODEL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err, ms: performance.now() - started }));
    child.stdin.end(input ?? '');
  });
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('npm run ask with a server running', () => {
  it('answers from the running server', async () => {
    // The first run may bundle the script (node_modules/.cache); the second is what a class waits for.
    const first = await runAsk(['Buổi sáng làm việc từ mấy giờ?']);
    expect(first.err).toBe('');
    const timed = await runAsk(['Buổi sáng làm việc từ mấy giờ?']);
    expect(timed.code).toBe(0);
    expect(timed.out).toContain('7 giờ 30');
    expect(timed.out).toContain(`máy chủ http://127.0.0.1:${server.port}`);
    expect(timed.out).toMatch(/\[1\] Quyết định 15\/QĐ-UBND/);
    console.log(`[benchmark] npm run ask với máy chủ đang chạy: lần đầu ${Math.round(first.ms)} ms, lần sau ${Math.round(timed.ms)} ms (cả khởi động npm và Node)`);
  }, 60_000);

  it('explains the answer in Vietnamese with --trace, and prints the raw trace with --json', async () => {
    const traced = await runAsk(['Ai chủ trì theo dõi kế hoạch chuyển đổi số?', '--trace']);
    expect(traced.code).toBe(0);
    expect(traced.out).toContain('Câu trả lời được tạo ra như thế nào:');
    expect(traced.out).toMatch(/1\. Đọc câu hỏi: Tách câu hỏi thành các từ khóa: .*“chủ trì”/);
    expect(traced.out).toMatch(/Độ tin cậy \d+\/100/);
    expect(traced.out).not.toMatch(/"lexical"|responsibility|\{/);
    const json = await runAsk(['Ai là tác giả của Truyện Kiều?', '--json']);
    const body = JSON.parse(json.out);
    expect(body.notFound).toBe(true);
    expect(body.trace.confidence.answer.value).toBeLessThan(body.trace.confidence.scale.threshold);
  }, 60_000);

  it('keeps asking with -i, the conversation carried to a follow-up', async () => {
    const run = await runAsk(['-i'], 'Quyết định 15 quy định buổi sáng làm việc từ mấy giờ?\nQuyết định đó có hiệu lực từ ngày nào?\n/thoat\n');
    expect(run.code).toBe(0);
    expect(run.out).toContain('7 giờ 30');
    expect(run.out).toContain('01/04/2024');
    expect(run.out.match(/Câu hỏi> /g)?.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
