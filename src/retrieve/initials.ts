/**
 * Initials a question uses for a name the corpus writes out ("QN" for Quảng Ninh, "VPTW" for Văn phòng Trung ương,
 * "BCĐ" for Ban Chỉ đạo): an upper-case word the corpus never writes is read as the phrase whose words' initials
 * spell it, when the corpus uses one such phrase far more than any other. Looked up once per word and engine.
 */
import { typeCode } from '../text/docrefs.js';
import { fold, hasDiacritics } from '../text/normalize.js';
import type { SearchEngine } from './engine.js';

/** Initials of two to six letters, as typed (upper case, "Đ" too). */
const INITIALS = /(?<![\p{L}\p{N}&/-])[A-ZĐ]{2,6}(?![\p{L}\p{N}&/-])/gu;
/** "W" writes "Ư" in initials ("TW" for Trung ương). Word openings of two letters Vietnamese writes as one sound ("kh", "ng", "th" …): a word may give both. */
const DIGRAPHS = new Set(['kh', 'ng', 'nh', 'th', 'ch', 'tr', 'ph', 'gi', 'qu', 'gh']);
/** Times the phrase must occur, and its least share of all the phrases those initials spell. */
const MIN_USES = 2;
const MIN_SHARE = 0.6;

const cache = new WeakMap<SearchEngine, Map<string, string | null>>();
/**
 * Distinct initials looked up per engine at most: each look-up reads the corpus once, so a client sending ever new
 * upper-case words cannot make every question a full scan; past it, unknown initials are left as typed.
 */
const MAX_LOOKUPS = 500;

/** The ways letters split into word openings: "khcn" → [kh, c, n] and [k, h, c, n]. */
function splits(letters: string): string[][] {
  if (!letters) return [[]];
  const out: string[][] = [];
  for (const head of [letters.slice(0, 1), ...(DIGRAPHS.has(letters.slice(0, 2)) ? [letters.slice(0, 2)] : [])]) {
    for (const rest of splits(letters.slice(head.length))) out.push([head, ...rest]);
  }
  return out;
}

/**
 * A pattern source for the words, folded and lower-case, whose initials spell `initials` ("QH" → "q[a-z]* h[a-z]*",
 * matching "quoc hoi"), as one group.
 */
export function initialsSource(initials: string): string {
  const letters = fold(initials).toLowerCase();
  return `(?:${splits(letters).map((parts) => parts.map((p) => `${p === 'w' ? '(?:w|u)' : p}[a-z]*`).join(' ')).join('|')})`;
}

/** The phrase the corpus writes most often for these initials, as written there, if one stands out. */
function expansion(engine: SearchEngine, initials: string): string | undefined {
  let known = cache.get(engine);
  if (!known) cache.set(engine, (known = new Map()));
  const hit = known.get(initials);
  if (hit !== undefined) return hit ?? undefined;
  if (known.size >= MAX_LOOKUPS) return undefined;
  const pattern = new RegExp(`(?<![a-z0-9])${initialsSource(initials)}(?![a-z0-9])`, 'g');
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

/** Issuer codes of document numbers ("57-NQ/TW", "03/NQ-CP"): never a name's initials. */
const ISSUER_CODES = new Set(['tw', 'cp', 'ubnd', 'hdnd', 'qh']);

/** The corpus's abbreviations (common and defined), by their letters, once per engine. */
const abbreviationLetters = new WeakMap<SearchEngine, Set<string>>();

/** True when a word is not initials to spell out: a type or issuer code, an abbreviation, or a word the corpus writes. */
function isKnown(engine: SearchEngine, word: string): boolean {
  const letters = fold(word).toLowerCase();
  let abbreviations = abbreviationLetters.get(engine);
  if (!abbreviations) {
    abbreviations = new Set(engine.abbreviations.map(([short]) => fold(short).toLowerCase().replace(/[^a-z]/g, '')));
    abbreviationLetters.set(engine, abbreviations);
  }
  return !!typeCode(letters) || ISSUER_CODES.has(letters) || abbreviations.has(letters) || (engine.writes(word) && writesAsWord(engine, word));
}

const standalone = new WeakMap<SearchEngine, Map<string, boolean>>();

/**
 * True when the corpus writes the word on its own, not only as an issuer's code in a document number
 * ("… số 12-KH/BCĐ ngày …" writes "BCĐ" as a code; a question's "trưởng BCĐ" means Ban Chỉ đạo). Read once per word
 * and engine, within the same budget of look-ups as the expansions.
 */
function writesAsWord(engine: SearchEngine, word: string): boolean {
  let known = standalone.get(engine);
  if (!known) standalone.set(engine, (known = new Map()));
  const hit = known.get(word);
  if (hit !== undefined) return hit;
  if (known.size >= MAX_LOOKUPS) return true;
  const alone = new RegExp(`(?<![\\p{L}\\p{N}/-])${word}(?![\\p{L}\\p{N}])`, 'u');
  let found = false;
  for (const doc of engine.allDocuments()) if ((found = alone.test(doc.text))) break;
  known.set(word, found);
  return found;
}

/** The question with initials the corpus never writes replaced by the name they stand for. */
export function expandInitials(question: string, engine: SearchEngine): string {
  // Written in the question's own spelling: a name with accents would make a question typed without them read as
  // accented ("QN xep thu may" → "Quang Ninh xep thu may", not "Quảng Ninh xep …").
  const accented = hasDiacritics(question);
  return question.replace(INITIALS, (word: string) => {
    if (isKnown(engine, word)) return word;
    const phrase = expansion(engine, word);
    return phrase ? (accented ? phrase : fold(phrase)) : word;
  });
}

/**
 * Initials in a question that the corpus writes and also spells out ("CSDL" beside "Cơ sở dữ liệu"), each with the
 * phrase it spells there: they search and count as one another, as a defined abbreviation does.
 */
export function writtenInitials(question: string, engine: SearchEngine): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [word] of question.matchAll(INITIALS)) {
    const letters = fold(word).toLowerCase();
    if (typeCode(letters) || ISSUER_CODES.has(letters) || !engine.writes(word)) continue;
    const phrase = expansion(engine, word);
    if (phrase && !out.some(([w]) => w === word)) out.push([word, phrase]);
  }
  return out;
}

