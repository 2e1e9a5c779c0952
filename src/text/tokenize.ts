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

/**
 * Function words and question words, accent-folded: they carry no topic. Used as such only for text typed without
 * accents, where "co" may be "có" or "cơ"; an accented syllable is checked against {@link STOPWORDS} instead, so
 * "cơ quan", "trọng tâm", "Đảng", "hội nghị", "đề án" keep their topic words.
 */
const STOPWORDS_FOLDED = new Set(
  (
    'la cua va cac nhung duoc co cho trong voi theo ve thi nay do nao gi bao nhieu ai khi nhu the ra sao tai vi sao ' +
    'mot hay hoac den tu tren duoi se da dang con cung nhat rat moi viec nguoi phai khong chua bi boi ma neu thuoc ' +
    'o ay kia vay a u nhi nhe de lam gom hien nhieu it chi ca hon sau truoc qua lai nen nham vao giua cung voi ' +
    'bao gio luc may dau ban toi chung ta xin hoi cho biet hoi vui long'
  ).split(/\s+/),
);

/** The same function and question words, spelt with their accents. */
const STOPWORDS = new Set(
  (
    'là của và các những được có cho trong với theo về thì này do nào gì bao nhiêu ai khi như thế ra sao tại vì ' +
    'một hay hoặc đến từ trên dưới sẽ đã đang còn cũng cùng nhất rất mọi mỗi việc người phải không chưa bị bởi mà ' +
    'nếu thuộc ở ấy kia vậy à ạ ư nhỉ nhé để làm gồm hiện nhiều ít chỉ cả hơn sau trước qua lại nên nhằm vào giữa ' +
    'giờ lúc mấy đâu bạn tôi chúng ta xin hỏi biết vui lòng đó đây đấy hãy nay nọ'
  ).split(/\s+/).map(canonSyllable),
);

export interface Token {
  /** Lower-case accented form. */
  text: string;
  /** Lower-case accent-folded form. */
  folded: string;
  start: number;
  end: number;
}

/**
 * A syllable's canonical and folded spellings, remembered: a language has some thousands of syllables, and a long
 * document repeats them millions of times (these were most of the time of embedding a 45 MB text).
 */
const SPELLINGS = new Map<string, { text: string; folded: string }>();
function spellings(raw: string): { text: string; folded: string } {
  let found = SPELLINGS.get(raw);
  if (!found) {
    const text = canonSyllable(raw);
    found = { text, folded: fold(text) };
    if (SPELLINGS.size >= 200_000) SPELLINGS.clear();
    SPELLINGS.set(raw, found);
  }
  return found;
}

