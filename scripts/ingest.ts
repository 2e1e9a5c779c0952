/**
 * `npm run ingest -- [--corpus DIR] [--index DIR] [--full] [--strict] [--json]`: indexes a folder of documents.
 * On a terminal a progress bar, otherwise one line per file; then a report (added / changed / unchanged / removed /
 * skipped with reasons, facts, seconds). A file that cannot be read is reported and skipped; `--strict` makes that
 * an error (exit 1) and keeps the previous index.
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
    strict: { type: 'boolean', default: false },
  },
});

/** "; 41 chỉ tiêu, 140 thời hạn, 140 trách nhiệm, 12 văn bản dẫn chiếu" (kinds with none are left out). */
function factSummary(facts: FileReport['facts']): string {
  if (!facts) return '';
  const parts = [
    [facts.target, 'chỉ tiêu'],
    [facts.deadline, 'thời hạn'],
    [facts.responsibility, 'trách nhiệm'],
    [facts.docref, 'văn bản dẫn chiếu'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, label]) => `${n} ${label}`);
  return parts.length ? `; ${parts.join(', ')}` : '';
}

const STATUS: Record<FileReport['status'], string> = {
  added: 'thêm mới',
  changed: 'cập nhật',
  unchanged: 'không đổi',
  removed: 'đã xóa',
  skipped: 'BỎ QUA',
};

const tty = process.stdout.isTTY === true;

try {
  const config = loadConfig();
  const corpusDir = values.corpus ?? config.CORPUS_DIR;
  const indexDir = values.index ?? config.INDEX_DIR;
  const report = await ingestCorpus({
    corpusDir,
    indexDir,
    embeddings: chooseEmbeddings(config),
    full: values.full,
    strict: values.strict,
    maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
    onFile: values.json
      ? undefined
      : (r, done, total) => {
          if (tty) {
            // One redrawn line: a bar, the count and the file being finished.
            const width = 24;
            const filled = Math.round((done / Math.max(1, total)) * width);
            const name = r.file.length > 40 ? `…${r.file.slice(-39)}` : r.file;
            process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name}`.padEnd(90));
            if (done === total) process.stdout.write('\n');
            if (r.status !== 'skipped' && !r.warnings?.length) return;
            process.stdout.write('\n');
          }
          const detail = r.status === 'skipped' ? ` — ${r.code}: ${r.reason}` : r.chunks !== undefined ? ` (${r.chunks} đoạn${factSummary(r.facts)})` : '';
          console.log(`[${done}/${total}] ${STATUS[r.status]}: ${r.file}${detail}`);
          for (const w of r.warnings ?? []) console.log(`    cảnh báo: ${w}`);
        },
  });
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    const count = (status: FileReport['status']) => report.files.filter((f) => f.status === status).length;
    const skipped = count('skipped');
    console.log(
      `Báo cáo: ${count('added')} thêm mới, ${count('changed')} cập nhật, ${count('unchanged')} không đổi, ` +
        `${count('removed')} đã xóa, ${skipped} bỏ qua.`,
    );
    for (const f of report.files.filter((x) => x.status === 'skipped')) console.log(`  bỏ qua ${f.file}: ${f.code} — ${f.reason}`);
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
