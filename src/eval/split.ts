/**
 * The fixed rule that splits every question set into a tuning half and a held-out half: the first byte of the
 * SHA-256 of the question's id, even for tuning, odd for held-out. A change is judged on the held-out half; it never
 * depends on the question's text, so rewording a question does not move it between halves.
 */
import { createHash } from 'node:crypto';

export type Half = 'tuning' | 'heldout';

/** The half a question (or a dialogue) belongs to, from its id alone. */
export function halfOf(id: string): Half {
  return createHash('sha256').update(id).digest()[0]! % 2 === 0 ? 'tuning' : 'heldout';
}
