/**
 * `npm run build`: bundles the widget (web/src/widget.ts) into one minified classic script, web/dist/widget.js, and
 * prints its gzipped size. Fails when the gzipped size goes over the budget (60 kB).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'web/dist/widget.js');
const BUDGET = 60 * 1024;

await build({
  entryPoints: [path.join(root, 'web/src/widget.ts')],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  legalComments: 'none',
  charset: 'utf8',
  sourcemap: false,
  logLevel: 'warning',
});

const bytes = readFileSync(outfile);
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`web/dist/widget.js: ${kb(bytes.length)} (gzip ${kb(gzipped)}, giới hạn ${kb(BUDGET)})`);
if (gzipped > BUDGET) {
  console.error('widget.js vượt giới hạn 60 kB (gzip).');
  process.exit(1);
}
