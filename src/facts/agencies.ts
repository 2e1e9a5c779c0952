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
  { name: 'Bộ Khoa học và Công nghệ', aliases: ['Bộ KH&CN', 'Bộ KHCN', 'BKHCN', 'Bộ Khoa học Công nghệ'] },
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
  { name: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', aliases: ['Viện Hàn lâm KH&CN Việt Nam', 'VAST'] },
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
];

const key = (text: string) => fold(text).toLowerCase().replace(/\s*&\s*/g, '&').replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').trim();

/** Whole-word test on folded text. */
function containsPhrase(haystack: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9&])${escaped}($|[^a-z0-9&])`).test(haystack);
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
    const forms = [agency.name, ...agency.aliases].sort((a, b) => b.length - a.length);
    const hit = forms.find((f) => containsPhrase(folded, key(f)));
    if (hit) out.push({ agency, as: hit });
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
  return agencyForms(agency).some((f) => containsPhrase(folded, key(f)));
}
