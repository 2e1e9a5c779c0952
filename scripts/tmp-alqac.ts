import { readAlqac } from '../src/eval/datasets.ts';
import { chunkDocument } from '../src/ingest/chunk.ts';
import { buildIndexData } from '../src/index/build.ts';
import { chooseEmbeddings } from '../src/index/embeddings.ts';
import { SearchEngine } from '../src/retrieve/engine.ts';
import { analyzeQuery } from '../src/retrieve/query.ts';
import { ask } from '../src/answer/assistant.ts';
import { judge } from '../src/eval/metrics.ts';
const t0 = performance.now();
const { documents, questions } = await readAlqac('/work/shared/external/alqac2024');
const chunks = documents.flatMap((d) => chunkDocument(d.id, d.text));
const choice = chooseEmbeddings({});
const data = await buildIndexData(documents, chunks, choice, 'alqac');
const engine = SearchEngine.fromData(data, choice);
console.log('chunks', chunks.length, 'build s', ((performance.now() - t0) / 1000).toFixed(1));
let r1 = 0, first = 0, nf = 0, rr = 0; const lat: number[] = [];
const mode = process.argv[2] ?? 'all';
for (const q of questions) {
  const a = analyzeQuery(q.question);
  const ps = await engine.search(a, { topK: 10 });
  const hit = (p: typeof ps[0]) => q.gold!.some((g) => p.document.id === g.documentId && p.chunk.section.some((s) => s === `Điều ${g.article}`));
  if (ps[0] && hit(ps[0])) r1++;
  const idx = ps.findIndex(hit); if (idx >= 0) rr += 1 / (idx + 1);
  if (mode === 'all') {
    const res = await ask(engine, { question: q.question });
    lat.push(res.timings.totalMs);
    const j = judge(q, res);
    if (res.notFound) nf++;
    if (j.citedFirst) first++;
  }
}
const n = questions.length;
lat.sort((a, b) => a - b);
console.log(`R@1 ${(r1 / n).toFixed(3)} MRR@10 ${(rr / n).toFixed(3)} citedFirst ${(first / n).toFixed(3)} notFound ${nf} p50 ${lat[Math.floor(n / 2)]} p95 ${lat[Math.floor(n * 0.95)]}`);
