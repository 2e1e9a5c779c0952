/**
 * The work an ingest does for one new or changed file — read it, cut it into chunks, read its facts — as one pure
 * step that runs in the ingest's process or in the sandbox child (`sandbox.ts`).
 */
import path from 'node:path';
import { isAppError } from '../errors.js';
import { chunkDocument, type Chunk } from './chunk.js';
import { loadFile } from './loaders/index.js';
import type { StoredDocument } from '../index/store.js';
import { extractFacts } from '../facts/extract.js';
import { definedAbbreviations } from '../text/abbreviations.js';
import type { Fact } from '../facts/types.js';

export interface FileTask {
  file: string;
  relative: string;
  id: string;
  hash: string;
  maxBytes?: number;
  docxMaxXmlBytes?: number;
  /** Send the document and its chunks as soon as they are made, then the facts alone (sandbox.ts). */
  early?: boolean;
}

export type FileOutcome =
  | { ok: true; doc: StoredDocument; chunks: Chunk[]; facts: Fact[] }
  | { ok: false; code: string; reason: string };

/**
 * Reads, chunks and extracts one file; an unreadable file is an outcome, never a throw.
 * @param onRead given the document and its chunks as soon as they are made, before the facts are read (and awaited)
 */
export async function processFile(task: FileTask, onRead?: (doc: StoredDocument, chunks: Chunk[]) => Promise<void>): Promise<FileOutcome> {
  try {
    const loaded = await loadFile(task.file, { maxBytes: task.maxBytes, docxMaxXmlBytes: task.docxMaxXmlBytes });
    const ext = path.extname(task.file);
    const doc: StoredDocument = {
      id: task.id,
      file: task.relative,
      hash: task.hash,
      meta: { ...loaded.meta, title: loaded.meta.title || path.basename(task.file, ext) },
      text: loaded.text,
      pages: loaded.pages,
      warnings: loaded.warnings,
      // Read here, file by file, so that a server does not read every document's on its first question.
      abbreviations: definedAbbreviations(loaded.text),
    };
    const chunks = chunkDocument(task.id, loaded.text, loaded.pages);
    await onRead?.(doc, chunks);
    const facts = extractFacts(doc, chunks);
    return { ok: true, doc, chunks, facts };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, reason: error.message };
    return { ok: false, code: 'INGEST_UNREADABLE', reason: `Không đọc được tệp: ${(error as Error).message}` };
  }
}
