/**
 * What a question's constraints look up once per engine (places each document covers, phrases the corpus holds) must
 * say exactly what reading every document again says, on real documents: the project's corpus, and the shared
 * corpus and seeds where they are present.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusMentions, coversPlace, engineCoversPlace, placeRefusal } from '../src/answer/constraints.js';
import { engineOver } from '../src/eval/run.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import type { StoredDocument } from '../src/index/store.js';
import { loadFile, SUPPORTED_EXTENSIONS } from '../src/ingest/loaders/index.js';
import { documentWords, placeName, wordsOf } from '../src/text/places.js';

const DIRS = [path.resolve(import.meta.dirname, '../corpus'), path.resolve(import.meta.dirname, '../../shared/corpus'), path.resolve(import.meta.dirname, '../../shared/seeds')].filter((d) =>
  existsSync(d),
);

async function documents(): Promise<StoredDocument[]> {
  const out: StoredDocument[] = [];
  for (const dir of DIRS) {
    for (const name of (await readdir(dir)).sort()) {
      if (!SUPPORTED_EXTENSIONS.includes(path.extname(name).toLowerCase()) || name === 'README.md') continue;
      const loaded = await loadFile(path.join(dir, name));
      out.push({ id: `${path.basename(dir)}-${name}`, file: name, hash: name, meta: { ...loaded.meta, title: loaded.meta.title || name }, text: loaded.text, pages: loaded.pages });
    }
  }
  return out;
}

describe('constraints read once per engine', async () => {
  const docs = await documents();
  const engine = await engineOver(docs, chooseEmbeddings({}));

  it('covers the same places as reading each document', () => {
    let covered = 0;
    for (const doc of engine.allDocuments()) {
      for (const place of engine.places) {
        const expected = coversPlace(doc, place);
        if (expected) covered++;
        expect(engineCoversPlace(engine, doc, place), `${doc.id} · ${place}`).toBe(expected);
      }
    }
    expect(covered).toBeGreaterThan(0);
    const brute = [...engine.places].filter((p) => [...engine.allDocuments()].some((d) => coversPlace(d, p))).map(placeName);
    expect(placeRefusal([], engine).available).toEqual(brute);
  });

  it('finds the same phrases as searching the whole corpus', () => {
    const all = [...engine.allDocuments()].map((d) => documentWords(d)).join('\n');
    const phrases = ['Quảng Ninh', 'Bộ Nội vụ', 'Nguyễn Văn Không Có', 'ủy ban nhân dân tỉnh', '', '…', 'Hà Nội, ngày'];
    for (const doc of docs) {
      const words = doc.text.split(/\s+/);
      for (let i = 0; i + 3 < words.length; i += 97) phrases.push(words.slice(i, i + 1 + (i % 3)).join(' '));
    }
    let found = 0;
    for (const phrase of phrases) {
      const expected = all.includes(wordsOf(phrase));
      if (expected) found++;
      expect(corpusMentions(engine, phrase), phrase).toBe(expected);
    }
    expect(found).toBeGreaterThan(10);
    expect(found).toBeLessThan(phrases.length);
  });
});
