/**
 * Generated documents for the reliability script and the budget tests: Vietnamese-like official text of any size
 * (headings, articles, targets, deadlines, responsibilities, document references, list items), deterministic for a
 * seed, so that nothing big is ever committed.
 */
import { random } from './random.js';

const AGENCIES = [
  'Bộ Nội vụ', 'Bộ Tài chính', 'Bộ Khoa học và Công nghệ', 'Bộ Công an', 'Bộ Y tế', 'Bộ Giáo dục và Đào tạo',
  'Ủy ban nhân dân tỉnh Quảng Ninh', 'Sở Thông tin và Truyền thông', 'Văn phòng Chính phủ', 'Bộ Tư pháp',
];
const TOPICS = [
  'chuyển đổi số', 'cải cách hành chính', 'đổi mới sáng tạo', 'phát triển nguồn nhân lực', 'hạ tầng dữ liệu',
  'dịch vụ công trực tuyến', 'an toàn thông tin', 'kinh tế số', 'chính quyền điện tử', 'khoa học công nghệ',
];
const WORDS = (
  'triển khai thực hiện nhiệm vụ giải pháp tăng cường nâng cao hiệu quả quản lý nhà nước xây dựng hoàn thiện thể chế ' +
  'chính sách pháp luật tổ chức bộ máy tinh gọn hoạt động hiệu lực đẩy mạnh ứng dụng công nghệ thông tin phục vụ người ' +
  'dân doanh nghiệp bảo đảm đồng bộ kết nối chia sẻ dữ liệu cơ quan đơn vị địa phương kiểm tra giám sát đánh giá kết quả'
).split(' ');

/**
 * Text of about `bytes` UTF-8 bytes, shaped like a long official document (TXT/MD).
 * @param bytes target size; the result is within one paragraph of it
 * @param seed the same seed gives the same text
 */
export function vietnameseText(bytes: number, seed = 1): string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const sentences = [
    () => `Phấn đấu đến năm ${2025 + Math.floor(rnd() * 20)}, tỷ lệ ${pick(TOPICS)} đạt ${10 + Math.floor(rnd() * 90)}% ${words(8)}.`,
    () => `${pick(AGENCIES)} chủ trì, phối hợp với ${pick(AGENCIES)} ${words(10)}, hoàn thành trong quý ${pick(['I', 'II', 'III', 'IV'])} năm ${2025 + Math.floor(rnd() * 5)}.`,
    () => `Thực hiện Nghị quyết số ${1 + Math.floor(rnd() * 99)}-NQ/TW ngày ${1 + Math.floor(rnd() * 28)} tháng ${1 + Math.floor(rnd() * 12)} năm 2024 của Bộ Chính trị về ${pick(TOPICS)}, ${words(12)}.`,
    () => `${cap(words(18))}; ${words(9)}.`,
    () => `Giao ${pick(AGENCIES)} ${words(7)} ${pick(TOPICS)} trước ngày ${1 + Math.floor(rnd() * 28)}/${1 + Math.floor(rnd() * 12)}/${2025 + Math.floor(rnd() * 5)}.`,
  ];
  const parts: string[] = [
    'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n',
    `Số: ${seed}/KH-UBND\nQuảng Ninh, ngày 15 tháng 3 năm 2025\n`,
    `KẾ HOẠCH\nThực hiện ${pick(TOPICS)} giai đoạn 2025 - 2030\n`,
  ];
  let size = parts.reduce((n, p) => n + Buffer.byteLength(p) + 1, 0);
  let article = 0;
  let section = 0;
  while (size < bytes) {
    let part: string;
    const r = rnd();
    if (r < 0.01) part = `${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][section++ % 10]}. ${pick(TOPICS).toUpperCase()}\n`;
    else if (r < 0.15) part = `Điều ${++article}. ${cap(pick(TOPICS))} ${words(4)}\n`;
    else if (r < 0.3) part = ['a', 'b', 'c', 'd'].map((l) => `${l}) ${pick(sentences)()}`).join('\n') + '\n';
    else part = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => pick(sentences)()).join(' ') + '\n';
    parts.push(part);
    size += Buffer.byteLength(part) + 1;
  }
  return parts.join('\n');
}
