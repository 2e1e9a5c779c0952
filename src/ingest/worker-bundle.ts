/**
 * The sandbox child's program as one plain JavaScript module, so that starting a child costs Node's start and not
 * tsx compiling the readers' modules on the fly (issue 14: about 1 s of a one-file re-index). `file-worker.ts` and
 * the project's modules it imports are bundled by esbuild into `.cache/file-worker/<key>/` under the project root;
 * packages stay imports (resolved from the project's node_modules as the sources resolve them), and the modules
 * imported only for one kind of file (DOCX, HTML, pdf.js) stay separate chunks loaded when such a file is read.
 *
 * The key is the sources' fingerprint (every file under `src/`), esbuild's version and this build's options: any
 * change of the code makes a new bundle at the next ingest (about 0.1–0.3 s), made once and reused by every
 * ingest after. The folder appears whole or not at all (built beside it, then renamed). When it cannot be built
 * (esbuild missing, a read-only checkout) the child runs the sources with tsx, as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceFingerprint } from './fingerprint.js';

/** How a child is started: the module to fork and Node's options before the heap limit. */
export interface WorkerEntry {
  file: string;
  execArgv: string[];
  /** True for the bundle, false for the sources run with tsx. */
  bundled: boolean;
}

const SOURCE = fileURLToPath(new URL('./file-worker.ts', import.meta.url));
const ROOT = path.resolve(path.dirname(SOURCE), '..', '..');
/** Where the bundles are kept (ignored by git). */
export const BUNDLE_CACHE = path.join(ROOT, '.cache', 'file-worker');
/** Changes when the build's options below change. */
const FORMAT = 1;
/** Bundles of other code older than this are removed when a new one is made. */
const STALE_MS = 24 * 3600 * 1000;

/** The sources run with tsx: always works where the project's dependencies are installed. */
export function tsxEntry(): WorkerEntry {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file: SOURCE, execArgv: ['--import', tsx], bundled: false };
}

/** Where a bundle is kept and what builds it (tests: another cache folder, an esbuild that fails). */
export interface BundleOptions {
  /** The folder of bundles (default `BUNDLE_CACHE`; it must be under the project root for packages to resolve). */
  cache?: string;
  /** Loads esbuild (default: the package). */
  esbuild?: () => Promise<Pick<typeof import('esbuild'), 'build'>>;
}

let memo: Promise<WorkerEntry> | undefined;

/** The bundle, built on first use in this process if it is not in the cache yet; the tsx entry when it cannot be. */
export function workerEntry(): Promise<WorkerEntry> {
  return (memo ??= bundledOrTsx());
}

/** The bundle of the sources as they are now in `options.cache`, built when missing; the tsx entry when it cannot be. */
export function bundledOrTsx(options: BundleOptions = {}): Promise<WorkerEntry> {
  return bundledEntry(options).catch(() => tsxEntry());
}

/** The cache key of the bundle of the sources as they are now, or undefined when the sources cannot be read. */
function bundleKey(): string | undefined {
  const source = sourceFingerprint();
  if (!source) return undefined;
  const esbuild = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')) as { version: string };
  return createHash('sha256').update(`${FORMAT}\0${esbuild.version}\0${process.versions.node}\0${source}`).digest('hex').slice(0, 24);
}

async function bundledEntry(options: BundleOptions): Promise<WorkerEntry> {
  const key = bundleKey();
  if (!key) throw new Error('no source fingerprint');
  const cache = options.cache ?? BUNDLE_CACHE;
  const dir = path.join(cache, key);
  const file = path.join(dir, 'file-worker.mjs');
  if (!existsSync(file)) await buildBundle(cache, dir, options.esbuild ?? (() => import('esbuild')));
  return { file, execArgv: [], bundled: true };
}

/** Builds the bundle into `dir` (a temporary folder beside it, renamed into place). */
async function buildBundle(cache: string, dir: string, esbuild: NonNullable<BundleOptions['esbuild']>): Promise<void> {
  const { build } = await esbuild();
  await mkdir(cache, { recursive: true });
  const partial = `${dir}.${process.pid}.${Date.now()}.partial`;
  try {
    await build({
      entryPoints: [SOURCE],
      outdir: partial,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // Packages are imported from node_modules at run time (the folder is under the project root), as by the sources.
      packages: 'external',
      platform: 'node',
      format: 'esm',
      // What tsx gives the sources: this Node's syntax, functions' and classes' own names.
      target: `node${process.versions.node}`,
      keepNames: true,
      // Dynamic imports (mammoth, cheerio, pdf.js and the modules using them) stay chunks of their own.
      splitting: true,
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
    });
    try {
      await rename(partial, dir);
    } catch (error) {
      // Another ingest made the same bundle meanwhile: its folder is used.
      if (!existsSync(path.join(dir, 'file-worker.mjs'))) throw error;
    }
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  await removeStale(cache, path.basename(dir)).catch(() => undefined);
}

/** Removes the bundles of other code (and leftovers of dead builds) made more than a day ago. */
async function removeStale(cache: string, keep: string): Promise<void> {
  for (const name of await readdir(cache)) {
    if (name === keep) continue;
    const full = path.join(cache, name);
    const { mtimeMs } = await stat(full);
    if (Date.now() - mtimeMs > STALE_MS) await rm(full, { recursive: true, force: true });
  }
}
