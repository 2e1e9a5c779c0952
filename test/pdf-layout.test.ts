import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { layoutPages } from '../src/ingest/loaders/pdf-layout.js';
import { joinRuns } from '../src/ingest/loaders/pdf-lines.js';
import { rulesFromOperators } from '../src/ingest/loaders/pdf-ops.js';
import type { Rule, TextItem } from '../src/ingest/loaders/pdf-types.js';

/** A run of text at (x, baseline y), about half a font size wide per character. */
const run = (str: string, x: number, y: number, size = 10): TextItem => ({ str, x, y, width: str.length * size * 0.5, size });

/** Runs of one line, one per word, 0.3 font size apart (what many producers emit). */
function words(text: string, x: number, y: number, size = 10): TextItem[] {
  const out: TextItem[] = [];
  for (const word of text.split(' ')) {
    const item = run(word, x, y, size);
    out.push(item);
    x += item.width + 0.3 * size;
  }
  return out;
}

const page = (items: TextItem[], rules: Rule[] = []) => layoutPages([{ items, rules }])[0]!;

describe('PDF layout: runs of a line', () => {
  it('joins split diacritics without a space and words with one, NFC', () => {
    const split = [run('Vi', 0, 0), run('e', 10, 0), run('\u0323', 10.5, 0), run('t', 15, 0), run('\u0302', 10.5, 0)];
    split[2]!.width = 0;
    split[4]!.width = 0;
    const text = joinRuns([...split, run('Nam', 23, 0)]); // 't' ends at 20: a 0.3 font size gap
    expect(text).toBe('Việt Nam');
    expect(text).toBe(text.normalize('NFC'));
    expect(joinRuns(words('Cán bộ, công chức', 0, 0))).toBe('Cán bộ, công chức');
  });

  it('keeps a run written first but placed far to the right in the order it was written', () => {
    expect(joinRuns([run('[Điều]', 400, 0), run('nội dung chính', 50, 0)])).toBe('[Điều] nội dung chính');
  });
});

