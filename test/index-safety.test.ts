/**
 * Never a worse index: an ingest that would drop most documents keeps the old index (INGEST_SHRINK) unless allowed;
 * a 0-document version is never swapped in; health says degraded; stale partial folders are removed; a corrupt or
 * inconsistent version is rejected (logged once, retried with back-off) and the previous good one served; a full
 * disk (tmpfs) leaves the served index intact. Real files, real ingests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion, listVersions, readIndex } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { EngineHolder } from '../src/server/engine-holder.js';
import { buildApp } from '../src/server/app.js';
import { testConfig } from './helpers/corpus.js';
import { SAMPLE_DOCS } from './helpers/server.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';

const embeddings = chooseEmbeddings({});
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await removeTempDir(d);
});

const DOCS: Record<string, string> = {
  ...SAMPLE_DOCS,
  'tb-1.md': '# Thông báo 1/TB\n\nCuộc họp giao ban diễn ra vào thứ Hai hằng tuần tại phòng họp số 2.\n',
  'tb-2.md': '# Thông báo 2/TB\n\nKiểm tra hồ sơ lưu trữ trước ngày 30/6/2025 tại các phòng chuyên môn.\n',
};

/** A corpus folder with `docs`, an index built from it, and its paths. */
async function indexed(docs: Record<string, string> = DOCS) {
  const root = await makeTempDir('trolycongvu-safety-');
  dirs.push(root);
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  await mkdir(corpusDir);
  for (const [name, text] of Object.entries(docs)) await writeFile(path.join(corpusDir, name), text);
  await ingestCorpus({ corpusDir, indexDir, embeddings });
  return { root, corpusDir, indexDir };
}

describe('an ingest never publishes a worse index', () => {
  it.each([
    ['an empty folder', async (c: string) => void (await Promise.all(Object.keys(DOCS).map((n) => rm(path.join(c, n)))))],
    ['a folder that is not there (unmounted)', async (c: string) => rm(c, { recursive: true })],
  ])('keeps the served index for %s and says why (INGEST_SHRINK)', async (_label, empty) => {
    const { corpusDir, indexDir } = await indexed();
    const before = await currentVersion(indexDir);
    await empty(corpusDir);
    const run = ingestCorpus({ corpusDir, indexDir, embeddings });
    await expect(run).rejects.toMatchObject({ code: 'INGEST_SHRINK' });
    await expect(run).rejects.toThrow(/4 văn bản/);
    expect(await currentVersion(indexDir)).toBe(before);
    // A second failed run deletes nothing either: the last good version is still there.
    await expect(ingestCorpus({ corpusDir, indexDir, embeddings })).rejects.toMatchObject({ code: 'INGEST_SHRINK' });
    expect((await readIndex(indexDir)).documents).toHaveLength(4);
  });

  it('refuses when every file is skipped (MAX_FILE_MB=0) or most documents disappear', async () => {
    const { corpusDir, indexDir } = await indexed();
    await expect(ingestCorpus({ corpusDir, indexDir, embeddings, maxFileBytes: 0, full: true })).rejects.toMatchObject({ code: 'INGEST_SHRINK' });
    for (const name of Object.keys(DOCS).slice(1)) await rm(path.join(corpusDir, name));
    await expect(ingestCorpus({ corpusDir, indexDir, embeddings })).rejects.toThrow(/1 văn bản so với 4/);
    // Confirmed by the admin: the smaller index is written.
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings, allowShrink: true });
    expect(report.documents).toBe(1);
  });

  it('removes the partial folders of dead ingests', async () => {
    const { corpusDir, indexDir } = await indexed();
    await mkdir(path.join(indexDir, 'versions', '2020-01-01T00-00-00-000Z-99999.partial'));
    await writeFile(path.join(indexDir, 'CURRENT.99999.tmp'), 'x');
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(report.cleaned).toEqual(['2020-01-01T00-00-00-000Z-99999.partial', 'CURRENT.99999.tmp']);
    expect(existsSync(path.join(indexDir, 'versions', '2020-01-01T00-00-00-000Z-99999.partial'))).toBe(false);
  });
});

