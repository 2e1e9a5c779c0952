/** Unicode and case normalisation for Vietnamese text. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Letters that only Vietnamese (or other accented) spelling has; their presence means the writer typed accents. */
const ACCENTED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** NFC, so that text typed with combining marks (NFD) compares equal to precomposed text. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Lower case in NFC. */
export function lower(text: string): string {
  return nfc(text).toLowerCase();
}

/** What {@link fold} does, by Unicode normalisation: the reference the fast path below is built from and checked against. */
export function foldByNormalizing(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * The fold of each character of the Latin letters, combining accents and punctuation Vietnamese text is written in,
 * where it is ASCII or the character itself (punctuation that neither decomposes nor composes with what is next to
 * it); undefined elsewhere. A text of such characters folds character by character: every one folds on its own, the
 * accents removed are all in U+0300–U+036F, and nothing left composes with its neighbour.
 */
const FOLDED_CHAR: ReadonlyArray<string | undefined> = (() => {
  const table: Array<string | undefined> = [];
  const ranges: Array<[number, number]> = [[0x80, 0x24f], [0x300, 0x36f], [0x1e00, 0x1eff], [0x2000, 0x206f], [0x20a0, 0x20bf], [0x2100, 0x215f], [0x2190, 0x21ff]];
  for (let code = 0; code < 0x2200; code++) table.push(undefined);
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const c = String.fromCharCode(code);
      const folded = foldByNormalizing(c);
      const ascii = [...folded].every((ch) => ch.charCodeAt(0) < 0x80);
      const inert = folded === c && c.normalize('NFD') === c && !/\p{M}/u.test(c);
      if (ascii || inert) table[code] = folded;
    }
  }
  return table;
})();

/** Removes Vietnamese diacritics ("Tỷ trọng" → "Ty trong", "đ" → "d"); keeps case. */
export function fold(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const folded = code < 0x2200 ? FOLDED_CHAR[code] : undefined;
    // Any other character (another script, a surrogate pair, a mark that may compose): the full normalisation.
    if (folded === undefined) return foldByNormalizing(text);
    if (folded.length === 1 && folded.charCodeAt(0) === code) continue;
    out += text.slice(from, i) + folded;
    from = i + 1;
  }
  return from ? out + text.slice(from) : text;
}

/** True when the text carries at least one Vietnamese accented letter. */
export function hasDiacritics(text: string): boolean {
  return ACCENTED.test(nfc(text));
}

/** Collapses runs of white space to one space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Old-style tone placement on "oa", "oe", "uy" at the end of a syllable: "hoá" → "hóa", "thuỷ" → "thủy". */
const TONE_MOVES: Record<string, string> = {
  oà: 'òa', oá: 'óa', oả: 'ỏa', oã: 'õa', oạ: 'ọa',
  oè: 'òe', oé: 'óe', oẻ: 'ỏe', oẽ: 'õe', oẹ: 'ọe',
  uỳ: 'ùy', uý: 'úy', uỷ: 'ủy', uỹ: 'ũy', uỵ: 'ụy',
};
const TONE_MOVE = /(o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])$/u;
/** A syllable-final "y" after a consonant (or "qu") is spelt "i" just as often: "tỷ"/"tỉ", "kỹ"/"kĩ", "quý"/"quí". */
const FINAL_Y = /^(.*(?:[bcdđghklmnprstvx]|qu))([yỳýỷỹỵ])$/u;
const Y_TO_I: Record<string, string> = { y: 'i', ỳ: 'ì', ý: 'í', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };

/** "ngh"/"gh" are written only before i, e, ê: "nghành" is a common misspelling of "ngành". */
const MISSPELT_GH = /^(n?)gh(?=[aàáảãạăằắẳẵặâầấẩẫậoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữự])/u;

/**
 * Canonical spelling of one lower-case NFC syllable, so that spelling variants in circulation meet:
 * tone placement ("hoá" = "hóa"), final i/y ("tỷ lệ" = "tỉ lệ") and "ngh"/"gh" before a back vowel ("nghành" = "ngành").
 */
export function canonSyllable(syllable: string): string {
  // i/y first: in "quý" the "u" belongs to "qu", so the tone must not move onto it.
  const y = FINAL_Y.exec(syllable);
  const s = (y ? y[1]! + (Y_TO_I[y[2]!] ?? y[2]!) : syllable).replace(MISSPELT_GH, '$1g');
  return s.replace(TONE_MOVE, (m) => TONE_MOVES[m] ?? m);
}

/**
 * A reader of phrases written with their accents ("ký", "ban hành"): true when the text says one of them, matched word
 * by word on the folded words, where a word typed with accents must carry the phrase's own ("kỳ họp" says no "ký"),
 * and a word typed without them may stand for it ("ky ngay nao"); spelling variants meet ("kí" = "ký").
 */
export function phraseReader(phrases: readonly string[]): (text: string) => boolean {
  const written = phrases.map((p) => lower(p).split(/\s+/).filter(Boolean).map(canonSyllable));
  const folded = written.map((words) => words.map((w) => fold(w)));
  return (text) => {
    const words = (lower(text).match(/[\p{L}\p{N}]+/gu) ?? []).map(canonSyllable);
    const foldedWords = words.map((w) => fold(w));
    for (let i = 0; i < words.length; i++) {
      for (let p = 0; p < written.length; p++) {
        const phrase = written[p];
        if (i + phrase.length > words.length) continue;
        const says = phrase.every((w, k) => foldedWords[i + k] === folded[p][k] && (words[i + k] === w || !ACCENTED.test(words[i + k])));
        if (says) return true;
      }
    }
    return false;
  };
}
