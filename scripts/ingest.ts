/**
 * `npm run ingest -- [--corpus DIR] [--index DIR] [--full] [--strict] [--allow-shrink] [--json]`: indexes a folder.
 * On a terminal a progress bar, otherwise one line per file; then a report (added / changed / unchanged / removed /
 * skipped with reasons, facts, seconds). A file that cannot be read is reported and skipped; `--strict` makes that
 * an error (exit 1) and keeps the previous index. A run that would drop most documents (INGEST_SHRINK) keeps the
 * previous index unless `--allow-shrink`. Each file is read in a sandbox under INGEST_FILE_TIMEOUT_MS and
 * INGEST_FILE_MEMORY_MB.
 */
import { parseArgs } from 'node:util';
import { loadEnvFile } from '../src/env-file.js';
import { loadConfig } from '../src/config.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { ingestCorpus, type FileReport } from '../src/ingest/ingest.js';
import { printableName } from '../src/ingest/loaders/normalize.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    index: { type: 'string' },
    full: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'allow-shrink': { type: 'boolean', default: false },
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
  ignored: 'không đọc',
};

const tty = process.stdout.isTTY === true;

try {
  loadEnvFile();
  const config = loadConfig();
  const corpusDir = values.corpus ?? config.CORPUS_DIR;
  const indexDir = values.index ?? config.INDEX_DIR;
  const report = await ingestCorpus({
    corpusDir,
    indexDir,
    embeddings: chooseEmbeddings(config),
    full: values.full,
    strict: values.strict,
    allowShrink: values['allow-shrink'],
    budget: { timeoutMs: config.INGEST_FILE_TIMEOUT_MS, memoryMb: config.INGEST_FILE_MEMORY_MB, docxMaxXmlMb: config.INGEST_DOCX_MAX_XML_MB },
    maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
    onFile: values.json
      ? undefined
      : (r, done, total) => {
          if (tty) {
            // One redrawn line: a bar, the count and the file being finished.
            const width = 24;
            const filled = Math.round((done / Math.max(1, total)) * width);
            const file = printableName(r.file);
            const name = file.length > 40 ? `…${file.slice(-39)}` : file;
            process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name}`.padEnd(90));
            if (done === total) process.stdout.write('\n');
            if (r.status !== 'skipped' && r.status !== 'ignored' && !r.warnings?.length) return;
            process.stdout.write('\n');
          }
          const detail = r.code ? ` — ${r.code}: ${r.reason}` : r.chunks !== undefined ? ` (${r.chunks} đoạn${factSummary(r.facts)})` : '';
          console.log(`[${done}/${total}] ${STATUS[r.status]}: ${printableName(r.file)}${detail}`);
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
        `${count('removed')} đã xóa, ${skipped} bỏ qua, ${count('ignored')} không đọc (tệp ẩn, liên kết).`,
    );
    for (const f of report.files.filter((x) => x.status === 'skipped')) console.log(`  bỏ qua ${printableName(f.file)}: ${f.code} — ${f.reason}`);
    for (const f of report.files.filter((x) => x.status === 'ignored')) console.log(`  không đọc ${printableName(f.file)}: ${f.code}`);
    for (const name of report.cleaned ?? []) console.log(`  đã dọn phần dở dang của lần lập chỉ mục trước: ${printableName(name)}`);
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
