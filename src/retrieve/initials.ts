/**
 * Initials a question uses for a name the corpus writes out ("QN" for Quảng Ninh, "VPTW" for Văn phòng Trung ương,
 * "BCĐ" for Ban Chỉ đạo): an upper-case word the corpus never writes is read as the phrase whose words' initials
 * spell it, when the corpus uses one such phrase far more than any other. Looked up once per word and engine.
 */
import { fold } from '../text/normalize.js';
import type { SearchEngine } from './engine.js';

/** Initials of two to six letters, as typed (upper case, "Đ" too). */
const INITIALS = /(?<![\p{L}\p{N}&/-])[A-ZĐ]{2,6}(?![\p{L}\p{N}&/-])/gu;
/** "W" writes "Ư" in initials ("TW" for Trung ương). Word openings of two letters Vietnamese writes as one sound ("kh", "ng", "th" …): a word may give both. */
const DIGRAPHS = new Set(['kh', 'ng', 'nh', 'th', 'ch', 'tr', 'ph', 'gi', 'qu', 'gh']);
/** Times the phrase must occur, and its least share of all the phrases those initials spell. */
const MIN_USES = 2;
const MIN_SHARE = 0.6;

const cache = new WeakMap<SearchEngine, Map<string, string | null>>();

/** The ways letters split into word openings: "khcn" → [kh, c, n] and [k, h, c, n]. */
function splits(letters: string): string[][] {
  if (!letters) return [[]];
  const out: string[][] = [];
  for (const head of [letters.slice(0, 1), ...(DIGRAPHS.has(letters.slice(0, 2)) ? [letters.slice(0, 2)] : [])]) {
    for (const rest of splits(letters.slice(head.length))) out.push([head, ...rest]);
  }
  return out;
}

/** The phrase the corpus writes most often for these initials, as written there, if one stands out. */
function expansion(engine: SearchEngine, initials: string): string | undefined {
  let known = cache.get(engine);
  if (!known) cache.set(engine, (known = new Map()));
  const hit = known.get(initials);
  if (hit !== undefined) return hit ?? undefined;
  const letters = fold(initials).toLowerCase();
  const pattern = new RegExp(
    `(?<![a-z0-9])(?:${splits(letters).map((parts) => parts.map((p) => `${p === 'w' ? '(?:w|u)' : p}[a-z]*`).join(' ')).join('|')})(?![a-z0-9])`,
    'g',
  );
  const counts = new Map<string, { n: number; written: string }>();
  let total = 0;
  for (const doc of engine.allDocuments()) {
    const folded = fold(doc.text).toLowerCase();
    for (const m of folded.matchAll(pattern)) {
      const written = doc.text.slice(m.index, m.index + m[0].length);
      // A name: its first word written with a capital.
      if (!/^\p{Lu}/u.test(written)) continue;
      total++;
      const entry = counts.get(m[0]);
      if (entry) entry.n++;
      else counts.set(m[0], { n: 1, written });
    }
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  const found = best && best.n >= MIN_USES && best.n >= MIN_SHARE * total ? best.written : undefined;
  known.set(initials, found ?? null);
  return found;
}

/**
 * The question with initials the corpus never writes replaced by the name they stand for.
 * @param isKnown tells whether the corpus (or its abbreviations) already has the word as written
 */
export function expandInitials(question: string, engine: SearchEngine, isKnown: (word: string) => boolean): string {
  return question.replace(INITIALS, (word: string) => (isKnown(word) ? word : (expansion(engine, word) ?? word)));
}
