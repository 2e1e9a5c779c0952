/** Admin API: `POST /api/admin/reload` (Bearer ADMIN_TOKEN) swaps in the newest index version now. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.js';
import { ErrorReply } from '../schemas.js';

function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/admin/reload',
    {
      schema: {
        response: {
          200: Type.Object({ reloaded: Type.Boolean(), version: Type.String(), documents: Type.Integer(), chunks: Type.Integer() }),
          401: ErrorReply,
          503: ErrorReply,
        },
      },
    },
    async (request) => {
      if (!tokenMatches(request.headers.authorization, app.config.ADMIN_TOKEN)) {
        throw new AppError('UNAUTHORIZED', app.config.ADMIN_TOKEN ? undefined : 'Máy chủ chưa đặt ADMIN_TOKEN.');
      }
      const reloaded = await app.engines.reload();
      const engine = app.engines.get();
      request.log.info({ version: engine.version, reloaded }, 'admin reload');
      return { reloaded, version: engine.version, documents: engine.documents.size, chunks: engine.chunks.length };
    },
  );
};
