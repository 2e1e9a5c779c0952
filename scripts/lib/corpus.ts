/** Reads folders of documents as an index version holds them, for the scripts that build an engine in-process. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { StoredDocument } from '../../src/index/store.js';
import { loadFile, SUPPORTED_EXTENSIONS } from '../../src/ingest/loaders/index.js';
import { documentIdOf } from '../../src/ingest/ingest.js';

/**
 * Every supported file of each folder, in name order, loaded as ingest loads it.
 * @returns the documents, ids made as ingest makes them ("<folder>/<file>")
 */
export async function readCorpus(dirs: string[]): Promise<StoredDocument[]> {
  const documents: StoredDocument[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).sort()) {
      if (!SUPPORTED_EXTENSIONS.includes(path.extname(name).toLowerCase())) continue;
      const file = path.join(dir, name);
      const loaded = await loadFile(file);
      documents.push({
        id: documentIdOf(`${path.basename(dir)}/${name}`),
        file: name,
        hash: createHash('sha256').update(await readFile(file)).digest('hex'),
        meta: { ...loaded.meta, title: loaded.meta.title || name },
        text: loaded.text,
        pages: loaded.pages,
      });
    }
  }
  return documents;
}
