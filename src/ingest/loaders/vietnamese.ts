/**
 * Just enough Vietnamese orthography to tell real text from mojibake: a syllable validator and a score used to pick
 * the right legacy encoding.
 */

const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x'];

// Every rhyme of the standard orthography, tones removed (permissive on rare ones: the aim is to reject mojibake).
const RHYMES = `a ac ach ai am an ang anh ao ap at au ay ă ăc ăm ăn ăng ăp ăt â âc âm ân âng âp ât âu ây
  e ec em en eng eo ep et ê êch êm ên ênh êp êt êu i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
  o oc oi om on ong oong oo op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
  u ua uc ui um un ung up ut uơ ư ưa ưc ưi ưm ưn ưng ưt ưu y yêm yên yêng yêt yêu
  oa oac oach oai oam oan oang oanh oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
  uâ uân uâng uât uây uê uêch uên uênh uy uya uych uyn uynh uyp uyt uyu uyên uyêt
  uô uôc uôi uôm uôn uông uôt ươ ươc ươi ươm ươn ương ươp ươt ươu`.split(/\s+/);

const SYLLABLE_RE = new RegExp(`^(?:${ONSETS.join('|')})?(?:${RHYMES.sort((a, b) => b.length - a.length).join('|')})$`);

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** True when `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS);
  if (tones && tones.length > 1) return false;
  const base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  return SYLLABLE_RE.test(base);
}

export interface VietnameseScore {
  /** Words with a non-ASCII letter that are valid syllables. */
  valid: number;
  /** Words with a non-ASCII letter that are not. */
  invalid: number;
}

/** Counts words carrying Vietnamese letters or diacritics that are, and are not, valid syllables. ASCII words are ignored. */
export function scoreVietnamese(text: string): VietnameseScore {
  let valid = 0;
  let invalid = 0;
  for (const word of text.normalize('NFC').match(/[\p{L}\p{M}]+/gu) ?? []) {
    if (/^[A-Za-z]+$/.test(word)) continue;
    if (isVietnameseSyllable(word)) valid++;
    else invalid++;
  }
  return { valid, invalid };
}
