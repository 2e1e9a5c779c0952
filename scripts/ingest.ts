/**
 * `npm run ingest -- [--corpus DIR] [--index DIR] [--full] [--json]`: indexes a folder of documents.
 * One line per file, then a summary; a file that cannot be read is reported and skipped.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { ingestCorpus, type FileReport } from '../src/ingest/ingest.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    index: { type: 'string' },
    full: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const STATUS: Record<FileReport['status'], string> = {
  added: 'thêm mới',
  changed: 'cập nhật',
  unchanged: 'không đổi',
  removed: 'đã xóa',
  skipped: 'BỎ QUA',
};

try {
  const config = loadConfig();
  const corpusDir = values.corpus ?? config.CORPUS_DIR;
  const indexDir = values.index ?? config.INDEX_DIR;
  const report = await ingestCorpus({
    corpusDir,
    indexDir,
    embeddings: chooseEmbeddings(config),
    full: values.full,
    maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
    onFile: values.json
      ? undefined
      : (r, done, total) => {
          const detail = r.status === 'skipped' ? ` — ${r.code}: ${r.reason}` : r.chunks !== undefined ? ` (${r.chunks} đoạn)` : '';
          console.log(`[${done}/${total}] ${STATUS[r.status]}: ${r.file}${detail}`);
          for (const w of r.warnings ?? []) console.log(`    cảnh báo: ${w}`);
        },
  });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const skipped = report.files.filter((f) => f.status === 'skipped').length;
    console.log(
      `Xong: ${report.documents} văn bản, ${report.chunks} đoạn, ${skipped} tệp bỏ qua, ${report.seconds.toFixed(1)} giây. ` +
        `Chỉ mục ${indexDir} (phiên bản ${report.version}).`,
    );
  }
} catch (error) {
  const e = error as { code?: string; message?: string };
  console.error(`Lỗi${e.code ? ` ${e.code}` : ''}: ${e.message ?? error}`);
  process.exit(1);
}
