/**
 * Re-indexing reuses what it can (issue 14): an unchanged corpus read by unchanged code makes a version of the previous
 * version's files as they are (hard links), answering the same; a file added (patched: ingest-incremental.test.ts), a
 * changed file or a version whose files were altered goes the usual way, where unchanged files keep their chunks,
 * vectors and facts. The work done on files
 * read while the sandbox reads the next (ahead.ts) writes the version the work done at the end writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appendFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion, readIndex, type StoredDocument } from '../src/index/store.js';
import { AheadWork } from '../src/ingest/ahead.js';
import { chunkDocument } from '../src/ingest/chunk.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { sourceFingerprint } from '../src/ingest/fingerprint.js';
import { SearchEngine } from '../src/retrieve/engine.js';
import { ask } from '../src/answer/assistant.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';

const embeddings = chooseEmbeddings({});
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await removeTempDir(d);
});

async function corpus() {
  const root = await makeTempDir('trolycongvu-reuse-');
  dirs.push(root);
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  await mkdir(corpusDir);
  await writeFile(
    path.join(corpusDir, 'ke-hoach.md'),
    '# Kế hoạch 12/KH-UBND\n\nSở Nội vụ chủ trì đào tạo kỹ năng số cho cán bộ, hoàn thành trước ngày 30/6/2026.\n\n' +
      'Phấn đấu đến năm 2030, tỷ lệ dịch vụ công trực tuyến toàn trình đạt 80%.\n',
  );
  await writeFile(path.join(corpusDir, 'thong-bao.txt'), 'THÔNG BÁO\n\nSở Tài chính chủ trì thẩm định dự toán kinh phí chuyển đổi số năm 2026.\n');
  await writeFile(path.join(corpusDir, 'ghi-chu.xyz'), 'không phải văn bản');
  return { corpusDir, indexDir };
}

const versionDir = async (indexDir: string) => path.join(indexDir, 'versions', (await currentVersion(indexDir))!);

/** Each file of a version (but the manifest) with its inode and bytes. */
async function filesOf(dir: string): Promise<Map<string, { ino: number; bytes: string }>> {
  const out = new Map<string, { ino: number; bytes: string }>();
  for (const entry of (await readdir(dir)).filter((e) => e !== 'manifest.json')) {
    out.set(entry, { ino: (await stat(path.join(dir, entry))).ino, bytes: await readFile(path.join(dir, entry), 'utf8') });
  }
  return out;
}

