/** Builds real indexes on disk for tests, from the project's sample corpus or from files a test writes. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { chooseEmbeddings } from '../../src/index/embeddings.js';
import { ingestCorpus, type IngestReport } from '../../src/ingest/ingest.js';
import { buildApp } from '../../src/server/app.js';
import { EngineHolder } from '../../src/server/engine-holder.js';

export const SAMPLE_CORPUS = path.resolve(import.meta.dirname, '../../corpus');

export interface TestIndex {
  root: string;
  corpusDir: string;
  indexDir: string;
  report: IngestReport;
  cleanup: () => Promise<void>;
}

/** Copies a corpus (default: the project's sample corpus) to a temp dir and indexes it. */
export async function makeIndex(sourceDir = SAMPLE_CORPUS): Promise<TestIndex> {
  const root = await mkdtemp(path.join(tmpdir(), 'tlcv-'));
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  await cp(sourceDir, corpusDir, { recursive: true });
  const report = await ingestCorpus({ corpusDir, indexDir, embeddings: chooseEmbeddings({}) });
  return { root, corpusDir, indexDir, report, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Test configuration: defaults, no rate limit unless asked, no polling. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', INDEX_POLL_MS: '0', ...overrides });
}

/** The real app over an index directory (no port: use `inject`). */
export async function makeApp(indexDir: string, overrides: Partial<Record<keyof Config, string>> = {}) {
  const config = testConfig({ INDEX_DIR: indexDir, DATA_DIR: path.dirname(indexDir), ...overrides });
  const engines = new EngineHolder(indexDir, chooseEmbeddings(config));
  await engines.reload();
  const app = await buildApp({ config, engines });
  return { app, engines, config };
}
