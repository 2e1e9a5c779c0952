/**
 * `.env` at start-up: `npm start`, `npm run ingest` and `npm run ask` read `KEY=value` lines from `.env` in the
 * working directory (or the file `ENV_FILE` names) with Node's own parser (`util.parseEnv`, the one behind
 * `node --env-file`, Node 20.12+). A variable already set in the real environment wins: the file only fills in
 * what is unset, so `PORT=4000 npm start` overrides `PORT=3000` in `.env`. No file, no change.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { AppError } from './errors.js';

/**
 * Loads the environment file into `env` without overriding what it already holds.
 * @param cwd where `.env` (or a relative ENV_FILE) is looked for
 * @returns the absolute path of the file read, or undefined when there is none
 * @throws AppError CONFIG_INVALID when ENV_FILE names a file that does not exist or cannot be read
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const named = env.ENV_FILE?.trim();
  const file = path.resolve(cwd, named || '.env');
  if (!existsSync(file)) {
    if (named) throw new AppError('CONFIG_INVALID', `Không tìm thấy tệp cấu hình ENV_FILE=${named}.`);
    return undefined;
  }
  let values: Record<string, string>;
  try {
    values = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Không đọc được tệp cấu hình ${file}: ${(error as Error).message}`, { cause: error });
  }
  for (const [key, value] of Object.entries(values)) if (env[key] === undefined) env[key] = value;
  return file;
}
