/**
 * Admin API (Bearer ADMIN_TOKEN, compared in constant time; 401 UNAUTHORIZED without it):
 * - `POST /api/admin/reload` swaps in the newest index version now;
 * - `GET /api/admin/report?since=YYYY-MM-DD` the usage report (src/report) the /admin page shows;
 * - `POST /api/admin/feedback/:id/handled {handled}` marks a feedback record handled (or not).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.js';
import { ErrorReply } from '../schemas.js';
import { bearer, tokenMatches } from '../access.js';
import { adminPageRateLimit, adminRateLimit } from '../plugins/security.js';
import { buildReport, parseSince, passagesOf } from '../../report/report.js';
import type { FastifyRequest } from 'fastify';

export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** @throws AppError UNAUTHORIZED unless the request carries the admin token */
  const requireAdmin = (request: FastifyRequest) => {
    if (!tokenMatches(bearer(request.headers.authorization), app.config.ADMIN_TOKEN)) {
      throw new AppError('UNAUTHORIZED', app.config.ADMIN_TOKEN ? undefined : 'Máy chủ chưa đặt ADMIN_TOKEN.');
    }
  };
  const pageLimit = adminPageRateLimit(app.config.RATE_LIMIT_ADMIN_PER_MINUTE);
  const storeErrors = { 401: ErrorReply, 429: ErrorReply, 500: ErrorReply, 503: ErrorReply, 507: ErrorReply };

  app.get(
    '/admin/report',
    {
      config: pageLimit,
      schema: { querystring: Type.Object({ since: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false }), response: { 200: Type.Unknown({ description: 'the usage report (src/report/report.ts) with questionLog, questionLogDays, store' }), 400: ErrorReply, ...storeErrors } },
    },
    async (request) => {
      requireAdmin(request);
      const raw = request.query.since;
      const since = raw ? parseSince(raw) : undefined;
      if (raw && !since) throw new AppError('BAD_REQUEST', 'Tham số since cần dạng YYYY-MM-DD.');
      let documents;
      try {
        documents = app.engines.get().documents;
      } catch {
        documents = undefined;
      }
      const [questions, feedback] = await Promise.all([app.store.listQuestions({ since }), app.store.listFeedback({ since })]);
      return {
        ...buildReport(questions, feedback, { since, passage: documents ? passagesOf(documents) : undefined }),
        questionLog: app.config.QUESTION_LOG === 'on',
        questionLogDays: app.config.QUESTION_LOG_DAYS,
        store: app.store.kind,
      };
    },
  );

  app.post(
    '/admin/feedback/:id/handled',
    {
      config: pageLimit,
      schema: {
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object({ handled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), handled: Type.Boolean() }), 400: ErrorReply, 404: ErrorReply, ...storeErrors },
      },
    },
    async (request) => {
      requireAdmin(request);
      const found = await app.store.setFeedbackHandled(request.params.id, request.body.handled);
      if (!found) throw new AppError('FEEDBACK_NOT_FOUND');
      request.log.info({ feedback: request.params.id, handled: request.body.handled }, 'admin: feedback marked');
      return { id: request.params.id, handled: request.body.handled };
    },
  );

  app.post(
    '/admin/reload',
    {
      // Token guessing is limited hard per client, whatever RATE_LIMIT_PER_MINUTE says.
      config: adminRateLimit(app.config.RATE_LIMIT_ADMIN_PER_MINUTE),
      schema: {
        response: {
          200: Type.Object({ reloaded: Type.Boolean(), version: Type.String(), documents: Type.Integer(), chunks: Type.Integer() }),
          401: ErrorReply,
          429: ErrorReply,
          503: ErrorReply,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      const reloaded = await app.engines.reload();
      const engine = app.engines.get();
      request.log.info({ version: engine.version, reloaded }, 'admin reload');
      return { reloaded, version: engine.version, documents: engine.documents.size, chunks: engine.chunks.length };
    },
  );
};
