/**
 * The sandbox's child bundled (src/ingest/worker-bundle.ts): built once into the project's `.cache/`, its child reads
 * every kind of file as the sources run with tsx read it (the same outcome, field for field), and a damaged bundle
 * falls back to the sources. A file read ahead (`readAhead`, while an ingest reads the previous version) is the
 * outcome of the `run` of the same task; another task waits for it, and a file over the budget read ahead is
 * reported as when it is run. A fresh clone (no `.cache/`) builds the bundle at its first use; where it cannot be
 * built (esbuild not loaded, a failing build, a cache that cannot be written) the sources run under tsx.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileSandbox } from '../src/ingest/sandbox.js';
import { bundledOrTsx, tsxEntry, workerEntry, BUNDLE_CACHE, type WorkerEntry } from '../src/ingest/worker-bundle.js';
import { fontAvailable, makeDocx, makePdf, makeTempDir, removeTempDir } from './helpers/fixtures.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs.splice(0)) await removeTempDir(d);
});

describe('bundled file reader', { timeout: 120_000 }, () => {
  it('is built under .cache and reads each kind of file as the sources under tsx do', async () => {
    const entry = await workerEntry();
    expect(entry.bundled).toBe(true);
    expect(entry.file.startsWith(BUNDLE_CACHE + path.sep)).toBe(true);
    expect(entry.execArgv).toEqual([]);
    const root = await makeTempDir('trolycongvu-bundle-');
    dirs.push(root);
    const files: string[] = [];
    const add = async (name: string, make: (file: string) => Promise<void>) => {
      const file = path.join(root, name);
      await make(file);
      files.push(file);
    };
    await add('ke-hoach.md', (f) => writeFile(f, '# Kế hoạch 12/KH-UBND\n\nSở Nội vụ chủ trì đào tạo kỹ năng số, hoàn thành trước ngày 31/12/2025.\n'));
    await add('y.txt', (f) => writeFile(f, '---\ntitle: Thông báo\n---\nĐiều 1. Cuộc họp giao ban diễn ra vào thứ Hai hằng tuần.\n'));
    await add('tb.docx', (f) => makeDocx(f, [{ heading: 'Thông báo 3/TB' }, { paragraph: 'Cuộc họp giao ban diễn ra vào thứ Hai hằng tuần.' }]));
    await add('trang.html', (f) => writeFile(f, '<html><head><title>Trang</title></head><body><h1>Quyết định 5/QĐ</h1><p>Giao Sở Tài chính chủ trì.</p></body></html>'));
    await add('rong.txt', (f) => writeFile(f, ''));
    if (fontAvailable()) await add('nq.pdf', (f) => makePdf(f, [['Nghị quyết 57-NQ/TW về phát triển khoa học, công nghệ.', 'Đến năm 2030, kinh tế số đạt 30% GDP.']]));
    const outcomes = [];
    for (const start of [workerEntry, () => Promise.resolve(tsxEntry())]) {
      const box = new FileSandbox({ timeoutMs: 60_000, memoryMb: 512 }, start);
      try {
        const list = [];
        for (const file of files) list.push(await box.run({ file, relative: path.basename(file), id: path.basename(file), hash: 'x' }));
        outcomes.push(list);
      } finally {
        box.close();
      }
    }
    expect(outcomes[0]!.filter((o) => o.ok)).toHaveLength(files.length - 1);
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  it('falls back to the sources under tsx when the bundle does not start', async () => {
    const root = await makeTempDir('trolycongvu-bundle-');
    dirs.push(root);
    const broken = path.join(root, 'broken');
    await mkdir(broken);
    await writeFile(path.join(broken, 'file-worker.mjs'), 'throw new Error("hỏng");\n');
    const file = path.join(root, 'a.md');
    await writeFile(file, '# A\n\nMột dòng.\n');
    const box = new FileSandbox({ timeoutMs: 60_000, memoryMb: 512 }, async () => ({ file: path.join(broken, 'file-worker.mjs'), execArgv: [], bundled: true }));
    try {
      expect(await box.run({ file, relative: 'a.md', id: 'a', hash: 'x' })).toMatchObject({ ok: true, doc: { id: 'a' } });
    } finally {
      box.close();
    }
  });
});

describe('a fresh clone', { timeout: 120_000 }, () => {
  /** Reads one small file with a child started from `entry`. */
  const readsWith = async (entry: WorkerEntry) => {
    const root = await makeTempDir('trolycongvu-bundle-');
    dirs.push(root);
    const file = path.join(root, 'a.md');
    await writeFile(file, '# A\n\nSở Nội vụ chủ trì.\n');
    const box = new FileSandbox({ timeoutMs: 60_000, memoryMb: 512 }, () => Promise.resolve(entry));
    try {
      return await box.run({ file, relative: 'a.md', id: 'a', hash: 'x' });
    } finally {
      box.close();
    }
  };

  it('builds the bundle at its first use into a cache that does not exist yet, and reuses it after', async () => {
    // Under the project's .cache (packages resolve from the project's node_modules), not the one other tests use.
    const cache = path.join(path.dirname(BUNDLE_CACHE), `file-worker-test-${process.pid}`);
    dirs.push(cache);
    expect(existsSync(cache)).toBe(false);
    const entry = await bundledOrTsx({ cache });
    expect(entry).toMatchObject({ bundled: true, execArgv: [] });
    expect(entry.file.startsWith(cache + path.sep)).toBe(true);
    expect(existsSync(entry.file)).toBe(true);
    // The folder appears whole: nothing of the build is left beside it.
    expect(await readdir(cache)).toEqual([path.basename(path.dirname(entry.file))]);
    expect(await readsWith(entry)).toMatchObject({ ok: true, doc: { id: 'a' } });
    // Built once: the next ingest takes it without loading esbuild.
    const again = await bundledOrTsx({ cache, esbuild: () => Promise.reject(new Error('esbuild not needed')) });
    expect(again).toEqual(entry);
  });

  it('runs the sources under tsx when esbuild cannot be loaded, the build fails or the cache cannot be written', async () => {
    const root = await makeTempDir('trolycongvu-bundle-');
    dirs.push(root);
    const tsx = tsxEntry();
    const missing = path.join(root, 'no-esbuild');
    expect(await bundledOrTsx({ cache: missing, esbuild: () => Promise.reject(new Error("Cannot find package 'esbuild'")) })).toEqual(tsx);
    expect(existsSync(missing)).toBe(false);
    const failing = path.join(root, 'failing');
    const build = async () => {
      throw new Error('Build failed with 1 error');
    };
    expect(await bundledOrTsx({ cache: failing, esbuild: async () => ({ build }) })).toEqual(tsx);
    // No partial folder is left behind.
    expect(await readdir(failing)).toEqual([]);
    // A cache under a file (as a read-only checkout, the folder cannot be made).
    await writeFile(path.join(root, 'a-file'), '');
    expect(await bundledOrTsx({ cache: path.join(root, 'a-file', 'file-worker') })).toEqual(tsx);
    expect(tsx.bundled).toBe(false);
    expect(await readsWith(tsx)).toMatchObject({ ok: true, doc: { id: 'a' } });
  });
});

