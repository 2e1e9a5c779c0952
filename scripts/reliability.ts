/**
 * `npm run reliability` (or `npm run bench -- --reliability`) `[-- --quick] [--sizes 10,25,45] [--docx 16,48]`:
 * what an operator would try before putting the service behind a government portal, against a real server (`npm
 * start`'s code in its own process) on the default corpus (`corpus/`), everything in a temporary folder:
 * 1. load: 50 and 200 concurrent clients (each its own address behind a trusted proxy, so the per-client limits apply
 *    as in production, and its own keep-alive connection), over HTTP (`POST /api/ask`) and WebSocket (`/api/ws`),
 *    each asking 5 questions in turn —
 *    requests held, errors, p50/p99/max, requests per second;
 * 2. the largest files read within the default per-file budget (INGEST_FILE_TIMEOUT_MS, INGEST_FILE_MEMORY_MB,
 *    INGEST_DOCX_MAX_XML_MB): generated Vietnamese-like texts and DOCX files, and one ingest of the largest text;
 * 3. fault cases: kill -9 of an ingest at six points, an empty corpus, a corrupt current version, a full disk (tmpfs,
 *    root only) and a read-only DATA_DIR (tmpfs remounted read-only) — each says whether the served index and the
 *    answers survived.
 * Nothing big is kept: generated files live in the temporary folder and are removed at the end.
 */
import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import WebSocket from 'ws';
import { loadConfig } from '../src/config.js';
import { percentile } from '../src/eval/metrics.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { currentVersion, listVersions } from '../src/index/store.js';
import { ingestCorpus } from '../src/ingest/ingest.js';
import { FileSandbox } from '../src/ingest/sandbox.js';
import { vietnameseText } from './lib/synthetic.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reliability: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    docx: { type: 'string' },
  },
});
const textSizes = (values.sizes ?? (values.quick ? '5,10' : '10,25,45')).split(',').map(Number);
const docxSizes = (values.docx ?? (values.quick ? '16' : '16,48')).split(',').map(Number);

const root = await mkdtemp(path.join(tmpdir(), 'tlcv-reliability-'));
const embeddings = chooseEmbeddings({});
const servers: ChildProcess[] = [];
const mounts: string[] = [];
const f1 = (x: number) => x.toFixed(1);
const load = () => loadavg()[0]!.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Mounts a tmpfs (root only); false where the machine does not allow it. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return true;
  } catch {
    return false;
  }
}

