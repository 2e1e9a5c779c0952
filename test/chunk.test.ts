import { describe, expect, it } from 'vitest';
import { chunkDocument, headingOf, tableCells } from '../src/ingest/chunk.js';

const TEXT = [
  'NGHỊ QUYẾT',
  'Về chương trình hành động',
  '',
  'I. MỤC TIÊU',
  '1. Mục tiêu đến năm 2030',
  'Kinh tế số đạt tối thiểu 30% GDP. Tỷ lệ sử dụng dịch vụ công trực tuyến đạt trên 80%.',
  '',
  'PHỤ LỤC II',
  '',
  '| TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |',
  '|---|---|---|---|',
  '| I. | Hoàn thiện thể chế | | |',
  '| 14. | Sửa Luật Khoa học và Công nghệ | Bộ Khoa học và Công nghệ | 2025 |',
  '| 15. | Xây dựng Luật Công nghiệp công nghệ số | Bộ Thông tin và Truyền thông | 2025 |',
  '',
  'Điều 5. Hiệu lực',
  'Nghị quyết này có hiệu lực từ ngày ký.',
].join('\n');

describe('structure-aware chunking', () => {
  const chunks = chunkDocument('doc', TEXT);

  it('keeps every chunk an exact span of the text', () => {
    for (const c of chunks) expect(TEXT.slice(c.start, c.end)).toBe(c.text);
  });

  it('makes each table row one chunk that knows its header and section path', () => {
    const row = chunks.find((c) => c.kind === 'row' && c.text.includes('Sửa Luật'));
    expect(row?.header).toEqual(['TT', 'Tên nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian hoàn thành']);
    expect(row?.cells?.[2]).toBe('Bộ Khoa học và Công nghệ');
    expect(row?.section).toEqual(['Phụ lục II', 'I', '14.']);
  });

  it('follows headings and never cuts a sentence', () => {
    const target = chunks.find((c) => c.text.includes('30% GDP'));
    expect(target?.section).toEqual(['NGHỊ QUYẾT', 'I', '1.']);
    expect(target?.text).toContain('trên 80%.');
    const article = chunks.find((c) => c.text.includes('hiệu lực từ ngày ký'));
    expect(article?.section.at(-1)).toBe('Điều 5');
  });

  it('splits a long paragraph at sentence ends only', () => {
    const sentence = 'Tỉnh đặt mục tiêu phát triển kinh tế số nhanh và bền vững trong giai đoạn tới.';
    const long = Array.from({ length: 40 }, () => sentence).join(' ');
    const parts = chunkDocument('long', long, undefined, { maxChars: 300 });
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(300);
      expect(p.text.endsWith('.')).toBe(true);
    }
  });

  it('assigns PDF pages by offset', () => {
    const text = 'Trang một nội dung.\nTrang hai nội dung.';
    const parts = chunkDocument('p', text, [
      { page: 1, start: 0, end: 20 },
      { page: 2, start: 20, end: text.length },
    ], { maxChars: 25 });
    expect(parts.map((p) => p.page)).toEqual([1, 2]);
  });

  it('recognises Vietnamese heading forms', () => {
    expect(headingOf('Chương II')?.label).toBe('Chương II');
    expect(headingOf('Điều 12. Phạm vi')?.label).toBe('Điều 12');
    expect(headingOf('a) Nhiệm vụ chung')?.label).toBe('a)');
    // Older Party documents number with a dash ("II- MỤC TIÊU", "1- Mục tiêu tổng quát").
    expect(headingOf('II- MỤC TIÊU')?.label).toBe('II');
    expect(headingOf('1- Mục tiêu tổng quát')?.label).toBe('1.');
    expect(headingOf('- Kinh tế số đạt 30%')).toBeUndefined();
    expect(headingOf('Kinh tế số đạt 30%.')).toBeUndefined();
    expect(tableCells('| a | b \\| c |')).toEqual(['a', 'b | c']);
  });
});
