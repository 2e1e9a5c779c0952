/**
 * A re-index after one file added or removed is patched from the previous version (issue 14, incremental.ts): the
 * version's documents, chunks, facts, features and postings are the bytes a full ingest of the same folder writes;
 * only the graph differs (the previous graph with the removed chunks' points marked deleted and the new ones added,
 * mapped by labels.json). A removed file's chunks are never returned; past the compaction share the version is built
 * whole, as a full ingest builds it; a failure leaves the served version as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chooseEmbeddings, HashingEmbeddings, type EmbeddingsChoice } from '../src/index/embeddings.js';
import { readTextFeatures } from '../src/index/features.js';
import { COMPACT_DELETED_SHARE, LABELS_FILE } from '../src/index/graph.js';
import { currentVersion, readIndex } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { SearchEngine } from '../src/retrieve/engine.js';
import { EngineHolder } from '../src/server/engine-holder.js';
import { buildApp } from '../src/server/app.js';
import { testConfig } from './helpers/corpus.js';
import { analyzeQuery } from '../src/retrieve/query.js';
import { terms } from '../src/text/tokenize.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';

const embeddings = chooseEmbeddings({});
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await removeTempDir(d);
});

const AGENCIES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Y tế', 'Sở Tư pháp', 'Sở Xây dựng', 'Sở Giáo dục và Đào tạo'];
const TASKS = [
  'đào tạo kỹ năng số cho cán bộ, công chức cấp xã',
  'thẩm định dự toán kinh phí chuyển đổi số',
  'kiểm tra an toàn thực phẩm tại các chợ đầu mối',
  'rà soát văn bản quy phạm pháp luật đặc thù của tỉnh',
  'xây dựng nhà ở xã hội cho công nhân khu công nghiệp',
  'phổ cập bơi cho học sinh tiểu học vùng ven biển',
];

/** File k: a plan with chapters and articles; words of the files after it recur in it, so removing it orphans terms. */
function planText(k: number): string {
  const articles = [0, 1, 2].map((a) => {
    const task = TASKS[(k + a) % TASKS.length]!;
    const agency = AGENCIES[(k + 2 * a) % AGENCIES.length]!;
    return `Điều ${a + 1}. Nhiệm vụ ${a + 1} của kế hoạch ${k + 1}\n\n${agency} chủ trì ${task}, hoàn thành trước ngày ${10 + a}/${(k % 12) + 1}/${2026 + a}. ` +
      `Phấn đấu đến năm ${2028 + k}, tỷ lệ ${task.split(' ').slice(0, 3).join(' ')} đạt ${60 + 5 * k + a}%.`;
  });
  return `# Kế hoạch ${k + 1}/KH-UBND\n\n## Chương I. QUY ĐỊNH CHUNG\n\n${articles.slice(0, 2).join('\n\n')}\n\n## Chương II. TỔ CHỨC THỰC HIỆN\n\n${articles[2]}\n`;
}

async function folder(files: number[]): Promise<{ root: string; corpusDir: string }> {
  const root = await makeTempDir('trolycongvu-incr-');
  dirs.push(root);
  const corpusDir = path.join(root, 'corpus');
  await mkdir(corpusDir);
  for (const k of files) await writeFile(path.join(corpusDir, `ke-hoach-${k}.md`), planText(k));
  return { root, corpusDir };
}

const versionDir = async (indexDir: string) => path.join(indexDir, 'versions', (await currentVersion(indexDir))!);

/** The version's files as bytes, but those a patched version writes otherwise (manifest, file list, graph, labels). */
async function sameFiles(indexDir: string): Promise<Map<string, Buffer>> {
  const dir = await versionDir(indexDir);
  const out = new Map<string, Buffer>();
  for (const entry of (await readdir(dir)).sort()) {
    if (!['manifest.json', 'files.json', 'vectors.hnsw', LABELS_FILE].includes(entry)) out.set(entry, await readFile(path.join(dir, entry)));
  }
  return out;
}

async function expectSameFiles(patched: string, full: string): Promise<void> {
  const a = await sameFiles(patched);
  const b = await sameFiles(full);
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [entry, bytes] of a) expect(bytes.equals(b.get(entry)!), entry).toBe(true);
}

/** BM25 hits of both fields, as chunk ids and texts, for some queries. */
async function bm25Hits(indexDir: string): Promise<unknown[]> {
  const data = await readIndex(indexDir);
  const features = (await readTextFeatures(await versionDir(indexDir), data.chunks.length))!;
  const out: unknown[] = [];
  for (const query of ['Sở Y tế chủ trì', 'an toàn thực phẩm', 'kỹ năng số cán bộ', 'nha o xa hoi', 'tổ chức thực hiện năm 2030']) {
    const t = terms(query);
    for (const [field, list] of [['accented', t.accented], ['folded', t.folded]] as const) {
      const hits = features.bm25[field].search(new Map(list.map((x) => [x, 1])), 10);
      out.push(hits.map((h) => [data.chunks[h.id]!.id, data.chunks[h.id]!.text, h.score]));
    }
  }
  return out;
}

