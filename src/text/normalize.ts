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

/** Removes Vietnamese diacritics ("Tỷ trọng" → "Ty trong", "đ" → "d"); keeps case. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
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
