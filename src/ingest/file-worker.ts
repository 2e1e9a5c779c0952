/**
 * The child process that reads files for an ingest (`sandbox.ts` starts it with a heap limit): one file at a time,
 * loaded, chunked and its facts read, the result sent back. A file that blows the heap or hangs kills only this
 * process; the parent names the file and goes on with a fresh one.
 */
import { processFile, type FileTask, type FileOutcome } from './process-file.js';

process.on('message', (task: FileTask & { seq: number }) => {
  void processFile(task).then((outcome: FileOutcome) => process.send?.({ seq: task.seq, ...outcome }));
});
process.send?.({ ready: true });
