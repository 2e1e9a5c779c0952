/**
 * Bytes → Unicode for text files: UTF-8 (BOM or not), UTF-16 (BOM, or an unmistakable NUL pattern), and the legacy
 * Vietnamese encodings still found in provincial archives — Windows-1258, TCVN3 (ABC) and VNI-Windows — chosen by
 * which decoding yields the most valid Vietnamese syllables.
 */
import iconv from 'iconv-lite';
import { AppError } from '../../errors.js';
import { scoreVietnamese } from './vietnamese.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3' | 'vni';

/**
 * TCVN3 (TCVN 5712:1993 "ABC", the .VnTime fonts): bytes 0xA1–0xFF. 0xB0–0xB4 are the combining tone marks of VN1.
 * Uppercase accented letters other than Ă Â Ê Ô Ơ Ư Đ do not exist in ABC (documents used the caps fonts .VnTimeH
 * with the lowercase codes); the few VN1 capitals that sit in this range are kept. 0x80–0x9F (VN1 capitals, unused in
 * ABC) are read as Windows-1252 punctuation, which is what Word wrote there (curly quotes, dashes).
 */
export const TCVN3_HIGH: readonly number[] = [
  /* A1 */ 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0,
  /* B0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4,
  /* C0 */ 0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd,
  /* D0 */ 0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2,
  /* E0 */ 0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9,
  /* F0 */ 0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
];

/** Decodes TCVN3 (ABC) bytes. Words typed in the caps fonts (ASCII capitals + lowercase accented codes) are upper-cased. */
export function decodeTcvn3(bytes: Uint8Array): string {
  const low = iconv.decode(Buffer.from(bytes), 'windows-1252');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += b >= 0xa1 ? String.fromCharCode(TCVN3_HIGH[b - 0xa1]!) : low[i];
  }
  return out.normalize('NFC').replace(/[\p{L}\p{M}]+/gu, (word) => {
    const upper = word.match(/\p{Lu}/gu)?.length ?? 0;
    return upper >= 2 && !/[a-z]/.test(word) ? word.toUpperCase() : word;
  });
}

// VNI-Windows: a base letter followed by a modifier byte (read here through Windows-1252), or a standalone byte.
const GRAVE = '\u0300';
const ACUTE = '\u0301';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';

/** Standalone VNI bytes (lowercase; capitals are the same letters upper-cased). */
const VNI_STANDALONE: Record<string, string> = {
  'ì': 'ì', 'í': 'í', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ', 'ñ': 'đ', 'ô': 'ơ', 'ö': 'ư',
};

/** VNI modifiers (lowercase): the combining marks they add and the base letters they may follow. */
const VNI_MODIFIERS: Record<string, { marks: string; bases: string }> = {
  'ø': { marks: GRAVE, bases: 'aeouyơư' },
  'ù': { marks: ACUTE, bases: 'aeouyơư' },
  'û': { marks: HOOK, bases: 'aeouyơư' },
  'õ': { marks: TILDE, bases: 'aeouyơư' },
  'ï': { marks: DOT, bases: 'aeouyơư' },
  'â': { marks: CIRCUMFLEX, bases: 'aeo' },
  'à': { marks: CIRCUMFLEX + GRAVE, bases: 'aeo' },
  'á': { marks: CIRCUMFLEX + ACUTE, bases: 'aeo' },
  'å': { marks: CIRCUMFLEX + HOOK, bases: 'aeo' },
  'ã': { marks: CIRCUMFLEX + TILDE, bases: 'aeo' },
  'ä': { marks: CIRCUMFLEX + DOT, bases: 'aeo' },
  'ê': { marks: BREVE, bases: 'a' },
  'è': { marks: BREVE + GRAVE, bases: 'a' },
  'é': { marks: BREVE + ACUTE, bases: 'a' },
  'ú': { marks: BREVE + HOOK, bases: 'a' },
  'ü': { marks: BREVE + TILDE, bases: 'a' },
  'ë': { marks: BREVE + DOT, bases: 'a' },
};

/** Decodes VNI-Windows bytes. */
export function decodeVni(bytes: Uint8Array): string {
  const chars = [...iconv.decode(Buffer.from(bytes), 'windows-1252')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const lower = ch.toLowerCase();
    const isUpper = ch !== lower;
    let base = VNI_STANDALONE[lower] ?? ('aeouy'.includes(lower) ? lower : undefined);
    if (base === undefined) {
      out += ch;
      continue;
    }
    const next = chars[i + 1]?.toLowerCase();
    const modifier = next === undefined ? undefined : VNI_MODIFIERS[next];
    // ơ and ư are standalone bytes that still take a tone byte; a, e, o, u, y take any modifier they fit.
    if (modifier && modifier.bases.includes(base)) {
      base = (base === 'ơ' ? 'o' + HORN : base === 'ư' ? 'u' + HORN : base) + modifier.marks;
      i++;
    }
    const letter = base.normalize('NFC');
    out += isUpper ? letter.toUpperCase() : letter;
  }
  return out.normalize('NFC');
}

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Invalid UTF-8 sequences replaced by U+FFFD in an otherwise UTF-8 file. */
  damaged?: number;
}

