/**
 * The store as `app.store`: the one given (tests, a caller that owns it) or the configured one, opened, migrated
 * and with an old `feedback.jsonl` imported once. A store that cannot be opened does not stop the service: questions
 * are still answered, what needs the store fails with its stable code (STORE_UNAVAILABLE, STORE_READ_ONLY…), and it
 * is tried again (every 5 s at most) until it opens.
 * The question log's retention (QUESTION_LOG_DAYS, QUESTION_LOG_MAX_ROWS) is enforced at start and every hour.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, isAppError } from '../../errors.js';
import { enforceRetention, importLegacyFeedback, openStore, reconnectingStore, type Store } from '../../store/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Feedback and the question log. */
    store: Store;
  }
}

export interface StorePluginOptions {
  /** A store the caller opened and closes; by default the configured one, closed with the app. */
  store?: Store;
}

const RETENTION_EVERY_MS = 3_600_000;

const plugin: FastifyPluginAsync<StorePluginOptions> = async (app, options) => {
  const config = app.config;
  let store = options.store;
  if (!store) {
    try {
      store = await openStore(config);
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('STORE_UNAVAILABLE', undefined, { cause: error });
      app.log.error({ err: error, code: appError.code }, 'store unavailable: feedback and the question log are not recorded until it opens');
      store = reconnectingStore(() => openStore(config), appError, config.DATABASE_URL ? 'postgres' : 'sqlite');
    }
    const owned = store;
    app.addHook('onClose', async () => owned.close());
  }
  app.decorate('store', store);

  try {
    const imported = await importLegacyFeedback(store, config.DATA_DIR);
    if (imported && !imported.already) app.log.info(imported, 'feedback.jsonl imported into the store');
  } catch (error) {
    app.log.error({ err: error }, 'feedback.jsonl could not be imported (it is kept; the next start tries again)');
  }

  if (config.QUESTION_LOG === 'on') {
    const prune = () =>
      enforceRetention(store, config).then(
        (deleted) => deleted && app.log.info({ deleted }, 'question log retention'),
        (error: unknown) => app.log.warn({ err: error }, 'question log retention failed'),
      );
    await prune();
    const timer = setInterval(() => void prune(), RETENTION_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
};

export const storePlugin = fp(plugin, { name: 'store' });