describe('the server never serves a worse index', () => {
  it('never swaps in a 0-document version and says degraded in health', async () => {
    const { corpusDir, indexDir } = await indexed();
    const logs: string[] = [];
    const engines = new EngineHolder(indexDir, embeddings, (m) => logs.push(m));
    await engines.reload();
    const served = engines.get().version;
    for (const name of Object.keys(DOCS)) await rm(path.join(corpusDir, name));
    await ingestCorpus({ corpusDir, indexDir, embeddings, allowShrink: true });
    expect(await engines.reload()).toBe(false);
    expect(engines.get().version).toBe(served);
    const app = await buildApp({ config: testConfig({ INDEX_DIR: indexDir }), engines });
    const health = (await app.inject({ url: '/api/health' })).json();
    expect(health.status).toBe('degraded');
    expect(health.reason.code).toBe('INDEX_EMPTY');
    expect(health.documents).toBe(4);
    const answer = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'Buổi sáng làm việc từ mấy giờ?' } });
    expect(answer.json().answer).toContain('7 giờ 30');
    await app.close();
  });

  it('rejects a version whose files disagree, logs it once and retries with back-off', async () => {
    const { corpusDir, indexDir } = await indexed();
    const logs: string[] = [];
    const engines = new EngineHolder(indexDir, embeddings, (m) => logs.push(m));
    await engines.reload();
    const good = engines.get().version;
    await writeFile(path.join(corpusDir, 'tb-3.md'), '# Thông báo 3/TB\n\nNộp báo cáo tháng trước ngày 25 hằng tháng.\n');
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const bad = (await currentVersion(indexDir))!;
    // Files that parse but disagree: the manifest promises chunks that are not there.
    await writeFile(path.join(indexDir, 'versions', bad, 'chunks.json'), '[]');
    await expect(readIndex(indexDir)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    for (let i = 0; i < 5; i++) expect(await engines.reload()).toBe(false);
    expect(engines.get().version).toBe(good);
    expect(logs.filter((l) => l.includes(bad))).toHaveLength(1);
    expect(engines.degraded()).toMatchObject({ code: 'INDEX_CORRUPT', version: bad });
  });

  it('falls back to the previous good version when the current one is corrupt at start', async () => {
    const { corpusDir, indexDir } = await indexed();
    await writeFile(path.join(corpusDir, 'tb-3.md'), '# Thông báo 3/TB\n\nNộp báo cáo tháng trước ngày 25 hằng tháng.\n');
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const [current, previous] = await listVersions(indexDir);
    expect(await currentVersion(indexDir)).toBe(current);
    await writeFile(path.join(indexDir, 'versions', current!, 'documents.json'), '{"truncated');
    const logs: string[] = [];
    const engines = new EngineHolder(indexDir, embeddings, (m) => logs.push(m));
    await engines.reload();
    expect(engines.get().version).toBe(previous);
    expect(logs.some((l) => l.startsWith('WARNING') && l.includes(previous!))).toBe(true);
    expect(engines.degraded()?.code).toBe('INDEX_CORRUPT');
  });

  it('writes CURRENT only after the version files are complete (no temporary left)', async () => {
    const { indexDir } = await indexed();
    const version = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
    expect(existsSync(path.join(indexDir, 'versions', version, 'manifest.json'))).toBe(true);
    expect((await listVersions(indexDir)).some((v) => v.endsWith('.partial'))).toBe(false);
  });
});

/** Mounts a small tmpfs (root only); undefined where the machine does not allow it. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk', () => {
  it('leaves the served index intact, and the next ingest cleans up after it', async (context) => {
    const root = await makeTempDir('trolycongvu-disk-');
    dirs.push(root);
    const indexDir = path.join(root, 'index');
    const corpusDir = path.join(root, 'corpus');
    await mkdir(indexDir);
    await mkdir(corpusDir);
    if (!mountTmpfs(indexDir, '1m')) {
      console.log('Bỏ qua: không gắn được tmpfs (cần quyền root) để thử ổ đầy.');
      context.skip();
    }
    try {
      for (const [name, text] of Object.entries(DOCS)) await writeFile(path.join(corpusDir, name), text);
      await ingestCorpus({ corpusDir, indexDir, embeddings });
      const good = await currentVersion(indexDir);
      // About 3 MB of index: does not fit in the 1 MB left.
      const big = Array.from({ length: 3000 }, (_, i) => `Điều ${i + 1}. Cơ quan số ${i} báo cáo kết quả thực hiện nhiệm vụ được giao trước ngày 15 hằng tháng.`);
      await writeFile(path.join(corpusDir, 'lon.md'), big.join('\n\n'));
      await expect(ingestCorpus({ corpusDir, indexDir, embeddings })).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(await currentVersion(indexDir)).toBe(good);
      expect((await readIndex(indexDir)).documents).toHaveLength(4);
      await rm(path.join(corpusDir, 'lon.md'));
      const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
      expect(report.cleaned?.some((n) => n.endsWith('.partial'))).toBe(true);
    } finally {
      execFileSync('umount', [indexDir]);
    }
  });
});
