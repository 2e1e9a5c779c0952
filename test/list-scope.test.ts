/**
 * List answers keep to what the question names (period, document, agency), in the answer and in its `more`; table
 * rows naming an office and its holder are told as such. Small documents written here.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ask } from '../src/answer/assistant.js';
import { periodFit, periodOf } from '../src/answer/list-scope.js';
import { describeRowFor, officeHolder } from '../src/answer/rows.js';
import type { StoredDocument } from '../src/index/store.js';
import { analyzeQuery } from '../src/retrieve/query.js';
import { engineOf } from './helpers/docs.js';

/** A document with a number, as front matter would give it. */
function numbered(id: string, title: string, number: string, text: string): StoredDocument {
  return { id, file: `${id}.md`, hash: createHash('sha256').update(text).digest('hex'), meta: { title, number, issued: '2025-02-01' }, text };
}

const HEADER = ['| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |', '| --- | --- | --- | --- | --- |'];

const PLAN = numbered(
  'kh-12',
  'Kế hoạch thực hiện chuyển đổi số năm 2025-2026 của tỉnh',
  '12/KH-UBND',
  [
    'PHỤ LỤC. DANH MỤC NHIỆM VỤ',
    ...HEADER,
    '| 1 | Xây dựng kho dữ liệu khoa học dùng chung | Sở Khoa học và Công nghệ | Sở Tài chính | 6/2025 |',
    '| 2 | Tổ chức Ngày hội đổi mới sáng tạo của tỉnh | Sở Khoa học và Công nghệ | UBND các huyện | 2026 |',
    '| 3 | Đánh giá chỉ số đổi mới sáng tạo cấp tỉnh | Sở Khoa học và Công nghệ | Sở Nội vụ | 12/2026 |',
    '| 4 | Hỗ trợ doanh nghiệp khởi nghiệp sáng tạo | Sở Khoa học và Công nghệ | Sở Tài chính | Thường xuyên |',
    '| 5 | Rà soát vị trí việc làm về chuyển đổi số | Sở Nội vụ | Sở Khoa học và Công nghệ | 2026 |',
    '| 6 | Xây dựng mạng lưới chuyên gia khoa học | Sở Khoa học và Công nghệ | Sở Nội vụ | 2027 |',
    '| 7 | Số hóa hồ sơ cán bộ, công chức | Sở Nội vụ | Sở Tài chính | 2025 |',
  ].join('\n'),
);

const OTHER = numbered(
  'kh-30',
  'Kế hoạch phát triển kinh tế số',
  '30/KH-UBND',
  ['PHỤ LỤC NHIỆM VỤ', ...HEADER, '| 1 | Phát triển sàn thương mại điện tử của tỉnh | Sở Công Thương | Sở Tài chính | 2026 |'].join('\n'),
);

describe('the period a question names', () => {
  it('reads a year, a span and "đến năm", leaving a document’s own year to the document', () => {
    expect(periodOf(analyzeQuery('Các nhiệm vụ Sở Nội vụ chủ trì trong năm 2026'))).toMatchObject({ from: 2026, to: 2026 });
    expect(periodOf(analyzeQuery('Nhiệm vụ giai đoạn 2026-2030 do Sở Nội vụ chủ trì'))).toMatchObject({ from: 2026, to: 2030 });
    expect(periodOf(analyzeQuery('Nhiệm vụ do Sở Nội vụ chủ trì đến năm 2030'))).toMatchObject({ to: 2030, said: 'đến năm 2030' });
    expect(periodOf(analyzeQuery('Những nhiệm vụ do Bộ Nội vụ chủ trì theo Nghị quyết 57-NQ/TW năm 2024'))).toBeUndefined();
  });

  it('places an item by its deadline, a standing deadline in every year, and one without a date nowhere', () => {
    const y2026 = { from: 2026, to: 2026, said: 'trong năm 2026' };
    expect(periodFit({ due: '12/2026' }, y2026)).toBe('in');
    expect(periodFit({ due: '2025 - 2026' }, y2026)).toBe('in');
    expect(periodFit({ due: '2025 và những năm tiếp theo' }, y2026)).toBe('in');
    expect(periodFit({ due: 'Thường xuyên' }, y2026)).toBe('in');
    expect(periodFit({ due: '6/2025' }, y2026)).toBe('out');
    expect(periodFit({ year: 2030 }, y2026)).toBe('out');
    expect(periodFit({}, y2026)).toBe('undated');
    expect(periodFit({ due: '2027' }, { to: 2030, said: 'đến năm 2030' })).toBe('in');
  });
});

