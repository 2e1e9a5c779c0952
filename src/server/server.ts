/**
 * Starts the service: loads the index (building it from the corpus first when there is none), listens, watches for
 * new index versions, and closes gracefully on SIGINT/SIGTERM — within SHUTDOWN_GRACE_MS even with slow clients:
 * requests in flight get the grace period, then every connection still open is cut.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { chooseEmbeddings } from '../index/embeddings.js';
import { hasIndex } from '../index/store.js';
import { ingestCorpus } from '../ingest/ingest.js';
import { buildApp } from './app.js';
import { EngineHolder } from './engine-holder.js';

/**
 * Closes the app: stops accepting, lets requests in flight finish for `graceMs`, then destroys the sockets left
 * (a client trickling a body, a WebSocket that does not answer its close frame).
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const timer = setTimeout(() => {
    app.log.warn('shutdown: grace period over, closing the connections still open');
    app.server.closeAllConnections();
    for (const client of app.websocketServer?.clients ?? []) client.terminate();
  }, graceMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}

/** Indexes the corpus when there is no index yet (before the first server process loads it). */
export async function ensureIndex(config: Config): Promise<void> {
  const embeddings = chooseEmbeddings(config);
  if (!(await hasIndex(config.INDEX_DIR))) {
    console.log(`Chưa có chỉ mục trong ${config.INDEX_DIR}: đang lập chỉ mục ${config.CORPUS_DIR}…`);
    const report = await ingestCorpus({
      corpusDir: config.CORPUS_DIR,
      indexDir: config.INDEX_DIR,
      embeddings,
      maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
      budget: { timeoutMs: config.INGEST_FILE_TIMEOUT_MS, memoryMb: config.INGEST_FILE_MEMORY_MB, docxMaxXmlMb: config.INGEST_DOCX_MAX_XML_MB },
    });
    for (const f of report.files.filter((x) => x.status === 'skipped')) console.log(`  bỏ qua ${f.file}: ${f.code} — ${f.reason}`);
    console.log(`Đã lập chỉ mục ${report.documents} văn bản, ${report.chunks} đoạn trong ${report.seconds.toFixed(1)} giây.`);
  }
}

/** Starts the HTTP/WebSocket service and returns its address. */
export async function startServer(config: Config): Promise<{ url: string; close: () => Promise<void> }> {
  const embeddings = chooseEmbeddings(config);
  await ensureIndex(config);
  const engines = new EngineHolder(config.INDEX_DIR, embeddings, (message, error) =>
    error ? console.error(message, error) : console.log(message),
  );
  await engines.reload();
  engines.watch(config.INDEX_POLL_MS);
  const app = await buildApp({ config, engines, logger: { level: config.LOG_LEVEL } });
  if (app.llm) console.log(`Chế độ LLM: mô hình ${app.llm.model} tại ${app.llm.baseURL} (ngân sách ${app.llm.timeoutMs} ms).`);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      engines.close();
      await closeGracefully(app, config.SHUTDOWN_GRACE_MS);
    })();
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // A second signal, or a close that still hangs past twice the grace, ends the process anyway.
      setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS * 2 + 1000).unref();
      void close().then(() => process.exit(0));
    });
  }
  return { url: address, close };
}
