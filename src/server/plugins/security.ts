/**
 * Security headers and fair limits, applied to routes as the router matched them (never to the raw URL, which a
 * client can spell `/%61pi/ask`):
 * - @fastify/helmet: a CSP for the demo page (its inline style allowed by hash), nosniff, frame and referrer policy;
 *   widget.js and the API stay usable from other origins (Cross-Origin-Resource-Policy: cross-origin).
 * - @fastify/rate-limit per real client (`request.ip`, which honours TRUST_PROXY): /api routes at
 *   RATE_LIMIT_PER_MINUTE, /api/admin/* at RATE_LIMIT_ADMIN_PER_MINUTE; health and static files are exempt.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';

/** Fastify's `trustProxy` from TRUST_PROXY: false, true, a hop count, or a list of addresses/CIDRs. */
export function parseTrustProxy(value: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'no') return false;
  if (v === 'true' || v === 'yes') return true;
  if (/^\d+$/.test(v)) {
    // n hops: the n nearest proxies are trusted (as Fastify's own numeric trustProxy).
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** CSP hashes of the inline `<style>` blocks of a page, so the page needs no 'unsafe-inline'. */
export function inlineStyleHashes(htmlFile: string): string[] {
  if (!existsSync(htmlFile)) return [];
  const html = readFileSync(htmlFile, 'utf8');
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
}

/** The route pattern the router matched ("/api/ask"), or undefined for 404s. */
function routeOf(request: FastifyRequest): string | undefined {
  return request.routeOptions.url;
}

/** Health probes and static files (the demo page, widget.js) are never limited. */
export function exemptFromLimit(request: FastifyRequest): boolean {
  const route = routeOf(request);
  return !route || !route.startsWith('/api/') || route === '/api/health';
}

export interface SecurityOptions {
  /** The demo page, whose inline styles the CSP allows by hash. */
  demoPage?: string;
}

const plugin: FastifyPluginAsync<SecurityOptions> = async (app, options) => {
  const config = app.config;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The widget uses a constructed style sheet (or a <style> in its shadow root where that is missing).
        styleSrc: ["'self'", ...(options.demoPage ? inlineStyleHashes(options.demoPage) : [])],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        scriptSrcAttr: ["'none'"],
      },
    },
    // widget.js and the JSON API are meant to be used by portals on other origins (CORS decides who).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: false, // TLS is ended by the portal's proxy, which sets HSTS for its own name.
  });

  // Registered even with RATE_LIMIT_PER_MINUTE=0 so that the admin routes keep their own hard limit.
  await app.register(rateLimit, {
    global: config.RATE_LIMIT_PER_MINUTE > 0,
    max: config.RATE_LIMIT_PER_MINUTE || 1,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    allowList: (request) => exemptFromLimit(request),
  });
};

export const security = fp(plugin, { name: 'security', dependencies: [] });

/** Route config of the admin endpoints: a hard limit per client, whatever the general limit. */
export function adminRateLimit(perMinute: number) {
  return { rateLimit: { max: perMinute, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => `admin:${request.ip}` } };
}

/**
 * Route config of the admin page and the calls it makes (the page, its report, marking feedback): a looser limit than
 * reload's (an admin clicks through a list), still far from a guessing rate, counted per client on each route.
 * Applied to `/admin` too, which is outside /api: it answers 401 or 200 and would otherwise tell a guess unlimited.
 */
export function adminPageRateLimit(perMinute: number) {
  return {
    rateLimit: {
      max: perMinute * 6,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => `admin-page:${request.ip}`,
      allowList: () => false,
    },
  };
}
