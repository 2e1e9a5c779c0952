/**
 * Checks a model's answer before anyone relies on it, and renumbers its citations. Pure: no model, no I/O.
 *
 * - every `[n]` must point to one of the k passages the model was given;
 * - an answer that is not a refusal must cite at least one passage;
 * - every number, percentage and date in a claim must appear in a passage that claim cites ("15/01/2025" =
 *   "15/1/2025" = "ngày 15 tháng 01 năm 2025", "30 %" = "30%", "2,5" = "2.5", "1.000" = "1000").
 */
import { fold } from '../text/normalize.js';

/** A citation marker group as written: "[2]", "[1, 3]", "[1-2]". */
const MARKER = /\[\s*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\s*\]/g;

/** The model's refusal, folded ("Không tìm thấy thông tin…"). */
const NOT_FOUND = /\bkhong tim thay (?:thong tin|noi dung|du lieu|cau tra loi)\b/;

/** The passage numbers of one marker group ("1-3" → 1, 2, 3). */
function markerNumbers(group: string): number[] {
  const out: number[] = [];
  for (const part of group.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      for (let n = from; n <= Math.min(to, from + 20); n++) out.push(n);
    } else if (part.trim()) out.push(Number(part));
  }
  return out;
}

export interface Claim {
  /** The claim's text without its markers. */
  text: string;
  /** Passage numbers (as given to the model) the claim cites. */
  cites: number[];
}

/**
 * Splits an answer into claims: each runs up to and including a group of markers; text after the last group is a
 * claim citing nothing.
 */
export function claimsOf(answer: string): Claim[] {
  const claims: Claim[] = [];
  let from = 0;
  let text = '';
  let cites: number[] = [];
  for (const m of answer.matchAll(MARKER)) {
    text += answer.slice(from, m.index);
    cites.push(...markerNumbers(m[1]!));
    from = m.index + m[0].length;
    // Adjacent groups ("[1][2]", "[1], [2]") belong to the same claim.
    if (/^[\s,;]*\[\s*\d/.test(answer.slice(from))) continue;
    claims.push({ text, cites });
    text = '';
    cites = [];
  }
  const rest = text + answer.slice(from);
  if (rest.replace(/[\s.,;:!?…"“”()]/g, '')) claims.push({ text: rest, cites: [] });
  return claims;
}

/** Canonical forms of a number as written: "1.000" → {1000, 1}, "2,5" → {2.5}, "05" → {5}. */
function numberValues(raw: string): string[] {
  const values = new Set<string>();
  const canon = (s: string) => {
    const n = Number(s);
    if (Number.isFinite(n)) values.add(String(n));
  };
  const groups = raw.split(/[.,]/);
  // Thousands separators (Vietnamese dot, English comma) when every later group has three digits.
  if (groups.length > 1 && groups.slice(1).every((g) => g.length === 3)) canon(groups.join(''));
  // The last separator as the decimal point (Vietnamese comma, English dot).
  const last = Math.max(raw.lastIndexOf('.'), raw.lastIndexOf(','));
  if (last >= 0) canon(`${raw.slice(0, last).replace(/[.,]/g, '')}.${raw.slice(last + 1)}`);
  else canon(raw);
  return [...values];
}

const FULL_DATE = /\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b/g;
const WORD_DATE = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,|\/)\s*(\d{4})\b/g;
const MONTH_YEAR = /\bthang\s+(\d{1,2})\s*(?:\/|nam)\s*(\d{4})\b|\b(\d{1,2})\s*\/\s*(\d{4})\b/g;
const PERCENT = /(\d+(?:[.,]\d+)*)\s*(?:%|phan tram\b)/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** List enumerators the model adds itself: "(1)", "1)", a line starting "2.". */
const ENUMERATOR = /\(\d{1,2}\)|(?:^|\n)\s*\d{1,2}[.)]\s/g;

/** A fact an answer states: a key for each way it may be written. */
export interface Fact {
  /** As written in the answer. */
  raw: string;
  keys: string[];
}

/** Numbers, percentages and dates in a text, with their canonical keys (d:, m:, p:, n:). */
export function factsOf(text: string): Fact[] {
  let rest = fold(text).toLowerCase().replace(MARKER, ' ');
  const facts: Fact[] = [];
  const take = (re: RegExp, make: (m: RegExpMatchArray) => string[]) => {
    for (const m of rest.matchAll(re)) facts.push({ raw: m[0], keys: make(m) });
    // Blank what was taken so "15/01/2025" is not read again as "01/2025" or "15".
    rest = rest.replace(re, (s) => ' '.repeat(s.length));
  };
  const n = (s: string) => String(Number(s));
  take(FULL_DATE, (m) => [`d:${n(m[1]!)}/${n(m[2]!)}/${m[3]}`]);
  take(WORD_DATE, (m) => [`d:${n(m[1]!)}/${n(m[2]!)}/${m[3]}`]);
  take(MONTH_YEAR, (m) => [`m:${n(m[1] ?? m[3]!)}/${m[2] ?? m[4]}`]);
  take(PERCENT, (m) => numberValues(m[1]!).map((v) => `p:${v}`));
  rest = rest.replace(ENUMERATOR, (s) => ' '.repeat(s.length));
  take(NUMBER, (m) => numberValues(m[0]).map((v) => `n:${v}`));
  return facts;
}

/** Every key a passage supports: its facts, month and year of its dates, and the value of every number in it. */
export function evidenceKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const fact of factsOf(text)) {
    for (const key of fact.keys) {
      keys.add(key);
      const [kind, value] = [key.slice(0, 1), key.slice(2)];
      if (kind === 'd') {
        const [d, m, y] = value.split('/');
        keys.add(`m:${m}/${y}`);
        for (const part of [d, m, y]) keys.add(`n:${part}`);
      } else if (kind === 'm') {
        for (const part of value.split('/')) keys.add(`n:${part}`);
      } else if (kind === 'p') keys.add(`n:${value}`);
    }
  }
  // Plain digit runs too, so "57" is supported by "57-NQ/TW".
  for (const m of fold(text).matchAll(/\d+/g)) keys.add(`n:${Number(m[0])}`);
  return keys;
}

