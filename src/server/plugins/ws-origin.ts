/**
 * Browsers do not apply CORS to WebSocket upgrades (and @fastify/websocket does no check), so a page on any origin
 * could open `WS /api/ws`; and CORS only hides a reply from a page, the request is still processed (a question
 * answered, feedback stored). So when `WIDGET_ORIGINS` is a list, any request — HTTP or an upgrade — whose `Origin` is
 * neither in the list nor the server's own origin is refused with 403 ORIGIN_NOT_ALLOWED before it is handled.
 * Clients that send no `Origin` (not browsers, or same-origin GETs) pass; CORS preflights are left to @fastify/cors.
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
    if (request.method === 'OPTIONS' || originAllowed(request, allowed)) return;
    request.log.info({ origin: request.headers.origin, ws: request.ws }, 'origin refused');
    return reply.status(403).send({ error: { code: 'ORIGIN_NOT_ALLOWED', message: ERRORS.ORIGIN_NOT_ALLOWED.message } });
  });
};

export const wsOrigin = fp(plugin, { name: 'ws-origin', dependencies: ['@fastify/websocket'] });
