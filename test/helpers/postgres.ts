/**
 * A real PostgreSQL server for the store's tests. With TEST_DATABASE_URL set (a server CI or a developer runs), a
 * fresh database is created on it for each caller; otherwise a temporary cluster is made with the installed binaries
 * (`initdb` into a temp dir, `pg_ctl start` listening only on a Unix socket in that dir; run as the `postgres` user
 * when the tests run as root). Where neither can be had, {@link startPostgres} says why, for the test to skip.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TempPostgres {
  /** Connection string of an empty database (for DATABASE_URL). */
  url: string;
  stop(): Promise<void>;
}

/** Directory of initdb/pg_ctl: Debian's newest /usr/lib/postgresql/N/bin, else the PATH's. */
function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/pg_ctl'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  try {
    return path.dirname(execFileSync('which', ['pg_ctl'], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

async function freshDatabase(adminUrl: string): Promise<TempPostgres> {
  const name = `tlcv_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts (or connects to) a PostgreSQL server. @returns the server, or a sentence saying why there is none */
export async function startPostgres(): Promise<TempPostgres | string> {
  if (process.env.TEST_DATABASE_URL) return freshDatabase(process.env.TEST_DATABASE_URL);
  const bin = binDir();
  if (!bin) return 'PostgreSQL không có trên máy này (apt-get install postgresql, hoặc đặt TEST_DATABASE_URL)';
  const root = process.getuid?.() === 0;
  let uid: number | undefined;
  if (root) {
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      return 'chạy bằng root nhưng không có người dùng postgres để chạy initdb';
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'tlcv-pg-'));
  if (uid !== undefined) chownSync(dir, uid, uid);
  const as = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe', cwd: dir })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe', cwd: dir });
  const data = path.join(dir, 'data');
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  try {
    as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-k ${dir} -c listen_addresses= -p ${port} -c fsync=off`, 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim().split('\n').slice(-2).join(' ');
    return `không khởi động được PostgreSQL tạm (${stderr})`;
  }
  const url = `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`;
  return {
    url,
    stop: async () => {
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
