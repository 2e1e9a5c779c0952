/**
 * Agency names and their aliases. Questions name agencies differently from documents ("Bộ TT&TT", "BTTTT",
 * "Bộ Thông tin và Truyền thông"; "Sở KH&CN"; "UBND tỉnh"), and the 2025 mergers renamed several ministries
 * (Bộ TT&TT and Bộ KH&CN → Bộ Khoa học và Công nghệ; Bộ KH&ĐT and Bộ Tài chính → Bộ Tài chính; Bộ LĐ-TB&XH and
 * Bộ Nội vụ → Bộ Nội vụ; Bộ TN&MT and Bộ NN&PTNT → Bộ Nông nghiệp và Môi trường; Bộ GTVT and Bộ Xây dựng →
 * Bộ Xây dựng). Matching is on accent-folded, lower-case text.
 */
import { fold } from '../text/normalize.js';

export interface Agency {
  /** Canonical name as documents write it. */
  name: string;
  /** Other ways of writing it (abbreviations, spelling), matched as whole words. */
  aliases: string[];
  /** What the agency became in the 2025 mergers, where it changed. */
  mergedInto?: string;
}

export const AGENCIES: Agency[] = [
  { name: 'Bộ Thông tin và Truyền thông', aliases: ['Bộ TT&TT', 'Bộ TTTT', 'BTTTT', 'Bộ Thông tin Truyền thông'], mergedInto: 'Bộ Khoa học và Công nghệ' },
  { name: 'Bộ Khoa học và Công nghệ', aliases: ['Bộ KH&CN', 'Bộ KHCN', 'BKHCN', 'Bộ Khoa học Công nghệ', 'Bộ Khoa học, Công nghệ'] },
  { name: 'Bộ Kế hoạch và Đầu tư', aliases: ['Bộ KH&ĐT', 'Bộ KHĐT', 'Bộ Kế hoạch Đầu tư'], mergedInto: 'Bộ Tài chính' },
  { name: 'Bộ Tài chính', aliases: ['BTC'] },
  { name: 'Bộ Nội vụ', aliases: ['BNV'] },
  { name: 'Bộ Lao động - Thương binh và Xã hội', aliases: ['Bộ LĐ-TB&XH', 'Bộ LĐTBXH', 'Bộ Lao động Thương binh và Xã hội'], mergedInto: 'Bộ Nội vụ' },
  { name: 'Bộ Tài nguyên và Môi trường', aliases: ['Bộ TN&MT', 'Bộ TNMT'], mergedInto: 'Bộ Nông nghiệp và Môi trường' },
  { name: 'Bộ Nông nghiệp và Phát triển nông thôn', aliases: ['Bộ NN&PTNT', 'Bộ NNPTNT'], mergedInto: 'Bộ Nông nghiệp và Môi trường' },
  { name: 'Bộ Nông nghiệp và Môi trường', aliases: ['Bộ NN&MT', 'Bộ NNMT'] },
  { name: 'Bộ Giao thông vận tải', aliases: ['Bộ GTVT'], mergedInto: 'Bộ Xây dựng' },
  { name: 'Bộ Xây dựng', aliases: ['BXD'] },
  { name: 'Bộ Giáo dục và Đào tạo', aliases: ['Bộ GD&ĐT', 'Bộ GDĐT', 'Bộ Giáo dục'] },
  { name: 'Bộ Công an', aliases: ['BCA'] },
  { name: 'Bộ Quốc phòng', aliases: ['BQP'] },
  { name: 'Bộ Ngoại giao', aliases: ['BNG'] },
  { name: 'Bộ Công Thương', aliases: ['BCT', 'Bộ Công thương'] },
  { name: 'Bộ Y tế', aliases: ['BYT'] },
  { name: 'Bộ Tư pháp', aliases: ['BTP'] },
  { name: 'Bộ Văn hóa, Thể thao và Du lịch', aliases: ['Bộ VHTTDL', 'Bộ VH,TT&DL', 'Bộ Văn hóa Thể thao và Du lịch'] },
  { name: 'Ngân hàng Nhà nước Việt Nam', aliases: ['Ngân hàng Nhà nước', 'NHNN'] },
  { name: 'Văn phòng Chính phủ', aliases: ['VPCP'] },
  { name: 'Thanh tra Chính phủ', aliases: ['TTCP'] },
  { name: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', aliases: ['Viện Hàn lâm KH&CN Việt Nam', 'Viện Hàn lâm Khoa học và Công nghệ', 'VAST'] },
  { name: 'Viện Hàn lâm Khoa học xã hội Việt Nam', aliases: ['Viện Hàn lâm KHXH Việt Nam', 'VASS'] },
  { name: 'Đài Truyền hình Việt Nam', aliases: ['VTV'] },
  { name: 'Đài Tiếng nói Việt Nam', aliases: ['VOV'] },
  { name: 'Thông tấn xã Việt Nam', aliases: ['TTXVN'] },
  { name: 'Ủy ban nhân dân tỉnh', aliases: ['UBND tỉnh', 'Ủy ban tỉnh'] },
  { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN', 'Sở KHCN'] },
  { name: 'Sở Thông tin và Truyền thông', aliases: ['Sở TT&TT', 'Sở TTTT'], mergedInto: 'Sở Khoa học và Công nghệ' },
  { name: 'Sở Nội vụ', aliases: [] },
  { name: 'Sở Tài chính', aliases: [] },
  { name: 'Sở Kế hoạch và Đầu tư', aliases: ['Sở KH&ĐT', 'Sở KHĐT'], mergedInto: 'Sở Tài chính' },
  { name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở GD&ĐT', 'Sở GDĐT'] },
  { name: 'Ban Tuyên giáo Tỉnh ủy', aliases: ['Ban Tuyên giáo và Dân vận Tỉnh ủy'] },
  { name: 'Văn phòng Tỉnh ủy', aliases: [] },
  // Central Party and National Assembly bodies named in resolutions and plans (2025 renames where they happened).
  { name: 'Bộ Chính trị', aliases: [] },
  { name: 'Ban Bí thư', aliases: ['Ban Bí thư Trung ương Đảng'] },
  { name: 'Ban Tuyên giáo Trung ương', aliases: ['BTGTW'], mergedInto: 'Ban Tuyên giáo và Dân vận Trung ương' },
  { name: 'Ban Tuyên giáo và Dân vận Trung ương', aliases: [] },
  { name: 'Ban Kinh tế Trung ương', aliases: [], mergedInto: 'Ban Chính sách, chiến lược Trung ương' },
  { name: 'Ban Chính sách, chiến lược Trung ương', aliases: [] },
  { name: 'Văn phòng Trung ương Đảng', aliases: ['VPTW'] },
  { name: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số', aliases: ['Ban Chỉ đạo Trung ương'] },
  { name: 'Đảng đoàn Quốc hội', aliases: [], mergedInto: 'Đảng ủy Quốc hội' },
  { name: 'Đảng ủy Quốc hội', aliases: [] },
  { name: 'Ban cán sự đảng Chính phủ', aliases: [], mergedInto: 'Đảng ủy Chính phủ' },
  { name: 'Đảng ủy Chính phủ', aliases: [] },
  { name: 'Ủy ban Thường vụ Quốc hội', aliases: ['UBTVQH'] },
  { name: 'Văn phòng Quốc hội', aliases: ['VPQH'] },
  { name: 'Ủy ban Khoa học, Công nghệ và Môi trường', aliases: ['Ủy ban KH,CN&MT', 'Ủy ban Khoa học, Công nghệ và Môi trường của Quốc hội'] },
  { name: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', aliases: ['Mặt trận Tổ quốc Việt Nam', 'MTTQ Việt Nam'] },
  { name: 'Thủ tướng Chính phủ', aliases: [] },
  { name: 'Ủy ban Dân tộc', aliases: [], mergedInto: 'Bộ Dân tộc và Tôn giáo' },
  { name: 'Bộ Dân tộc và Tôn giáo', aliases: [] },
  { name: 'Tòa án nhân dân tối cao', aliases: ['TANDTC'] },
  { name: 'Viện Kiểm sát nhân dân tối cao', aliases: ['VKSNDTC'] },
  { name: 'Kiểm toán Nhà nước', aliases: ['KTNN'] },
  { name: 'Bảo hiểm xã hội Việt Nam', aliases: ['BHXH Việt Nam'] },
  // Provincial departments (sở) and their 2025 mergers, as for the ministries.
  { name: 'Sở Nông nghiệp và Môi trường', aliases: ['Sở NN&MT'] },
  { name: 'Sở Nông nghiệp và Phát triển nông thôn', aliases: ['Sở NN&PTNT'], mergedInto: 'Sở Nông nghiệp và Môi trường' },
  { name: 'Sở Tài nguyên và Môi trường', aliases: ['Sở TN&MT'], mergedInto: 'Sở Nông nghiệp và Môi trường' },
  { name: 'Sở Lao động - Thương binh và Xã hội', aliases: ['Sở LĐ-TB&XH', 'Sở LĐTBXH'], mergedInto: 'Sở Nội vụ' },
  { name: 'Sở Giao thông vận tải', aliases: ['Sở GTVT'], mergedInto: 'Sở Xây dựng' },
  { name: 'Sở Xây dựng', aliases: [] },
  { name: 'Sở Công Thương', aliases: ['Sở Công thương'] },
  { name: 'Sở Y tế', aliases: [] },
  { name: 'Sở Tư pháp', aliases: [] },
  { name: 'Sở Văn hóa, Thể thao và Du lịch', aliases: ['Sở VHTTDL'] },
  { name: 'Văn phòng Ủy ban nhân dân tỉnh', aliases: ['Văn phòng UBND tỉnh'] },
  { name: 'Công an tỉnh', aliases: [] },
  { name: 'Ban Thường vụ Tỉnh ủy', aliases: [] },
];

const key = (text: string) => fold(text).toLowerCase().replace(/\s*&\s*/g, '&').replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').trim();

/** Syllables before "bộ", "sở" that make them part of another word (folded, lower case): "cán bộ", "toàn bộ", "cơ sở". */
const COMPOUND_BEFORE: Record<string, RegExp> = {
  bo: /(?<![a-z])(?:can|toan|tien|so|dong|noi|mot)\s+$/i,
  so: /(?<![a-z])(?:co|tru|can cu)\s+$/i,
};

/** Whole-word test on folded text. */
function containsPhrase(haystack: string, phrase: string): boolean {
  // Each place the phrase occurs, until one stands between word edges: what /(^|[^a-z0-9&])phrase($|[^a-z0-9&])/
  // finds, without making a pattern per phrase and text.
  const part = COMPOUND_BEFORE[phrase.slice(0, phrase.indexOf(' '))];
  for (let at = haystack.indexOf(phrase); at >= 0; at = haystack.indexOf(phrase, at + 1)) {
    if (part?.test(haystack.slice(Math.max(0, at - 8), at))) continue;
    if ((at === 0 || !WORD_CHAR.test(haystack[at - 1]!)) && (at + phrase.length === haystack.length || !WORD_CHAR.test(haystack[at + phrase.length]!))) return true;
  }
  return false;
}

/** A character that continues a word of an agency's folded name. */
const WORD_CHAR = /^[a-z0-9&]$/;

/** Each agency's forms, longest first, with their folded keys: made once. */
const FORMS = new WeakMap<Agency, Array<{ form: string; key: string }>>();
function formsOf(agency: Agency): Array<{ form: string; key: string }> {
  let forms = FORMS.get(agency);
  if (!forms) {
    forms = [agency.name, ...agency.aliases].sort((a, b) => b.length - a.length).map((form) => ({ form, key: key(form) }));
    FORMS.set(agency, forms);
  }
  return forms;
}

export interface AgencyMention {
  agency: Agency;
  /** The form written in the text. */
  as: string;
}

/**
 * Agencies a text names (canonical name or alias), longest names first so "Bộ Khoa học và Công nghệ" is not also
 * read as a shorter alias.
 */
export function findAgencies(text: string): AgencyMention[] {
  const folded = key(text);
  const out: AgencyMention[] = [];
  for (const agency of AGENCIES) {
    const hit = formsOf(agency).find((f) => containsPhrase(folded, f.key));
    if (hit) out.push({ agency, as: hit.form });
  }
  // Drop agencies whose matched form is inside a longer matched one ("Bộ Tài chính" in "Sở Tài chính" cannot
  // happen with whole words, but "Bộ Khoa học" aliases can overlap).
  return out.filter((m) => !out.some((o) => o !== m && key(o.as).length > key(m.as).length && key(o.as).includes(key(m.as))));
}

/** Every written form of an agency, the canonical name first (for expanding a question's terms). */
export function agencyForms(agency: Agency): string[] {
  return [agency.name, ...agency.aliases];
}

/** True when `text` names `agency` in any of its forms. */
export function mentionsAgency(text: string, agency: Agency): boolean {
  const folded = key(text);
  return formsOf(agency).some((f) => containsPhrase(folded, f.key));
}

/** Lower-case, accent-folded text of exactly the same length (offsets carry over). */
export function foldSameLength(text: string): string {
  // Only upper-case ASCII and non-ASCII characters can change; one replace builds the string without a rope of
  // millions of pieces (the garbage collector's work dominated fact extraction on large files).
  return text.replace(/[A-Z]|\P{ASCII}/gu, foldChar);
}

/** One character folded and lower-cased, or left as it is when that would change its length. */
function foldChar(ch: string): string {
  let f = FOLDED_CHAR.get(ch);
  if (f === undefined) {
    const folded = fold(ch).toLowerCase();
    f = folded.length === ch.length ? folded : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
    // A pure function of the character: remembered (fold normalises twice).
    if (FOLDED_CHAR.size < 65_536) FOLDED_CHAR.set(ch, f);
  }
  return f;
}

const FOLDED_CHAR = new Map<string, string>();

interface FormPattern {
  agency: Agency;
  form: string;
  pattern: RegExp;
}

let formPatterns: FormPattern[] | undefined;
/** The forms by their first word ("bo", "btc", "uy"), each with its index in `formPatterns` and a sticky copy. */
let formsByFirstWord: Map<string, Array<{ index: number; sticky: RegExp }>> | undefined;

/** One regular expression per written form, over folded text, tolerant of spacing around "&" and "-". */
function patterns(): FormPattern[] {
  formPatterns ??= AGENCIES.flatMap((agency) =>
    agencyForms(agency).map((form) => {
      const body = key(form)
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/ /g, '\\s+')
        .replace(/&/g, '\\s*&\\s*')
        .replace(/-/g, '\\s*-\\s*')
        .replace(/,/g, '\\s*,\\s*');
      return { agency, form, pattern: new RegExp(`(?<![a-z0-9&])${body}(?![a-z0-9&])`, 'g') };
    }),
  );
  if (!formsByFirstWord) {
    formsByFirstWord = new Map();
    formPatterns.forEach(({ form, pattern }, index) => {
      const first = /^[a-z0-9]+/.exec(key(form))?.[0] ?? '';
      const list = formsByFirstWord!.get(first) ?? [];
      list.push({ index, sticky: new RegExp(pattern.source, 'y') });
      formsByFirstWord!.set(first, list);
    });
  }
  return formPatterns;
}

/** Where a form may start: a run of letters or digits not preceded by one (nor by "&"), as the forms' look-behind. */
const WORD_START = /(?<![a-z0-9&])[a-z0-9]+/g;

export interface LocatedAgency extends AgencyMention {
  /** Offsets in the text searched. */
  start: number;
  end: number;
}

/**
 * Known agencies named in a text with their offsets; where written forms overlap, the longest wins
 * ("Bộ Khoa học và Công nghệ" is not also "Bộ Khoa học").
 *
 * One pass over the words: only the forms whose first word is the word at hand are tried there (sticky), which
 * finds what one `matchAll` per form finds (each form's matches left to right, none inside the previous one) in
 * time linear in the text rather than in the text times the number of forms.
 */
export function locateAgencies(text: string, folded = foldSameLength(text)): LocatedAgency[] {
  const forms = patterns();
  const byFirst = formsByFirstWord!;
  const hits: Array<LocatedAgency & { form: number }> = [];
  const lastEnd = new Map<number, number>();
  for (const w of folded.matchAll(WORD_START)) {
    const candidates = byFirst.get(w[0]);
    if (!candidates) continue;
    // "cán bộ KH&CN" is an official of science, not the ministry; "cơ sở", "trụ sở" are no department.
    if (COMPOUND_BEFORE[w[0]]?.test(folded.slice(Math.max(0, w.index - 8), w.index))) continue;
    for (const { index, sticky } of candidates) {
      if (w.index < (lastEnd.get(index) ?? 0)) continue;
      sticky.lastIndex = w.index;
      const m = sticky.exec(folded);
      if (!m) continue;
      const end = w.index + m[0].length;
      lastEnd.set(index, end);
      hits.push({ agency: forms[index]!.agency, as: text.slice(w.index, end), start: w.index, end, form: index });
    }
  }
  // Longest first; among equals, the earlier start, then the form listed first (the order of one scan per form).
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.form - b.form);
  const kept: LocatedAgency[] = [];
  for (const { form: _form, ...f } of hits) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** The known agency a name denotes (canonical name or alias, whole text), if any. */
export function agencyNamed(name: string): Agency | undefined {
  const k = key(name);
  return AGENCIES.find((a) => agencyForms(a).some((f) => key(f) === k));
}

/** An agency as a fact records it: canonical when known, else as written. */
export interface AgencyRef {
  /** Canonical name (agencies.ts) when known, else the name as written. */
  name: string;
  /** As the document writes it. */
  written: string;
  known: boolean;
  /** What the agency became in the 2025 mergers, where it changed. */
  mergedInto?: string;
  /** Offsets of `written` in the text that was split. */
  start: number;
  end: number;
}

/**
 * How agency names start, folded. Multi-word heads are names by themselves ("Ủy ban nhân dân…", "Ban Chỉ đạo…",
 * "Bí thư…"); a one-word head (Bộ, Sở, Ban, Cục…) must be followed by a capitalised word ("Ban Dân nguyện", not
 * "Ban hành"; "Bộ Y tế", not "bố trí"), a comma or nothing. "các" starts a collective ("các bộ, ngành").
 */
const MULTI_HEAD =
  /^(uy ban|ubnd|hdnd|hoi dong|ngan hang|van phong|dang uy|dang doan|dang bo|to dang|ban chi dao|ban can su|ban thuong vu|ban chap hanh|ban bi thu|ban tuyen giao|ban kinh te|ban to chuc|ban dan van|ban noi chinh|ban dan nguyen|ban cong tac|tong cuc|thong tan|toa an|vien kiem sat|kiem toan|thanh tra|mat tran|lien hiep|tap doan|tong cong ty|cong ty|cong an|quan doi|chinh phu|thu tuong|quoc hoi|tinh uy|thanh uy|huyen uy|hiep hoi|tong bi thu|bi thu|chu tich|pho chu tich|giam doc|pho giam doc|truong ban|pho truong ban|bo truong|thu truong|trung tam|hoc vien|dai hoc|truong dai hoc|to tham muu|to cong tac|doan dai bieu|nguoi dung dau)(?![a-z0-9])/;
const SINGLE_HEAD = /^(bo|so|ban|cuc|vu|vien|dai|to|dang|hoi|truong|doan|phong|nganh|thuong truc|lanh dao)(?![a-z0-9])/;
const COLLECTIVE =
  /^(cac|moi|toan the)\s+(bo|so|ban|nganh|co quan|don vi|dia phuong|tinh|thanh pho|cap uy|to chuc|doanh nghiep|truong|vien|uy ban|doan|tap doan|hoi|hiep hoi|co so|xa|phuong|huyen|dang uy|chi bo|cap|thanh vien)(?![a-z0-9])/;

/** True when a piece of text starts like an agency name or an acronym (VTV, TTXVN). */
export function startsLikeAgency(text: string): boolean {
  const t = text.trim();
  const f = foldSameLength(t);
  if (/^[A-ZĐ]{2,}(?![a-zà-ỹ])/u.test(t) || COLLECTIVE.test(f)) return true;
  if (!/^\p{Lu}/u.test(t)) return false;
  if (MULTI_HEAD.test(f)) return true;
  const single = SINGLE_HEAD.exec(f);
  if (!single) return false;
  const next = t.slice(single[0].length);
  // "Lãnh đạo Ban Dân nguyện" names people; "Lãnh đạo, chỉ đạo …" is the verb.
  if (single[1] === 'lanh dao' || single[1] === 'thuong truc') return /^\s+\p{Lu}/u.test(next);
  return /^\s*(?:$|[,;(]|\p{Lu}|\d)/u.test(next);
}

const MASK = '\u0001';
/** Separators between the agencies of a list: comma, semicolon, line break, "và"/"với" before another agency. */
// eslint-disable-next-line no-control-regex -- \u0001 is MASK, the placeholder put in place of a masked agency name
const SEPARATOR = /\s*(?:[,;\n]|\s(?:và|với|cùng)\s(?=các\s|Các\s|\u0001|[\p{Lu}]))\s*/gu;

/**
 * Splits a list of agencies as written in a table cell or a sentence ("Bộ Công an, Bộ TT&TT và các bộ, ngành") into
 * entries: known agencies get their canonical name; other entries ("các bộ, ngành, địa phương") are kept as written.
 * @param base added to every offset (the position of `text` in the document)
 * @param located `locateAgencies(text)`, where the caller has it already
 */
export function splitAgencies(text: string, base = 0, located = locateAgencies(text)): AgencyRef[] {
  let masked = text;
  for (const l of located) masked = masked.slice(0, l.start) + MASK.repeat(l.end - l.start) + masked.slice(l.end);
  const refs: AgencyRef[] = [];
  let lastWasJoinable = false;
  let cursor = 0;
  const pieces: Array<{ start: number; end: number }> = [];
  for (const m of masked.matchAll(SEPARATOR)) {
    pieces.push({ start: cursor, end: m.index });
    cursor = m.index + m[0].length;
  }
  pieces.push({ start: cursor, end: masked.length });
  for (let { start, end } of pieces) {
    // Trim white space, list punctuation and a leading conjunction.
    while (start < end && /[\s.:(\-–+•]/.test(text[start]!)) start++;
    while (end > start && /[\s.:;)]/.test(text[end - 1]!)) end--;
    const lead = /^(?:và|với|cùng)\s+/iu.exec(text.slice(start, end));
    if (lead) start += lead[0].length;
    if (end <= start) continue;
    const piece = masked.slice(start, end);
    const inside = located.filter((l) => l.start >= start && l.end <= end);
    if (inside.length && piece.replace(new RegExp(`${MASK}+`, 'g'), '').trim() === '') {
      // Only known names (possibly several without a separator: "Bộ TT&TT Bộ KH&CN").
      for (const l of inside) {
        refs.push({ name: l.agency.name, written: l.as, known: true, mergedInto: l.agency.mergedInto, start: base + l.start, end: base + l.end });
      }
      lastWasJoinable = false;
      continue;
    }
    const written = text.slice(start, end);
    const previous = refs[refs.length - 1];
    if (!inside.length && !startsLikeAgency(written) && previous && lastWasJoinable) {
      // "ngành", "địa phương" after "các bộ": one collective entry.
      previous.written = text.slice(previous.start - base, end);
      previous.name = previous.written;
      previous.end = base + end;
      continue;
    }
    refs.push({ name: written, written, known: false, start: base + start, end: base + end });
    lastWasJoinable = true;
  }
  return refs;
}

/**
 * True when an agency entry denotes `agency`: the same known agency, or a name as written that mentions it
 * ("Giám đốc Sở KH&CN"); with `includeMerged`, also an agency merged into it in 2025.
 */
export function refDenotes(ref: Pick<AgencyRef, 'name' | 'written' | 'known' | 'mergedInto'>, agency: Agency, includeMerged = false): boolean {
  if (ref.known) return ref.name === agency.name || (includeMerged && ref.mergedInto === agency.name);
  return mentionsAgency(ref.written, agency);
}

/**
 * The head of a body's name with a capital, then the name's first word with a capital ("Ủy ban Y tế", "Sở Nội vụ",
 * "Ban Chỉ đạo"), and the word after it.
 */
const BODY_HEAD = /(?<![\p{L}\p{M}])(?:Bộ|Sở|Ủy ban|Uỷ ban|Ban|Cục|Tổng cục|Viện|Học viện|Văn phòng|Hội đồng|Đảng ủy|Đảng uỷ|Đảng đoàn|Đảng bộ|Tổ đảng|Trung tâm|Đài|Ngân hàng|Thanh tra|Kiểm toán|Tòa án|Toà án|Mặt trận)\s+\p{Lu}[\p{L}\p{M}]*(?:\s+[\p{L}\p{M}]+)?/gu;
/** The rest of a body's name after a comma or "và": a capitalised word and a small one, not another head word. */
const NAME_GOES_ON = /^(?:,\s*|\s+và\s+)(?!(?:Bộ|Sở|Ủy|Uỷ|Ban|Cục|Tổng|Viện|Học|Văn phòng|Hội đồng|Đảng|Tổ|Trung tâm|Đài|Ngân hàng|Thanh tra|Kiểm toán|Tòa|Toà|Mặt trận|Quốc hội|Chính phủ|Luật|Nghị|Quyết định|Thông tư|Chỉ thị|Kế hoạch|Chương trình|Đề án|Kết luận|Pháp lệnh)(?![\p{L}\p{M}]))\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Ll}[\p{L}\p{M}]*)?/u;

/** A document's type and the start of its name right before a body ("Luật Tổ chức …"): the body is in the name. */
const IN_DOCUMENT_NAME = /(?<![\p{L}\p{M}])(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Quyết định|Thông tư)(?:\s+(?!của|do|cho|với|và|về|theo|số)[\p{L}\p{M}]+){1,3}\s+$/u;

/** Bodies named without a head word: "Quốc hội", "Chính phủ" (not "Chính phủ số", "Chính phủ điện tử"), "Tỉnh ủy". */
const BODY_ALONE = /(?<![\p{L}\p{M}])(?:Quốc hội|Chính phủ(?!\s+(?:số|điện tử))|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)(?![\p{L}\p{M}])/gu;

/**
 * Bodies a text names by the way Vietnamese writes them, listed or not (see AGENCIES): a head word and a capitalised
 * name, by its head and first two words ("Ủy ban Y tế" of "Ủy ban Y tế của Quốc hội"), or a body named alone.
 * @param isFunctionWord drops a last word that only links ("của", "thì")
 */
export function locateBodies(text: string, isFunctionWord: (word: string) => boolean): Array<{ start: number; end: number; written: string }> {
  const out: Array<{ start: number; end: number; written: string }> = [];
  for (const m of [...text.matchAll(BODY_HEAD), ...text.matchAll(BODY_ALONE)]) {
    // "Luật Tổ chức Chính phủ" names a law, not the body.
    if (IN_DOCUMENT_NAME.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    let written = m[0];
    // A name that runs on after a comma or "và" with a capital ("Ủy ban Tài chính, Ngân sách", "Bộ Văn hóa, Thể thao và
    // Du lịch"), not into another body ("Bộ Công an, Bộ Quốc phòng") or a document ("… và Luật …").
    const headed = !/^(?:Quốc hội|Chính phủ|Tỉnh|Thành)/u.test(written);
    for (let more = headed ? NAME_GOES_ON.exec(text.slice(m.index + written.length)) : null; more; more = NAME_GOES_ON.exec(text.slice(m.index + written.length))) {
      written += more[0];
    }
    const last = /\s+(\S+)$/u.exec(written);
    if (last && written.split(/\s+/).length > 2 && isFunctionWord(last[1]!)) written = written.slice(0, last.index);
    out.push({ start: m.index, end: m.index + written.length, written });
  }
  return out.sort((a, b) => a.start - b.start);
}

