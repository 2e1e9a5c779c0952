/**
 * Re-indexing while the service answers: admin reload, requests in flight during a re-ingest, an ingest killed
 * mid-run, deleted files, strict mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion, readIndex } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { makeApp, makeIndex, type TestIndex } from './helpers/corpus.js';
import { EngineHolder } from '../src/server/engine-holder.js';

const TOKEN = 'admin-test-token';
const embeddings = chooseEmbeddings({});
let index: TestIndex;
let app: FastifyInstance;

const NEW_PLAN = [
  '---',
  'title: "Kế hoạch thí điểm trạm quan trắc thông minh"',
  'number: "77/KH-UBND"',
  'issued: "2025-06-02"',
  '---',
  'Kế hoạch đặt mục tiêu lắp đặt 120 trạm quan trắc thông minh tại các xã ven biển trước tháng 10/2025.',
].join('\n');

beforeAll(async () => {
  index = await makeIndex();
  ({ app } = await makeApp(index.indexDir, { ADMIN_TOKEN: TOKEN }));
});
afterAll(async () => {
  await app?.close();
  await index?.cleanup();
});

const ask = async (question: string) => (await app.inject({ method: 'POST', url: '/api/ask', payload: { question } })).json();
const reload = (authorization?: string) =>
  app.inject({ method: 'POST', url: '/api/admin/reload', headers: authorization ? { authorization } : {} });

describe('admin re-indexing', () => {
  it('refuses reload without the admin token', async () => {
    expect((await reload()).statusCode).toBe(401);
    const wrong = await reload('Bearer nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHORIZED');
  });

  it('serves a new document after ingest and reload, failing no request in flight', async () => {
    expect((await ask('Kế hoạch lắp đặt bao nhiêu trạm quan trắc thông minh?')).notFound).toBe(true);
    await writeFile(path.join(index.corpusDir, 'tram-quan-trac.md'), NEW_PLAN);
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      app.inject({ method: 'POST', url: '/api/ask', payload: { question: i % 2 ? 'Tỷ trọng kinh tế số đạt bao nhiêu?' : 'Ai làm Trưởng ban Ban Chỉ đạo?' } }),
    );
    const report = await ingestCorpus({ corpusDir: index.corpusDir, indexDir: index.indexDir, embeddings });
    expect(report.files.find((f) => f.file === 'tram-quan-trac.md')?.status).toBe('added');
    expect(report.files.filter((f) => f.status === 'unchanged').length).toBeGreaterThan(0);
    const reloaded = await reload(`Bearer ${TOKEN}`);
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.json()).toMatchObject({ reloaded: true, version: report.version });
    const statuses = (await Promise.all(inFlight)).map((r) => r.statusCode);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const answer = await ask('Kế hoạch lắp đặt bao nhiêu trạm quan trắc thông minh?');
    expect(answer.notFound).toBe(false);
    expect(answer.answer).toContain('120 trạm');
  });

  it('picks up a new index version by itself', async () => {
    const holder = new EngineHolder(index.indexDir, embeddings);
    await holder.reload();
    const before = holder.get().version;
    holder.watch(50);
    const report = await ingestCorpus({ corpusDir: index.corpusDir, indexDir: index.indexDir, embeddings, full: true });
    const deadline = Date.now() + 5000;
    while (holder.get().version === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    holder.close();
    expect(holder.get().version).toBe(report.version);
  });

  it('forgets a deleted file', async () => {
    await rm(path.join(index.corpusDir, 'tram-quan-trac.md'));
    const report = await ingestCorpus({ corpusDir: index.corpusDir, indexDir: index.indexDir, embeddings });
    expect(report.files.find((f) => f.file === 'tram-quan-trac.md')?.status).toBe('removed');
    await reload(`Bearer ${TOKEN}`);
    expect((await ask('Kế hoạch lắp đặt bao nhiêu trạm quan trắc thông minh?')).notFound).toBe(true);
  });

  it('keeps the index untouched in strict mode when a file is skipped', async () => {
    const before = await currentVersion(index.indexDir);
    await writeFile(path.join(index.corpusDir, 'hong.pdf'), 'không phải PDF');
    await expect(ingestCorpus({ corpusDir: index.corpusDir, indexDir: index.indexDir, embeddings, strict: true })).rejects.toMatchObject({
      code: 'INGEST_STRICT',
    });
    expect(await currentVersion(index.indexDir)).toBe(before);
    await rm(path.join(index.corpusDir, 'hong.pdf'));
  });

  it('leaves the previous index served when an ingest is killed mid-run', async () => {
    const big = path.join(index.root, 'big');
    await mkdir(big);
    const paragraph = 'Sở Nội vụ chủ trì rà soát, sắp xếp tổ chức bộ máy và đào tạo kỹ năng số cho cán bộ cấp xã. '.repeat(40);
    await Promise.all(Array.from({ length: 400 }, (_, i) => writeFile(path.join(big, `vb-${i}.md`), `# Văn bản ${i}\n\n${paragraph}\n`)));
    const before = await currentVersion(index.indexDir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--corpus', big, '--index', index.indexDir], {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it once it has started reading files.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await currentVersion(index.indexDir)).toBe(before);
    const data = await readIndex(index.indexDir);
    expect(data.documents.some((d) => d.file.startsWith('vb-'))).toBe(false);
    // The service still answers from the previous version, and the next ingest takes over the dead process's lock.
    expect((await ask('Tỷ trọng kinh tế số trong GRDP của Quảng Ninh đạt bao nhiêu?')).answer).toContain('30%');
    await expect(ingestCorpus({ corpusDir: index.corpusDir, indexDir: index.indexDir, embeddings })).resolves.toBeTruthy();
  }, 60_000);
});
