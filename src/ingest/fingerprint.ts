/**
 * The program's own fingerprint: a hash of every source file under `src/`. A version records the fingerprint of the
 * code that built it; an ingest whose corpus and code are both unchanged reuses that version's files whole
 * (`ingest.ts`), while any change of the code (a better fact extractor, other features) reads them again as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let memo: string | null | undefined;

/** The fingerprint, or undefined when the sources cannot be read (then nothing is reused whole). */
export function sourceFingerprint(): string | undefined {
  if (memo === undefined) {
    try {
      const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
      const hash = createHash('sha256');
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.isFile()) hash.update(path.relative(root, full)).update('\0').update(readFileSync(full)).update('\0');
        }
      };
      walk(root);
      memo = `sha256:${hash.digest('hex')}`;
    } catch {
      memo = null;
    }
  }
  return memo ?? undefined;
}
