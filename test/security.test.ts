/**
 * Security of a public portal: rate limits on routes as the router sees them (per real client behind a trusted
 * proxy; health and static files exempt; admin limited hard), security headers and the demo page's CSP, the
 * server-side Origin check, constant-time tokens, and `trace` for trainers only. Real app, `inject()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import { isLoopbackHost, tokenMatches, traceMode } from '../src/server/access.js';
import { parseTrustProxy } from '../src/server/plugins/security.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const opened: FastifyInstance[] = [];

beforeAll(async () => {
  server = await startTestServer({ listen: false });
});
afterAll(async () => {
  for (const app of opened) await app.close();
  await server?.close();
});

/** Another app over the same index with some settings changed. */
async function appWith(overrides: Partial<Config>): Promise<FastifyInstance> {
  const app = await buildApp({ config: { ...server.config, ...overrides }, engines: server.engines, logger: false });
  opened.push(app);
  await app.ready();
  return app;
}

const QUESTION = { question: 'Buổi sáng làm việc từ mấy giờ?' };

describe('rate limits', () => {
  it('limits a route however its URL is spelt (/%61pi/ask is /api/ask)', async () => {
    const app = await appWith({ RATE_LIMIT_PER_MINUTE: 2 });
    const codes: number[] = [];
    for (const url of ['/api/ask', '/%61pi/ask', '/%61pi/ask', '/api/%61sk']) {
      codes.push((await app.inject({ method: 'POST', url, payload: QUESTION })).statusCode);
    }
    expect(codes).toEqual([200, 200, 429, 429]);
    const last = await app.inject({ method: 'POST', url: '/%61pi/ask', payload: QUESTION });
    expect(last.json().error.code).toBe('RATE_LIMITED');
  });

  it('never limits the health probe nor the static files', async () => {
    const app = await appWith({ RATE_LIMIT_PER_MINUTE: 1 });
    const codes = new Set<number>();
    for (let i = 0; i < 5; i++) {
      codes.add((await app.inject({ url: '/api/health' })).statusCode);
      codes.add((await app.inject({ url: '/' })).statusCode);
    }
    expect([...codes]).toEqual([200]);
  });

  it('keys the limit by the real client behind a trusted proxy, and by the socket otherwise', async () => {
    const fromProxy = (app: FastifyInstance, client: string) =>
      app.inject({ url: '/api/documents', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
    const trusting = await appWith({ RATE_LIMIT_PER_MINUTE: 1, TRUST_PROXY: '127.0.0.1' });
    expect((await fromProxy(trusting, '10.0.0.1')).statusCode).toBe(200);
    expect((await fromProxy(trusting, '10.0.0.2')).statusCode).toBe(200);
    expect((await fromProxy(trusting, '10.0.0.1')).statusCode).toBe(429);
    // Without TRUST_PROXY a forged header changes nothing: everyone behind the socket address shares one bucket.
    const plain = await appWith({ RATE_LIMIT_PER_MINUTE: 1 });
    expect((await fromProxy(plain, '10.0.0.1')).statusCode).toBe(200);
    expect((await fromProxy(plain, '10.0.0.2')).statusCode).toBe(429);
  });

  it('limits token guessing on the admin endpoint hard, even with the general limit off', async () => {
    const app = await appWith({ RATE_LIMIT_PER_MINUTE: 0, RATE_LIMIT_ADMIN_PER_MINUTE: 3, ADMIN_TOKEN: 'right-token' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const url = i % 2 ? '/%61pi/admin/reload' : '/api/admin/reload';
      codes.push((await app.inject({ method: 'POST', url, headers: { authorization: `Bearer guess-${i}` } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it.each(['/admin', '/api/admin/report'])('limits token guessing on the admin page and its calls too (%s)', async (url) => {
    // RATE_LIMIT_ADMIN_PER_MINUTE × 6 for the page and its calls: 6 here.
    const app = await appWith({ RATE_LIMIT_PER_MINUTE: 0, RATE_LIMIT_ADMIN_PER_MINUTE: 1, ADMIN_TOKEN: 'right-token' });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      codes.push((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer guess-${i}` } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('reads TRUST_PROXY as Fastify expects it', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1')).toEqual(['10.0.0.0/8', '127.0.0.1']);
    const hops = parseTrustProxy('1') as (address: string, hop: number) => boolean;
    expect([hops('x', 0), hops('x', 1)]).toEqual([true, false]);
  });
});

describe('security headers', () => {
  it('serves the demo page with a CSP that allows its own inline style by hash and nothing inline else', async () => {
    const res = await server.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    const style = /<style>([\s\S]*?)<\/style>/.exec(readFileSync('web/index.html', 'utf8'))![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('lets portals on other origins load widget.js and call the API', async () => {
    const widget = await server.app.inject({ url: '/widget.js' });
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const api = await server.app.inject({ url: '/api/health' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});

describe('Origin check on HTTP requests', () => {
  it('refuses a request from an origin not in WIDGET_ORIGINS with 403 before handling it', async () => {
    const app = await appWith({ WIDGET_ORIGINS: 'https://portal.example.gov.vn' });
    const ask = (origin?: string) =>
      app.inject({ method: 'POST', url: '/api/ask', payload: QUESTION, headers: origin ? { origin } : {} });
    const refused = await ask('https://evil.example.com');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await ask('https://portal.example.gov.vn')).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(200);
    const spelt = await app.inject({ method: 'POST', url: '/%61pi/feedback', payload: {}, headers: { origin: 'https://evil.example.com' } });
    expect(spelt.statusCode).toBe(403);
  });
});

describe('tokens', () => {
  it('compares tokens in constant time, of any length', () => {
    expect(tokenMatches('secret-token', 'secret-token')).toBe(true);
    expect(tokenMatches('secret-tokem', 'secret-token')).toBe(false);
    expect(tokenMatches('s', 'secret-token')).toBe(false);
    expect(tokenMatches('secret-token-and-more', 'secret-token')).toBe(false);
    expect(tokenMatches(undefined, 'secret-token')).toBe(false);
    expect(tokenMatches('', undefined)).toBe(false);
  });
});

describe('trace for trainers only', () => {
  it('serves the trace to anyone on a loopback demo, and says so in health', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/ask', payload: { ...QUESTION, trace: true } });
    expect(res.json().trace).toBeDefined();
    expect(res.json().traceDenied).toBeUndefined();
    expect((await server.app.inject({ url: '/api/health' })).json().trace).toBe('open');
  });

  it('with TRAINER_TOKEN, answers without trace (traceDenied) unless the bearer token is right', async () => {
    const app = await appWith({ TRAINER_TOKEN: 'trainer-secret', HOST: '0.0.0.0' });
    const ask = (authorization?: string) =>
      app.inject({ method: 'POST', url: '/api/ask', payload: { ...QUESTION, trace: true }, headers: authorization ? { authorization } : {} });
    const denied = (await ask()).json();
    expect(denied.answer).toContain('7 giờ 30');
    expect(denied.trace).toBeUndefined();
    expect(denied.traceDenied).toBe(true);
    expect((await ask('Bearer wrong')).json().traceDenied).toBe(true);
    const granted = (await ask('Bearer trainer-secret')).json();
    expect(granted.trace).toBeDefined();
    expect(granted.traceDenied).toBeUndefined();
    expect((await app.inject({ url: '/api/health' })).json().trace).toBe('token');
  });

  it('never serves a trace on a public HOST without TRAINER_TOKEN', async () => {
    const app = await appWith({ HOST: '0.0.0.0' });
    const body = (await app.inject({ method: 'POST', url: '/api/ask', payload: { ...QUESTION, trace: true } })).json();
    expect(body.trace).toBeUndefined();
    expect(body.traceDenied).toBe(true);
    expect((await app.inject({ url: '/api/health' })).json().trace).toBe('off');
    const plain = (await app.inject({ method: 'POST', url: '/api/ask', payload: QUESTION })).json();
    expect(plain.traceDenied).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.5', 'portal.gov.vn'].map(isLoopbackHost)).toEqual([false, false, false, false]);
    expect(traceMode({ HOST: '0.0.0.0', TRAINER_TOKEN: undefined })).toBe('off');
  });
});
