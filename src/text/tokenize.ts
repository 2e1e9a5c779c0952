/**
 * Vietnamese tokenisation for retrieval. Vietnamese writes one syllable per space-separated unit and most words are
 * two syllables, so terms are syllables plus adjacent-syllable bigrams ("kinh tế", "tế số" …). Each term exists in
 * two spellings: accented (precise: "bảo" ≠ "báo") and accent-folded (for questions typed without accents).
 * Document numbers and dates become entity terms so "NQ 57" meets "57-NQ/TW" and "15/01/2025" meets "15/1/2025".
 */
import { findDates, findDocRefs } from './docrefs.js';
import { canonSyllable, fold, lower } from './normalize.js';

/** Syllables, numbers (with decimal commas/points and an optional %), and number/code pairs. */
const WORD = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*%?/gu;

/** Function words and question words: they carry no topic, so they are left out of term coverage checks. */
const STOPWORDS_FOLDED = new Set(
  (
    'la cua va cac nhung duoc co cho trong voi theo ve thi nay do nao gi bao nhieu ai khi nhu the ra sao tai vi sao ' +
    'mot hay hoac den tu tren duoi se da dang con cung nhat rat moi viec nguoi phai khong chua bi boi ma neu thuoc ' +
    'o ay kia vay a u nhi nhe de lam gom hien nhieu it chi ca hon sau truoc qua lai nen nham vao giua cung voi ' +
    'bao gio luc may dau ban toi chung ta xin hoi cho biet hoi vui long'
  ).split(/\s+/),
);

export interface Token {
  /** Lower-case accented form. */
  text: string;
  /** Lower-case accent-folded form. */
  folded: string;
  start: number;
  end: number;
}

/** Syllable and number tokens of a text, with offsets. */
export function tokens(text: string): Token[] {
  const source = lower(text);
  const out: Token[] = [];
  for (const m of source.matchAll(WORD)) {
    const text = canonSyllable(m[0]);
    out.push({ text, folded: fold(text), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Words of conversation rather than topic ("Em thấy … không biết … ạ?"), compared with their accents: folded, several
 * are topic words ("thấy" → "thay" as in "thay thế").
 */
const CHAT_WORDS = new Set('em mình thấy muốn ạ nhé hả ơi dạ thưa vậy'.split(' '));

/** True for a function, question or conversation word. */
export function isStopword(token: string): boolean {
  return STOPWORDS_FOLDED.has(fold(token)) || CHAT_WORDS.has(token.toLowerCase());
}

export interface Terms {
  /** Accented syllables, bigrams and entity terms. */
  accented: string[];
  /** The same, accent-folded. */
  folded: string[];
}

/** Entity terms ("#nq:57", "#57-nq/tw", "#d:15/1/2025", "#m:6/2025") of a text. */
export function entityTerms(text: string): string[] {
  const terms: string[] = [];
  for (const ref of findDocRefs(text)) {
    terms.push(`#${ref.key}`);
    if (ref.full) terms.push(`#${ref.full}`);
  }
  for (const date of findDates(text)) {
    if (date.kind === 'day') terms.push(`#d:${date.key}`);
    else if (date.kind === 'month') terms.push(`#m:${date.key}`);
  }
  return terms;
}

/** Bigrams join syllables not separated by punctuation other than spaces. */
function bigrams(list: Token[], source: string, pick: (t: Token) => string): string[] {
  const out: string[] = [];
  for (let i = 1; i < list.length; i++) {
    const gap = source.slice(list[i - 1]!.end, list[i]!.start);
    if (/^\s+$/.test(gap)) out.push(`${pick(list[i - 1]!)}_${pick(list[i]!)}`);
  }
  return out;
}

/**
 * Index and query terms of a text: syllables, syllable bigrams and entity terms, in both spellings.
 */
export function terms(text: string): Terms {
  const source = lower(text);
  const list = tokens(source);
  const entities = entityTerms(text);
  return {
    accented: [...list.map((t) => t.text), ...bigrams(list, source, (t) => t.text), ...entities],
    folded: [...list.map((t) => t.folded), ...bigrams(list, source, (t) => t.folded), ...entities],
  };
}
