/**
 * `npx tsx scripts/cpu-per-question.ts [--alqac DIR] [--questions FILE --corpus DIR ...] [--rounds N]`
 * Builds an engine in-process (as `npm run eval` does), prepares it as a server does when it loads a version, and
 * asks every question N times, printing the process CPU ms per question and the wall-clock p50/p95/max.
 * `--match RE` keeps the questions matching RE. `--slowest N` lists the N slowest questions. `--profile FILE` writes a V8 CPU profile of the asking alone (not the build) to see where a question's time goes.
 */
import { parseArgs } from 'node:util';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { StoredDocument } from '../src/index/store.js';
import { readCorpus } from './lib/corpus.js';
import { readAlqac, readQuestions, type EvalQuestion } from '../src/eval/datasets.js';
import { engineOver } from '../src/eval/run.js';
import { prepareEngine } from '../src/answer/prepare.js';
import { ask } from '../src/answer/assistant.js';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

const { values } = parseArgs({
  options: {
    alqac: { type: 'string' },
    questions: { type: 'string' },
    corpus: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'string' },
    slowest: { type: 'string', default: '0' },
    match: { type: 'string' },
  },
});

let documents: StoredDocument[];
let questions: EvalQuestion[];
if (values.alqac) ({ documents, questions } = await readAlqac(values.alqac));
else if (values.questions) {
  documents = await readCorpus(values.corpus ?? []);
  questions = await readQuestions(values.questions);
} else {
  console.error('Cách dùng: npx tsx scripts/cpu-per-question.ts --alqac DIR | --questions FILE --corpus DIR ...');
  process.exit(2);
}
if (values.match) questions = questions.filter((q) => new RegExp(values.match!, 'u').test(q.question));
const engine = await engineOver(documents, chooseEmbeddings({}));
let t = performance.now();
prepareEngine(engine);
console.log(`${engine.chunks.length} chunks · prepare ${(performance.now() - t).toFixed(0)} ms`);
for (const question of questions.slice(0, 20)) await ask(engine, { question: question.question, history: question.history });
const rounds = Number(values.rounds);
const session = values.profile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const wall: number[] = [];
const byQuestion = new Map<string, number>();
const cpu0 = process.cpuUsage();
t = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const question of questions) {
    const s = performance.now();
    await ask(engine, { question: question.question, history: question.history });
    const ms = performance.now() - s;
    wall.push(ms);
    byQuestion.set(question.question, Math.max(byQuestion.get(question.question) ?? 0, ms));
  }
}
const cpu = process.cpuUsage(cpu0);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  await writeFile(values.profile!, JSON.stringify(profile));
}
wall.sort((a, b) => a - b);
const at = (p: number) => wall[Math.min(wall.length - 1, Math.floor((p / 100) * wall.length))]!.toFixed(1);
console.log(
  `${questions.length} questions × ${rounds}: CPU ${((cpu.user + cpu.system) / 1000 / wall.length).toFixed(2)} ms/question · ` +
    `wall p50 ${at(50)} / p95 ${at(95)} / max ${wall[wall.length - 1]!.toFixed(1)} ms`,
);
for (const [question, ms] of [...byQuestion].sort((a, b) => b[1] - a[1]).slice(0, Number(values.slowest))) console.log(`${ms.toFixed(1).padStart(7)} ms  ${question.slice(0, 140)}`);
