/**
 * `node --expose-gc --import tsx scripts/memory-at-load.ts INDEX_DIR [--alqac DIR] [--snapshot FILE]`
 * Loads the current version as a server does (`SearchEngine.load`, `prepareEngine`) and prints RSS, the live JS heap
 * after a full GC and the array buffers, at load, after preparing and after asking the ALQAC questions once.
 * `--snapshot FILE` writes a heap snapshot after preparing, to see what the live heap holds.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { SearchEngine } from '../src/retrieve/engine.js';
import { prepareEngine } from '../src/answer/prepare.js';
import { ask } from '../src/answer/assistant.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { alqac: { type: 'string', default: '../shared/external/alqac2024' }, snapshot: { type: 'string' }, questions: { type: 'string', default: '530' } },
});
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !positionals[0]) {
  console.error('Cách dùng: node --expose-gc --import tsx scripts/memory-at-load.ts INDEX_DIR');
  process.exit(2);
}
const mb = (n: number) => (n / 1048576).toFixed(0);
const report = (label: string) => {
  gc();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(16)} RSS ${mb(m.rss)} MB · heap used ${mb(m.heapUsed)} MB · array buffers ${mb(m.arrayBuffers)} MB · external ${mb(m.external)} MB`);
};
report('before');
let t = performance.now();
const engine = await SearchEngine.load(positionals[0], chooseEmbeddings({}));
console.log(`load ${(performance.now() - t).toFixed(0)} ms · ${engine.chunks.length} chunks`);
report('after load');
t = performance.now();
prepareEngine(engine);
console.log(`prepare ${(performance.now() - t).toFixed(0)} ms`);
report('after prepare');
if (values.snapshot) console.log(`snapshot ${writeHeapSnapshot(values.snapshot)}`);
const questions = (JSON.parse(readFileSync(path.join(values.alqac, 'train.json'), 'utf8')) as Array<{ text: string }>).map((q) => q.text).slice(0, Number(values.questions));
t = performance.now();
for (const question of questions) await ask(engine, { question });
console.log(`${questions.length} questions ${((performance.now() - t) / questions.length).toFixed(1)} ms each`);
report('after questions');
