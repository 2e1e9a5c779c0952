/**
 * `npm run build`: bundles the widget (web/src/widget.ts → web/dist/widget.js) and the classroom page's script
 * (web/src/classroom.ts → web/dist/lop-hoc.js) and the documents page's (web/src/documents-page.ts →
 * web/dist/documents.js), each one minified classic script, and prints their gzipped sizes.
 * Fails when one goes over its budget (60 kB gzip).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = 60 * 1024;
const bundles = [
  ['web/src/widget.ts', 'web/dist/widget.js'],
  ['web/src/classroom.ts', 'web/dist/lop-hoc.js'],
  ['web/src/documents-page.ts', 'web/dist/documents.js'],
];

let failed = false;
for (const [entry, out] of bundles) {
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
  console.log(`${out}: ${kb(bytes.length)} (gzip ${kb(gzipped)}, giới hạn ${kb(BUDGET)})`);
  if (gzipped > BUDGET) {
    console.error(`${out} vượt giới hạn 60 kB (gzip).`);
    failed = true;
  }
}
if (failed) process.exit(1);
