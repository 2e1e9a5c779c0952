/**
 * `npm run bench -- --scale [--sizes 1,4,10,20] [--questions 200] [--seconds 15] [--clients 16] [--workers 1,2] [--json FILE]`
 *
 * Speed at a province's scale. For each size ×k it writes a synthetic corpus of k variants of every ALQAC 2024 law
 * (../shared/external/alqac2024) into a temporary folder (never into the repository) — variant 0 is the law as it is,
 * variant v > 0 a distinct document: its own title, and a seeded tenth of the syllables of each article's text
 * replaced by other syllables of the corpus — and measures, as a user runs them:
 *
 * - `npm run ingest` (as a child process): seconds, peak RSS (the process and its file-reading child), index MB;
 * - `npm start` (scripts/start.ts as a child process): seconds until /api/health answers, RSS after load and at the
 *   end, p50/p95/p99 of `POST /api/ask` over HTTP one question at a time, req/s and p50/p95 at 16 concurrent
 *   clients for a fixed time, errors (non-200 or a failed connection); with WORKERS=1 and each further count asked;
 * - the same for the baseline (the LangChain tutorial splitter 1000/200 + MiniSearch, scripts/bench-baseline.ts),
 *   printed beside ours with the ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from '../src/eval/metrics.js';
import { askHttp, closeAskHttp } from './lib/ask-http.js';
import { writeAlqacFiles } from './lib/alqac-files.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'boolean', default: true },
    sizes: { type: 'string', default: '1,4,10,20' },
    questions: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '15' },
    clients: { type: 'string', default: '16' },
    /** Server processes (WORKERS) to measure ours with, e.g. "1,2". */
    workers: { type: 'string', default: '1,2' },
    alqac: { type: 'string', default: '../shared/external/alqac2024' },
    json: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

if (!existsSync(path.join(values.alqac, 'law.json'))) {
  console.error(`Bỏ qua: không tìm thấy ${values.alqac}.`);
  process.exit(0);
}
const questions = (JSON.parse(readFileSync(path.join(values.alqac, 'train.json'), 'utf8')) as Array<{ text: string }>).map((q) => q.text);
const sizes = values.sizes.split(',').map(Number).filter((n) => n >= 1);
const sequentialCount = Number(values.questions);
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const workerCounts = values.workers.split(',').map(Number).filter((n) => n >= 1);
const TSX = ['--import', 'tsx'];



/** RSS of a process and all its descendants, MB (from /proc). */
function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid);
  return kb / 1024;
}

/** CPU time (user + system) a process and its descendants have used, ms (from /proc; clock ticks of 10 ms). */
function treeCpuMs(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid);
  return ticks * 10;
}

/** Samples a child's tree RSS every 100 ms; `peak()` is the highest seen. */
function sampleRss(child: ChildProcess): { peak: () => number; stop: () => void } {
  let peak = 0;
  const tick = () => (peak = Math.max(peak, treeRssMb(child.pid!)));
  const timer = setInterval(tick, 100);
  return { peak: () => (tick(), peak), stop: () => clearInterval(timer) };
}

