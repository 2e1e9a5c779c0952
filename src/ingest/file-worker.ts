/**
 * The child process that reads files for an ingest (`sandbox.ts` starts it with a heap limit): one file at a time,
 * loaded, chunked and its facts read, the result sent back (in two parts when asked: see `early`). A file that blows
 * the heap or hangs kills only this process; the parent names the file and goes on with a fresh one.
 */
import { processFile, type FileTask, type FileOutcome } from './process-file.js';
import type { Chunk } from './chunk.js';
import type { StoredDocument } from '../index/store.js';

process.on('message', (task: FileTask & { seq: number }) => {
  let early = false;
  // Asked for early: the document and its chunks go first, and the facts are read only once they are written to the
  // parent (a message still queued is not written while the facts are read), so that it can work on them meanwhile.
  const onRead = task.early
    ? (doc: StoredDocument, chunks: Chunk[]) =>
        new Promise<void>((resolve) => {
          early = true;
          process.send?.({ seq: task.seq, early: true, doc, chunks }, undefined, {}, () => resolve());
        })
    : undefined;
  void processFile(task, onRead).then((outcome: FileOutcome) =>
    process.send?.({ seq: task.seq, ...(early && outcome.ok ? { ok: true, facts: outcome.facts } : outcome) }),
  );
});
process.send?.({ ready: true });
