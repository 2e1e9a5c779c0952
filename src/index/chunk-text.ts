import type { Chunk } from '../ingest/chunk.js';
import { headingOf } from '../ingest/chunk.js';
import type { StoredDocument } from './store.js';
import { entityTerms } from '../text/tokenize.js';

interface OpenHeading {
  level: number;
  label: string;
  /** The heading's whole line. */
  line: string;
}

/** A heading line's offset and the headings open there, outermost first (nested as the chunker nests them). */
interface HeadingAt {
  start: number;
  stack: OpenHeading[];
}

const headingCache = new WeakMap<object, HeadingAt[]>();

/** Every heading line of a document, in order (computed once per document object). */
function headingsOf(document: { text: string }): HeadingAt[] {
  let list = headingCache.get(document);
  if (list) return list;
  list = [];
  let stack: OpenHeading[] = [];
  let start = 0;
  const text = document.text;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const line = text.slice(start, i).trim();
    const heading = line.length <= 300 ? headingOf(line) : undefined;
    if (heading) {
      stack = [...stack.filter((h) => h.level < heading.level), { level: heading.level, label: heading.label, line: line.replace(/\s+/g, ' ') }];
      list.push({ start, stack });
    }
    start = i + 1;
  }
  headingCache.set(document, list);
  return list;
}

/** The headings a chunk sits under, outermost first: those of its section path open at its start. */
function openHeadings(chunk: Chunk, document: { text: string }): OpenHeading[] {
  const list = headingsOf(document);
  let lo = 0;
  let hi = list.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= chunk.start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at < 0) return [];
  const labels = new Set(chunk.section);
  return list[at]!.stack.filter((h) => labels.has(h.label));
}

/** Whole lines of the headings a chunk sits under, outermost first ("Điều 44. Chiếm hữu, sử dụng, …", "3. …"). */
export function headingLinesOf(chunk: Chunk, document: { text: string }): string[] {
  return openHeadings(chunk, document).map((h) => h.line);
}

/**
 * What retrieval sees of a chunk: its section path, the headings above it that its text does not start with (so the
 * second chunk of an article still carries the article's title), the table header for a row, the text, and the
 * number of its document (so "Nghị quyết 57" finds the passages of 57-NQ/TW even where the text does not repeat it).
 */
export function indexTextOf(chunk: Chunk, document: Pick<StoredDocument, 'meta' | 'text'>): string {
  return indexTextWith(chunk, document, openHeadings(chunk, document));
}

/** The chunk's `indexTextOf` and its `headingLinesOf`, its headings found once for both (an ingest reads both). */
export function indexTextAndHeadings(chunk: Chunk, document: Pick<StoredDocument, 'meta' | 'text'>): { text: string; headings: string[] } {
  const open = openHeadings(chunk, document);
  return { text: indexTextWith(chunk, document, open), headings: open.map((h) => h.line) };
}

function indexTextWith(chunk: Chunk, document: Pick<StoredDocument, 'meta' | 'text'>, open: readonly OpenHeading[]): string {
  const head = chunk.text.trimStart();
  const above = open.map((h) => h.line).filter((line) => !head.startsWith(line) && line !== chunk.heading);
  const parts = [chunk.section.join(' '), ...above, chunk.heading ?? '', chunk.header?.join(' ') ?? '', chunk.text];
  if (document.meta.number) parts.push(namesEntity(document.meta.number) ? document.meta.number : '');
  return parts.filter(Boolean).join('\n');
}

/** Whether a document number gives entity terms, remembered: every chunk of a document asks it of the same number. */
function namesEntity(number: string): boolean {
  let known = entityNumbers.get(number);
  if (known === undefined) {
    known = entityTerms(number).length > 0;
    if (entityNumbers.size >= 10_000) entityNumbers.clear();
    entityNumbers.set(number, known);
  }
  return known;
}
const entityNumbers = new Map<string, boolean>();