/** Runs a command to its end. @returns seconds, peak tree RSS (MB) and stdout */
async function run(args: string[], env: Record<string, string> = {}): Promise<{ seconds: number; peakMb: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = sampleRss(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  rss.stop();
  if (code !== 0) throw new Error(`${args.join(' ')} → ${code}\n${stderr.slice(-2000)}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: rss.peak(), stdout };
}

function dirMb(dir: string): number {
  let bytes = 0;
  const walk = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
    else bytes += s.size;
  };
  walk(dir);
  return bytes / 1048576;
}

/** One POST of a question. @returns ms, or -1 on an error */
const ask = (port: number, question: string) => askHttp(port, question);

interface Serving {
  startSeconds: number;
  /** Until the first answer (lazy work done on the first question included). */
  firstAnswerSeconds: number;
  rssStartMb: number;
  rssEndMb: number;
  peakMb: number;
  p50: number;
  p95: number;
  p99: number;
  /** Server CPU per question one at a time (ms): what a loaded, shared machine does not blur. */
  cpuMs: number;
  rps: number;
  concurrentP50: number;
  concurrentP95: number;
  errors: number;
}

/** Starts a server, waits for it, measures it, stops it. */
async function serve(args: string[], env: Record<string, string>, ready: (line: string, child: ChildProcess) => Promise<number | undefined>): Promise<Serving> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = sampleRss(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr.slice(-2000)}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      void ready(out, child).then((p) => p && resolve(p));
    });
  });
  const startSeconds = (performance.now() - started) / 1000;
  const rssStartMb = treeRssMb(child.pid!);
  let errors = 0;
  if ((await ask(port, questions[0]!)) < 0) errors++;
  const firstAnswerSeconds = (performance.now() - started) / 1000;
  for (const q of questions.slice(1, 10)) if ((await ask(port, q)) < 0) errors++;
  const times: number[] = [];
  const cpuBefore = treeCpuMs(child.pid!);
  for (let i = 0; i < sequentialCount; i++) {
    const ms = await ask(port, questions[i % questions.length]!);
    if (ms < 0) errors++;
    else times.push(ms);
  }
  const cpuMs = (treeCpuMs(child.pid!) - cpuBefore) / Math.max(1, sequentialCount);
  const concurrent: number[] = [];
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c * 31; performance.now() < until; i++) {
        const ms = await ask(port, questions[i % questions.length]!);
        if (ms < 0) errors++;
        else concurrent.push(ms);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const rssEndMb = treeRssMb(child.pid!);
  const peakMb = rss.peak();
  rss.stop();
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  return {
    startSeconds,
    firstAnswerSeconds,
    rssStartMb,
    rssEndMb,
    peakMb,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    cpuMs,
    rps: concurrent.length / elapsed,
    concurrentP50: percentile(concurrent, 50),
    concurrentP95: percentile(concurrent, 95),
    errors,
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Row {
  size: number;
  files: number;
  chunks: number;
  ingestSeconds: number;
  ingestPeakMb: number;
  indexMb: number;
  /** Ours with WORKERS = 1, then each further count asked. */
  ours: Serving;
  more: Array<{ workers: number; serving: Serving }>;
  baseline?: { chunks: number; ingestSeconds: number; ingestPeakMb: number; indexMb: number; serving: Serving };
}

const root = await mkdtemp(path.join(tmpdir(), 'tlcv-scale-'));
const rows: Row[] = [];
const f1 = (x: number) => x.toFixed(1);
const f0 = (x: number) => x.toFixed(0);
/** A ratio: one decimal, or two significant digits below 0.1 (p95 and CPU are ×0.03–0.06 the baseline's). */
const fr = (x: number) => (x >= 0.1 ? x.toFixed(1) : x.toPrecision(2));
try {
  if (!existsSync('web/dist/widget.js')) await run(['scripts/build-web.mjs']);
  for (const size of sizes) {
    const corpus = path.join(root, `x${size}`, 'corpus');
    const index = path.join(root, `x${size}`, 'index');
    const files = await writeAlqacFiles(values.alqac, corpus, size);
    const ingest = await run([...TSX, 'scripts/ingest.ts', '--corpus', corpus, '--index', index, '--json']);
    const report = JSON.parse(ingest.stdout) as { chunks: number; documents: number };
    const port = await freePort();
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      CORPUS_DIR: corpus,
      INDEX_DIR: index,
      DATA_DIR: path.join(root, `x${size}`),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      INDEX_POLL_MS: '0',
    };
    const measured: Array<{ workers: number; serving: Serving }> = [];
    for (const workers of workerCounts) {
      const serving = await serve([...TSX, 'scripts/start.ts'], { ...env, WORKERS: String(workers) }, async (out) => {
        if (!out.includes('http://')) return undefined;
        return port;
      });
      measured.push({ workers, serving });
    }
    const row: Row = {
      size,
      files,
      chunks: report.chunks,
      ingestSeconds: ingest.seconds,
      ingestPeakMb: ingest.peakMb,
      indexMb: dirMb(index),
      ours: measured[0]!.serving,
      more: measured.slice(1),
    };
    if (!values['no-baseline']) {
      const file = path.join(root, `x${size}`, 'minisearch.json');
      const b = await run([...TSX, 'scripts/bench-baseline.ts', 'ingest', corpus, file]);
      const serving = await serve([...TSX, 'scripts/bench-baseline.ts', 'serve', file], {}, async (out) => {
        const m = /\{"port":(\d+)\}/.exec(out);
        return m ? Number(m[1]) : undefined;
      });
      row.baseline = { chunks: (JSON.parse(b.stdout) as { chunks: number }).chunks, ingestSeconds: b.seconds, ingestPeakMb: b.peakMb, indexMb: statSync(file).size / 1048576, serving };
    }
    rows.push(row);
    const o = row.ours;
    console.log(
      `×${size}: ${files} files, ${row.chunks} chunks · ingest ${f1(row.ingestSeconds)} s, peak ${f0(row.ingestPeakMb)} MB, index ${f0(row.indexMb)} MB · ` +
        `start-up ${f1(o.startSeconds)} s (first answer ${f1(o.firstAnswerSeconds)} s) · RSS ${f0(o.rssStartMb)} → ${f0(o.rssEndMb)} MB (peak ${f0(o.peakMb)}) · one at a time p50/p95/p99 ` +
        `${f1(o.p50)}/${f1(o.p95)}/${f1(o.p99)} ms (CPU ${f1(o.cpuMs)} ms each) · ${clients} clients ${f0(o.rps)} req/s (p50 ${f0(o.concurrentP50)}, p95 ${f0(o.concurrentP95)} ms) · errors ${o.errors}`,
    );
    for (const { workers, serving: w } of row.more) {
      console.log(
        `   WORKERS=${workers}: start-up ${f1(w.startSeconds)} s · RSS ${f0(w.rssStartMb)} → ${f0(w.rssEndMb)} MB · p50/p95/p99 ${f1(w.p50)}/${f1(w.p95)}/${f1(w.p99)} ms · ` +
          `${clients} clients ${f0(w.rps)} req/s (p50 ${f0(w.concurrentP50)}, p95 ${f0(w.concurrentP95)} ms) · errors ${w.errors}`,
      );
    }
    if (row.baseline) {
      const b = row.baseline;
      const s = b.serving;
      console.log(
        `   baseline (splitter 1000/200 + MiniSearch): ${b.chunks} chunks · ingest ${f1(b.ingestSeconds)} s, peak ${f0(b.ingestPeakMb)} MB, index ${f0(b.indexMb)} MB · ` +
          `start-up ${f1(s.startSeconds)} s · RSS ${f0(s.rssStartMb)} → ${f0(s.rssEndMb)} MB · p50/p95/p99 ${f1(s.p50)}/${f1(s.p95)}/${f1(s.p99)} ms (CPU ${f1(s.cpuMs)} ms each) · ` +
          `${clients} clients ${f0(s.rps)} req/s · errors ${s.errors}`,
      );
      console.log(
        `   ours / baseline: ingest ×${fr(row.ingestSeconds / b.ingestSeconds)}, start-up ×${fr(o.startSeconds / s.startSeconds)}, ` +
          `RSS ×${fr(o.rssEndMb / s.rssEndMb)}, p95 ×${fr(o.p95 / s.p95)}, CPU per question ×${fr(o.cpuMs / s.cpuMs)}, req/s ×${(o.rps / s.rps).toFixed(2)}`,
      );
    }
    if (!values.keep) await rm(path.join(root, `x${size}`), { recursive: true, force: true });
  }
  console.log('\n| size | chunks | ingest s | ingest peak MB | index MB | start-up s | serve RSS MB (start → end) | p50 / p95 / p99 ms | CPU ms per question | req/s at ' + clients + ' | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const o = r.ours;
    console.log(`| ×${r.size} | ${r.chunks} | ${f1(r.ingestSeconds)} | ${f0(r.ingestPeakMb)} | ${f0(r.indexMb)} | ${f1(o.startSeconds)} | ${f0(o.rssStartMb)} → ${f0(o.rssEndMb)} | ${f1(o.p50)} / ${f1(o.p95)} / ${f1(o.p99)} | ${f1(o.cpuMs)} | ${f0(o.rps)} | ${o.errors} |`);
    for (const { workers, serving: w } of r.more) {
      console.log(`| ×${r.size} WORKERS=${workers} | | | | | ${f1(w.startSeconds)} | ${f0(w.rssStartMb)} → ${f0(w.rssEndMb)} | ${f1(w.p50)} / ${f1(w.p95)} / ${f1(w.p99)} | ${f1(w.cpuMs)} | ${f0(w.rps)} | ${w.errors} |`);
    }
    if (r.baseline) {
      const b = r.baseline;
      const s = b.serving;
      console.log(`| ×${r.size} MiniSearch | ${b.chunks} | ${f1(b.ingestSeconds)} | ${f0(b.ingestPeakMb)} | ${f0(b.indexMb)} | ${f1(s.startSeconds)} | ${f0(s.rssStartMb)} → ${f0(s.rssEndMb)} | ${f1(s.p50)} / ${f1(s.p95)} / ${f1(s.p99)} | ${f1(s.cpuMs)} | ${f0(s.rps)} | ${s.errors} |`);
    }
  }
  if (values.json) await writeFile(values.json, JSON.stringify(rows, null, 2));
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
  else console.log(`kept: ${root}`);
  closeAskHttp();
}
