/**
 * `npm run ask`: runs scripts/ask.ts as one bundle of the project's own modules (packages stay external), built with
 * esbuild when a source is newer than it and kept under node_modules/.cache. Started by plain Node, it skips the
 * TypeScript loader, which alone took longer than the answer itself (about 0.6 s against 1.1 s with tsx per question
 * asked of a running server).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'node_modules/.cache/tro-ly-cong-vu/ask');
const bundle = path.join(outdir, 'ask.mjs');

/** The newest modification time among the files the bundle is made of. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  for (const file of ['scripts/ask.ts', 'package-lock.json', 'scripts/run-ask.mjs']) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'scripts/ask.ts')],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // The index-loading modules are their own chunks, loaded only when no server answers.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
await import(pathToFileURL(bundle).href);