describe('read ahead', { timeout: 120_000 }, () => {
  it('gives the same task its outcome, and runs another after it', async () => {
    const root = await makeTempDir('trolycongvu-bundle-');
    dirs.push(root);
    const a = path.join(root, 'a.md');
    const b = path.join(root, 'b.md');
    await writeFile(a, '# A\n\nMột dòng về kế hoạch 12/KH-UBND.\n');
    await writeFile(b, '# B\n\nSở Nội vụ chủ trì.\n');
    const box = new FileSandbox({ timeoutMs: 60_000, memoryMb: 512 });
    const plain = new FileSandbox({ timeoutMs: 60_000, memoryMb: 512 });
    try {
      const task = { file: a, relative: 'a.md', id: 'a', hash: 'x' };
      box.readAhead(task);
      const outcome = await box.run({ ...task });
      expect(outcome).toEqual(await plain.run(task));
      box.readAhead(task);
      // Another id: read again under that id, once the first is done.
      const other = await box.run({ ...task, id: 'a-2' });
      expect(other).toMatchObject({ ok: true, doc: { id: 'a-2' } });
      expect(await box.run({ file: b, relative: 'b.md', id: 'b', hash: 'y' })).toMatchObject({ ok: true, doc: { id: 'b' } });
    } finally {
      box.close();
      plain.close();
    }
  });

  it('reports a file read ahead over the time budget as a run does', async () => {
    const root = await makeTempDir('trolycongvu-bundle-');
    dirs.push(root);
    const big = path.join(root, 'rat-dai.txt');
    await writeFile(big, 'Ủy ban nhân dân tỉnh triển khai nhiệm vụ chuyển đổi số. '.repeat(400_000));
    const small = path.join(root, 'a.md');
    await writeFile(small, '# A\n\nMột dòng.\n');
    const box = new FileSandbox({ timeoutMs: 1000, memoryMb: 1024 });
    try {
      const task = { file: big, relative: 'rat-dai.txt', id: 'rat-dai', hash: 'x' };
      box.readAhead(task);
      expect(await box.run(task)).toMatchObject({ ok: false, code: 'INGEST_FILE_BUDGET', reason: expect.stringMatching(/rat-dai\.txt: đọc quá 1 giây/) });
      expect(await box.run({ file: small, relative: 'a.md', id: 'a', hash: 'y' })).toMatchObject({ ok: true });
    } finally {
      box.close();
    }
  });
});
