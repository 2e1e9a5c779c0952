/**
 * How an answer names its source and quotes it: a long title shortened where a reader pauses (after a clause, before
 * a word opening a phrase), never inside a word; a quoted list item without its "- " marker.
 */
import { describe, expect, it } from 'vitest';
import { cutTitle, documentLabel } from '../src/answer/labels.js';
import { asProse } from '../src/answer/quote.js';
import { describeRowFor, rowFields, withUnit } from '../src/answer/rows.js';

describe('document labels', () => {
  it('names a numbered document by its type and number', () => {
    expect(documentLabel({ title: 'Nghị quyết về đột phá phát triển khoa học, công nghệ', number: '57-NQ/TW' })).toBe('Nghị quyết số 57-NQ/TW');
  });

  it('keeps a short title whole, in quotes', () => {
    expect(documentLabel({ title: 'Kế hoạch chuyển đổi số năm 2025' })).toBe('“Kế hoạch chuyển đổi số năm 2025”');
  });

  it('cuts a long title after a clause rather than inside "văn bản"', () => {
    const label = documentLabel({ title: 'Quảng Ninh triển khai Nghị quyết 57-NQ/TW: văn bản, chỉ tiêu, bộ máy và tiến độ' });
    expect(label).toBe('“Quảng Ninh triển khai Nghị quyết 57-NQ/TW…”');
    expect(label).not.toContain('văn…');
  });

  it('cuts before a word that opens a phrase when no clause ends in reach', () => {
    expect(documentLabel({ title: 'Quảng Ninh: phân công trách nhiệm trong thực hiện Nghị quyết 57-NQ/TW' })).toBe('“Quảng Ninh: phân công trách nhiệm…”');
    expect(documentLabel({ title: 'Tóm tắt Kết luận 69-KL/TW (2024) và Kế hoạch 3260-KH/ĐĐQH15 (2025)' })).toBe('“Tóm tắt Kết luận 69-KL/TW (2024)…”');
    expect(cutTitle('Hướng dẫn quản lý văn bản điều hành về chuyển đổi số trong cơ quan nhà nước', 49)).toBe('Hướng dẫn quản lý văn bản điều hành');
  });

  it('never cuts inside a syllable, and keeps enough to be told apart', () => {
    const title = 'Báo cáo tổng kết công tác cải cách hành chính nhà nước giai đoạn 2021 2030 tỉnh Mẫu';
    for (let max = 12; max <= 60; max++) {
      const cut = cutTitle(title, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (max >= 21) expect(cut.length).toBeGreaterThanOrEqual(20);
      expect(title.startsWith(cut)).toBe(true);
      // The next character of the title is a space: the cut falls between two syllables.
      expect(title[cut.length]).toBe(' ');
    }
  });
});

describe('quoted text as prose', () => {
  it('drops list markers and joins the items of a list', () => {
    expect(asProse('- Ban Chỉ đạo cấp tỉnh được lập ngay từ đầu năm 2025, có 17 thành viên')).toBe('Ban Chỉ đạo cấp tỉnh được lập ngay từ đầu năm 2025, có 17 thành viên');
    expect(asProse('Mục tiêu đến năm 2030:\n- Kinh tế số đạt 30% GDP\n- Tỷ lệ dân số trưởng thành có chữ ký số 80%')).toBe(
      'Mục tiêu đến năm 2030: Kinh tế số đạt 30% GDP; Tỷ lệ dân số trưởng thành có chữ ký số 80%',
    );
    expect(asProse('• Một;\n• Hai.')).toBe('Một; Hai.');
  });

  it('keeps dashes that are words: a range, a compound number, a dash inside a line', () => {
    expect(asProse('Giai đoạn 2025 - 2030, kinh tế số đạt 30% GDP')).toBe('Giai đoạn 2025 - 2030, kinh tế số đạt 30% GDP');
    expect(asProse('Nghị quyết 57-NQ/TW\nngày 22/12/2024')).toBe('Nghị quyết 57-NQ/TW ngày 22/12/2024');
  });
});

describe('table rows as prose', () => {
  it('leaves out a cell the table fills with a dash', () => {
    const header = ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn'];
    const cells = ['75', 'Tham mưu thành lập Ủy ban Dữ liệu quốc gia', 'Bộ Công an', '-', 'Quyết định của Thủ tướng Chính phủ', '3/2025'];
    const told = describeRowFor('responsibility', { header, cells, text: `| ${cells.join(' | ')} |` });
    expect(told).toBe('Nhiệm vụ “Tham mưu thành lập Ủy ban Dữ liệu quốc gia”; Bộ Công an chủ trì; thời hạn: 3/2025');
    expect(rowFields({ header, cells }).partners).toBeUndefined();
  });

  it('writes what a figure counts after it, as one says it, and keeps other units apart', () => {
    expect(withUnit('5', 'Sàn dữ liệu')).toBe('5 sàn dữ liệu');
    expect(withUnit('≥ 03', 'Trung tâm dữ liệu quốc gia')).toBe('≥ 03 trung tâm dữ liệu quốc gia');
    expect(withUnit('12', 'Người/vạn dân')).toBe('12 người/vạn dân');
    expect(withUnit('300', 'MW')).toBe('300 MW');
    expect(withUnit('2', '% GDP')).toBe('2% GDP');
    expect(withUnit('Từ 70 trở lên', '%')).toBe('Từ 70 trở lên (%)');
    expect(withUnit('99', 'Điểm (thang 100)')).toBe('99 (Điểm (thang 100))');
  });
});