/** Syllable and number tokens of a text, with offsets. */
export function tokens(text: string): Token[] {
  const source = lower(text);
  const out: Token[] = [];
  for (const m of source.matchAll(WORD)) {
    const { text, folded } = spellings(m[0]);
    out.push({ text, folded, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Words of conversation rather than topic ("Em thấy … không biết … ạ?"), compared with their accents: folded, several
 * are topic words ("thấy" → "thay" as in "thay thế").
 */
const CHAT_WORDS = new Set('em mình thấy muốn ạ nhé hả ơi dạ thưa vậy rồi'.split(' '));

/** True for a function, question or conversation word (an accented syllable compared with its accents). */
export function isStopword(token: string): boolean {
  let known = stopwordMemo.get(token);
  if (known === undefined) {
    const word = canonSyllable(token.toLowerCase());
    known = CHAT_WORDS.has(word) || (fold(word) === word ? STOPWORDS_FOLDED.has(word) : STOPWORDS.has(word));
    // Words are few (syllables and their pairs): the memo is bounded only against a flood of odd tokens.
    if (stopwordMemo.size > 200_000) stopwordMemo.clear();
    stopwordMemo.set(token, known);
  }
  return known;
}

/**
 * The stopword check for a syllable of a text typed with its accents: a syllable written without any is that word
 * ("Ban Chỉ đạo", "chi ngân sách"), not the folded spelling of another ("bạn", "chỉ"). For text typed without
 * accents, {@link isStopword}.
 */
export function isStopwordAccented(token: string): boolean {
  const word = canonSyllable(token.toLowerCase());
  return CHAT_WORDS.has(word) || STOPWORDS.has(word);
}

/** The stopword check for a text typed with accents (`accented`) or without. */
export function stopwordCheck(accented: boolean): (token: string) => boolean {
  return accented ? isStopwordAccented : isStopword;
}

/** isStopword's answers so far (a pure function of the token). */
const stopwordMemo = new Map<string, boolean>();

/** The accent-folded check alone, as the local embedding (`hashing-v1`) has always weighed words: kept unchanged so
 * that indexes built before stay comparable. */
export function isFoldedStopword(word: string): boolean {
  let stop = FOLDED_STOP.get(word);
  if (stop === undefined) {
    stop = STOPWORDS_FOLDED.has(fold(word));
    if (FOLDED_STOP.size >= 200_000) FOLDED_STOP.clear();
    FOLDED_STOP.set(word, stop);
  }
  return stop;
}
const FOLDED_STOP = new Map<string, boolean>();

export interface Terms {
  /** Accented syllables, bigrams and entity terms. */
  accented: string[];
  /** The same, accent-folded. */
  folded: string[];
}

/** Entity terms ("#nq:57", "#57-nq/tw", "#d:15/1/2025", "#m:6/2025") of a text. */
export function entityTerms(text: string): string[] {
  const terms: string[] = [];
  // Every document number and date is written with digits (and neither NFC nor folding makes one).
  if (!/\d/.test(text)) return terms;
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

/** The bigrams of neighbouring tokens parted by white space only, in one field's spelling. */
function bigrams(list: Token[], source: string, pick: (t: Token) => string): string[] {
  const out: string[] = [];
  for (let i = 1; i < list.length; i++) {
    if (onlySpaces(source, list[i - 1]!.end, list[i]!.start)) out.push(`${pick(list[i - 1]!)}_${pick(list[i]!)}`);
  }
  return out;
}

/**
 * Index and query terms of a text: syllables, syllable bigrams and entity terms, in both spellings.
 */
const PERCENT = { accented: ['phần', 'trăm', 'phần_trăm'], folded: ['phan', 'tram', 'phan_tram'] };

/**
 * The terms of one field of a text, as {@link terms} gives them, in a Set; entity terms only when `entities` (they are
 * the only terms starting with "#", and finding them is most of the cost).
 */
export function termSet(text: string, field: keyof Terms, entities: boolean): Set<string> {
  const source = lower(text);
  const list = tokens(source);
  const pick = field === 'accented' ? (t: Token) => t.text : (t: Token) => t.folded;
  const out = new Set<string>();
  let percent = false;
  for (const t of list) {
    out.add(pick(t));
    if (t.text.endsWith('%')) percent = true;
  }
  for (const pair of bigrams(list, source, pick)) out.add(pair);
  if (entities) for (const e of entityTerms(text)) out.add(e);
  if (percent) for (const p of PERCENT[field]) out.add(p);
  return out;
}

/**
 * Of the terms `wanted`, those one field of a text holds: the same as `termSet(text, field, entities)` ∩ `wanted`, read
 * without making a token or a term the question does not ask about.
 */
export function termsHeld(text: string, field: keyof Terms, wanted: ReadonlySet<string>, entities: boolean): Set<string> {
  const source = lower(text);
  // tokens(source) lower-cases again; its offsets are those of the twice-lowered text, as in terms().
  const words = lower(source);
  const out = new Set<string>();
  let percent = false;
  let previous: string | undefined;
  let previousEnd = 0;
  for (const m of words.matchAll(WORD)) {
    const spelt = spellings(m[0]);
    const word = field === 'accented' ? spelt.text : spelt.folded;
    if (wanted.has(word)) out.add(word);
    if (spelt.text.endsWith('%')) percent = true;
    if (previous !== undefined && onlySpaces(source, previousEnd, m.index)) {
      const pair = `${previous}_${word}`;
      if (wanted.has(pair)) out.add(pair);
    }
    previous = word;
    previousEnd = m.index + m[0].length;
  }
  if (entities) for (const e of entityTerms(text)) if (wanted.has(e)) out.add(e);
  if (percent) for (const p of PERCENT[field]) if (wanted.has(p)) out.add(p);
  return out;
}

/** True when `text` from `from` to `to` is one or more white-space characters: what /^\s+$/ tests, without a slice. */
export function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** A character JavaScript's \s matches: white space (Unicode Zs, tab, VT, FF, BOM) and line terminators. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

export function terms(text: string): Terms {
  const source = lower(text);
  const list = tokens(source);
  const entities = entityTerms(text);
  // "30%" is read "ba mươi phần trăm": a percentage holds the words a question asks it with ("bao nhiêu phần trăm").
  const percent = list.some((t) => t.text.endsWith('%'));
  // Syllables, then bigrams, then entity terms (the order the postings first meet them in), both spellings at once.
  const accented: string[] = [];
  const folded: string[] = [];
  for (const t of list) {
    accented.push(t.text);
    folded.push(t.folded);
  }
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    if (SPACES_ONLY.test(source.slice(a.end, b.start))) {
      accented.push(`${a.text}_${b.text}`);
      folded.push(`${a.folded}_${b.folded}`);
    }
  }
  for (const e of entities) {
    accented.push(e);
    folded.push(e);
  }
  if (percent) {
    accented.push(...PERCENT.accented);
    folded.push(...PERCENT.folded);
  }
  return { accented, folded };
}

/** Bigrams join syllables not separated by punctuation other than spaces. */
const SPACES_ONLY = /^\s+$/;

/**
 * A text's syllable and number tokens read once for everything an ingest makes of them: `texts[i]` and `folded[i]` are
 * `tokens(text)[i].text` and `.folded` (what the hashing embedder reads), and they are also the tokens `terms(text)`
 * reads (`tokens(lower(text))`), with `pairs[i]` true when token i and the one before it make a bigram term.
 */
export interface TokenRun {
  texts: string[];
  folded: string[];
  pairs: boolean[];
  /** Some token ends with "%" (terms() then adds PERCENT's terms). */
  percent: boolean;
}

/**
 * The tokens of a text as {@link TokenRun}, or undefined where lower-casing it again would change it (a letter whose
 * lower case NFC composes further): there `tokens(text)` and `terms(text)` read different strings, and the caller
 * reads the text as they do.
 */
export function tokenRun(text: string): TokenRun | undefined {
  const source = lower(text);
  if (lower(source) !== source) return undefined;
  const texts: string[] = [];
  const folded: string[] = [];
  const pairs: boolean[] = [];
  let percent = false;
  let previousEnd = -1;
  for (const m of source.matchAll(WORD)) {
    const spelt = spellings(m[0]);
    texts.push(spelt.text);
    folded.push(spelt.folded);
    pairs.push(previousEnd >= 0 && onlySpaces(source, previousEnd, m.index));
    if (spelt.text.endsWith('%')) percent = true;
    previousEnd = m.index + m[0].length;
  }
  return { texts, folded, pairs, percent };
}

/** The terms PERCENT adds for a percentage, in one field's spelling. */
export function percentTerms(field: keyof Terms): readonly string[] {
  return PERCENT[field];
}
