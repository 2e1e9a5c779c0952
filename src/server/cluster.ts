/**
 * `WORKERS` > 1 (or 0: one per core): several server processes on the one port (node:cluster; the primary hands
 * connections round-robin), so that answering uses every core and a long question holds up only its own process.
 * HTTP and WebSocket alike. Each worker loads the index and swaps new versions in on its own; the primary only
 * indexes a missing corpus once before forking, restarts a worker that dies, and passes SIGINT/SIGTERM on (each
 * worker closes gracefully).
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../config.js';
import { ensureIndex } from './server.js';

/** A worker that dies is replaced after this long (ms). */
const RESTART_MS = 1000;

/** The number of server processes `WORKERS` asks for. */
export function workerCount(config: Config): number {
  return config.WORKERS === 0 ? availableParallelism() : config.WORKERS;
}

/**
 * In the primary process: forks `count` workers (each runs the same entry script, which calls `startServer`) and
 * keeps them running. @returns the address once every worker listens
 * @throws when a worker ends before it ever listened (bad configuration, port taken): nothing would serve
 */
export async function startCluster(config: Config, count: number): Promise<{ url: string }> {
  await ensureIndex(config);
  let stopping = false;
  let url = '';
  const listening = new Set<Worker>();
  let started!: () => void;
  let failed!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', (address) => {
      listening.add(worker);
      url ||= `http://${address.address ?? config.HOST}:${address.port}`;
      if (listening.size >= count) started();
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    const wasServing = listening.delete(worker);
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
      return;
    }
    if (!wasServing) {
      failed(new Error(`Tiến trình phục vụ ${worker.process.pid} dừng trước khi nghe cổng (mã ${code ?? signal}).`));
      return;
    }
    console.error(`Tiến trình phục vụ ${worker.process.pid} dừng (mã ${code ?? signal}); khởi động lại sau ${RESTART_MS} ms.`);
    setTimeout(() => stopping || fork(), RESTART_MS).unref();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS * 2 + 2000).unref();
    });
  }
  for (let i = 0; i < count; i++) fork();
  try {
    await ready;
  } catch (error) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    throw error;
  }
  return { url };
}