/** A real server (scripts/start.ts) in its own process; resolves with its URL once health answers. */
async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  servers.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { url, child, log: () => output };
    await sleep(100);
  }
  throw new Error(`server did not start: ${output}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Health once the server serves the version CURRENT names (it polls every INDEX_POLL_MS), or after 15 s. */
async function waitServing(url: string, indexDir: string) {
  const target = await currentVersion(indexDir);
  for (let i = 0; i < 150; i++) {
    const h = await health(url);
    if (h.index.version === target) return h;
    await sleep(100);
  }
  return health(url);
}
const health = (url: string) => fetch(`${url}/api/health`).then((r) => r.json() as Promise<{ status: string; documents: number; index: { version: string } }>);
const ask = (url: string, question: string, client = '10.0.0.1') =>
  fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ question }),
  });

/** A node process running `scripts/ingest.ts` with these arguments and settings. */
function ingestProcess(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
async function runIngest(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = ingestProcess(args, env);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, output };
}

const questions = (await readFile('eval/questions.sample.jsonl', 'utf8'))
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { question: string }).question);

interface LoadResult {
  requests: number;
  errors: number;
  times: number[];
  /** HTTP: the times of each client's first request (which includes opening its connection). */
  first?: number[];
  seconds: number;
  firstError?: string;
}

/**
 * One POST /api/ask on the client's own keep-alive connection (node:http with an agent per client, as a browser
 * keeps one): a shared client pool would queue requests on the client side and measure that queue.
 */
function postAsk(url: string, agent: http.Agent, question: string, address: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ question });
    const req = http.request(`${url}/api/ask`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-forwarded-for': address },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** `clients` clients at once over HTTP, each from its own address, each asking `perClient` questions in turn. */
async function httpLoad(url: string, clients: number, perClient: number): Promise<LoadResult> {
  const times: number[] = [];
  const first: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const address = `10.${1 + (c >> 8)}.${c & 255}.${1 + (clients % 200)}`;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (let q = 0; q < perClient; q++) {
        const s = performance.now();
        try {
          const res = await postAsk(url, agent, questions[(c + q) % questions.length]!, address);
          const body = JSON.parse(res.body) as { answer?: string; error?: { code: string } };
          if (res.status !== 200 || typeof body.answer !== 'string') throw new Error(`HTTP ${res.status} ${body.error?.code ?? ''}`);
          times.push(performance.now() - s);
          if (q === 0) first.push(performance.now() - s);
        } catch (error) {
          errors++;
          firstError ??= `${(error as Error).message}${(error as NodeJS.ErrnoException).code ? ` (${(error as NodeJS.ErrnoException).code})` : ''}`;
        }
      }
      agent.destroy();
    }),
  );
  return { requests: clients * perClient, errors, times, first, seconds: (performance.now() - started) / 1000, firstError };
}

/** The same over WebSocket: one socket per client, questions asked one after another on it, each until `done`. */
async function wsLoad(url: string, clients: number, perClient: number): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const address = `10.${101 + (c >> 8)}.${c & 255}.${1 + (clients % 200)}`;
      const socket = new WebSocket(`${url.replace('http', 'ws')}/api/ws`, { headers: { 'x-forwarded-for': address } });
      const opened = await new Promise<boolean>((resolve) => {
        socket.once('open', () => resolve(true));
        socket.once('error', () => resolve(false));
      });
      if (!opened) {
        for (let q = 0; q < perClient; q++) fail('socket refused');
        return;
      }
      for (let q = 0; q < perClient; q++) {
        const id = `${c}-${q}`;
        const s = performance.now();
        const outcome = await new Promise<string>((resolve) => {
          const timer = setTimeout(() => resolve('timeout'), 60_000);
          const onMessage = (data: WebSocket.RawData) => {
            const frame = JSON.parse(String(data)) as { type: string; id?: string; code?: string };
            if (frame.id !== id && frame.type !== 'error') return;
            if (frame.type === 'done' || frame.type === 'error') {
              clearTimeout(timer);
              socket.off('message', onMessage);
              resolve(frame.type === 'done' ? 'done' : `error ${frame.code}`);
            }
          };
          socket.on('message', onMessage);
          socket.once('close', () => resolve('closed'));
          socket.send(JSON.stringify({ type: 'ask', id, question: questions[(c + q) % questions.length] }));
        });
        if (outcome === 'done') times.push(performance.now() - s);
        else fail(outcome);
      }
      socket.close();
    }),
  );
  return { requests: clients * perClient, errors, times, seconds: (performance.now() - started) / 1000, firstError };
}

function loadLine(kind: string, clients: number, r: LoadResult): string {
  const held = r.requests - r.errors;
  return (
    `  ${kind.padEnd(9)} ${String(clients).padStart(3)} clients: ${held}/${r.requests} held, ${r.errors} errors` +
    (r.times.length ? ` · p50 ${f1(percentile(r.times, 50))} ms · p99 ${f1(percentile(r.times, 99))} ms · max ${f1(Math.max(...r.times))} ms · ${f1(held / r.seconds)} req/s` : '') +
    (r.first?.length ? ` · first request of a connection p50 ${f1(percentile(r.first, 50))} ms, p99 ${f1(percentile(r.first, 99))} ms` : '') +
    (r.firstError ? ` · first error: ${r.firstError}` : '')
  );
}

const faults: Array<{ name: string; survived: boolean | 'skipped'; detail: string }> = [];
const fault = (name: string, survived: boolean | 'skipped', detail: string) => {
  faults.push({ name, survived, detail });
  console.log(`  ${survived === 'skipped' ? 'SKIPPED ' : survived ? 'survived' : 'FAILED  '} ${name}: ${detail}`);
};

try {
  console.log(`Reliability of Trợ lý Công vụ (Node ${process.version}, load average ${load()} on this machine at the start)`);
  // ---------------------------------------------------------------- a served index of the default corpus
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  const dataDir = path.join(root, 'data');
  await cp('corpus', corpusDir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const dataOnTmpfs = mountTmpfs(dataDir, '256k');
  const built = await ingestCorpus({ corpusDir, indexDir, embeddings });
  const serverEnv = { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, DATA_DIR: dataDir, TRUST_PROXY: '127.0.0.1', INDEX_POLL_MS: '1000' };
  const main = await startServer(serverEnv);
  console.log(`Server ${main.url} on corpus/ (${built.documents} documents, ${built.chunks} chunks), default limits, TRUST_PROXY=127.0.0.1`);

  // ---------------------------------------------------------------- 1. load
  console.log('\n1. Concurrent clients (each its own X-Forwarded-For address, 5 questions each, one after another)');
  await httpLoad(main.url, 5, 2); // warm-up
  for (const clients of [50, 200]) console.log(loadLine('HTTP', clients, await httpLoad(main.url, clients, 5)));
  for (const clients of [50, 200]) console.log(loadLine('WebSocket', clients, await wsLoad(main.url, clients, 5)));

  // ---------------------------------------------------------------- 2. file sizes within the budget
  const config = loadConfig({});
  console.log(
    `\n2. Largest files read within the default budget (INGEST_FILE_TIMEOUT_MS ${config.INGEST_FILE_TIMEOUT_MS}, ` +
      `INGEST_FILE_MEMORY_MB ${config.INGEST_FILE_MEMORY_MB}, INGEST_DOCX_MAX_XML_MB ${config.INGEST_DOCX_MAX_XML_MB}); load average ${load()}`,
  );
  const sizesDir = path.join(root, 'sizes');
  await mkdir(sizesDir);
  const budget = { timeoutMs: config.INGEST_FILE_TIMEOUT_MS, memoryMb: config.INGEST_FILE_MEMORY_MB, docxMaxXmlMb: config.INGEST_DOCX_MAX_XML_MB };
  const largest: Record<string, string> = {};
  const tryFile = async (label: string, file: string, kind: string) => {
    const box = new FileSandbox(budget);
    const s = performance.now();
    const outcome = await box.run({ file, relative: path.basename(file), id: 'x', hash: 'x', maxBytes: config.MAX_FILE_MB * 1048576 });
    box.close();
    const seconds = (performance.now() - s) / 1000;
    console.log(`  ${label}: ${outcome.ok ? `read in ${f1(seconds)} s (${outcome.chunks.length} chunks, ${outcome.facts.length} facts)` : `skipped, ${outcome.code} after ${f1(seconds)} s`}`);
    if (outcome.ok) largest[kind] = label;
  };
  let largestText: string | undefined;
  for (const mb of textSizes) {
    const file = path.join(sizesDir, `van-ban-${mb}mb.txt`);
    await writeFile(file, vietnameseText(mb * 1048576, mb));
    await tryFile(`text ${mb} MB`, file, 'text');
    if (largest.text === `text ${mb} MB`) largestText = file;
    else await rm(file);
  }
  for (const mb of docxSizes) {
    const file = path.join(sizesDir, `van-ban-${mb}mb.docx`);
    const paragraph = vietnameseText(64 * 1024, 7).replace(/\n+/g, ' ');
    const count = Math.ceil((mb * 1048576) / (Buffer.byteLength(paragraph) + 60));
    const doc = new Document({ sections: [{ children: Array.from({ length: count }, () => new Paragraph({ children: [new TextRun(paragraph)] })) }] });
    await writeFile(file, await Packer.toBuffer(doc));
    await tryFile(`DOCX of ${mb} MB XML (${f1((await stat(file)).size / 1048576)} MB file)`, file, 'docx');
    await rm(file);
  }
  if (largestText) {
    const dir = path.join(root, 'big-corpus');
    await mkdir(dir);
    await cp(largestText, path.join(dir, path.basename(largestText)));
    await rm(largestText);
    const cpu0 = process.cpuUsage();
    const s = performance.now();
    const report = await ingestCorpus({ corpusDir: dir, indexDir: path.join(root, 'big-index'), embeddings, budget, maxFileBytes: config.MAX_FILE_MB * 1048576 });
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `  whole ingest of the ${largest.text}: ${report.documents} document, ${report.chunks} chunks in ${f1((performance.now() - s) / 1000)} s ` +
        `(${f1((cpu.user + cpu.system) / 1e6)} s CPU outside the reader; load average ${load()})`,
    );
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(root, 'big-index'), { recursive: true, force: true });
  }
  console.log(`  largest within budget: ${largest.text ?? 'no text tried fits'}; ${largest.docx ?? 'no DOCX tried fits'}`);

  // ---------------------------------------------------------------- 3. faults
  console.log('\n3. Fault cases');
  const stillServing = async (url: string, version: string) => {
    const h = await health(url);
    const res = await ask(url, questions[0]!);
    return { ok: h.index.version === version && h.documents > 0 && res.status === 200, detail: `health ${h.status}, version ${h.index.version === version ? 'unchanged' : h.index.version}, ask ${res.status}` };
  };
  // kill -9 at six points of an ingest of the corpus into the served index.
  const points = [200, 600, 1200, 2000, 3000, 4500];
  const results: string[] = [];
  let allKept = true;
  for (const ms of points) {
    const child = ingestProcess(['--full', '--corpus', corpusDir, '--index', indexDir]);
    const exited = new Promise((r) => child.once('exit', r));
    await sleep(ms);
    const killedMidway = child.exitCode === null;
    child.kill('SIGKILL');
    await exited;
    // CURRENT names a complete version (the old one, or the new one when the ingest had switched before the kill),
    // and the server serves it and answers.
    const named = await currentVersion(indexDir);
    const complete = !!named && (await listVersions(indexDir)).includes(named);
    const h = await waitServing(main.url, indexDir);
    const res = await ask(main.url, questions[0]!);
    results.push(`${ms} ms${killedMidway ? '' : ' (had finished)'}`);
    allKept &&= complete && h.status === 'ok' && h.documents > 0 && res.status === 200;
  }
  const after = await runIngest(['--corpus', corpusDir, '--index', indexDir]);
  await waitServing(main.url, indexDir);
  const recovered = after.code === 0 && (await stillServing(main.url, (await currentVersion(indexDir))!)).ok;
  fault('kill -9 during ingest', allKept && recovered, `killed at ${results.join(', ')}; served index intact after each, next ingest ${after.code === 0 ? 'succeeded (stale lock and partial folders cleared)' : `failed: ${after.output.trim().slice(-200)}`}`);

  // An empty corpus folder.
  const empty = path.join(root, 'empty');
  await mkdir(empty);
  const beforeEmpty = (await waitServing(main.url, indexDir)).index.version;
  const emptyRun = await runIngest(['--corpus', empty, '--index', indexDir]);
  await sleep(1500);
  const emptyCheck = await stillServing(main.url, beforeEmpty);
  fault('empty corpus', emptyRun.code !== 0 && /INGEST_SHRINK/.test(emptyRun.output) && emptyCheck.ok, `ingest exit ${emptyRun.code} (${/INGEST_SHRINK/.test(emptyRun.output) ? 'INGEST_SHRINK' : 'no INGEST_SHRINK'}), ${emptyCheck.detail}`);

  // A corrupt current version at start: a copy of the index whose newest version is damaged.
  const copy = path.join(root, 'index-copy');
  await cp(indexDir, copy, { recursive: true });
  const current = (await currentVersion(copy))!;
  const previous = (await listVersions(copy)).find((v) => v !== current);
  await writeFile(path.join(copy, 'versions', current, 'chunks.json'), '[{"id": ');
  const second = await startServer({ ...serverEnv, INDEX_DIR: copy, DATA_DIR: path.join(root, 'data-copy') });
  const secondHealth = await health(second.url);
  const secondAsk = await ask(second.url, questions[0]!);
  fault(
    'corrupt current version',
    !!previous && secondHealth.index.version === previous && secondAsk.status === 200,
    `server started on the previous version (${secondHealth.index.version === previous ? 'yes' : `no: ${secondHealth.index.version}`}), health ${secondHealth.status}, ask ${secondAsk.status}`,
  );
  await stopServer(second.child);

  // A full disk: the index on a tmpfs with room for one version, then a corpus that does not fit.
  const diskIndex = path.join(root, 'index-tmpfs');
  await mkdir(diskIndex);
  const versionBytes = await dirSize(path.join(indexDir, 'versions', (await currentVersion(indexDir))!));
  if (mountTmpfs(diskIndex, `${Math.ceil((versionBytes * 2.6) / 1024)}k`)) {
    const first = await runIngest(['--corpus', corpusDir, '--index', diskIndex]);
    const good = await currentVersion(diskIndex);
    const bigDir = path.join(root, 'corpus-big');
    await cp(corpusDir, bigDir, { recursive: true });
    await writeFile(path.join(bigDir, 'lon.txt'), vietnameseText(Math.ceil(versionBytes * 1.5), 5));
    const full = await runIngest(['--corpus', bigDir, '--index', diskIndex]);
    const kept = (await currentVersion(diskIndex)) === good;
    const third = await startServer({ ...serverEnv, INDEX_DIR: diskIndex, DATA_DIR: path.join(root, 'data-3') });
    const thirdAsk = await ask(third.url, questions[0]!);
    await stopServer(third.child);
    const again = await runIngest(['--corpus', corpusDir, '--index', diskIndex, '--full']);
    let feedback = 'feedback not tried (DATA_DIR not on a tmpfs)';
    if (dataOnTmpfs) {
      await writeFile(path.join(dataDir, 'filler'), Buffer.alloc(256 * 1024 - 8192)).catch(() => undefined);
      let status = 201;
      for (let i = 0; i < 40 && status === 201; i++) {
        const res = await fetch(`${main.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Câu hỏi', answer: 'x'.repeat(2000), rating: 'down' }) });
        status = res.status;
      }
      // The store (SQLite in DATA_DIR) must still pass its own integrity check: no broken row.
      const whole = storeIntact(path.join(dataDir, 'store.sqlite'));
      feedback = `feedback on a full DATA_DIR ${status}${status === 507 ? ' STORE_FULL' : ''}, ${whole ? 'every record whole' : 'A BROKEN RECORD'}`;
    }
    fault(
      'full disk (tmpfs)',
      first.code === 0 && full.code !== 0 && kept && thirdAsk.status === 200 && again.code === 0 && (!dataOnTmpfs || /507.*whole/.test(feedback)),
      `ingest on a full disk exit ${full.code} (${/ENOSPC/.test(full.output) ? 'ENOSPC' : 'no ENOSPC'}), served version ${kept ? 'kept' : 'CHANGED'}, a server on it answers ${thirdAsk.status}, next ingest ${again.code === 0 ? 'succeeded' : 'failed'}; ${feedback}`,
    );
  } else {
    fault('full disk (tmpfs)', 'skipped', 'a tmpfs cannot be mounted here (needs root)');
  }

  // A read-only DATA_DIR.
  const roDir = path.join(root, 'data-ro');
  await mkdir(roDir);
  if (mountTmpfs(roDir, '1m')) {
    execFileSync('mount', ['-o', 'remount,ro', roDir]);
    const ro = await startServer({ ...serverEnv, DATA_DIR: roDir });
    const res = await fetch(`${ro.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Câu hỏi', answer: 'Trả lời', rating: 'up' }) });
    const code = ((await res.json()) as { error?: { code: string } }).error?.code;
    const roAsk = await ask(ro.url, questions[0]!);
    const warned = /store unavailable/.test(ro.log());
    fault('read-only DATA_DIR', res.status === 503 && /^STORE_(READ_ONLY|UNAVAILABLE)$/.test(code ?? '') && roAsk.status === 200 && warned, `start-up warning ${warned ? 'logged' : 'MISSING'}, feedback ${res.status} ${code ?? ''}, ask ${roAsk.status}`);
    await stopServer(ro.child);
  } else {
    fault('read-only DATA_DIR', 'skipped', 'a tmpfs cannot be mounted here (needs root)');
  }

  // The main server shuts down in a few seconds.
  const s = performance.now();
  await stopServer(main.child);
  const stopped = main.child.exitCode !== null || main.child.signalCode !== null;
  fault('graceful shutdown (SIGTERM)', stopped && performance.now() - s < 10_000, `stopped in ${f1((performance.now() - s) / 1000)} s`);

  const survived = faults.filter((x) => x.survived === true).length;
  const skipped = faults.filter((x) => x.survived === 'skipped').length;
  console.log(`\nFault cases survived: ${survived}/${faults.length - skipped}${skipped ? ` (${skipped} skipped)` : ''}`);
  if (faults.some((x) => x.survived === false)) process.exitCode = 1;
} finally {
  for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of mounts.reverse()) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      // already unmounted
    }
  }
  await rm(root, { recursive: true, force: true });
}

/** Bytes in a folder (one level: a version folder holds files only). */
async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

/** True when the SQLite store passes `PRAGMA integrity_check` (or there is none yet). */
function storeIntact(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('integrity_check', { simple: true }) === 'ok';
    } finally {
      db.close();
    }
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_CANTOPEN';
  }
}
