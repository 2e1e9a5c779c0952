/**
 * Browsers do not apply CORS to WebSocket upgrades (and @fastify/websocket does no check), so a page on any origin
 * could open `WS /api/ws`. When `WIDGET_ORIGINS` is a list, an upgrade whose `Origin` is neither in the list nor the
 * server's own origin is refused with 403 before it is upgraded. Clients that send no `Origin` (not browsers) pass.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERRORS } from '../../errors.js';

/** The allowed origins from `WIDGET_ORIGINS`, or `'*'` for any. */
export function parseOrigins(value: string): string[] | '*' {
  const origins = value.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  return origins.includes('*') ? '*' : origins;
}

/** True when a browser page on `request`'s Origin may use the API. */
export function originAllowed(request: FastifyRequest, allowed: string[] | '*'): boolean {
  const origin = request.headers.origin;
  if (allowed === '*' || !origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

const plugin: FastifyPluginAsync = async (app) => {
  const allowed = parseOrigins(app.config.WIDGET_ORIGINS);
  if (allowed === '*') return;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.ws || originAllowed(request, allowed)) return;
    request.log.info({ origin: request.headers.origin }, 'websocket origin refused');
    return reply.status(403).send({ error: { code: 'ORIGIN_NOT_ALLOWED', message: ERRORS.ORIGIN_NOT_ALLOWED.message } });
  });
};

export const wsOrigin = fp(plugin, { name: 'ws-origin', dependencies: ['@fastify/websocket'] });
