/**
 * Holds the search engine the service answers from, and swaps in a new index version without a restart: requests
 * in flight keep the engine they started with; the next ones get the new one.
 *
 * Never a worse index: a version that cannot be read, whose files disagree, or that holds no document is rejected
 * (logged once, retried with back-off while `CURRENT` still names it) and the engine in hand keeps serving. At start,
 * when the current version is bad, the newest good previous version is served instead, with a loud warning.
 */
import type { EmbeddingsChoice } from '../index/embeddings.js';
import { currentVersion, listVersions } from '../index/store.js';
import { SearchEngine } from '../retrieve/engine.js';
import { prepareEngine } from '../answer/prepare.js';
import { AppError, isAppError } from '../errors.js';

/** Why the service is degraded (GET /api/health). */
export interface DegradedReason {
  code: string;
  message: string;
  version?: string;
}

/** Back-off of retries of a rejected version: from the poll interval, doubling, up to this. */
const MAX_BACKOFF_MS = 5 * 60_000;

export class EngineHolder {
  private engine?: SearchEngine;
  private loading?: Promise<SearchEngine>;
  private timer?: NodeJS.Timeout;
  /** The last load error, reported by `get()` while there is no engine. */
  private lastError?: unknown;
  /** The newest version that was rejected, and when it may be tried again. */
  private rejected?: { version: string; error: AppError; retryAt: number; backoffMs: number };

  constructor(
    private readonly indexDir: string,
    private readonly embeddings: EmbeddingsChoice,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  /** The first retry of a rejected version waits this long (the poll interval). */
  private pollMs = 2000;

  /** The engine to answer from. @throws AppError INDEX_NOT_READY (or the load error) while none is loaded */
  get(): SearchEngine {
    if (this.engine) return this.engine;
    throw this.lastError instanceof AppError ? this.lastError : new AppError('INDEX_NOT_READY');
  }

  /** The loaded engine, if any. */
  peek(): SearchEngine | undefined {
    return this.engine;
  }

  /** Why the service is degraded, or undefined when it serves the newest version and it holds documents. */
  degraded(): DegradedReason | undefined {
    if (this.rejected) {
      return { code: this.rejected.error.code, message: this.rejected.error.message, version: this.rejected.version };
    }
    if (this.engine && this.engine.documents.size === 0) {
      return { code: 'INDEX_EMPTY', message: new AppError('INDEX_EMPTY').message, version: this.engine.version };
    }
    return undefined;
  }

  /** Loads one version and checks it may be served. */
  private async load(version: string): Promise<SearchEngine> {
    const engine = await SearchEngine.load(this.indexDir, this.embeddings, version);
    if (engine.documents.size === 0) throw new AppError('INDEX_EMPTY', `Phiên bản ${version}.`);
    prepareEngine(engine);
    return engine;
  }

  /**
   * Loads the current index version if it differs from the one held.
   * @returns true when a new version was swapped in
   * @throws the load error when the current version is rejected and no engine could be loaded at all
   */
  async reload(): Promise<boolean> {
    if (this.loading) await this.loading.catch(() => undefined);
    const version = await currentVersion(this.indexDir);
    if (!version || version === this.engine?.version) return false;
    const now = Date.now();
    if (this.rejected?.version === version && now < this.rejected.retryAt && this.engine) return false;
    this.loading = this.load(version);
    try {
      this.engine = await this.loading;
      this.lastError = undefined;
      this.rejected = undefined;
      this.log(`index version ${this.engine.version} loaded (${this.engine.chunks.length} chunks)`);
      return true;
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('INDEX_CORRUPT', `Phiên bản ${version}.`, { cause: error });
      const again = this.rejected?.version === version;
      const backoffMs = again ? Math.min(MAX_BACKOFF_MS, this.rejected!.backoffMs * 2) : Math.max(1000, this.pollMs);
      this.rejected = { version, error: appError, retryAt: now + backoffMs, backoffMs };
      // Logged once per bad version (not every poll), without a stack for the expected cases.
      if (!again) this.log(`index version ${version} rejected (${appError.code}): ${appError.message}; keeping the version in service`);
      if (!this.engine) await this.fallBack(version, appError);
      if (!this.engine) {
        this.lastError = appError;
        throw appError;
      }
      return false;
    } finally {
      this.loading = undefined;
    }
  }

  /** With no engine at all, serves the newest good version older than the rejected one. */
  private async fallBack(bad: string, why: AppError): Promise<void> {
    for (const version of await listVersions(this.indexDir)) {
      if (version === bad) continue;
      try {
        this.engine = await this.load(version);
        this.log(
          `WARNING: the current index version ${bad} is unusable (${why.code}); serving the previous version ${version}. ` +
            'Run npm run ingest again to build a good version.',
        );
        return;
      } catch {
        // try an older one
      }
    }
  }

  /** Checks for a new version every `ms` milliseconds. */
  watch(ms: number): void {
    if (!ms) return;
    this.pollMs = ms;
    this.timer = setInterval(() => void this.reload().catch(() => undefined), ms);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
