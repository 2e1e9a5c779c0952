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
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 0, default: 120 }),
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
