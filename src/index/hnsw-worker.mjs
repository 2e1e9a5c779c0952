// The HNSW graph of an index version, built in a worker thread (store.ts `writeHnsw`) so that the ingest's main
// thread computes the features and writes the other files meanwhile, on the other core. Plain JavaScript: a worker
// thread runs it without a TypeScript loader. The points are added one by one in order with the same parameters as
// `buildHnsw`, so the graph (and the file) is the one the main thread would build.
import { parentPort, workerData } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';

const { dimensions, count, m, efConstruction, seed, vectors, file } = workerData;
const hnsw = new hnswlib.HierarchicalNSW('cosine', dimensions);
hnsw.initIndex(Math.max(1, count), m, efConstruction, seed);
const point = new Array(dimensions);
for (let i = 0; i < count; i++) {
  const at = i * dimensions;
  for (let j = 0; j < dimensions; j++) point[j] = vectors[at + j];
  hnsw.addPoint(point, i);
}
await hnsw.writeIndex(file);
parentPort.postMessage('done');
