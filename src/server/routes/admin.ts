/** Admin API: `POST /api/admin/reload` (Bearer ADMIN_TOKEN) swaps in the newest index version now. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.js';
import { ErrorReply } from '../schemas.js';
import { bearer, tokenMatches } from '../access.js';
import { adminRateLimit } from '../plugins/security.js';

export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      if (!tokenMatches(bearer(request.headers.authorization), app.config.ADMIN_TOKEN)) {
        throw new AppError('UNAUTHORIZED', app.config.ADMIN_TOKEN ? undefined : 'Máy chủ chưa đặt ADMIN_TOKEN.');
      }
      const reloaded = await app.engines.reload();
      const engine = app.engines.get();
      request.log.info({ version: engine.version, reloaded }, 'admin reload');
      return { reloaded, version: engine.version, documents: engine.documents.size, chunks: engine.chunks.length };
    },
  );
};
