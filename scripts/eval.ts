/**
 * `npm run eval -- --questions FILE [--corpus DIR ...]` · `--dialogues FILE [--corpus DIR ...] [--only shared|project]`
 * · `--alqac DIR` · `--uit FILE`
 * Prints the misses of the tuning half (`--misses all` for every miss; the held-out half's misses are not printed, so
 * nobody tunes on them) and a summary line for the whole set, its tuning half and its held-out half (split.ts): answer
 * accuracy, citation accuracy, refusal accuracy, gold-cited-first rate, MRR, median answer length, p50/p95 ms, and the
 * refusals by code. `--quiet` prints the summaries only; `--json` prints them as JSON; `--dump FILE` writes each
 * question's answer, refusal and citations (no timings) as JSONL, to diff two runs.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { StoredDocument } from '../src/index/store.js';
import { readCorpus } from './lib/corpus.js';
import { readAlqac, readDialogues, readQuestions, readUit, type EvalDialogue, type EvalQuestion } from '../src/eval/datasets.js';
import { engineOver, runDialogues, runEval, type EvalSummary } from '../src/eval/run.js';
import { loadConfig } from '../src/config.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    questions: { type: 'string' },
    dialogues: { type: 'string' },
    only: { type: 'string' },
    misses: { type: 'string', default: 'tuning' },
    corpus: { type: 'string', multiple: true },
    alqac: { type: 'string' },
    uit: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
    dump: { type: 'string' },
  },
});

let documents: StoredDocument[];
let questions: EvalQuestion[] = [];
let dialogues: EvalDialogue[] | undefined;
let label: string;
if (values.alqac) {
  ({ documents, questions } = await readAlqac(values.alqac));
  label = 'ALQAC 2024';
} else if (values.uit) {
  ({ documents, questions } = await readUit(values.uit));
  label = 'UIT regulations';
} else if (values.questions || values.dialogues) {
  const file = (values.questions ?? values.dialogues)!;
  const given = [...(values.corpus ?? []), ...positionals];
  const dirs = given.length ? given : [loadConfig().CORPUS_DIR];
  const missing = dirs.find((d) => !existsSync(d));
  if (missing || !existsSync(file)) {
    console.error(`Bỏ qua: không tìm thấy ${missing ?? file}.`);
    process.exit(2);
  }
  documents = await readCorpus(dirs);
  if (values.dialogues) {
    const only = values.only ?? (given.length ? 'shared' : 'project');
    dialogues = (await readDialogues(file)).filter((d) => (d.corpus ?? 'shared') === only);
  } else {
    questions = await readQuestions(file);
  }
  label = path.basename(file);
} else {
  console.error('Cách dùng: npm run eval -- --questions FILE [--corpus DIR ...] | --dialogues FILE [--corpus DIR ...] | --alqac DIR | --uit FILE');
  process.exit(2);
}
if (values.limit) questions = questions.slice(0, Number(values.limit));

const started = performance.now();
const engine = await engineOver(documents, chooseEmbeddings({}));
const buildSeconds = (performance.now() - started) / 1000;
const { summary, halves, misses, results } = dialogues ? await runDialogues(engine, dialogues) : await runEval(engine, questions);
if (values.dump) {
  // One line per question: what the user gets (answer, refusal, citations), no timings, so two runs can be diffed.
  const lines = results.map(({ id, result: r }) =>
    JSON.stringify({ id, answer: r.answer, notFound: r.notFound, refusal: r.refusal, citations: r.citations.map((c) => [c.documentId, c.start, c.end, c.score, c.section]) }),
  );
  await writeFile(values.dump, lines.join('\n') + '\n');
}
if (values.json) {
  console.log(JSON.stringify({ set: label, documents: documents.length, chunks: engine.chunks.length, buildSeconds, ...summary, halves }, null, 2));
} else {
  if (!values.quiet) {
    for (const m of misses.filter((m) => values.misses === 'all' || m.half === values.misses)) {
      const q = m.question;
      const expected = q.expect_not_found ? 'notFound' : (q.expect ?? []).map((g) => g.join(' | ')).join(' & ');
      console.log(`✗ ${q.id} [${q.kind}] ${q.question}`);
      console.log(`    expected: ${expected}${q.evidence ? ` · evidence: ${q.evidence}` : ''}`);
      console.log(`    got: ${m.result.notFound ? '(notFound) ' : ''}${m.result.answer.slice(0, 300)}`);
      if (m.judgement.citationOk === false) console.log(`    cited: ${m.result.citations.map((c) => `${c.documentId} ${c.section ?? ''}`).join('; ') || '(none)'}`);
    }
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const line = (name: string, s: EvalSummary) =>
    `${name}: ${s.questions} questions · answer ${pct(s.answerAccuracy)} · citation ${pct(s.citationAccuracy)} · ` +
    `refusal ${pct(s.refusalAccuracy)} (must-refuse ${pct(s.mustRefuse)}, false ${pct(s.falseRefusals)}) · cited-first ${pct(s.citedFirst)} · MRR ${s.mrr.toFixed(3)} · median answer ` +
    `${s.medianAnswerChars} chars · p50 ${s.p50Ms} ms · p95 ${s.p95Ms} ms`;
  console.log(`${label}: ${documents.length} documents, ${engine.chunks.length} chunks`);
  console.log(line('  all     ', summary));
  console.log(line('  tuning  ', halves.tuning));
  console.log(line('  held-out', halves.heldout));
  const codes = Object.entries(summary.refusals).sort((a, b) => b[1] - a[1]);
  if (codes.length) console.log(`  refusals by code: ${codes.map(([c, n]) => `${c} ${n}`).join(', ')}`);
}
