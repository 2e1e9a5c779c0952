/**
 * Stable graph labels. A full build labels each chunk's point with the chunk's position. A version patched from the
 * previous one (one file added or removed) keeps the previous graph: the removed chunks' points are marked deleted,
 * the new chunks' points are added with the next free labels, and `labels.json` maps each chunk position to its
 * label. A version without that file has labels = positions. When the deleted points would pass
 * `COMPACT_DELETED_SHARE` of the graph's points, the ingest builds the graph (and everything else) whole instead.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type hnswlib from 'hnswlib-node';

/** Above this share of deleted points among the graph's points, a re-index rebuilds the graph whole (compaction). */
export const COMPACT_DELETED_SHARE = 0.25;

export const LABELS_FILE = 'labels.json';

/** `labels.json`: the graph's parameters, its point count (deleted ones included) and each chunk position's label. */
export interface GraphLabels {
  m: number;
  efConstruction: number;
  points: number;
  labels: number[];
}

/** The label map of a version folder, or undefined when it has none (labels = positions). */
export async function readLabels(dir: string): Promise<GraphLabels | undefined> {
  const file = path.join(dir, LABELS_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as GraphLabels;
}

/** Why a label map disagrees with its graph and chunk count, or undefined. */
export function labelProblem(labels: GraphLabels, points: number, chunks: number): string | undefined {
  if (!Array.isArray(labels.labels) || labels.labels.length !== chunks) return `${labels.labels?.length} nhãn cho ${chunks} đoạn`;
  if (labels.points !== points) return `tệp nhãn ghi ${labels.points} điểm, đồ thị có ${points}`;
  const seen = new Uint8Array(points);
  for (const label of labels.labels) {
    if (!Number.isInteger(label) || label < 0 || label >= points || seen[label]) return `nhãn ${label} sai hoặc trùng`;
    seen[label] = 1;
  }
  return undefined;
}

/**
 * Each graph label's chunk position (-1 for a deleted point).
 * @param labels the version's label map; undefined: labels = positions
 */
export function positionsOfLabels(points: number, labels?: GraphLabels): Int32Array {
  const positions = new Int32Array(points).fill(-1);
  if (!labels) for (let i = 0; i < points; i++) positions[i] = i;
  else labels.labels.forEach((label, position) => (positions[label] = position));
  return positions;
}

/**
 * Patches the previous version's graph in place into the new version's: marks the points of the chunks not kept
 * deleted, adds the new chunks' points with the next free labels.
 * @param oldLabels the previous version's label of each of its chunk positions
 * @param from for each new chunk position, its previous position, or -1 for a new chunk
 * @param vectorOf the vector of a new chunk, by its new position
 * @returns the new version's label map, or undefined when labels are positions (no file needed)
 */
export function patchGraph(
  hnsw: hnswlib.HierarchicalNSW,
  params: { m: number; efConstruction: number },
  oldLabels: ArrayLike<number>,
  from: Int32Array,
  vectorOf: (position: number) => number[],
): GraphLabels | undefined {
  let points = hnsw.getCurrentCount();
  const kept = new Uint8Array(oldLabels.length);
  for (const c of from) if (c >= 0) kept[c] = 1;
  for (let c = 0; c < oldLabels.length; c++) if (!kept[c]) hnsw.markDelete(oldLabels[c]!);
  const fresh = from.reduce((n, c) => n + (c < 0 ? 1 : 0), 0);
  if (fresh) hnsw.resizeIndex(points + fresh);
  const labels = Array.from(from, (c) => (c >= 0 ? oldLabels[c]! : -1));
  from.forEach((c, p) => {
    if (c >= 0) return;
    hnsw.addPoint(vectorOf(p), points);
    labels[p] = points++;
  });
  if (points === labels.length && labels.every((label, p) => label === p)) return undefined;
  return { ...params, points, labels };
}
