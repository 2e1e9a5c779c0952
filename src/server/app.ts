/**
 * The Fastify application as a plugin-composed instance: external plugins (CORS, rate limit, WebSocket, static
 * files), then the app's services (config, engine), then the API routes. `server.ts` only listens.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { AppError, ERRORS, isAppError, type ErrorCode } from '../errors.js';
import { createLlmClient, type LlmClient } from '../answer/llm-client.js';
import type { EngineHolder } from './engine-holder.js';
import { parseOrigins, wsOrigin } from './plugins/ws-origin.js';
import { parseTrustProxy, security } from './plugins/security.js';
import { WsGuard } from './ws-guard.js';
import { storePlugin } from './plugins/store.js';
import type { Store } from '../store/index.js';
import { apiRoutes } from './routes/api.js';
import { factRoutes } from './routes/facts.js';
import { feedbackRoutes } from './routes/feedback.js';
import { wsRoutes } from './routes/ws.js';
import { adminRoutes } from './routes/admin.js';
import { adminPageRoutes } from './routes/admin-page.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    engines: EngineHolder;
    /** The chat model of LLM mode, created once from config; undefined offline. */
    llm?: LlmClient;
    /** WebSocket caps, rates, heartbeat and idle timeout. */
    wsGuard: WsGuard;
  }
}

export interface AppOptions {
  config: Config;
  engines: EngineHolder;
  /** The chat model (LLM mode); by default created from `config` (OPENAI_BASE_URL + LLM_MODEL), else offline. */
  llm?: LlmClient;
  /** The store (feedback, question log); by default the configured one (DATABASE_URL, else SQLite in DATA_DIR). */
  store?: Store;
  /** Fastify logger option (false in tests). */
  logger?: boolean | object;
}

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/** Maps a Fastify/validation error to our stable codes. */
function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (error.validation) {
    const first = error.validation[0];
    const field = first?.instancePath?.replace(/^\//, '') || (first?.params as { missingProperty?: string })?.missingProperty || '';
    if (field === 'question' && first?.keyword === 'maxLength') return new AppError('QUESTION_TOO_LONG');
    if (field === 'question' && first?.keyword === 'minLength') return new AppError('QUESTION_EMPTY');
    const extra = (first?.params as { additionalProperty?: string })?.additionalProperty;
    const what = extra ? `Trường không được hỗ trợ: "${extra}".` : field ? `Trường "${field}" không hợp lệ.` : '';
    return new AppError('BAD_REQUEST', what);
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (error.statusCode === 408) return new AppError('REQUEST_TIMEOUT');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  if (error.statusCode === 404) return new AppError('NOT_FOUND');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL', undefined, { cause: error });
}

/** Builds the application (no port is opened: tests use `inject()`, `server.ts` listens). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const config = options.config;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    // The real client behind the portal's reverse proxy (X-Forwarded-For), for rate limits and logs.
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    // A slow client (headers or body trickled in) is cut off rather than held for Node's default 300 s.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // Node checks those timeouts every 30 s by default, which would hold a slow client up to 30 s longer.
    http: {
      headersTimeout: config.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.max(100, Math.min(2000, Math.floor(config.REQUEST_TIMEOUT_MS / 2))),
    },
    connectionTimeout: config.REQUEST_TIMEOUT_MS * 2,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', options.config);
  app.decorate('engines', options.engines);
  app.decorate('llm', options.llm ?? createLlmClient(options.config));
  const wsGuard = new WsGuard(config);
  app.decorate('wsGuard', wsGuard);
  app.addHook('onClose', async () => wsGuard.close());

  const origins = parseOrigins(options.config.WIDGET_ORIGINS);
  await app.register(cors, { origin: origins === '*' ? true : origins, methods: ['GET', 'POST'] });
  await app.register(security, { demoPage: path.join(WEB_DIR, 'index.html') });
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // A broken frame (bad UTF-8, too large, bad opcode) ends that socket; one short line, no stack: no log flood.
    errorHandler: (error, socket, request) => {
      request.log.warn({ client: request.ip, reason: error.message, code: (error as { code?: string }).code }, 'websocket error');
      socket.terminate();
    },
  });
  await app.register(wsOrigin);
  await app.register(storePlugin, { store: options.store });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, appError.message);
    const message = appError.code === 'INTERNAL' ? ERRORS.INTERNAL.message : appError.message;
    return reply.status(appError.status).send({ error: { code: appError.code, message } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND' satisfies ErrorCode, message: ERRORS.NOT_FOUND.message } }),
  );

  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(wsRoutes, { prefix: '/api' });
  await app.register(feedbackRoutes, { prefix: '/api' });
  await app.register(factRoutes, { prefix: '/api' });
  await app.register(adminRoutes, { prefix: '/api' });

  if (existsSync(WEB_DIR)) {
    // admin.html is served at /admin only (401 without the admin token), never as a plain file.
    await app.register(fastifyStatic, { root: WEB_DIR, index: ['index.html'], wildcard: false, allowedPath: (file) => file !== '/admin.html' });
    const dist = path.join(WEB_DIR, 'dist');
    // The widget is served from the site root so that embedding is one short script tag.
    app.get('/widget.js', (_request, reply) => reply.sendFile('widget.js', existsSync(dist) ? dist : WEB_DIR));
    // The classroom page for trainers (full screen, for a projector) and its bundled script.
    app.get('/lop-hoc', (_request, reply) => reply.sendFile('lop-hoc.html', WEB_DIR));
    app.get('/lop-hoc.js', (_request, reply) => reply.sendFile('lop-hoc.js', dist));
    // What the assistant answers from: every indexed document, each opened in the viewer.
    app.get('/documents', (_request, reply) => reply.sendFile('documents.html', WEB_DIR));
    app.get('/documents.js', (_request, reply) => reply.sendFile('documents.js', dist));
    // Browsers ask for /favicon.ico whatever the page links: the same small SVG (pages link /favicon.svg).
    app.get('/favicon.ico', (_request, reply) => reply.type('image/svg+xml').sendFile('favicon.svg', WEB_DIR));
    await app.register(adminPageRoutes, { webDir: WEB_DIR });
  }
  return app;
}
