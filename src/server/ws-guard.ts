/**
 * Bounds on WebSocket use: message rate per socket and per client address (token buckets), open sockets per client
 * and in all, a ping/pong heartbeat and an idle timeout. One guard per app; `ws.ts` asks it on each connection and
 * message.
 */
import type { WebSocket } from 'ws';
import type { Config } from '../config.js';

/** Close codes sent with the error frame (RFC 6455: 1008 policy violation, 1013 try again later; 4408 idle). */
export const WS_CLOSE = { TOO_MANY: 1013, FLOOD: 1008, IDLE: 4408 } as const;

/** A token bucket: `capacity` messages, refilled at `capacity` per minute. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(private readonly capacity: number) {
    this.tokens = capacity;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.capacity) / 60_000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket is full again (nothing to remember for its client). */
  full(now = Date.now()): boolean {
    return this.tokens + ((now - this.last) * this.capacity) / 60_000 >= this.capacity;
  }
}

type GuardConfig = Pick<
  Config,
  'WS_MESSAGES_PER_MINUTE' | 'RATE_LIMIT_PER_MINUTE' | 'WS_MAX_PER_CLIENT' | 'WS_MAX_SOCKETS' | 'WS_PING_MS' | 'WS_IDLE_MS'
>;

export interface SocketTicket {
  /** True while the socket may send another message (per socket and per client). */
  allowMessage(): boolean;
  /** Counts a refused message; true when the socket has refused so many that it should be closed. */
  flooding(): boolean;
  /** Marks activity (restarts the idle timer). */
  touch(): void;
  release(): void;
}

export class WsGuard {
  private readonly perClient = new Map<string, number>();
  private readonly clientBuckets = new Map<string, TokenBucket>();
  private total = 0;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly config: GuardConfig) {
    // Forget the buckets of clients that are quiet again (bounded memory under many addresses).
    this.sweep = setInterval(() => {
      for (const [key, bucket] of this.clientBuckets) if (bucket.full() && !this.perClient.has(key)) this.clientBuckets.delete(key);
    }, 60_000);
    this.sweep.unref();
  }

  /** Open sockets in all. */
  get open(): number {
    return this.total;
  }

  /**
   * Admits a new socket from `client`, or says which cap it exceeds.
   * @param onIdle called when the socket sent nothing for WS_IDLE_MS
   */
  admit(socket: WebSocket, client: string, onIdle: () => void): SocketTicket | 'client' | 'global' {
    if (this.total >= this.config.WS_MAX_SOCKETS) return 'global';
    if ((this.perClient.get(client) ?? 0) >= this.config.WS_MAX_PER_CLIENT) return 'client';
    this.total++;
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);

    const perMinute = this.config.WS_MESSAGES_PER_MINUTE;
    const own = perMinute > 0 ? new TokenBucket(perMinute) : undefined;
    // The client's bucket is the HTTP limit: one office behind one NAT shares it, like its HTTP requests.
    const clientMax = this.config.RATE_LIMIT_PER_MINUTE;
    let shared = this.clientBuckets.get(client);
    if (!shared && clientMax > 0) this.clientBuckets.set(client, (shared = new TokenBucket(clientMax)));
    let refused = 0;

    // Heartbeat: a socket that did not answer the previous ping is gone (a dead peer, a NAT that dropped it).
    let alive = true;
    socket.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, this.config.WS_PING_MS);
    heartbeat.unref();
    const idle = setTimeout(onIdle, this.config.WS_IDLE_MS);
    idle.unref();

    let released = false;
    return {
      allowMessage: () => (!own || own.take()) && (!shared || shared.take()),
      flooding: () => ++refused > Math.max(20, perMinute),
      touch: () => void idle.refresh(),
      release: () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        clearTimeout(idle);
        this.total--;
        const n = (this.perClient.get(client) ?? 1) - 1;
        if (n > 0) this.perClient.set(client, n);
        else this.perClient.delete(client);
      },
    };
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
