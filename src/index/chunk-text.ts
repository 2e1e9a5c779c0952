import type { Chunk } from '../ingest/chunk.js';
import type { StoredDocument } from './store.js';
import { entityTerms } from '../text/tokenize.js';

/**
 * What retrieval sees of a chunk: its section path, the table header for a row, the text, and the number of its
 * document (so "Nghị quyết 57" finds the passages of 57-NQ/TW even where the text does not repeat the number).
 */
export function indexTextOf(chunk: Chunk, document: Pick<StoredDocument, 'meta'>): string {
  const parts = [chunk.section.join(' '), chunk.heading ?? '', chunk.header?.join(' ') ?? '', chunk.text];
  if (document.meta.number) parts.push(entityTerms(document.meta.number).length ? document.meta.number : '');
  return parts.filter(Boolean).join('\n');
}
