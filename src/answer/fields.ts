/**
 * Labelled fields a document writes about itself ("Người ký: Phó Thủ tướng …", "Hiệu lực: từ ngày ký", "Cơ quan
 * ban hành: …"), as summaries, registers and information blocks do: a line, or a sentence of a line, opening with a
 * short label and a colon. Read where the document states them, so an answer cites that very text.
 */
import { fold } from '../text/normalize.js';
import type { StoredDocument } from '../index/store.js';

export interface Field {
  /** The label as written ("Người ký"). */
  label: string;
  /** The value as written, without the closing full stop. */
  value: string;
  /** Offsets of the value in the document's text. */
  start: number;
  end: number;
}

/** Labels by the fact they give, accent-folded. */
export const FIELD_LABELS = {
  signer: ['nguoi ky', 'ky boi', 'nguoi ky ban hanh', 'ky ban hanh'],
  effective: ['hieu luc', 'ngay hieu luc', 'ngay co hieu luc', 'hieu luc thi hanh', 'thoi diem co hieu luc'],
} as const;

export type FieldKind = keyof typeof FIELD_LABELS;

/** How far into a document its information block is looked for. */
const HEAD = 20_000;
/** "Label: value" at a line's start (after a list mark) or after a sentence's end; a label is one to six words. */
const LABELLED = /(?:^|(?<=[.;]\s))[-*•+]?\s*(?:\*\*)?(\p{Lu}[\p{Ll}\p{M}]*(?:\s[\p{L}\p{M}]+){0,5}?)(?:\*\*)?\s*:\s+/gmu;

/** The fields of the given kind a document writes in its first pages, in order. */
export function fieldsOf(doc: StoredDocument, kind: FieldKind): Field[] {
  const head = doc.text.slice(0, HEAD);
  const wanted = new Set<string>(FIELD_LABELS[kind]);
  const out: Field[] = [];
  for (const m of head.matchAll(LABELLED)) {
    const label = m[1]!;
    if (!wanted.has(fold(label).toLowerCase())) continue;
    const start = m.index + m[0].length;
    // The value runs to the end of its line, or to the next "Label:" of the same line.
    const lineEnd = head.indexOf('\n', start);
    const line = head.slice(start, lineEnd < 0 ? head.length : lineEnd);
    const next = /[.;]\s+\p{Lu}[\p{Ll}\p{M}]*(?:\s[\p{L}\p{M}]+){0,5}?\s*:\s/u.exec(line);
    const value = (next ? line.slice(0, next.index) : line).replace(/[\s.;]+$/u, '');
    if (value) out.push({ label, value, start, end: start + value.length });
  }
  return out;
}
