// The HNSW graph of an index version, built in a worker thread (store.ts `HnswStream`) so that the ingest's main
// thread goes on meanwhile — computing features, writing the other files, or embedding the next files while the
// graph takes the vectors of those before. Plain JavaScript: a worker thread runs it without a TypeScript loader.
// Points are added one by one in the order sent, with the parameters given, so the graph (and the file) is the one
// `buildHnsw` makes on the main thread; the capacity grows as points come and is set to the final count before the
// file is written (a resized graph is written byte for byte as one made at that size).
import { parentPort, workerData } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';

const { dimensions, m, efConstruction, seed, capacity, stop } = workerData;
// Set by the main thread to cancel: checked between points, so the thread is never terminated inside the addon (a
// worker terminated during a native call aborts the whole process).
const stopped = () => Atomics.load(stop, 0) !== 0;
const hnsw = new hnswlib.HierarchicalNSW('cosine', dimensions);
let size = Math.max(1, capacity);
hnsw.initIndex(size, m, efConstruction, seed);
let count = 0;
const point = new Array(dimensions);

parentPort.on('message', async (message) => {
  try {
    if (message.stop || stopped()) {
      parentPort.close();
      return;
    }
    if (message.vectors) {
      const vectors = message.vectors;
      const n = vectors.length / dimensions;
      if (count + n > size) {
        size = Math.max(count + n, size * 2);
        hnsw.resizeIndex(size);
      }
      for (let i = 0; i < n; i++) {
        if (stopped()) return;
        const at = i * dimensions;
        for (let j = 0; j < dimensions; j++) point[j] = vectors[at + j];
        hnsw.addPoint(point, count++);
      }
    } else if (message.file) {
      if (size !== Math.max(1, count)) hnsw.resizeIndex(Math.max(1, count));
      await hnsw.writeIndex(message.file);
      parentPort.postMessage({ done: count });
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error?.message ?? error) });
  }
});
