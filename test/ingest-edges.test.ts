/**
 * The smaller ingest cases of issue 13: symlinks and dot-files are listed in the report as not read (with a code),
 * names with bidi or control characters are printed escaped, and a lock left with the PID of a live process that is
 * not an ingest (a PID reused) does not block ingest forever, while a live ingest's lock says how to clear it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { printableName } from '../src/ingest/loaders/normalize.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';

const embeddings = chooseEmbeddings({});
const dirs: string[] = [];
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await removeTempDir(d);
});

async function corpus() {
  const root = await makeTempDir('trolycongvu-edges-');
  dirs.push(root);
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  await mkdir(corpusDir);
  await writeFile(path.join(corpusDir, 'ke-hoach.md'), '# Kế hoạch 12/KH-UBND\n\nSở Nội vụ chủ trì đào tạo kỹ năng số cho cán bộ.\n');
  return { root, corpusDir, indexDir };
}

describe('ingest edge cases', () => {
  it('lists symlinks and dot-files as not read, with their codes', async () => {
    const { root, corpusDir, indexDir } = await corpus();
    await writeFile(path.join(root, 'ngoai.md'), '# Ngoài kho\n\nVăn bản nằm ngoài thư mục tài liệu.\n');
    await symlink(path.join(root, 'ngoai.md'), path.join(corpusDir, 'lien-ket.md'));
    await writeFile(path.join(corpusDir, '.an.md'), '# Ẩn\n\nTệp ẩn.\n');
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile['lien-ket.md']).toMatchObject({ status: 'ignored', code: 'INGEST_SYMLINK' });
    expect(byFile['.an.md']).toMatchObject({ status: 'ignored', code: 'INGEST_HIDDEN' });
    expect(byFile['lien-ket.md']?.reason).toMatch(/symlink/);
    expect(report.documents).toBe(1);
  });

  it('prints names with bidi and control characters escaped', () => {
    expect(printableName('hoa-don\u202Efdp.exe')).toBe('hoa-don\\u{202e}fdp.exe');
    expect(printableName('a\u0007b\u200fc.md')).toBe('a\\u{7}b\\u{200f}c.md');
    expect(printableName('Kế hoạch 12.md')).toBe('Kế hoạch 12.md');
  });

  it('takes over a lock whose PID is now a live process that is not an ingest', async () => {
    const { corpusDir, indexDir } = await corpus();
    const other = spawn('sleep', ['30']);
    children.push(other);
    await mkdir(indexDir, { recursive: true });
    await writeFile(path.join(indexDir, 'ingest.lock'), JSON.stringify({ pid: other.pid, host: hostname(), at: new Date(Date.now() - 60_000).toISOString() }));
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(report.documents).toBe(1);
  });

  it('refuses while a live ingest holds the lock, and says how to clear it', async () => {
    const { corpusDir, indexDir } = await corpus();
    await mkdir(indexDir, { recursive: true });
    const lock = path.join(indexDir, 'ingest.lock');
    // This test's own process: a live node process that started before the lock was written.
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    const run = ingestCorpus({ corpusDir, indexDir, embeddings });
    await expect(run).rejects.toMatchObject({ code: 'INGEST_LOCKED' });
    await expect(run).rejects.toThrow(`rm "${lock}"`);
  });
});
