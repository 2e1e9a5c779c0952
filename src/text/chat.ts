/**
 * Questions as people type them in a chat box: shorthand spellings ("bn", "bao nhiu", "ko", "đc", "ktra", "kq") are
 * written out before a question is read, so every later step sees the words documents use. Only forms that are not
 * Vietnamese words of their own are listed; a shorthand that could be a document's code ("KH", "NQ") is not.
 */

/** Shorthand (lower case, accents as typed) → the words it stands for. */
const SHORTHAND: ReadonlyArray<readonly [string, string]> = [
  ['bn', 'bao nhiêu'],
  ['bnhieu', 'bao nhiêu'],
  ['bao nhiu', 'bao nhiêu'],
  ['ko', 'không'],
  ['hok', 'không'],
  ['k', 'không'],
  ['dc', 'được'],
  ['đc', 'được'],
  ['j', 'gì'],
  ['ntn', 'như thế nào'],
  ['ktra', 'kiểm tra'],
  ['kq', 'kết quả'],
  ['bc', 'báo cáo'],
  ['cq', 'cơ quan'],
  ['tg', 'thời gian'],
  ['sl', 'số lượng'],
  ['ng', 'người'],
  ['vs', 'với'],
  ['bgio', 'bao giờ'],
  ['dn', 'doanh nghiệp'],
  ['nv', 'nhiệm vụ'],
  ['vb', 'văn bản'],
  ['cb', 'cán bộ'],
  // "… do ai ký z bn?": "bn" closing a question after "z" / "vậy" is "bạn", not "bao nhiêu".
  ['z bn', 'vậy bạn'],
  ['vậy bn', 'vậy bạn'],
  ['z', 'vậy'],
  ['cp', 'Chính phủ'],
  ['ct hành động', 'chương trình hành động'],
  ['ctr', 'chương trình'],
];

/** A shorthand only where it stands as a word, in lower case (an upper-case "BC" or "KT" may be a code). */
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}/-])(${[...SHORTHAND].sort((a, b) => b[0].length - a[0].length).map(([s]) => s.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}/-])`,
  'gu',
);
const EXPANSION = new Map(SHORTHAND.map(([s, w]) => [s, w]));

/** True when a question is typed with Vietnamese accents somewhere. */
const ACCENTED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/**
 * The question with chat shorthand written out ("Kế hoạch 138 đã hoàn thành bn nhiệm vụ?" → "… bao nhiêu nhiệm
 * vụ?"). A question typed without accents gets its expansions without accents too, so it is still read as such.
 */
export function writeOutShorthand(question: string): string {
  const accented = ACCENTED.test(question);
  // "UB Quốc phòng và An ninh": "UB" before a capitalised name is "Ủy ban" (a code would stand alone or before digits).
  const bodies = question.replace(/(?<![\p{L}\p{N}])(?:UB|Ub)(?=\s+\p{Lu})/gu, accented ? 'Ủy ban' : 'Uy ban');
  return bodies.replace(PATTERN, (written: string) => {
    const key = written.replace(/\s+/g, ' ');
    // Upper case marks a code or a name ("BC" of a report's number, "K" of a class), not chat.
    if (key !== key.toLowerCase()) return written;
    const words = EXPANSION.get(key);
    if (!words) return written;
    return accented ? words : words.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  });
}

/** "(đến) cuối thập kỷ này", "thập niên này" (with or without accents): the decade the question is asked in. */
const THIS_DECADE = /(?<![\p{L}])(?:(đến|tới|den|toi)\s+)?(?:(cuối|cuoi)\s+)?(?:thập|thap)\s+(?:kỷ|kỉ|niên|ky|ki|nien)\s+(?:này|nay)(?![\p{L}])/giu;

/**
 * Times told against today that name one year: "đến cuối thập kỷ này" asked in 2026 → "đến năm 2030" (the year a
 * decade's targets are set for). Nearer times ("năm tới") are left as typed.
 * @param now the date the question is asked
 */
export function writeOutDecade(question: string, now = new Date()): string {
  const end = Math.floor(now.getFullYear() / 10) * 10 + 10;
  return question.replace(THIS_DECADE, (_all, until?: string) => {
    const accented = ACCENTED.test(question);
    return `${until ? `${until} ` : ''}${accented ? 'năm' : 'nam'} ${end}`;
  });
}
