/**
 * ALQAC 2024's laws as a folder of files, as `bench --scale` and `bench-reindex` write them: for ×k, k distinct
 * variants of each law — variant 0 as it is, variant v > 0 with its own title and a seeded tenth of each article's
 * syllables replaced by other syllables of the corpus — as `law-II-vVV.txt` with a `.meta.json` sidecar naming the title.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { random } from './random.js';

interface Law {
  id: string;
  articles: Array<{ id: string; text: string }>;
}

/** Writes ALQAC's laws (`alqacDir/law.json`) ×k into `dir`. @returns the files written */
export async function writeAlqacFiles(alqacDir: string, dir: string, k: number): Promise<number> {
  const laws = JSON.parse(readFileSync(path.join(alqacDir, 'law.json'), 'utf8')) as Law[];
  // Every syllable of the laws' text, as often as it occurs: replacements keep the corpus's word frequencies.
  const syllables = laws.flatMap((l) => l.articles.flatMap((a) => a.text.match(/\p{L}+/gu) ?? []));
  const variantText = (text: string, rand: () => number, v: number): string =>
    v ? text.replace(/\p{L}+/gu, (w) => (rand() < 0.1 ? syllables[Math.floor(rand() * syllables.length)]! : w)) : text;
  await mkdir(dir, { recursive: true });
  let files = 0;
  for (let v = 0; v < k; v++) {
    for (const [i, law] of laws.entries()) {
      const rand = random(v * 1000 + i + 1);
      const title = v ? `${law.id} (tập ${v + 1})` : law.id;
      const text = law.articles
        .map((a) => {
          const [head, ...body] = variantText(a.text, rand, v).split('\n\n');
          return `Điều ${a.id}. ${head?.trim()}\n${body.join('\n')}`;
        })
        .join('\n\n');
      const name = `law-${String(i).padStart(2, '0')}-v${String(v).padStart(2, '0')}.txt`;
      await writeFile(path.join(dir, name), `${title}\n\n${text}\n`);
      await writeFile(path.join(dir, `${name}.meta.json`), JSON.stringify({ title }));
      files++;
    }
  }
  return files;
}