describe('re-index reuse', () => {
  it('makes an unchanged corpus a version of the same files, answering the same', async () => {
    const { corpusDir, indexDir } = await corpus();
    const first = await ingestCorpus({ corpusDir, indexDir, embeddings });
    const before = await filesOf(await versionDir(indexDir));
    expect(before.has('files.json')).toBe(true);
    expect((await readIndex(indexDir)).manifest.source).toBe(sourceFingerprint());
    const question = { question: 'Sở Nội vụ chủ trì nhiệm vụ gì?' };
    const answer = await ask(await SearchEngine.load(indexDir, embeddings), question);

    const second = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(second.version).not.toBe(first.version);
    expect(second.files.map((f) => [f.file, f.status, f.chunks, f.facts])).toEqual(
      first.files.map((f) => [f.file, f.status === 'added' ? 'unchanged' : f.status, f.chunks, f.facts]),
    );
    expect(second.files.find((f) => f.file === 'ghi-chu.xyz')).toMatchObject({ status: 'skipped', code: 'INGEST_UNSUPPORTED' });
    const after = await filesOf(await versionDir(indexDir));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [entry, file] of after) expect(file).toEqual(before.get(entry));
    const again = await ask(await SearchEngine.load(indexDir, embeddings), question);
    expect(again.answer).toBe(answer.answer);
    expect(again.answer).toContain('kỹ năng số');
  });

  it('goes the usual way when a file is added, when the version was altered and with --full', async () => {
    const { corpusDir, indexDir } = await corpus();
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const factsOf = async (file: string) => {
      const data = await readIndex(indexDir);
      const id = data.documents.find((d) => d.file === file)!.id;
      return data.facts!.filter((f) => f.documentId === id);
    };
    const facts = await factsOf('ke-hoach.md');
    expect(facts.length).toBeGreaterThan(0);

    await writeFile(path.join(corpusDir, 'quyet-dinh.md'), '# Quyết định 5/QĐ-UBND\n\nGiao Sở Y tế chủ trì kiểm tra an toàn thực phẩm trong quý II năm 2026.\n');
    const added = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(Object.fromEntries(added.files.map((f) => [f.file, f.status]))).toMatchObject({
      'ke-hoach.md': 'unchanged',
      'thong-bao.txt': 'unchanged',
      'quyet-dinh.md': 'added',
    });
    // Facts of an unchanged file read by the same code: the previous version's.
    expect(await factsOf('ke-hoach.md')).toEqual(facts);
    const engine = await SearchEngine.load(indexDir, embeddings);
    expect((await ask(engine, { question: 'Ai chủ trì kiểm tra an toàn thực phẩm?' })).answer).toContain('Sở Y tế');

    // A version whose files are not as written is not copied: its files are written again.
    const dir = await versionDir(indexDir);
    await appendFile(path.join(dir, 'chunks.json'), ' ');
    const inode = (await stat(path.join(dir, 'documents.json'))).ino;
    const altered = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(altered.files.filter((f) => f.status === 'unchanged')).toHaveLength(3);
    expect((await stat(path.join(await versionDir(indexDir), 'documents.json'))).ino).not.toBe(inode);

    const inode2 = (await stat(path.join(await versionDir(indexDir), 'documents.json'))).ino;
    const full = await ingestCorpus({ corpusDir, indexDir, embeddings, full: true });
    expect(full.files.filter((f) => f.status === 'added')).toHaveLength(3);
    expect((await stat(path.join(await versionDir(indexDir), 'documents.json'))).ino).not.toBe(inode2);
  });

  it('writes the same version when features, vectors and graph are made while the sandbox reads the next file', async () => {
    const { corpusDir } = await corpus();
    for (let i = 0; i < 3; i++) {
      await writeFile(path.join(corpusDir, `cong-van-${i}.md`), `# Công văn ${i + 1}/UBND\n\nĐề nghị Sở ${['Xây dựng', 'Y tế', 'Tư pháp'][i]} báo cáo kết quả năm 2025 trước ngày ${10 + i}/1/2026.\n`);
    }
    const root = path.dirname(corpusDir);
    const ahead = await ingestCorpus({ corpusDir, indexDir: path.join(root, 'ahead'), embeddings, budget: { timeoutMs: 60_000, memoryMb: 512 } });
    const atEnd = await ingestCorpus({ corpusDir, indexDir: path.join(root, 'end'), embeddings });
    expect(ahead.chunks).toBe(atEnd.chunks);
    const a = await filesOf(await versionDir(path.join(root, 'ahead')));
    const b = await filesOf(await versionDir(path.join(root, 'end')));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [entry, file] of a) expect(file.bytes, entry).toBe(b.get(entry)!.bytes);
  });

  it('takes back the chunks of a file that fails after sending them: no vector, features or graph of it is kept', async () => {
    const doc = (id: string, text: string): StoredDocument => ({ id, file: `${id}.md`, hash: id, meta: { title: id }, text });
    const a = doc('a', '# Kế hoạch 12/KH-UBND\n\nSở Nội vụ chủ trì đào tạo kỹ năng số, hoàn thành trước ngày 30/6/2026.\n');
    const b = doc('b', 'THÔNG BÁO\n\nSở Tài chính chủ trì thẩm định dự toán kinh phí năm 2026.\n');
    const reuse = new Map<string, number[]>();
    const ahead = new AheadWork(embeddings, reuse, 0, 200);
    const chunksA = chunkDocument(a.id, a.text);
    const chunksB = chunkDocument(b.id, b.text);
    ahead.push(a, chunksA, 100);
    ahead.drain();
    // b's chunks came early and were worked on; then its file failed.
    ahead.push(b, chunksB, 100);
    ahead.drain();
    ahead.retract(chunksB);
    const done = ahead.finish(chunksA.length);
    expect(done.graph).toBeUndefined();
    expect(done.features()).toBeUndefined();
    for (const c of chunksB) expect(reuse.has(c.id)).toBe(false);
    for (const c of chunksA) expect(reuse.has(c.id)).toBe(true);
  });
});
