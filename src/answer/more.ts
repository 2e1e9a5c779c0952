/**
 * The rest of a list answer ("Xem thêm 12 nhiệm vụ khác …"): the items the answer does not show, each with its own
 * citation, so the widget can open the whole list without asking again.
 */
import type { Passage } from '../retrieve/engine.js';
import { citationOf } from './extractive.js';
import type { MoreItems } from './types.js';

/** At most this many further items are sent (a table of 140 tasks stays one reply of bounded size). */
export const MORE_LIMIT = 200;

/** One item not shown: its text as the answer would write it, and where it stands. */
export interface RestItem {
  text: string;
  passage: Passage;
  highlight: { start: number; end: number };
}

/**
 * The `more` field of a list answer.
 * @param shownCitations how many citations the answer itself has (the rest are numbered after them)
 * @param total how many items the list has in all
 * @returns undefined when nothing is left over
 */
export function moreOf(rest: RestItem[], shownCitations: number, total: number): MoreItems | undefined {
  if (!rest.length) return undefined;
  return {
    total,
    shown: total - rest.length,
    items: rest.slice(0, MORE_LIMIT).map((r, i) => ({ text: r.text, citation: citationOf(shownCitations + i + 1, r.passage, r.highlight) })),
  };
}
