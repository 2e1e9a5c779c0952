/**
 * `npx tsx scripts/bench-reindex.ts [--sizes 1,4] [--runs 3] [--file law-08-v00.txt] [--compare]`
 *
 * What one file added or removed costs against a full ingest (issue 14: ≤ 20%), as an admin runs it. For each size
 * ×k it writes ALQAC's laws ×k as files (scripts/lib/alqac-files.ts) into a temporary folder, then runs
 * `npm run ingest` (a child process) `--runs` times: `--full`; with `--file` moved out of the folder; with it moved
 * back. It prints, per run, the report's seconds ("Xong: … giây"), the command's wall seconds (Node's start included),
 * the 1-minute load average before the command, and whether the version was patched (it has labels.json).
 *
 * `--compare`: after the last run (the index patched by the file's removal and return), a full ingest of the same
 * folder into another index; the 530 ALQAC questions asked of both (in-process, as the server prepares an engine)
 * with cited-first for each and the number of answers that differ (text or citations).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeAlqacFiles } from './lib/alqac-files.js';
import { readAlqac } from '../src/eval/datasets.js';
import { runEval } from '../src/eval/run.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { LABELS_FILE } from '../src/index/graph.js';
import { currentVersion } from '../src/index/store.js';
import { prepareEngine } from '../src/answer/prepare.js';
import { SearchEngine } from '../src/retrieve/engine.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,4' },
    runs: { type: 'string', default: '3' },
    file: { type: 'string', default: 'law-08-v00.txt' },
    alqac: { type: 'string', default: '../shared/external/alqac2024' },
    compare: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

if (!existsSync(path.join(values.alqac, 'law.json'))) {
  console.error(`Bỏ qua: không tìm thấy ${values.alqac}.`);
  process.exit(0);
}

interface Step {
  seconds: number;
  wall: number;
  load: number;
  patched: boolean;
}

/** `npm run ingest` as an admin runs it. */
async function ingest(corpus: string, index: string, full = false): Promise<Step> {
  const load = loadavg()[0]!;
  const started = performance.now();
  const child = spawn('npm', ['run', '-s', 'ingest', '--', '--corpus', corpus, '--index', index, '--json', ...(full ? ['--full'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`npm run ingest → ${code}\n${err.slice(-2000)}`);
  const report = JSON.parse(out.slice(out.indexOf('{'))) as { seconds: number };
  const patched = existsSync(path.join(index, 'versions', (await currentVersion(index))!, LABELS_FILE));
  return { seconds: report.seconds, wall, load, patched };
}

const f = (x: number, d = 1) => x.toFixed(d);
const root = await mkdtemp(path.join(tmpdir(), 'bench-reindex-'));
try {
  for (const size of values.sizes.split(',').map(Number)) {
    const corpus = path.join(root, `corpus-${size}`);
    const index = path.join(root, `index-${size}`);
    const files = await writeAlqacFiles(values.alqac, corpus, size);
    const moved = [values.file, `${values.file}.meta.json`];
    if (!existsSync(path.join(corpus, values.file))) throw new Error(`${values.file} không có trong kho ×${size}`);
    console.log(`\n×${size}: ${files} files; file moved out and back: ${values.file}`);
    console.log('| run | full s (wall, load) | removed s (wall, load) | added s (wall, load) | removed / full | added / full | patched |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (let run = 1; run <= Number(values.runs); run++) {
      const full = await ingest(corpus, index, true);
      for (const name of moved) await rename(path.join(corpus, name), path.join(root, name));
      const removed = await ingest(corpus, index);
      for (const name of moved) await rename(path.join(root, name), path.join(corpus, name));
      const added = await ingest(corpus, index);
      const cell = (s: Step) => `${f(s.seconds)} (${f(s.wall)}, ${f(s.load)})`;
      console.log(
        `| ${run} | ${cell(full)} | ${cell(removed)} | ${cell(added)} | ${f((100 * removed.seconds) / full.seconds, 0)}% | ` +
          `${f((100 * added.seconds) / full.seconds, 0)}% | ${removed.patched ? 'yes' : 'no'} / ${added.patched ? 'yes' : 'no'} |`,
      );
    }
    if (values.compare) await compare(corpus, index, path.join(root, `full-${size}`));
  }
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
  else console.log(`kept: ${root}`);
}

/** The ALQAC questions asked of the patched index and of a full ingest of the same folder. */
async function compare(corpus: string, patched: string, fullDir: string): Promise<void> {
  await ingest(corpus, fullDir, true);
  const embeddings = chooseEmbeddings({});
  const { documents, questions } = await readAlqac(values.alqac);
  // The questions' laws are variant 0 of each law, as files: law-II-v00.
  const fileId = new Map(documents.map((d, i) => [d.id, `law-${String(i).padStart(2, '0')}-v00`]));
  const asked = questions.map((q) => ({ ...q, gold: q.gold?.map((g) => ({ ...g, documentId: fileId.get(g.documentId) ?? g.documentId })) }));
  const results = [];
  for (const dir of [patched, fullDir]) {
    const engine = await SearchEngine.load(dir, embeddings);
    prepareEngine(engine);
    results.push(await runEval(engine, asked));
  }
  const [a, b] = results as [Awaited<ReturnType<typeof runEval>>, Awaited<ReturnType<typeof runEval>>];
  const key = (r: (typeof a.results)[number]['result']) => JSON.stringify([r.answer, r.notFound, r.citations.map((c) => [c.documentId, c.start, c.end])]);
  const differ = a.results.filter((r, i) => key(r.result) !== key(b.results[i]!.result)).length;
  const firstDiffer = a.results.filter((r, i) => r.result.citations[0]?.documentId !== b.results[i]!.result.citations[0]?.documentId || r.result.citations[0]?.start !== b.results[i]!.result.citations[0]?.start).length;
  console.log(`\ncompare (${questions.length} ALQAC questions): patched index vs a full ingest of the same folder`);
  console.log(`| index | cited-first all | held-out | answer | citation |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, r] of [['patched', a], ['full', b]] as const) {
    console.log(`| ${name} | ${f(100 * r.summary.citedFirst)}% | ${f(100 * r.halves.heldout.citedFirst)}% | ${f(100 * r.summary.answerAccuracy)}% | ${f(100 * r.summary.citationAccuracy)}% |`);
  }
  console.log(`answers that differ (text or citations): ${differ}; first citation differs: ${firstDiffer}`);
}
