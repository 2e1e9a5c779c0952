/**
 * `npx tsx scripts/bench-replicas.ts [--seconds 20] [--clients 16] [--alqac DIR]`: two replicas (`npm start`, one
 * process each) over one index directory behind nginx (Debian's /usr/sbin/nginx, run as a child with its own config
 * in a temporary folder). Measures req/s at 16 clients through the proxy with both replicas, then again while one
 * replica is killed (SIGKILL) a third of the way in: the failed requests (after nginx's retry on the other replica).
 * The index (ALQAC 2024 laws, ×1) is built in the temporary folder, never in the repository.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAlqac } from '../src/eval/datasets.js';
import { percentile } from '../src/eval/metrics.js';
import { askHttp, closeAskHttp } from './lib/ask-http.js';
import { buildIndexData } from '../src/index/build.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { writeIndex } from '../src/index/store.js';
import { chunkDocument } from '../src/ingest/chunk.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '16' },
    alqac: { type: 'string', default: '../shared/external/alqac2024' },
    nginx: { type: 'string', default: '/usr/sbin/nginx' },
  },
});
if (!existsSync(path.join(values.alqac, 'law.json')) || !existsSync(values.nginx)) {
  console.error(`Bỏ qua: cần ${values.alqac} và ${values.nginx}.`);
  process.exit(0);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Failed requests by status code or error message. */
const statuses = new Map<number | string, number>();
const ask = (port: number, question: string) => askHttp(port, question, (why) => statuses.set(why, (statuses.get(why) ?? 0) + 1));

function startReplica(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('http://')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`replica exited ${code}`)));
  });
}

async function load(port: number, questions: string[], seconds: number, clients: number, during?: (elapsed: number) => void) {
  const times: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c * 31; performance.now() < until; i++) {
        during?.(performance.now() - t0);
        const ms = await ask(port, questions[i % questions.length]!);
        if (ms < 0) errors++;
        else times.push(ms);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { rps: times.length / elapsed, p50: percentile(times, 50), p95: percentile(times, 95), errors, answered: times.length };
}

const root = await mkdtemp(path.join(tmpdir(), 'tlcv-replicas-'));
const children: ChildProcess[] = [];
try {
  const { documents, questions } = await readAlqac(values.alqac);
  const choice = chooseEmbeddings({});
  const chunks = documents.flatMap((d) => chunkDocument(d.id, d.text));
  const indexDir = path.join(root, 'index');
  await writeIndex(indexDir, await buildIndexData(documents, chunks, choice, values.alqac));
  const env = { HOST: '127.0.0.1', INDEX_DIR: indexDir, CORPUS_DIR: root, DATA_DIR: root, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', INDEX_POLL_MS: '2000', WORKERS: '1' };
  const [a, b, proxy] = [await freePort(), await freePort(), await freePort()];
  const replicas = [await startReplica(a, env), await startReplica(b, env)];
  children.push(...replicas);
  const conf = path.join(root, 'nginx.conf');
  await writeFile(
    conf,
    `user root;
worker_processes 1;
pid ${root}/nginx.pid;
error_log ${root}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${root}/body; proxy_temp_path ${root}/proxy; fastcgi_temp_path ${root}/fcgi; uwsgi_temp_path ${root}/uwsgi; scgi_temp_path ${root}/scgi;
  upstream tlcv {
    server 127.0.0.1:${a} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:${b} max_fails=1 fail_timeout=10s;
    keepalive 32;
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:${proxy};
    location / {
      proxy_pass http://tlcv;
      proxy_http_version 1.1;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header X-Forwarded-For $remote_addr;
      # Asking is read-only: a POST /api/ask that found a dead replica is sent to the other one.
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 1s;
    }
  }
}
`,
  );
  const nginx = spawn(values.nginx, ['-c', conf, '-p', root, '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(nginx);
  await new Promise((r) => setTimeout(r, 800));
  const texts = questions.map((q) => q.question);
  for (const q of texts.slice(0, 20)) await ask(proxy, q);
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const one = await load(a, texts, seconds / 2, clients);
  console.log(`one replica, direct: ${one.rps.toFixed(0)} req/s (p50 ${one.p50.toFixed(0)}, p95 ${one.p95.toFixed(0)} ms) · errors ${one.errors}`);
  const both = await load(proxy, texts, seconds / 2, clients);
  console.log(`two replicas behind nginx: ${both.rps.toFixed(0)} req/s (p50 ${both.p50.toFixed(0)}, p95 ${both.p95.toFixed(0)} ms) · errors ${both.errors}`);
  let killed = false;
  const failover = await load(proxy, texts, seconds, clients, (elapsed) => {
    if (!killed && elapsed > (seconds * 1000) / 3) {
      killed = true;
      replicas[0]!.kill('SIGKILL');
    }
  });
  console.log(`failures: ${JSON.stringify([...statuses])}`);
  console.log(
    `one of two replicas SIGKILLed a third of the way in: ${failover.answered} answered, ${failover.rps.toFixed(0)} req/s (p95 ${failover.p95.toFixed(0)} ms) · failed requests ${failover.errors}`,
  );
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (process.env.KEEP_LOG) console.log(await import('node:fs/promises').then((f) => f.readFile(`${root}/nginx-error.log`, 'utf8').catch(() => '')).then((t) => t.slice(-1500)));
  await rm(root, { recursive: true, force: true });
  closeAskHttp();
}