describe('list answers keep to the question’s period, document and agency', () => {
  it('lists only the agency’s tasks of the year asked, in the answer and in "Xem thêm"', async () => {
    const engine = await engineOf([PLAN, OTHER]);
    const result = await ask(engine, { question: 'Các nhiệm vụ Sở Khoa học và Công nghệ chủ trì trong năm 2026' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toMatch(/có 3 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì, thời hạn trong năm 2026 \(không kể 2 nhiệm vụ có thời hạn khác\)/);
    for (const task of ['Ngày hội đổi mới sáng tạo', 'chỉ số đổi mới sáng tạo', 'khởi nghiệp sáng tạo']) expect(result.answer).toContain(task);
    // Another year, another agency, another document: not listed.
    for (const other of ['kho dữ liệu khoa học', 'mạng lưới chuyên gia', 'vị trí việc làm', 'thương mại điện tử']) expect(result.answer).not.toContain(other);
    expect(result.citations.map((c) => c.documentId)).toEqual(['kh-12', 'kh-12', 'kh-12']);
    expect(result.more).toBeUndefined();
  });

  it('sends in "more" only the items in scope', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `| ${i + 1} | Nhiệm vụ chuyển đổi số số ${i + 1} của ngành | Sở Nội vụ | Sở Tài chính | ${i % 3 === 0 ? '2025' : `${i}/2026`} |`);
    const long = numbered('kh-40', 'Kế hoạch của ngành nội vụ', '40/KH-UBND', ['PHỤ LỤC', ...HEADER, ...rows].join('\n'));
    const engine = await engineOf([long]);
    const result = await ask(engine, { question: 'Những nhiệm vụ nào do Sở Nội vụ chủ trì trong năm 2026?' });
    expect(result.answer).toMatch(/có 6 nhiệm vụ do Sở Nội vụ chủ trì, thời hạn trong năm 2026/);
    expect(result.more?.total).toBe(6);
    expect(result.more?.items).toHaveLength(1);
    for (const item of [...result.citations.map((c) => c.text), ...result.more!.items.map((i) => i.citation.text)]) expect(item).toMatch(/\/2026 \|/);
  });

  it('says so when nothing is left, with the deadlines the agency’s tasks do have', async () => {
    const engine = await engineOf([PLAN, OTHER]);
    const result = await ask(engine, { question: 'Các nhiệm vụ Sở Nội vụ chủ trì trong năm 2028' });
    expect(result.notFound).toBe(true);
    expect(result.refusal?.code).toBe('NOT_STATED');
    expect(result.citations).toEqual([]);
    expect(result.answer).toContain('không nêu nhiệm vụ nào do Sở Nội vụ chủ trì có thời hạn trong năm 2028');
    expect(result.answer).toContain('ghi thời hạn: ');
    expect(result.answer).toMatch(/2026/);
    expect(result.answer).not.toContain('Rà soát vị trí việc làm');
  });

  it('keeps to the document named, and says where the agency’s tasks are when it has none', async () => {
    const engine = await engineOf([PLAN, OTHER]);
    const inOther = await ask(engine, { question: 'Những nhiệm vụ nào do Sở Công Thương chủ trì theo Kế hoạch 30/KH-UBND?' });
    expect(inOther.answer).toMatch(/có 1 nhiệm vụ do Sở Công Thương chủ trì/);
    expect(inOther.citations.every((c) => c.documentId === 'kh-30')).toBe(true);
    const none = await ask(engine, { question: 'Những nhiệm vụ nào do Sở Công Thương chủ trì theo Kế hoạch 12/KH-UBND?' });
    expect(none.notFound).toBe(true);
    expect(none.answer).toContain('không nêu nhiệm vụ nào do Sở Công Thương chủ trì');
    expect(none.answer).toContain('30/KH-UBND (1)');
  });

  it('lists the tasks of a period when the question names nothing else', async () => {
    const engine = await engineOf([PLAN]);
    const result = await ask(engine, { question: 'Kế hoạch 12/KH-UBND có những nhiệm vụ nào trong năm 2027?' });
    expect(result.answer).toMatch(/có 2 nhiệm vụ có thời hạn trong năm 2027 \(không kể 5 nhiệm vụ có thời hạn khác\)/);
    expect(result.answer).toContain('mạng lưới chuyên gia khoa học (Sở Khoa học và Công nghệ chủ trì, thời hạn: 2027)');
    // A standing task is done every year, the year asked too; it says so.
    expect(result.answer).toContain('khởi nghiệp sáng tạo (Sở Khoa học và Công nghệ chủ trì, thời hạn: Thường xuyên)');
  });

  it('reads an agency named with a deadline as the lead', async () => {
    const engine = await engineOf([PLAN, OTHER]);
    const result = await ask(engine, { question: 'Những nhiệm vụ nào của Sở Nội vụ hết hạn trong năm 2026?' });
    expect(result.answer).toMatch(/có 1 nhiệm vụ do Sở Nội vụ chủ trì có thời hạn 2026/);
    expect(result.answer).toContain('Rà soát vị trí việc làm');
    expect(result.answer).not.toContain('Ngày hội');
  });
});

