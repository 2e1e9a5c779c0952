/**
 * Holds the search engine the service answers from, and swaps in a new index version without a restart: requests
 * in flight keep the engine they started with; the next ones get the new one.
 */
import type { EmbeddingsChoice } from '../index/embeddings.js';
import { currentVersion } from '../index/store.js';
import { SearchEngine } from '../retrieve/engine.js';
import { AppError } from '../errors.js';

export class EngineHolder {
  private engine?: SearchEngine;
  private loading?: Promise<SearchEngine>;
  private timer?: NodeJS.Timeout;
  /** The last load error, reported by `get()` while there is no engine. */
  private lastError?: unknown;

  constructor(
    private readonly indexDir: string,
    private readonly embeddings: EmbeddingsChoice,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  /** The engine to answer from. @throws AppError INDEX_NOT_READY (or the load error) while none is loaded */
  get(): SearchEngine {
    if (this.engine) return this.engine;
    throw this.lastError instanceof AppError ? this.lastError : new AppError('INDEX_NOT_READY');
  }

  /** The loaded engine, if any. */
  peek(): SearchEngine | undefined {
    return this.engine;
  }

  /**
   * Loads the current index version if it differs from the one held.
   * @returns true when a new version was swapped in
   */
  async reload(): Promise<boolean> {
    if (this.loading) await this.loading.catch(() => undefined);
    const version = await currentVersion(this.indexDir);
    if (!version || version === this.engine?.version) return false;
    this.loading = SearchEngine.load(this.indexDir, this.embeddings);
    try {
      this.engine = await this.loading;
      this.lastError = undefined;
      this.log(`index version ${this.engine.version} loaded (${this.engine.chunks.length} chunks)`);
      return true;
    } catch (error) {
      this.lastError = error;
      this.log('index load failed; keeping the previous version', error);
      throw error;
    } finally {
      this.loading = undefined;
    }
  }

  /** Checks for a new version every `ms` milliseconds. */
  watch(ms: number): void {
    if (!ms) return;
    this.timer = setInterval(() => void this.reload().catch(() => undefined), ms);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
