/**
 * Configuration, validated once at start-up. Handlers and stages receive this object; nothing else reads
 * `process.env`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError } from './errors.js';

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  CORPUS_DIR: Type.String({ default: 'corpus' }),
  INDEX_DIR: Type.String({ default: 'data/index' }),
  DATA_DIR: Type.String({ default: 'data' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  OPENAI_API_KEY: Type.Optional(Type.String()),
  OPENAI_BASE_URL: Type.Optional(Type.String()),
  LLM_MODEL: Type.Optional(Type.String()),
  LLM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 8000 }),
  EMBEDDINGS_MODEL: Type.Optional(Type.String()),
  ADMIN_TOKEN: Type.Optional(Type.String()),
  /** Comma-separated origins allowed to embed the widget; "*" (default) allows any, for local use. */
  WIDGET_ORIGINS: Type.String({ default: '*' }),
  MAX_FILE_MB: Type.Number({ minimum: 0, default: 50 }),
  /** How often the server checks for a new index version, in ms (0: never). */
  INDEX_POLL_MS: Type.Integer({ minimum: 0, default: 2000 }),
  /** Requests per minute per client (real client address, see TRUST_PROXY) on /api; health and static files are exempt. */
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 0, default: 600 }),
  /**
   * Which reverse proxies' X-Forwarded-For is believed (Fastify `trustProxy`): "false" (default: the socket address is
   * the client), "true" (any), a hop count ("1"), or comma-separated addresses/CIDRs ("127.0.0.1,10.0.0.0/8").
   */
  TRUST_PROXY: Type.String({ default: 'false' }),
  /** Attempts per minute per client on POST /api/admin/*: token guessing is limited hard. */
  RATE_LIMIT_ADMIN_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /** WebSocket questions per minute per socket, and (summed over its sockets) per client address. */
  WS_MESSAGES_PER_MINUTE: Type.Integer({ minimum: 0, default: 30 }),
  /** Open WebSockets per client address, and in all. */
  WS_MAX_PER_CLIENT: Type.Integer({ minimum: 1, default: 300 }),
  WS_MAX_SOCKETS: Type.Integer({ minimum: 1, default: 5000 }),
  /** WebSocket heartbeat: a ping every WS_PING_MS; a socket that missed the previous pong is closed. */
  WS_PING_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  /** A WebSocket that sends nothing for this long is closed (ms). */
  WS_IDLE_MS: Type.Integer({ minimum: 100, default: 600_000 }),
  /** Whole request (headers + body) must arrive within this (ms); slow senders are cut off with 408. */
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15_000 }),
  /** An idle keep-alive connection is closed after this (ms). */
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  /** On SIGTERM/SIGINT, requests in flight get this long before connections are cut (ms). */
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 3_000 }),
  /** Token of trainers: when set, `trace: true` is served only with `Authorization: Bearer <TRAINER_TOKEN>`. */
  TRAINER_TOKEN: Type.Optional(Type.String()),
  /** Time budget of reading one file at ingest (ms); a file over it is skipped with INGEST_FILE_BUDGET. */
  INGEST_FILE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 120_000 }),
  /**
   * Memory budget (V8 heap, MB) of the process that reads files at ingest. The reader needs ~80 MB to load its modules;
   * a 45 MB text needs ~1 GB.
   */
  INGEST_FILE_MEMORY_MB: Type.Integer({ minimum: 128, default: 1536 }),
  /** Size of DATA_DIR/feedback.jsonl past which it is rotated (MB), and how many rotated files are kept. */
  /** Largest uncompressed XML of one DOCX (MB): a zip bomb is refused before it is inflated. */
  INGEST_DOCX_MAX_XML_MB: Type.Integer({ minimum: 1, default: 64 }),
  /** PostgreSQL connection string of the store (feedback, question log); unset: SQLite file `DATA_DIR/store.sqlite`. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Size cap of the SQLite store in MB (0: none); past it writes fail with STORE_FULL. */
  STORE_MAX_MB: Type.Number({ minimum: 0, default: 0 }),
  /** "on": every question is logged with its outcome, mode and latency (never an address or a user id). */
  QUESTION_LOG: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'off' }),
  /** Logged questions older than this many days are deleted. */
  QUESTION_LOG_DAYS: Type.Integer({ minimum: 1, default: 90 }),
  /** At most this many logged questions are kept, the newest (0: no cap). */
  QUESTION_LOG_MAX_ROWS: Type.Integer({ minimum: 0, default: 200_000 }),
  /**
   * Server processes answering on the one port (`npm start`, node:cluster): 1 (default) one process, 0 one per CPU
   * core. Each loads the index and swaps versions on its own; rate limits and WebSocket caps count per process.
   */
  WORKERS: Type.Integer({ minimum: 0, maximum: 64, default: 1 }),
});

export type Config = Static<typeof ConfigSchema>;

/**
 * Reads configuration from an environment (defaults applied, numbers converted, empty strings treated as unset).
 * @throws AppError CONFIG_INVALID naming the bad variables
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ConfigSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw));
  const errors = [...Value.Errors(ConfigSchema, converted)];
  if (errors.length) {
    throw new AppError('CONFIG_INVALID', errors.map((e) => `${e.path.slice(1)}: ${e.message}`).join('; '));
  }
  return converted as Config;
}
