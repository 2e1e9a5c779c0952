/**
 * `.env` at start-up (src/env-file.ts): the file fills in what the real environment leaves unset, the real
 * environment wins, a missing ENV_FILE is a clear error; and `npm start`'s script reads it end to end. The favicon
 * is served so /favicon.ico is not a 404.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../src/env-file.js';
import { AppError } from '../src/errors.js';
import { makeTempDir, removeTempDir } from './helpers/fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('.env file', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('trolycongvu-env-');
  });

  afterAll(async () => {
    await removeTempDir(dir);
  });

  it('fills in unset variables from .env in the working directory, never over a real one', async () => {
    await writeFile(path.join(dir, '.env'), '# settings\nPORT=3100\nLOG_LEVEL=warn\nWIDGET_ORIGINS="https://cong.example.vn"\nADMIN_TOKEN=\n');
    const env: NodeJS.ProcessEnv = { PORT: '4000' };
    expect(loadEnvFile(env, dir)).toBe(path.join(dir, '.env'));
    expect(env).toEqual({ PORT: '4000', LOG_LEVEL: 'warn', WIDGET_ORIGINS: 'https://cong.example.vn', ADMIN_TOKEN: '' });
  });

  it('reads the file ENV_FILE names, and says so when it is missing', async () => {
    await writeFile(path.join(dir, 'prod.env'), 'HOST=0.0.0.0\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'prod.env' };
    expect(loadEnvFile(env, dir)).toBe(path.join(dir, 'prod.env'));
    expect(env.HOST).toBe('0.0.0.0');
    const missing = () => loadEnvFile({ ENV_FILE: 'khong-co.env' }, dir);
    expect(missing).toThrow(AppError);
    expect(missing).toThrow(/Cấu hình không hợp lệ\. Không tìm thấy tệp cấu hình ENV_FILE=khong-co\.env\./);
  });

  it('changes nothing where there is no .env', async () => {
    const empty = await makeTempDir('trolycongvu-noenv-');
    const env: NodeJS.ProcessEnv = { PORT: '1' };
    expect(loadEnvFile(env, empty)).toBeUndefined();
    expect(env).toEqual({ PORT: '1' });
    await removeTempDir(empty);
  });
});

describe('npm start with a .env file', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ listen: false });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('serves with the settings of .env, the real environment taking precedence', async () => {
    const file = path.join(server.dir, 'start.env');
    const lines = [
      'PORT=0',
      'HOST=127.0.0.1',
      `INDEX_DIR=${server.config.INDEX_DIR}`,
      `CORPUS_DIR=${server.config.CORPUS_DIR}`,
      `DATA_DIR=${server.config.DATA_DIR}`,
      'LOG_LEVEL=warn',
      'TRAINER_TOKEN=giang-vien',
      'ADMIN_TOKEN=tu-tep',
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: file, ADMIN_TOKEN: 'tu-moi-truong' };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += String(chunk);
          const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (m) resolve(m[0]);
        });
        child.stderr.on('data', (chunk) => (out += String(chunk)));
        child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
      });
      // From the file: the trainer token (health says traces need a token).
      const health = (await (await fetch(`${url}/api/health`)).json()) as { trace: string; documents: number };
      expect(health.trace).toBe('token');
      expect(health.documents).toBeGreaterThan(0);
      // The real environment's ADMIN_TOKEN wins over the file's.
      const reload = (token: string) => fetch(`${url}/api/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect((await reload('tu-moi-truong')).status).toBe(200);
      expect((await reload('tu-tep')).status).toBe(401);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('serves a favicon at /favicon.ico and /favicon.svg, linked from the pages', async () => {
    for (const url of ['/favicon.ico', '/favicon.svg']) {
      const res = await server.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.body).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    }
    for (const page of ['/', '/lop-hoc']) {
      const res = await server.app.inject({ url: page });
      expect(res.body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    }
  });
});
