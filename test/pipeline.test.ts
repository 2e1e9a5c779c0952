import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ask } from '../src/answer/assistant.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion, readIndex } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { CHUNKER_VERSION } from '../src/ingest/chunk.js';
import { SearchEngine } from '../src/retrieve/engine.js';
import { fontAvailable, makeDocx, makePdf } from './helpers/fixtures.js';

const embeddings = chooseEmbeddings({});
let root: string;
let corpusDir: string;
let indexDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tlcv-pipeline-'));
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  await mkdir(corpusDir);
  await writeFile(
    path.join(corpusDir, 'ke-hoach.md'),
    [
      '---',
      'title: "Kế hoạch thử nghiệm chuyển đổi số"',
      'number: "12/KH-UBND"',
      'issued: "2025-03-04"',
      'issuer: "Ủy ban nhân dân tỉnh"',
      '---',
      '# Kế hoạch thử nghiệm',
      '',
      '## I. Mục tiêu',
      'Đến năm 2027, tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt tối thiểu 85%.',
      '',
      '## II. Nhiệm vụ',
      '',
      '| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |',
      '|---|---|---|---|',
      '| 1. | Xây dựng kho dữ liệu đất đai số | Sở Nông nghiệp và Môi trường | 9/2025 |',
      '| 2. | Đào tạo kỹ năng số cho cán bộ cấp xã | Sở Nội vụ | Quý IV/2025 |',
    ].join('\n'),
  );
  await writeFile(path.join(corpusDir, 'hong.pdf'), Buffer.from('%PDF-1.4 this is not really a pdf'));
  await writeFile(path.join(corpusDir, 'bang.xlsx'), Buffer.from([1, 2, 3]));
  if (fontAvailable()) {
    await makePdf(
      path.join(corpusDir, 'bao-cao.pdf'),
      [
        ['Báo cáo sơ kết công tác chuyển đổi số năm 2025 của huyện miền núi.'],
        ['Đến hết tháng 6, huyện đã cấp 4.210 chữ ký số cho người dân và đạt 72% hộ gia đình có tài khoản thanh toán điện tử.'],
      ],
      { header: 'Báo cáo sơ kết', footer: 'Trang {page}' },
    );
    await makeDocx(path.join(corpusDir, 'phan-cong.docx'), [
      { heading: 'Phân công nhiệm vụ' },
      { paragraph: 'Giao Trung tâm Phục vụ hành chính công chủ trì số hóa hồ sơ lưu trữ trước ngày 30/11/2025.' },
      { table: [['Nhiệm vụ', 'Đơn vị chủ trì'], ['Vận hành cổng dữ liệu mở', 'Văn phòng Ủy ban nhân dân tỉnh']] },
    ]);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('ingest → index → ask on real files', () => {
  it('indexes readable files and reports unreadable ones by name with a reason', async () => {
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile['ke-hoach.md']?.status).toBe('added');
    expect(byFile['hong.pdf']).toMatchObject({ status: 'skipped', code: 'INGEST_UNREADABLE' });
    expect(byFile['bang.xlsx']).toMatchObject({ status: 'skipped', code: 'INGEST_UNSUPPORTED' });
    expect(byFile['hong.pdf']?.reason).toBeTruthy();
    expect(report.chunks).toBeGreaterThan(0);
  });

  it('answers from a Markdown table row with its lead agency and deadline', async () => {
    const engine = await SearchEngine.load(indexDir, embeddings);
    const result = await ask(engine, { question: 'Cơ quan nào chủ trì xây dựng kho dữ liệu đất đai số?' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toContain('Sở Nông nghiệp và Môi trường');
    expect(result.answer).toContain('Kế hoạch số 12/KH-UBND');
    expect(result.citations[0]?.section).toContain('1.');
  });

  it.skipIf(!fontAvailable())('answers from a PDF with its page, and from a DOCX', async () => {
    const engine = await SearchEngine.load(indexDir, embeddings);
    const pdf = await ask(engine, { question: 'Huyện đã cấp bao nhiêu chữ ký số cho người dân?' });
    expect(pdf.answer).toContain('4.210');
    expect(pdf.citations[0]?.page).toBe(2);
    const docx = await ask(engine, { question: 'Ai chủ trì số hóa hồ sơ lưu trữ?' });
    expect(docx.answer).toContain('Trung tâm Phục vụ hành chính công');
  });

  it('keeps the previous index served when a build is interrupted', async () => {
    const before = await currentVersion(indexDir);
    // An interrupted build leaves a partial folder and no pointer switch.
    await mkdir(path.join(indexDir, 'versions', 'interrupted.partial'), { recursive: true });
    await writeFile(path.join(indexDir, 'versions', 'interrupted.partial', 'chunks.json'), '[{"broken"');
    expect(await currentVersion(indexDir)).toBe(before);
    const data = await readIndex(indexDir);
    expect(data.chunks.length).toBeGreaterThan(0);
  });

  it('re-uses unchanged files and removes deleted ones', async () => {
    await rm(path.join(corpusDir, 'hong.pdf'));
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(report.files.find((f) => f.file === 'ke-hoach.md')?.status).toBe('unchanged');
    const engine = await SearchEngine.load(indexDir, embeddings);
    const answer = await ask(engine, { question: 'Sở Nội vụ chủ trì nhiệm vụ gì?' });
    expect(answer.answer).toContain('Đào tạo kỹ năng số');
  });

  it('chunks unchanged files again when the index was built by older chunking rules', async () => {
    const versionDir = async () => path.join(indexDir, 'versions', (await currentVersion(indexDir))!);
    const tamper = async (chunker: number) => {
      const dir = await versionDir();
      const chunks = JSON.parse(await readFile(path.join(dir, 'chunks.json'), 'utf8')) as Array<{ documentId: string; text: string }>;
      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { chunker?: number };
      const doc = (await readIndex(indexDir)).documents.find((d) => d.file === 'ke-hoach.md')!;
      chunks.find((c) => c.documentId === doc.id)!.text = 'chunk made by old rules';
      await writeFile(path.join(dir, 'chunks.json'), JSON.stringify(chunks));
      await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, chunker }));
    };
    const oldRules = async () => (await readIndex(indexDir)).chunks.some((c) => c.text === 'chunk made by old rules');
    // Same rules: an unchanged file keeps its chunks as they are.
    await tamper(CHUNKER_VERSION);
    await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(await oldRules()).toBe(true);
    // Older rules: chunked again from the stored text.
    await tamper(CHUNKER_VERSION - 1);
    const report = await ingestCorpus({ corpusDir, indexDir, embeddings });
    expect(report.files.find((f) => f.file === 'ke-hoach.md')?.status).toBe('unchanged');
    expect(await oldRules()).toBe(false);
    expect((await readIndex(indexDir)).manifest.chunker).toBe(CHUNKER_VERSION);
  });

  it('refuses a second ingest while one holds the lock', async () => {
    await writeFile(path.join(indexDir, 'ingest.lock'), String(process.pid));
    await expect(ingestCorpus({ corpusDir, indexDir, embeddings })).rejects.toMatchObject({ code: 'INGEST_LOCKED' });
    await rm(path.join(indexDir, 'ingest.lock'));
    // A stale lock (dead process) is taken over.
    await writeFile(path.join(indexDir, 'ingest.lock'), '999999');
    await expect(ingestCorpus({ corpusDir, indexDir, embeddings })).resolves.toBeTruthy();
    await expect(readFile(path.join(indexDir, 'ingest.lock'))).rejects.toThrow();
  });

  it('refuses an index built by another embedder', async () => {
    await expect(SearchEngine.load(indexDir, { embeddings: embeddings.embeddings, id: 'openai:other' })).rejects.toMatchObject({
      code: 'INDEX_EMBEDDER_MISMATCH',
    });
  });
});
