/**
 * `npm run build`: bundles the widget (web/src/widget.ts → web/dist/widget.js) and the classroom page's script
 * (web/src/classroom.ts → web/dist/lop-hoc.js), the documents page's (web/src/documents-page.ts →
 * web/dist/documents.js) and the admin page's (web/src/admin.ts → web/dist/admin.js, with Chart.js), each one
 * minified classic script, and prints their gzipped sizes. Fails when one goes over its budget (60 kB gzip; the
 * admin page, loaded by admins only, 100 kB).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = 60 * 1024;
const bundles = [
  ['web/src/widget.ts', 'web/dist/widget.js', BUDGET],
  ['web/src/classroom.ts', 'web/dist/lop-hoc.js', BUDGET],
  ['web/src/documents-page.ts', 'web/dist/documents.js', BUDGET],
  ['web/src/admin.ts', 'web/dist/admin.js', 100 * 1024],
];

let failed = false;
for (const [entry, out, budget] of bundles) {
  const outfile = path.join(root, out);
  await build({
    entryPoints: [path.join(root, entry)],
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
  console.log(`${out}: ${kb(bytes.length)} (gzip ${kb(gzipped)}, giới hạn ${kb(budget)})`);
  if (gzipped > budget) {
    console.error(`${out} vượt giới hạn ${kb(budget)} (gzip).`);
    failed = true;
  }
}
if (failed) process.exit(1);
