/**
 * Starts the service: loads the index (building it from the corpus first when there is none), listens, watches for
 * new index versions, and closes gracefully on SIGINT/SIGTERM.
 */
import type { Config } from '../config.js';
import { chooseEmbeddings } from '../index/embeddings.js';
import { hasIndex } from '../index/store.js';
import { ingestCorpus } from '../ingest/ingest.js';
import { buildApp } from './app.js';
import { EngineHolder } from './engine-holder.js';

/** Starts the HTTP/WebSocket service and returns its address. */
export async function startServer(config: Config): Promise<{ url: string; close: () => Promise<void> }> {
  const embeddings = chooseEmbeddings(config);
  if (!(await hasIndex(config.INDEX_DIR))) {
    console.log(`Chưa có chỉ mục trong ${config.INDEX_DIR}: đang lập chỉ mục ${config.CORPUS_DIR}…`);
    const report = await ingestCorpus({
      corpusDir: config.CORPUS_DIR,
      indexDir: config.INDEX_DIR,
      embeddings,
      maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
    });
    console.log(`Đã lập chỉ mục ${report.documents} văn bản, ${report.chunks} đoạn trong ${report.seconds.toFixed(1)} giây.`);
  }
  const engines = new EngineHolder(config.INDEX_DIR, embeddings, (message, error) =>
    error ? console.error(message, error) : console.log(message),
  );
  await engines.reload();
  engines.watch(config.INDEX_POLL_MS);
  const app = await buildApp({ config, engines, logger: { level: config.LOG_LEVEL } });
  if (app.llm) console.log(`Chế độ LLM: mô hình ${app.llm.model} tại ${app.llm.baseURL} (ngân sách ${app.llm.timeoutMs} ms).`);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const close = async () => {
    engines.close();
    await app.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void close().then(() => process.exit(0)));
  }
  return { url: address, close };
}