describe('rows naming an office and its holder', () => {
  const BOARD = ['| TT | Họ và tên | Chức vụ | Nhiệm vụ trong Ban Chỉ đạo |', '| --- | --- | --- | --- |'];
  const cellsOf = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

  it('tells a board composition row as office and holder, by its columns', () => {
    const header = cellsOf(BOARD[0]!);
    const row = { header, cells: cellsOf('| 1 | Ông Trần Văn Bình | Chủ tịch UBND tỉnh | Trưởng ban |'), text: '' };
    expect(officeHolder(row)).toEqual({ office: 'Trưởng ban', holder: 'Ông Trần Văn Bình', also: ['Chủ tịch UBND tỉnh'] });
    expect(describeRowFor('responsibility', row)).toBe('Trưởng ban: Ông Trần Văn Bình; Chủ tịch UBND tỉnh');
  });

  it('tells an office in a table of who does what as office and holder, and a task as a task', () => {
    const header = ['Nội dung', 'Người, cơ quan chịu trách nhiệm', 'Ghi chú'];
    const office = { header, cells: ['Trưởng Ban Chỉ đạo tỉnh về chuyển đổi số', 'Bí thư Tỉnh ủy', 'Ban có 15 thành viên'], text: '' };
    expect(describeRowFor('responsibility', office)).toBe('Trưởng Ban Chỉ đạo tỉnh về chuyển đổi số: Bí thư Tỉnh ủy; Ban có 15 thành viên');
    const standing = { header, cells: ['Cơ quan thường trực Ban Chỉ đạo tỉnh', 'Sở Khoa học và Công nghệ', ''], text: '' };
    expect(describeRowFor('general', standing)).toBe('Cơ quan thường trực Ban Chỉ đạo tỉnh: Sở Khoa học và Công nghệ');
    const task = { header, cells: ['Tập huấn kỹ năng số cho cán bộ', 'Sở Khoa học và Công nghệ', ''], text: '' };
    expect(officeHolder(task)).toBeUndefined();
    expect(describeRowFor('general', task)).toContain('Nhiệm vụ “Tập huấn kỹ năng số cho cán bộ”; Sở Khoa học và Công nghệ chủ trì');
    // A school is no office ("Trường Đại học …").
    expect(officeHolder({ header, cells: ['Trường Đại học Hạ Long đào tạo khởi nghiệp', 'Trường Đại học Hạ Long', ''] })).toBeUndefined();
  });

  it('answers who holds an office from the row, and leaves offices out of an agency’s task list', async () => {
    const table = numbered(
      'phan-cong',
      'Phân công thực hiện Nghị quyết của tỉnh',
      '05/KH-TU',
      [
        '## Bảng phân công',
        '| Nội dung | Người, cơ quan chịu trách nhiệm | Ghi chú |',
        '|---|---|---|',
        '| Trưởng Ban Chỉ đạo tỉnh về chuyển đổi số | Bí thư Tỉnh ủy (ông Lê Văn Thành) | Ban có 15 thành viên |',
        '| Cơ quan thường trực Ban Chỉ đạo tỉnh | Sở Khoa học và Công nghệ | |',
        '| Tập huấn kỹ năng số cho cán bộ, công chức | Sở Khoa học và Công nghệ | Khoảng 500 người |',
      ].join('\n'),
    );
    const engine = await engineOf([table]);
    const who = await ask(engine, { question: 'Ai là Trưởng Ban Chỉ đạo tỉnh về chuyển đổi số?' });
    expect(who.answer).toContain('Trưởng Ban Chỉ đạo tỉnh về chuyển đổi số: Bí thư Tỉnh ủy (ông Lê Văn Thành)');
    expect(who.answer).not.toMatch(/Nhiệm vụ “Trưởng Ban|chủ trì/);
    const tasks = await ask(engine, { question: 'Những nhiệm vụ nào do Sở Khoa học và Công nghệ chủ trì?' });
    expect(tasks.answer).toMatch(/có 1 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì/);
    expect(tasks.answer).not.toContain('Cơ quan thường trực');
    // A table with no deadlines holds no task of a year: said so, not listed.
    const inYear = await ask(engine, { question: 'Những nhiệm vụ nào do Sở Khoa học và Công nghệ chủ trì trong năm 2026?' });
    expect(inYear.notFound).toBe(true);
    expect(inYear.answer).toContain('Văn bản này ghi 1 nhiệm vụ do Sở Khoa học và Công nghệ chủ trì, đều không ghi thời hạn.');
  });
});
