/**
 * `npm run eval -- --questions FILE [--corpus DIR ...]` · `--alqac DIR` · `--uit FILE`
 * Prints each miss and one summary line: answer accuracy, citation accuracy, refusal accuracy, gold-cited-first rate,
 * MRR, median answer length, p50/p95 ms. `--quiet` prints the summary only; `--json` prints it as JSON.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { StoredDocument } from '../src/index/store.js';
import { loadFile, SUPPORTED_EXTENSIONS } from '../src/ingest/loaders/index.js';
import { documentIdOf } from '../src/ingest/ingest.js';
import { readAlqac, readQuestions, readUit, type EvalQuestion } from '../src/eval/datasets.js';
import { engineOver, runEval } from '../src/eval/run.js';
import { loadConfig } from '../src/config.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    questions: { type: 'string' },
    corpus: { type: 'string', multiple: true },
    alqac: { type: 'string' },
    uit: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
  },
});

async function readCorpus(dirs: string[]): Promise<StoredDocument[]> {
  const documents: StoredDocument[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).sort()) {
      if (!SUPPORTED_EXTENSIONS.includes(path.extname(name).toLowerCase())) continue;
      const file = path.join(dir, name);
      const loaded = await loadFile(file);
      documents.push({
        id: documentIdOf(`${path.basename(dir)}/${name}`),
        file: name,
        hash: createHash('sha256').update(await readFile(file)).digest('hex'),
        meta: { ...loaded.meta, title: loaded.meta.title || name },
        text: loaded.text,
        pages: loaded.pages,
      });
    }
  }
  return documents;
}

let documents: StoredDocument[];
let questions: EvalQuestion[];
let label: string;
if (values.alqac) {
  ({ documents, questions } = await readAlqac(values.alqac));
  label = 'ALQAC 2024';
} else if (values.uit) {
  ({ documents, questions } = await readUit(values.uit));
  label = 'UIT regulations';
} else if (values.questions) {
  const given = [...(values.corpus ?? []), ...positionals];
  const dirs = given.length ? given : [loadConfig().CORPUS_DIR];
  const missing = dirs.find((d) => !existsSync(d));
  if (missing || !existsSync(values.questions)) {
    console.error(`Bỏ qua: không tìm thấy ${missing ?? values.questions}.`);
    process.exit(2);
  }
  documents = await readCorpus(dirs);
  questions = await readQuestions(values.questions);
  label = path.basename(values.questions);
} else {
  console.error('Cách dùng: npm run eval -- --questions FILE [--corpus DIR ...] | --alqac DIR | --uit FILE');
  process.exit(2);
}
if (values.limit) questions = questions.slice(0, Number(values.limit));

const started = performance.now();
const engine = await engineOver(documents, chooseEmbeddings({}));
const buildSeconds = (performance.now() - started) / 1000;
const { summary, misses } = await runEval(engine, questions);
if (values.json) {
  console.log(JSON.stringify({ set: label, documents: documents.length, chunks: engine.chunks.length, buildSeconds, ...summary }, null, 2));
} else {
  if (!values.quiet) {
    for (const m of misses) {
      const q = m.question;
      const expected = q.expect_not_found ? 'notFound' : (q.expect ?? []).map((g) => g.join(' | ')).join(' & ');
      console.log(`✗ ${q.id} [${q.kind}] ${q.question}`);
      console.log(`    expected: ${expected}${q.evidence ? ` · evidence: ${q.evidence}` : ''}`);
      console.log(`    got: ${m.result.notFound ? '(notFound) ' : ''}${m.result.answer.slice(0, 300)}`);
      if (m.judgement.citationOk === false) console.log(`    cited: ${m.result.citations.map((c) => `${c.documentId} ${c.section ?? ''}`).join('; ') || '(none)'}`);
    }
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `${label}: ${summary.questions} questions, ${documents.length} documents, ${engine.chunks.length} chunks · ` +
      `answer ${pct(summary.answerAccuracy)} · citation ${pct(summary.citationAccuracy)} · refusal ${pct(summary.refusalAccuracy)} · ` +
      `cited-first ${pct(summary.citedFirst)} · MRR ${summary.mrr.toFixed(3)} · median answer ${summary.medianAnswerChars} chars · ` +
      `p50 ${summary.p50Ms} ms · p95 ${summary.p95Ms} ms`,
  );
}