/** Bytes of a legacy-encoded file scored to choose its encoding. */
const DETECTION_SAMPLE_BYTES = 256 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Decodes a text file's bytes, detecting the encoding (see the module comment). The result is NFC.
 * @param label the file name, for error details
 * @throws AppError INGEST_UNREADABLE for binary data or an encoding that cannot be recognised
 */
export function decodeText(bytes: Uint8Array, label: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3), label), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const nulPattern = utf16NulPattern(bytes);
  if (nulPattern) return utf16(bytes, nulPattern);
  if (looksBinary(bytes)) {
    throw new AppError('INGEST_UNREADABLE', `${label}: tệp chứa dữ liệu nhị phân, không phải văn bản.`);
  }
  try {
    return { text: utf8.decode(bytes).normalize('NFC'), encoding: 'utf-8' };
  } catch {
    // not (entirely) UTF-8
  }
  const lenient = utf8Lenient.decode(bytes);
  const damaged = lenient.match(/\ufffd/g)?.length ?? 0;
  // eslint-disable-next-line no-control-regex -- the ASCII range, control characters included, is what is counted out
  const multibyte = lenient.match(/[^\u0000-\u007f\ufffd]/g)?.length ?? 0;
  // A UTF-8 file with a few broken sequences (a truncated copy, one stray byte) is still UTF-8.
  if (multibyte >= 20 && damaged <= Math.max(2, multibyte * 0.02)) {
    return { text: lenient.normalize('NFC'), encoding: 'utf-8', damaged };
  }
  // Score a sample (a legacy file is a single-byte encoding, so any cut is safe), then decode the whole file.
  const sample = bytes.subarray(0, DETECTION_SAMPLE_BYTES);
  const candidates = (['windows-1258', 'vni', 'tcvn3'] as const).map((encoding) => {
    const text = decodeLegacy(sample, encoding);
    const { valid, invalid } = scoreVietnamese(text);
    // Text where more than 5% of the visible characters are odd symbols is not a plausible reading.
    const plausible = oddSymbols(text) <= 0.05 * text.replace(/\s+/g, '').length;
    return { text, encoding, valid, invalid, score: plausible ? valid - invalid : -Infinity };
  });
  // Only punctuation above ASCII (no decoding makes accented words): Windows-1258 then reads like Windows-1252.
  const cp1258 = candidates[0]!;
  if (candidates.every((c) => c.valid === 0 && c.invalid === 0) && cp1258.score === 0) {
    return { text: decodeLegacy(bytes, cp1258.encoding), encoding: cp1258.encoding };
  }
  // Otherwise the best decoding must be plausible and have mostly valid syllables among its accented words.
  const best = [...candidates].sort((a, b) => b.score - a.score)[0]!;
  if (best.score > -Infinity && best.valid > 0 && best.valid >= best.invalid) {
    return { text: decodeLegacy(bytes, best.encoding), encoding: best.encoding };
  }
  throw new AppError(
    'INGEST_UNREADABLE',
    `${label}: không nhận diện được bảng mã (không phải UTF-8, UTF-16, Windows-1258, TCVN3 hay VNI); hãy lưu lại tệp dưới dạng UTF-8.`,
  );
}

/** Warning text (without the file name) for a UTF-8 file with broken sequences. */
export function damagedWarning(count: number): string {
  return `${count} chuỗi byte UTF-8 hỏng đã được thay bằng ký tự "\ufffd"`;
}

/** Characters that are neither letters, digits, whitespace nor usual punctuation. */
function oddSymbols(text: string): number {
  return text.match(/[^\p{L}\p{M}\p{N}\s!-/:-@[-`{-~“”‘’«»–—…•·°§№]/gu)?.length ?? 0;
}

/** Decodes with one legacy Vietnamese encoding; the result is NFC. */
export function decodeLegacy(bytes: Uint8Array, encoding: 'windows-1258' | 'tcvn3' | 'vni'): string {
  if (encoding === 'tcvn3') return decodeTcvn3(bytes);
  if (encoding === 'vni') return decodeVni(bytes);
  return iconv.decode(Buffer.from(bytes), 'windows-1258').normalize('NFC');
}

function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return utf8.decode(bytes).normalize('NFC');
  } catch {
    throw new AppError('INGEST_UNREADABLE', `${label}: tệp đánh dấu UTF-8 nhưng chứa byte không hợp lệ.`);
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  return { text: iconv.decode(Buffer.from(bytes), encoding).normalize('NFC'), encoding };
}

/** UTF-16 without a BOM: mostly-ASCII text leaves NUL in every other byte. */
function utf16NulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** NUL bytes, or more than 2% control bytes other than tab, newlines, form feed and the DOS end-of-file mark. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return control > n * 0.02;
}
