/**
 * Vietnam's provinces and centrally-run cities (the 63 in use until the 2025 reorganisation, whose names remain in
 * the documents of these years), accent-folded: a question naming one, with or without "tỉnh"/"thành phố", is about
 * that place.
 */
import { fold } from './normalize.js';

const PROVINCES = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bạc Liêu', 'Bắc Giang', 'Bắc Kạn', 'Bắc Ninh', 'Bến Tre', 'Bình Dương', 'Bình Định',
  'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Cần Thơ', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên',
  'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương', 'Hải Phòng',
  'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn',
  'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình',
  'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên',
  'Thanh Hóa', 'Thừa Thiên Huế', 'Huế', 'Tiền Giang', 'Hồ Chí Minh', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long',
  'Vĩnh Phúc', 'Yên Bái',
];

/** Folded names, words only ("ba ria vung tau", "ha noi"). */
export const PROVINCE_KEYS: readonly string[] = PROVINCES.map((p) => fold(p).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());

const WRITTEN = new Map(PROVINCES.map((p, i) => [PROVINCE_KEYS[i]!, p]));

/** A place key as a reader writes it: a province with its accents ("quang ninh" → "Quảng Ninh"), else capitalised. */
export function placeName(key: string): string {
  return WRITTEN.get(key) ?? key.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** Folded text with every run of non-letters as one space and a space at each end, for whole-word look-ups. */
export function wordsOf(text: string): string {
  return ` ${fold(text).toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
}

/** The whole-word form of each document, made once. */
const wordsCache = new WeakMap<object, string>();

/** A document's title and text as whole folded words ({@link wordsOf}), made once per document and shared. */
export function documentWords(document: { text: string; meta: { title?: string } }): string {
  let words = wordsCache.get(document);
  if (words === undefined) wordsCache.set(document, (words = wordsOf(`${document.meta.title ?? ''}\n${document.text}`)));
  return words;
}

/**
 * True when a document (its title and text) speaks of a place (folded key) — not merely in the place-and-date line of an official header
 * ("Hà Nội, ngày 22 tháng 12 năm 2024"), where it names where the document was signed.
 */
export function speaksOf(document: { text: string; meta: { title?: string } }, place: string): boolean {
  let known = spokenOf.get(document);
  if (!known) spokenOf.set(document, (known = new Map()));
  let speaks = known.get(place);
  if (speaks === undefined) {
    const words = documentWords(document);
    speaks = false;
    for (let at = words.indexOf(` ${place} `); at >= 0 && !speaks; at = words.indexOf(` ${place} `, at + 1)) {
      if (!words.startsWith(' ngay ', at + place.length + 1)) speaks = true;
    }
    if (known.size < 1000) known.set(place, speaks);
  }
  return speaks;
}

/** speaksOf's answers so far, per document (a pure function of the document and the place). */
const spokenOf = new WeakMap<object, Map<string, boolean>>();