describe('PDF layout: pages', () => {
  const prose = [
    'Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo các sở, ban, ngành',
    'và địa phương triển khai thực hiện nghiêm túc các nhiệm vụ được',
    'giao, bảo đảm tiến độ và chất lượng.',
  ];

  it('leaves a single-column page in content-stream order, line by line', () => {
    const items = prose.flatMap((line, i) => words(line, 50, 700 - 14 * i));
    expect(page(items)).toEqual(prose);
  });

  it('reads a two-column page written line by line across the page left column first, title and footer in place', () => {
    const left = ['Cột trái mở đầu bằng nội dung', 'về cải cách hành chính và công', 'tác cán bộ, kết thúc cột trái.'];
    const right = ['Cột phải nói về chuyển đổi số', 'trong cơ quan nhà nước và dữ', 'liệu dân cư, kết thúc cột phải.'];
    const items = [
      ...words('BẢN TIN CẢI CÁCH HÀNH CHÍNH SỐ BA RA NGÀY THỨ HAI', 50, 760, 12),
      ...left.flatMap((line, i) => [...words(line, 50, 720 - 14 * i), ...words(right[i]!, 320, 720 - 14 * i)]),
      run('Trang 1', 285, 60),
    ];
    expect(page(items)).toEqual(['BẢN TIN CẢI CÁCH HÀNH CHÍNH SỐ BA RA NGÀY THỨ HAI', ...left, ...right, 'Trang 1']);
  });

  it('does not split label–value lines or an official two-part header followed by prose', () => {
    const labels = ['Họ và tên:', 'Ngày sinh:', 'Chức vụ:', 'Đơn vị công tác:'];
    const values = ['Nguyễn Văn An', '01/01/1980', 'Chuyên viên chính', 'Sở Nội vụ tỉnh Quảng Ninh'];
    const form = labels.flatMap((label, i) => [...words(label, 50, 700 - 16 * i), ...words(values[i]!, 300, 700 - 16 * i)]);
    expect(page(form)).toEqual(labels.map((label, i) => `${label} ${values[i]}`));

    const header = [
      ...words('ỦY BAN NHÂN DÂN', 80, 780),
      ...words('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 780),
      ...words('Số: 46/KH-UBND', 80, 766),
      ...words('Độc lập - Tự do - Hạnh phúc', 320, 766),
      ...prose.flatMap((line, i) => words(line, 50, 700 - 14 * i)),
      ...prose.flatMap((line, i) => words(line, 50, 640 - 14 * i)),
    ];
    expect(page(header).slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 46/KH-UBND Độc lập - Tự do - Hạnh phúc']);
  });

  it('turns a ruled grid into pipe rows: wrapped cells joined, merged cells spread, title row above', () => {
    // Columns 50 | 90 | 300 | 450; rows from the top: title, header, group row, two rows sharing "Sở Nội vụ".
    const xs = [50, 90, 300, 450];
    const ys = [700, 680, 660, 640, 610, 590];
    const rules: Rule[] = [
      ...ys.map((y) => ({ x1: 50, y1: y, x2: 450, y2: y })),
      { x1: 50, y1: 700, x2: 50, y2: 590 },
      { x1: 450, y1: 700, x2: 450, y2: 590 },
      { x1: 90, y1: 680, x2: 90, y2: 590 },
      { x1: 300, y1: 680, x2: 300, y2: 660 },
      { x1: 300, y1: 640, x2: 300, y2: 590 },
    ];
    // The rows sharing "Sở Nội vụ": no rule between them under that column.
    rules.splice(4, 1, { x1: 50, y1: 610, x2: 300, y2: 610 });
    const cell = (text: string, c: number, y: number) => words(text, xs[c]! + 3, y);
    const items = [
      ...words('Trước bảng là một đoạn văn.', 50, 720),
      ...cell('DANH MỤC NHIỆM VỤ', 1, 686),
      ...cell('TT', 0, 666),
      ...cell('Nhiệm vụ', 1, 666),
      ...cell('Chủ trì', 2, 666),
      ...cell('I', 0, 646),
      ...cell('Hoàn thiện thể chế', 1, 646),
      ...cell('1', 0, 626),
      ...cell('Sửa đổi quy chế làm việc của', 1, 626),
      ...cell('Ủy ban nhân dân tỉnh', 1, 615),
      ...cell('Sở Nội vụ', 2, 606),
      ...cell('2', 0, 596),
      ...cell('Lưu trữ | điện tử', 1, 596),
      ...words('Sau bảng là một đoạn văn.', 50, 570),
    ];
    expect(page(items, rules)).toEqual([
      'Trước bảng là một đoạn văn.',
      '',
      'DANH MỤC NHIỆM VỤ',
      '| TT | Nhiệm vụ | Chủ trì |',
      '| --- | --- | --- |',
      '| I | Hoàn thiện thể chế | |',
      '| 1 | Sửa đổi quy chế làm việc của Ủy ban nhân dân tỉnh | Sở Nội vụ |',
      '| 2 | Lưu trữ \\| điện tử | Sở Nội vụ |',
      '',
      'Sau bảng là một đoạn văn.',
    ]);
  });

  it('does not make a table of a frame around text or of aligned text without numbered rows', () => {
    const frame: Rule[] = [
      { x1: 40, y1: 720, x2: 500, y2: 720 },
      { x1: 40, y1: 650, x2: 500, y2: 650 },
      { x1: 40, y1: 650, x2: 40, y2: 720 },
      { x1: 500, y1: 650, x2: 500, y2: 720 },
    ];
    const items = prose.flatMap((line, i) => words(line, 50, 700 - 14 * i));
    expect(page(items, frame)).toEqual(prose);

    const aligned = ['Kính gửi', 'Đồng gửi', 'Lưu trữ'].flatMap((label, i) => [
      ...words(label, 50, 700 - 14 * i),
      ...words('Sở Nội vụ', 200, 700 - 14 * i),
      ...words('Văn phòng', 350, 700 - 14 * i),
    ]);
    expect(page(aligned)).toEqual(['Kính gửi Sở Nội vụ Văn phòng', 'Đồng gửi Sở Nội vụ Văn phòng', 'Lưu trữ Sở Nội vụ Văn phòng']);
  });

  it('gives a table continued on the next page the header row of the previous page', () => {
    const grid = (top: number, rows: number): Rule[] => [
      ...Array.from({ length: rows + 1 }, (_, r) => ({ x1: 50, y1: top - 20 * r, x2: 450, y2: top - 20 * r })),
      ...[50, 90, 300, 450].map((x) => ({ x1: x, y1: top, x2: x, y2: top - 20 * rows })),
    ];
    const row = (cells: string[], y: number) => cells.flatMap((c, i) => words(c, [53, 93, 303]![i]!, y));
    const first = { items: [...row(['TT', 'Nhiệm vụ', 'Chủ trì'], 96), ...row(['1', 'Số hóa hồ sơ', 'Sở Nội vụ'], 76)], rules: grid(110, 2) };
    const next = { items: [...row(['2', 'Lưu trữ điện tử', 'Văn phòng'], 776), ...row(['3', 'Dữ liệu dân cư', 'Công an'], 756)], rules: grid(790, 2) };
    const [, second] = layoutPages([first, next]);
    expect(second).toEqual(['', '| TT | Nhiệm vụ | Chủ trì |', '| --- | --- | --- |', '| 2 | Lưu trữ điện tử | Văn phòng |', '| 3 | Dữ liệu dân cư | Công an |', '']);
  });
});

describe('PDF layout: rules from the operator list', () => {
  it('reads stroked lines and thin filled rectangles in page space, and ignores other shapes', () => {
    const path = (...data: number[]) => [data];
    const fnArray = [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath, OPS.constructPath, OPS.constructPath];
    const argsArray = [
      null,
      [1, 0, 0, -1, 0, 842],
      [OPS.stroke, path(0, 50, 100, 1, 450, 100), [50, 100, 450, 100]],
      null,
      [OPS.fill, path(0, 90, 100, 1, 90.5, 100, 1, 90.5, 200, 1, 90, 200, 3), [90, 100, 90.5, 200]],
      [OPS.fill, path(0, 0, 0, 1, 100, 0, 1, 100, 100, 1, 0, 100, 3), [0, 0, 100, 100]],
      [OPS.stroke, path(0, 10, 10, 1, 60, 60), [10, 10, 60, 60]],
    ];
    expect(rulesFromOperators(fnArray, argsArray)).toEqual([
      { x1: 50, y1: 742, x2: 450, y2: 742 },
      { x1: 90.25, y1: 100, x2: 90.25, y2: 200 },
    ]);
  });
});
