import { createHash } from 'node:crypto';
import type { StoredDocument } from '../../src/index/store.js';
import { engineOver } from '../../src/eval/run.js';
import { chooseEmbeddings } from '../../src/index/embeddings.js';
import type { SearchEngine } from '../../src/retrieve/engine.js';

/** A document held in memory for an engine built by `engineOver` (no files, no index on disk). */
export function doc(id: string, title: string, text: string): StoredDocument {
  return { id, file: `${id}.txt`, hash: createHash('sha256').update(text).digest('hex'), meta: { title }, text };
}

/** An in-memory engine over documents, with the offline embedder. */
export function engineOf(documents: StoredDocument[]): Promise<SearchEngine> {
  return engineOver(documents, chooseEmbeddings({}));
}