/** A full ingest of the same files into a fresh index. */
async function fullOf(root: string, corpusDir: string, name: string): Promise<string> {
  const indexDir = path.join(root, name);
  await ingestCorpus({ corpusDir, indexDir, embeddings, full: true });
  return indexDir;
}

describe('incremental re-index', () => {
  it('patches a file added in the middle and a file removed into the version a full ingest writes', async () => {
    const { root, corpusDir } = await folder([0, 1, 3, 4, 5]);
    const indexDir = path.join(root, 'index');
    await ingestCorpus({ corpusDir, indexDir, embeddings, budget: { timeoutMs: 60_000, memoryMb: 512 } });
    const before = await readIndex(indexDir);

    await writeFile(path.join(corpusDir, 'ke-hoach-2.md'), planText(2));
    const added = await ingestCorpus({ corpusDir, indexDir, embeddings, budget: { timeoutMs: 60_000, memoryMb: 512 } });
    expect(added.files.filter((f) => f.status === 'added').map((f) => f.file)).toEqual(['ke-hoach-2.md']);
    expect(added.files.filter((f) => f.status === 'unchanged')).toHaveLength(5);
    const patched = await readIndex(indexDir);
    // The previous graph, kept: its points keep their labels; the new chunks' points come after them.
    expect(patched.labels).toBeDefined();
    const was = new Map(before.chunks.map((c, i) => [c.id, i]));
    patched.chunks.forEach((c, i) => {
      const label = patched.labels!.labels[i]!;
      if (was.has(c.id)) expect(label).toBe(was.get(c.id));
      else expect(label).toBeGreaterThanOrEqual(before.chunks.length);
    });
    expect(patched.chunks.some((c) => !was.has(c.id))).toBe(true);
    expect(patched.hnsw.getCurrentCount()).toBe(patched.chunks.length);
    const fullAdded = await fullOf(root, corpusDir, 'full-added');
    await expectSameFiles(indexDir, fullAdded);
    expect(await bm25Hits(indexDir)).toEqual(await bm25Hits(fullAdded));

    const removedId = patched.documents.find((d) => d.file === 'ke-hoach-1.md')!.id;
    await rename(path.join(corpusDir, 'ke-hoach-1.md'), path.join(root, 'ke-hoach-1.md'));
    const removed = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(removed.files.find((f) => f.file === 'ke-hoach-1.md')?.status).toBe('removed');
    const afterRemoval = await readIndex(indexDir);
    expect(afterRemoval.labels).toBeDefined();
    expect(afterRemoval.hnsw.getCurrentCount()).toBe(patched.chunks.length);
    const fullRemoved = await fullOf(root, corpusDir, 'full-removed');
    await expectSameFiles(indexDir, fullRemoved);
    expect(await bm25Hits(indexDir)).toEqual(await bm25Hits(fullRemoved));

    // The removed file's chunks are never returned, by the graph or by the engine; the others still are.
    const engine = await SearchEngine.load(indexDir, embeddings);
    const fullEngine = await SearchEngine.load(fullRemoved, embeddings);
    for (const question of [planText(1).split('\n')[6]!, 'Sở Tài chính chủ trì thẩm định dự toán kinh phí chuyển đổi số', 'Kế hoạch 2 giao Sở Y tế nhiệm vụ gì?']) {
      const passages = await engine.search(analyzeQuery(question), { topK: 50 });
      expect(passages.length).toBeGreaterThan(0);
      expect(passages.some((p) => p.scores.vector > 0)).toBe(true);
      expect(passages.filter((p) => p.document.id === removedId)).toEqual([]);
      // Over a graph this small the search is exhaustive: the same passages as on the full ingest's graph.
      const full = await fullEngine.search(analyzeQuery(question), { topK: 50 });
      expect(passages.map((p) => [p.chunk.id, p.scores.final])).toEqual(full.map((p) => [p.chunk.id, p.scores.final]));
    }
    const removedVectors = before.chunks.map((c, i) => (c.documentId === removedId ? before.hnsw.getPoint(i) : undefined)).filter((v) => !!v);
    const live = new Set(afterRemoval.labels!.labels);
    for (const vector of removedVectors) {
      for (const label of afterRemoval.hnsw.searchKnn(vector, afterRemoval.hnsw.getCurrentCount()).neighbors) expect(live.has(label)).toBe(true);
    }
  });

  it('builds the version whole, as a full ingest, once the deleted points would pass the compaction share', async () => {
    const { root, corpusDir } = await folder([0, 1, 2, 3, 4, 5]);
    const indexDir = path.join(root, 'index');
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const points = (await readIndex(indexDir)).chunks.length;
    // One file of six: under the share, patched.
    await rename(path.join(corpusDir, 'ke-hoach-4.md'), path.join(root, 'ke-hoach-4.md'));
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const once = await readIndex(indexDir);
    expect(once.labels).toBeDefined();
    expect((points - once.chunks.length) / points).toBeLessThanOrEqual(COMPACT_DELETED_SHARE);
    // A second file: its points and the first one's together pass the share.
    await rename(path.join(corpusDir, 'ke-hoach-1.md'), path.join(root, 'ke-hoach-1.md'));
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const compacted = await readIndex(indexDir);
    expect((points - compacted.chunks.length) / points).toBeGreaterThan(COMPACT_DELETED_SHARE);
    expect(compacted.labels).toBeUndefined();
    expect(existsSync(path.join(await versionDir(indexDir), LABELS_FILE))).toBe(false);
    expect(compacted.hnsw.getCurrentCount()).toBe(compacted.chunks.length);
    // Compaction is a full build: every file is the one a full ingest writes, the graph too.
    const full = await fullOf(root, corpusDir, 'full');
    await expectSameFiles(indexDir, full);
    const graph = async (dir: string) => readFile(path.join(await versionDir(dir), 'vectors.hnsw'));
    expect((await graph(indexDir)).equals(await graph(full))).toBe(true);
  });

  it('leaves the served version as it was when the patched version cannot be written', async () => {
    const { root, corpusDir } = await folder([0, 1, 3]);
    const indexDir = path.join(root, 'index');
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const served = await currentVersion(indexDir);
    const bytes = new Map<string, Buffer>();
    for (const entry of await readdir(await versionDir(indexDir))) bytes.set(entry, await readFile(path.join(await versionDir(indexDir), entry)));
    // The same embedder (same id), failing when the new file's chunks are embedded.
    class Failing extends HashingEmbeddings {
      override embedDocuments(): Promise<number[][]> {
        return Promise.reject(new Error('embedder down'));
      }
    }
    const failing: EmbeddingsChoice = { ...embeddings, embeddings: new Failing() };
    await writeFile(path.join(corpusDir, 'ke-hoach-2.md'), planText(2));
    await expect(ingestCorpus({ corpusDir, indexDir, embeddings: failing })).rejects.toThrow('embedder down');
    expect(await currentVersion(indexDir)).toBe(served);
    for (const [entry, content] of bytes) expect((await readFile(path.join(indexDir, 'versions', served!, entry))).equals(content), entry).toBe(true);
    expect((await readdir(path.join(indexDir, 'versions'))).filter((e) => e.endsWith('.partial'))).toEqual([]);
    const engine = await SearchEngine.load(indexDir, embeddings);
    expect(engine.version).toBe(served);
    // The next ingest patches from the version served.
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect((await readIndex(indexDir)).labels).toBeDefined();
  });

  it('is swapped into a running server with no failed request, and a label map that disagrees is refused', async () => {
    const { root, corpusDir } = await folder([0, 1, 3, 4]);
    const indexDir = path.join(root, 'index');
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    const engines = new EngineHolder(indexDir, embeddings, () => undefined);
    await engines.reload();
    const served = engines.get().version;
    const app = await buildApp({ config: testConfig({ INDEX_DIR: indexDir }), engines });
    const question = 'Kế hoạch 3/KH-UBND giao cơ quan nào chủ trì kiểm tra an toàn thực phẩm?';
    const asking = async () => {
      const replies = [];
      for (let i = 0; i < 20; i++) replies.push(await app.inject({ method: 'POST', url: '/api/ask', payload: { question } }));
      return replies;
    };
    await writeFile(path.join(corpusDir, 'ke-hoach-2.md'), planText(2));
    const during = asking();
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(await engines.reload()).toBe(true);
    const replies = [...(await during), ...(await asking())];
    expect(replies.map((r) => r.statusCode).filter((code) => code !== 200)).toEqual([]);
    expect(engines.get().version).not.toBe(served);
    expect((await readIndex(indexDir)).labels).toBeDefined();
    const last = replies.at(-1)!.json();
    expect(last.answer).toContain('Sở Y tế');
    expect(last.citations.map((c: { documentId: string }) => c.documentId)).toContain('ke-hoach-2');
    await app.close();

    // Two chunks on one label: the version is refused as corrupt.
    const labelsFile = path.join(await versionDir(indexDir), LABELS_FILE);
    const labels = JSON.parse(await readFile(labelsFile, 'utf8'));
    labels.labels[1] = labels.labels[0];
    await writeFile(labelsFile, JSON.stringify(labels));
    await expect(readIndex(indexDir)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });
});
