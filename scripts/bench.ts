/**
 * `npm run bench [-- --questions N]`: latency and memory of `POST /api/ask` over real HTTP on the ALQAC 2024 index
 * (2,249 articles) from ../shared/external/alqac2024. Prints index build time, p50/p95/max ms and RSS.
 * `npm run bench -- --scale [--sizes 1,4,10,20] …`: synthetic corpora ×k of ALQAC, ingest and serve as a user runs
 * them, against the MiniSearch baseline (scripts/bench-scale.ts).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAlqac } from '../src/eval/datasets.js';
import { percentile } from '../src/eval/metrics.js';
import { buildIndexData } from '../src/index/build.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { writeIndex } from '../src/index/store.js';
import { chunkDocument } from '../src/ingest/chunk.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import { EngineHolder } from '../src/server/engine-holder.js';

if (process.argv.includes('--reliability')) {
  // `npm run bench -- --reliability`: the reliability run (scripts/reliability.ts) instead of the latency bench.
  await import('./reliability.js');
  process.exit(process.exitCode ?? 0);
}
if (process.argv.includes('--scale')) {
  await import('./bench-scale.js');
  process.exit(0);
}
const { values } = parseArgs({ options: { questions: { type: 'string', default: '530' }, alqac: { type: 'string', default: '../shared/external/alqac2024' } } });
if (!existsSync(path.join(values.alqac, 'law.json'))) {
  console.error(`Bỏ qua: không tìm thấy ${values.alqac}.`);
  process.exit(0);
}
const root = await mkdtemp(path.join(tmpdir(), 'tlcv-bench-'));
try {
  const t0 = performance.now();
  const { documents, questions } = await readAlqac(values.alqac);
  const choice = chooseEmbeddings({});
  const chunks = documents.flatMap((d) => chunkDocument(d.id, d.text));
  await writeIndex(path.join(root, 'index'), await buildIndexData(documents, chunks, choice, values.alqac));
  const buildMs = performance.now() - t0;
  const config = loadConfig({ INDEX_DIR: path.join(root, 'index'), DATA_DIR: root, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', INDEX_POLL_MS: '0', PORT: '0' });
  const engines = new EngineHolder(config.INDEX_DIR, choice);
  const t1 = performance.now();
  await engines.reload();
  const loadMs = performance.now() - t1;
  const app = await buildApp({ config, engines });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const times: number[] = [];
  const n = Math.min(Number(values.questions), questions.length);
  // Warm-up, then measured requests one after another (what one official waits for).
  for (const q of questions.slice(0, 10)) await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q.question }) });
  for (const q of questions.slice(0, n)) {
    const s = performance.now();
    const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q.question }) });
    await res.json();
    times.push(performance.now() - s);
  }
  await app.close();
  const f = (x: number) => x.toFixed(1);
  console.log(
    `ALQAC index: ${documents.length} documents, ${chunks.length} chunks, built in ${f(buildMs / 1000)} s, loaded in ${f(loadMs)} ms · ` +
      `POST /api/ask over HTTP, ${n} questions: p50 ${f(percentile(times, 50))} ms · p95 ${f(percentile(times, 95))} ms · max ${f(Math.max(...times))} ms · ` +
      `RSS ${f(process.memoryUsage().rss / 1048576)} MB`,
  );
} finally {
  await rm(root, { recursive: true, force: true });
}