export type Verification =
  | { ok: true; notFound: true }
  | {
      ok: true;
      notFound: false;
      /** The answer with markers renumbered in order of first citation: "[3] … [1]" → "[1] … [2]". */
      answer: string;
      /** Passage numbers as given to the model, in the new order (new n = index + 1). */
      cited: number[];
    }
  | { ok: false; reason: string };

/**
 * Verifies an answer against the passages it was given.
 * @param answer the model's answer
 * @param evidence the text the model saw for each passage (index 0 is passage [1]): passage text and its metadata
 */
export function verifyAnswer(answer: string, evidence: string[]): Verification {
  const text = answer.trim();
  if (!text) return { ok: false, reason: 'empty answer' };
  const claims = claimsOf(text);
  const all = claims.flatMap((c) => c.cites);
  const bad = all.find((n) => !Number.isInteger(n) || n < 1 || n > evidence.length);
  if (bad !== undefined) return { ok: false, reason: `citation [${bad}] points to no passage (${evidence.length} given)` };
  if (NOT_FOUND.test(fold(text).toLowerCase()) && text.length < 200) return { ok: true, notFound: true };
  if (!all.length) return { ok: false, reason: 'answer cites no passage' };

  const keysOf = new Map<number, Set<string>>();
  const keys = (n: number) => {
    let k = keysOf.get(n);
    if (!k) keysOf.set(n, (k = evidenceKeys(evidence[n - 1]!)));
    return k;
  };
  for (const claim of claims) {
    // A closing remark without markers is held to every passage the answer cites.
    const cites = claim.cites.length ? claim.cites : [...new Set(all)];
    for (const fact of factsOf(claim.text)) {
      const supported = cites.some((n) => fact.keys.some((key) => keys(n).has(key)));
      if (!supported) return { ok: false, reason: `"${fact.raw.trim()}" is in none of its cited passages [${cites.join(', ')}]` };
    }
  }

  const order: number[] = [];
  for (const n of all) if (!order.includes(n)) order.push(n);
  const renumbered = text.replace(MARKER, (_m, group: string) =>
    [...new Set(markerNumbers(group))].map((n) => `[${order.indexOf(n) + 1}]`).join(''),
  );
  return { ok: true, notFound: false, answer: renumbered, cited: order };
}
