/**
 * Who may do what: constant-time token checks (admin, trainer) and whether a request may read the answer's `trace`
 * (the internals of retrieval, meant for trainers, not for any anonymous visitor of a portal).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';

/** How the server hands out traces: to anyone (a loopback demo), to a trainer token holder, or to nobody. */
export type TraceMode = 'open' | 'token' | 'off';

/**
 * True when `given` equals `expected`, compared in constant time. Both sides are hashed first so that neither the
 * content nor the length of the secret leaks through timing.
 */
export function tokenMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!expected || given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(.+)$/i);
  return m?.[1]?.trim();
}

/** True for a listening address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * The trace mode of a configuration: "token" when TRAINER_TOKEN is set; without it "open" only when the server
 * listens on a loopback HOST (the local demo), else "off" — a public server never shows its internals to anyone.
 */
export function traceMode(config: Pick<Config, 'TRAINER_TOKEN' | 'HOST'>): TraceMode {
  if (config.TRAINER_TOKEN) return 'token';
  return isLoopbackHost(config.HOST) ? 'open' : 'off';
}

/** True when a request carrying `token` (or none) may read traces. */
export function traceAllowed(config: Pick<Config, 'TRAINER_TOKEN' | 'HOST'>, token: string | undefined): boolean {
  const mode = traceMode(config);
  if (mode === 'open') return true;
  if (mode === 'off') return false;
  return tokenMatches(token, config.TRAINER_TOKEN);
}
