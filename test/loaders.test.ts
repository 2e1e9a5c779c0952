import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { chunkDocument } from '../src/ingest/chunk.js';
import { decodeText, TCVN3_HIGH } from '../src/ingest/loaders/encoding.js';
import { htmlToText } from '../src/ingest/loaders/html.js';
import {
  detectMeta,
  loadFile,
  normalizeIssued,
  normalizeText,
  SUPPORTED_EXTENSIONS,
  titleCaseVi,
} from '../src/ingest/loaders/index.js';
import { cleanPdfPages, joinWrappedLines, ocrAvailable, SCANNED_PDF_HINT, setOcrEnabled } from '../src/ingest/loaders/pdf.js';
import {
  encodeTcvn3,
  encodeVni,
  encodeWindows1258,
  fontAvailable,
  FONT_PATH,
  makeDocx,
  makeNoTextPdf,
  makePdf,
  makeScannedPdf,
  makeTablePdf,
  makeTempDir,
  makeTwoColumnPdf,
  pdftoppmAvailable,
  removeTempDir,
} from './helpers/fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await removeTempDir(dir);
});

const file = (name: string) => path.join(dir, name);

/** Resolves to the AppError code a promise rejects with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected a rejection');
}

const HAS_FONT = fontAvailable();
if (!HAS_FONT) console.warn(`[loaders.test] ${FONT_PATH} missing (apt-get install fonts-dejavu-core): PDF tests skipped`);

const PARA_1 =
  'Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo các sở, ban, ngành và địa phương triển khai thực hiện nghiêm túc các nhiệm vụ được giao, bảo đảm tiến độ và chất lượng, định kỳ hằng quý báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh.';
const PARA_2 =
  'Cán bộ, công chức, viên chức trong các cơ quan hành chính nhà nước thực hiện chuyển đổi số, sử dụng chữ ký số và hồ sơ điện tử trong xử lý công việc hằng ngày.';
const PARA_3 =
  'Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành; các quy định trước đây trái với Nghị quyết này đều bãi bỏ.';

describe.skipIf(!HAS_FONT)('PDF loader', () => {
  it('removes running headers, footers and page numbers; keeps page spans; rejoins wrapped paragraphs', async () => {
    const pdf = file('nghi-quyet.pdf');
    await makePdf(
      pdf,
      [
        ['Điều 1. Phạm vi điều chỉnh', PARA_1, 'a) Cơ quan hành chính nhà nước các cấp;', 'b) Đơn vị sự nghiệp công lập.'],
        ['Điều 2. Đối tượng áp dụng', PARA_2],
        ['Điều 3. Hiệu lực thi hành', PARA_3],
      ],
      { header: 'CÔNG BÁO/Số 12 + 13/Ngày 09-01-2025', footer: 'Trang {page}/{total}', width: 300 },
    );
    const doc = await loadFile(pdf);
    expect(doc.text).not.toContain('CÔNG BÁO');
    expect(doc.text).not.toMatch(/Trang \d/);
    // wrapped lines joined back into the exact paragraphs, diacritics intact
    expect(doc.text).toContain(PARA_1);
    expect(doc.text).toContain(PARA_2);
    expect(doc.text).toContain(PARA_3);
    const lines = doc.text.split('\n');
    expect(lines).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(lines).toContain('a) Cơ quan hành chính nhà nước các cấp;');
    expect(lines).toContain('b) Đơn vị sự nghiệp công lập.');

    expect(doc.pages).toHaveLength(3);
    const bodies = ['Điều 1.', 'Điều 2.', 'Điều 3.'];
    doc.pages!.forEach((span, i) => {
      expect(span.page).toBe(i + 1);
      const slice = doc.text.slice(span.start, span.end);
      expect(slice.startsWith(bodies[i]!)).toBe(true);
      for (const other of bodies.filter((_, j) => j !== i)) expect(slice).not.toContain(other);
    });
    expect(doc.text.slice(doc.pages![0]!.start, doc.pages![0]!.end)).toContain(PARA_1);
    expect(doc.text.slice(doc.pages![2]!.start, doc.pages![2]!.end)).toContain(PARA_3);
    expect(doc.pages![2]!.end).toBe(doc.text.length);
  });

  it('two columns written one after the other come out in reading order', async () => {
    const pdf = file('two-columns-flow.pdf');
    const left = ['Cột trái mở đầu bằng nội dung về cải cách hành chính,', 'tiếp theo là công tác cán bộ và kết thúc cột trái.'];
    const right = ['Cột phải nói về chuyển đổi số trong cơ quan nhà nước,', 'sau đó là dữ liệu dân cư và kết thúc cột phải.'];
    await makeTwoColumnPdf(pdf, left, right, 'flow');
    const { text } = await loadFile(pdf);
    const words = [...left, ...right].join(' ').split(' ');
    for (const word of words) expect(text).toContain(word);
    expect(text.indexOf('kết thúc cột trái')).toBeLessThan(text.indexOf('Cột phải'));
  });

  it('two columns written line by line across the page come out in reading order', async () => {
    const pdf = file('two-columns-rows.pdf');
    const left = ['Cột trái dòng một', 'cột trái dòng hai', 'cột trái dòng ba'];
    const right = ['Cột phải dòng một', 'cột phải dòng hai', 'cột phải dòng ba'];
    await makeTwoColumnPdf(pdf, left, right, 'rows');
    const { text } = await loadFile(pdf);
    const at = (line: string) => text.indexOf(line);
    for (const line of [...left, ...right]) expect(at(line)).toBeGreaterThanOrEqual(0);
    // Every line of the left column before every line of the right one (no "Cột trái dòng một Cột phải dòng một").
    expect(Math.max(...left.map(at))).toBeLessThan(Math.min(...right.map(at)));
  });

  const PLAN = [
    ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn'],
    ['1', 'Xây dựng cơ sở dữ liệu dân cư dùng chung của tỉnh', 'Sở Khoa học và Công nghệ', 'Công an tỉnh', 'Quý II/2025'],
    ['2', 'Triển khai chữ ký số cho cán bộ, công chức', 'Sở Nội vụ', 'Các sở, ban, ngành', '2025'],
    ['3', 'Đào tạo kỹ năng số cho cán bộ cấp xã', 'Sở Giáo dục và Đào tạo', 'Ủy ban nhân dân cấp huyện', 'Hằng năm'],
  ];
  // Narrow columns: cells of every column but STT wrap onto two lines of the PDF in some row.
  const PLAN_WIDTHS = [35, 170, 110, 110, 70];
  const BEFORE = 'Các cơ quan, đơn vị triển khai các nhiệm vụ theo bảng dưới đây.';
  const AFTER = 'Định kỳ hằng quý, các cơ quan chủ trì báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh.';
  const pipeRow = (cells: string[]) => `| ${cells.join(' | ')} |`;

  for (const ruled of [true, false]) {
    it(`a ${ruled ? 'ruled' : 'borderless, numbered'} table comes out as pipe rows, one row chunk per table row`, async () => {
      const pdf = file(`ke-hoach-${ruled ? 'ke' : 'khong-ke'}.pdf`);
      await makeTablePdf(pdf, PLAN, { before: [BEFORE], after: [AFTER], widths: PLAN_WIDTHS, ruled });
      const doc = await loadFile(pdf);
      const lines = doc.text.split('\n');
      const header = lines.indexOf(pipeRow(PLAN[0]!));
      expect(header).toBeGreaterThan(lines.indexOf(BEFORE));
      expect(lines[header + 1]).toBe('| --- | --- | --- | --- | --- |');
      // One line per table row, each wrapped cell joined back inside its cell.
      PLAN.slice(1).forEach((row, i) => expect(lines[header + 2 + i]).toBe(pipeRow(row)));
      expect(lines.indexOf(AFTER)).toBeGreaterThan(header + PLAN.length);

      const rows = chunkDocument('ke-hoach', doc.text, doc.pages).filter((c) => c.kind === 'row');
      expect(rows.map((c) => c.cells)).toEqual(PLAN.slice(1));
      for (const row of rows) {
        expect(row.header).toEqual(PLAN[0]);
        expect(row.page).toBe(1);
      }
    });
  }

  it('a table continued on the next page without its header row keeps the header for every row', async () => {
    const pdf = file('ke-hoach-dai.pdf');
    const rows = Array.from({ length: 36 }, (_, i) => [
      String(i + 1),
      `Nhiệm vụ số ${i + 1}: rà soát, hoàn thiện quy định về chuyển đổi số`,
      'Sở Nội vụ',
      'Các sở, ban, ngành',
      `Quý ${(i % 4) + 1}/2025`,
    ]);
    await makeTablePdf(pdf, [PLAN[0]!, ...rows], { widths: PLAN_WIDTHS });
    const doc = await loadFile(pdf);
    expect(doc.pages!.length).toBeGreaterThan(1);
    const chunks = chunkDocument('ke-hoach-dai', doc.text, doc.pages).filter((c) => c.kind === 'row');
    expect(chunks.map((c) => c.cells)).toEqual(rows);
    for (const chunk of chunks) expect(chunk.header).toEqual(PLAN[0]);
    expect(chunks.at(-1)!.page).toBe(doc.pages!.length);
  });

  it('rejects a corrupt PDF and a password-protected PDF as unreadable', async () => {
    await writeFile(file('corrupt.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref\n');
    expect(await codeOf(loadFile(file('corrupt.pdf')))).toBe('INGEST_UNREADABLE');

    await makePdf(file('locked.pdf'), [['Nội dung mật']], { userPassword: 'matkhau' });
    await expect(loadFile(file('locked.pdf'))).rejects.toThrow(/mật khẩu/);
    expect(await codeOf(loadFile(file('locked.pdf')))).toBe('INGEST_UNREADABLE');
  });

  it('a PDF without a text layer and without OCR → INGEST_EMPTY naming the tools to install', async () => {
    const pdf = file('no-text.pdf');
    await makeNoTextPdf(pdf);
    setOcrEnabled(false);
    try {
      await expect(loadFile(pdf)).rejects.toThrow(SCANNED_PDF_HINT);
      expect(await codeOf(loadFile(pdf))).toBe('INGEST_EMPTY');
    } finally {
      setOcrEnabled(true);
    }
  });
});

const CAN_OCR = HAS_FONT && (await ocrAvailable()) && (await pdftoppmAvailable());
if (!CAN_OCR) {
  console.warn('[loaders.test] tesseract with Vietnamese data (tesseract-ocr-vie) or pdftoppm (poppler-utils) missing: OCR test skipped');
}

describe('PDF scanned page OCR', () => {
  it.skipIf(!CAN_OCR)('OCRs a page that is only an image', async () => {
    const pdf = file('scan.pdf');
    await makeScannedPdf(pdf, ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', 'Kế hoạch chuyển đổi số năm 2025', 'Điều 1. Phạm vi điều chỉnh']);
    const doc = await loadFile(pdf);
    expect(doc.text).toContain('QUẢNG NINH');
    expect(doc.text).toContain('chuyển đổi số');
    expect(doc.text).toContain('Điều 1');
    expect(doc.warnings?.join(' ')).toMatch(/OCR/);
    expect(doc.pages).toHaveLength(1);
  }, 60_000);
});

describe('PDF clean-up (pure)', () => {
  it('removes page-number lines in their usual forms and repeated header lines', () => {
    const pages = ['3\nĐiều 1. Một\nNội dung.', '- 4 -\nĐiều 2. Hai\nNội dung hai.\nTrang 4', 'Nội dung ba.\n5/12'];
    expect(cleanPdfPages(pages)).toEqual(['Điều 1. Một\nNội dung.', 'Điều 2. Hai\nNội dung hai.', 'Nội dung ba.']);
  });

  it('joins hyphenated and lowercase-continued lines, keeps headings and list items', () => {
    expect(joinWrappedLines(['Văn bản quy định về xyz-', 'abc và các nội dung', 'liên quan.'])).toBe(
      'Văn bản quy định về xyzabc và các nội dung liên quan.',
    );
    expect(joinWrappedLines(['Các nhiệm vụ sau', 'a) thứ nhất;', 'b) thứ hai.', 'CHƯƠNG II', 'QUY ĐỊNH CHUNG'])).toBe(
      'Các nhiệm vụ sau\na) thứ nhất;\nb) thứ hai.\nCHƯƠNG II\nQUY ĐỊNH CHUNG',
    );
    expect(joinWrappedLines(['Kết thúc câu.', 'mở đầu thường'])).toBe('Kết thúc câu.\nmở đầu thường');
  });

  it('joins a wide line with the next when it opens with a number that is no list marker', () => {
    const lines = ['Đặc biệt, tỉnh sẽ ưu tiên dành khoảng một phần đáng kể ngân sách, cụ thể', '2% GRDP chi cho nghiên cứu và phát triển, đồng thời', '2. Nhiệm vụ trọng tâm'];
    expect(joinWrappedLines(lines)).toBe(
      'Đặc biệt, tỉnh sẽ ưu tiên dành khoảng một phần đáng kể ngân sách, cụ thể 2% GRDP chi cho nghiên cứu và phát triển, đồng thời\n2. Nhiệm vụ trọng tâm',
    );
  });
});

describe('DOCX loader', () => {
  it('keeps headings on their own line and tables as pipe rows with a header', async () => {
    const docx = file('ke-hoach.docx');
    await makeDocx(docx, [
      { heading: 'Điều 1. Phân công nhiệm vụ' },
      { paragraph: 'Các cơ quan, đơn vị thực hiện theo bảng dưới đây.' },
      {
        table: [
          ['STT', 'Nội dung', 'Đơn vị chủ trì'],
          ['1', 'Xây dựng | triển khai kế hoạch', 'Sở Nội vụ'],
          ['2', 'Chuyển đổi số', 'Sở Khoa học và Công nghệ'],
        ],
      },
    ]);
    const doc = await loadFile(docx);
    const lines = doc.text.split('\n');
    expect(lines).toContain('Điều 1. Phân công nhiệm vụ');
    expect(lines).toContain('Các cơ quan, đơn vị thực hiện theo bảng dưới đây.');
    const header = lines.indexOf('| STT | Nội dung | Đơn vị chủ trì |');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(lines[header + 1]).toBe('| --- | --- | --- |');
    expect(lines[header + 2]).toBe('| 1 | Xây dựng \\| triển khai kế hoạch | Sở Nội vụ |');
    expect(lines[header + 3]).toBe('| 2 | Chuyển đổi số | Sở Khoa học và Công nghệ |');
  });

  it('detects metadata from an official header laid out as a table', async () => {
    const docx = file('official.docx');
    await makeDocx(docx, [
      {
        table: [
          ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'],
          ['Số: 46/KH-UBND', 'Quảng Ninh, ngày 03 tháng 02 năm 2025'],
        ],
        headerRow: false,
      },
      { paragraph: 'KẾ HOẠCH' },
      { paragraph: 'Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị' },
      { paragraph: 'I. MỤC ĐÍCH, YÊU CẦU' },
    ]);
    const { meta } = await loadFile(docx);
    expect(meta).toEqual({
      number: '46/KH-UBND',
      issued: '2025-02-03',
      issuer: 'Ủy ban nhân dân tỉnh Quảng Ninh',
      title: 'Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
      subject: 'Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
    });
  });

  it('rejects a corrupt DOCX as unreadable', async () => {
    await writeFile(file('broken.docx'), Buffer.from('PK\u0003\u0004 this is not really a zip file'));
    expect(await codeOf(loadFile(file('broken.docx')))).toBe('INGEST_UNREADABLE');
  });
});

describe('HTML loader', () => {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Hướng dẫn | Cổng thông tin</title>
    <style>body { color: red }</style><script>var menu = "Trang chủ";</script></head>
    <body>
      <header><div class="logo">Cổng thông tin điện tử tỉnh</div></header>
      <nav><ul><li>Trang chủ</li><li>Tin tức</li></ul></nav>
      <main>
        <h1>Hướng dẫn  nộp hồ sơ trực tuyến</h1>
        <p>Người dân có thể nộp hồ sơ
           qua Cổng dịch vụ công.<br>Thời hạn giải quyết là 5 ngày.</p>
        <h2>Các bước thực hiện</h2>
        <ol><li>Đăng nhập tài khoản</li><li>Chọn thủ tục <ul><li>Cấp tỉnh</li></ul></li></ol>
        <ul><li>a) Bản sao giấy tờ</li><li>Tờ khai</li></ul>
        <table><thead><tr><th>Thủ tục</th><th>Phí</th></tr></thead>
          <tbody><tr><td>Cấp   giấy | phép</td><td>50.000 đồng</td></tr><tr><td colspan="2">Miễn phí nộp trực tuyến</td></tr></tbody></table>
        <aside>Tin liên quan</aside>
        <form><input name="q"><button>Tìm</button></form>
      </main>
      <footer>Bản quyền thuộc về Ủy ban nhân dân tỉnh</footer>
      <div role="contentinfo">Liên hệ</div>
    </body></html>`;

  it('keeps the main content, drops navigation, chrome and scripts, converts lists and tables', async () => {
    await writeFile(file('huong-dan.html'), html);
    const doc = await loadFile(file('huong-dan.html'));
    for (const gone of ['Trang chủ', 'Cổng thông tin điện tử tỉnh', 'Bản quyền', 'Tin liên quan', 'Tìm', 'color', 'Liên hệ']) {
      expect(doc.text).not.toContain(gone);
    }
    expect(doc.text).toBe(
      [
        'Hướng dẫn nộp hồ sơ trực tuyến',
        '',
        'Người dân có thể nộp hồ sơ qua Cổng dịch vụ công.',
        'Thời hạn giải quyết là 5 ngày.',
        '',
        'Các bước thực hiện',
        '',
        '1. Đăng nhập tài khoản\n2. Chọn thủ tục\n  - Cấp tỉnh',
        '',
        'a) Bản sao giấy tờ\n- Tờ khai',
        '',
        '| Thủ tục | Phí |\n| --- | --- |\n| Cấp giấy \\| phép | 50.000 đồng |\n| Miễn phí nộp trực tuyến |  |',
      ].join('\n'),
    );
    expect(doc.meta.title).toBe('Hướng dẫn nộp hồ sơ trực tuyến');
  });

  it('falls back to <title> and body without main; keeps a header inside main', () => {
    expect(htmlToText('<html><head><title>Tiêu đề</title></head><body><p>Nội dung</p></body></html>')).toEqual({
      text: 'Nội dung',
      title: 'Tiêu đề',
    });
    const page = '<body><header>Tên cổng</header><main><header><h1>Tiêu đề bài</h1></header><p>Nội dung</p></main></body>';
    expect(htmlToText(page)).toEqual({ text: 'Tiêu đề bài\n\nNội dung', title: 'Tiêu đề bài' });
  });

  it('decodes an HTML page declared as windows-1258', async () => {
    const body = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>Việt Nam đổi mới</p></body></html>';
    await writeFile(file('legacy.htm'), encodeWindows1258(body));
    expect((await loadFile(file('legacy.htm'))).text).toBe('Việt Nam đổi mới');
  });
});

describe('text encodings', () => {
  const SAMPLE =
    'Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKế hoạch thực hiện nhiệm vụ chuyển đổi số năm 2025 của tỉnh Quảng Ninh, bảo đảm người dân được hưởng lợi.';

  it('TCVN3 table agrees with iconv-lite\'s TCVN 5712 table on 0xA1–0xFF', () => {
    const bytes = Buffer.from(Array.from({ length: 0x5f }, (_, i) => 0xa1 + i));
    expect(String.fromCharCode(...TCVN3_HIGH)).toBe(iconv.decode(bytes, 'tcvn'));
  });

  it('decodes hand-written TCVN3 and VNI bytes', () => {
    const tcvn3 = Buffer.from('Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nQUYÕT §ÞNH', 'latin1');
    expect(decodeText(tcvn3, 'x.txt')).toEqual({
      text: 'Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nQUYẾT ĐỊNH',
      encoding: 'tcvn3',
    });
    const vni = Buffer.from('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nQUYEÁT ÑÒNH', 'latin1');
    expect(decodeText(vni, 'x.txt')).toEqual({
      text: 'Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nQUYẾT ĐỊNH',
      encoding: 'vni',
    });
  });

  it.each([
    ['tcvn3', encodeTcvn3],
    ['vni', encodeVni],
    ['windows-1258', encodeWindows1258],
  ] as const)('loads a %s text file', async (name, encode) => {
    const bytes = encode(SAMPLE);
    expect(bytes.toString('utf8')).not.toContain('ộ');
    await writeFile(file(`legacy-${name}.txt`), bytes);
    const doc = await loadFile(file(`legacy-${name}.txt`));
    expect(doc.text).toBe(SAMPLE);
    expect(decodeText(bytes, 'x').encoding).toBe(name);
  });

  it('reads UTF-8 with BOM and UTF-16 LE/BE with BOM', async () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf-16be')]);
    for (const [name, bytes] of [['bom8', utf8], ['le', le], ['be', be]] as const) {
      await writeFile(file(`${name}.txt`), bytes);
      expect((await loadFile(file(`${name}.txt`))).text).toBe(SAMPLE);
    }
  });

  it('reads a UTF-8 file with a stray broken byte, with a warning', async () => {
    await writeFile(file('damaged.txt'), Buffer.concat([Buffer.from(SAMPLE), Buffer.from([0xff]), Buffer.from(' hết.')]));
    const doc = await loadFile(file('damaged.txt'));
    expect(doc.text).toBe(`${SAMPLE}\ufffd hết.`);
    expect(doc.warnings?.[0]).toMatch(/damaged\.txt: 1 chuỗi byte UTF-8 hỏng/);
  });

  it('normalises NFD input to NFC', async () => {
    const nfd = SAMPLE.normalize('NFD');
    expect(nfd).not.toBe(SAMPLE);
    await writeFile(file('nfd.md'), nfd);
    expect((await loadFile(file('nfd.md'))).text).toBe(SAMPLE);
  });

  it('refuses text in an encoding it does not know, naming the encoding problem', async () => {
    const japanese = iconv.encode('これはベトナム語の文書ではありません。行政手続きの案内です。', 'shift_jis');
    const highJunk = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 7919) % 128)));
    for (const [name, bytes] of [['sjis.txt', japanese], ['high.txt', highJunk]] as const) {
      await writeFile(file(name), bytes);
      await expect(loadFile(file(name))).rejects.toThrow(/bảng mã/);
      expect(await codeOf(loadFile(file(name)))).toBe('INGEST_UNREADABLE');
    }
  });
});

describe('text and Markdown loader', () => {
  it('parses YAML front matter into metadata and keeps the body', async () => {
    await writeFile(
      file('front.md'),
      '---\r\ntitle: Nghị quyết về chuyển đổi số\r\nnumber: 03/NQ-CP\r\nissued: 9/1/2025\r\nissuer: Chính phủ\r\nkind: official_text\r\nsource: https://vanban.chinhphu.vn\r\n---\r\n# Điều 1\r\n\r\nNội dung điều 1.   \r\n\r\n\r\n\r\n\r\nNội dung tiếp.\r\n',
    );
    const doc = await loadFile(file('front.md'));
    expect(doc.meta).toEqual({
      title: 'Nghị quyết về chuyển đổi số',
      number: '03/NQ-CP',
      issued: '2025-01-09',
      issuer: 'Chính phủ',
      kind: 'official_text',
      source: 'https://vanban.chinhphu.vn',
    });
    expect(doc.text).toBe('# Điều 1\n\nNội dung điều 1.\n\n\nNội dung tiếp.');
    expect(doc.warnings).toBeUndefined();
  });

  it('merges a .meta.json sidecar over the file\'s own metadata, then detected metadata', async () => {
    await writeFile(file('doc.md'), '---\ntitle: Tiêu đề trong tệp\nkind: summary\n---\nSố: 12/KH-UBND\nNội dung.\n');
    await writeFile(file('doc.md.meta.json'), JSON.stringify({ title: 'Tiêu đề từ sidecar', issued: '2025-03-01', extra: 1 }));
    const doc = await loadFile(file('doc.md'));
    expect(doc.meta).toEqual({ title: 'Tiêu đề từ sidecar', kind: 'summary', issued: '2025-03-01', number: '12/KH-UBND' });

    await writeFile(file('bad.txt'), 'Nội dung.');
    await writeFile(file('bad.txt.meta.json'), '{ title: ');
    const bad = await loadFile(file('bad.txt'));
    expect(bad.warnings?.[0]).toMatch(/bad\.txt\.meta\.json: .*JSON/);
  });

  it('reports invalid front matter as a warning', async () => {
    await writeFile(file('bad-front.md'), '---\ntitle: [unclosed\n---\nThân bài.\n');
    const doc = await loadFile(file('bad-front.md'));
    expect(doc.text).toBe('Thân bài.');
    expect(doc.warnings?.[0]).toMatch(/YAML/);
  });
});

describe('loadFile errors', () => {
  it('unsupported extension, empty, whitespace-only, binary junk, too large', async () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.md', '.markdown', '.pdf', '.docx', '.html', '.htm']);
    await writeFile(file('old.doc'), 'x');
    expect(await codeOf(loadFile(file('old.doc')))).toBe('INGEST_UNSUPPORTED');
    await expect(loadFile(file('old.doc'))).rejects.toThrow(/\.docx/);
    await writeFile(file('program.exe'), 'MZ');
    expect(await codeOf(loadFile(file('program.exe')))).toBe('INGEST_UNSUPPORTED');

    await writeFile(file('empty.txt'), '');
    expect(await codeOf(loadFile(file('empty.txt')))).toBe('INGEST_EMPTY');
    await writeFile(file('blank.md'), ' \n\t\n \n');
    expect(await codeOf(loadFile(file('blank.md')))).toBe('INGEST_EMPTY');

    await writeFile(file('junk.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x13, 0x00, 0x3e, 0x00]));
    expect(await codeOf(loadFile(file('junk.txt')))).toBe('INGEST_UNREADABLE');

    await writeFile(file('big.txt'), 'Nội dung khá dài.');
    expect(await codeOf(loadFile(file('big.txt'), { maxBytes: 10 }))).toBe('INGEST_TOO_LARGE');
    await expect(loadFile(file('big.txt'), { maxBytes: 10 })).rejects.toThrow(/big\.txt: /);

    expect(await codeOf(loadFile(file('missing.txt')))).toBe('INGEST_UNREADABLE');
  });
});

describe('detectMeta', () => {
  it('reads an official header written line by line', () => {
    const text = [
      'CHÍNH PHỦ',
      '--------',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '---------------',
      'Số: 03/NQ-CP',
      'Hà Nội, ngày 09 tháng 01 năm 2025',
      '',
      'NGHỊ QUYẾT',
      'Về những nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội',
      'và Dự toán ngân sách nhà nước năm 2025',
      '----------',
      'CHÍNH PHỦ',
      '',
      'Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;',
    ].join('\n');
    expect(detectMeta(text)).toEqual({
      number: '03/NQ-CP',
      issued: '2025-01-09',
      issuer: 'Chính phủ',
      title:
        'Nghị quyết về những nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và Dự toán ngân sách nhà nước năm 2025',
      subject: 'Về những nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và Dự toán ngân sách nhà nước năm 2025',
    });
  });

  it('reads a header whose two columns a PDF merged onto the same lines', () => {
    const text = [
      'ĐẢNG BỘ TỈNH QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM',
      'TỈNH ỦY',
      '*',
      'Số 46-CTr/TU Quảng Ninh, ngày 15 tháng 3 năm 2025',
      'CHƯƠNG TRÌNH HÀNH ĐỘNG',
      'thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
    ].join('\n');
    expect(detectMeta(text)).toEqual({
      number: '46-CTr/TU',
      issued: '2025-03-15',
      issuer: 'Tỉnh ủy Quảng Ninh',
      title: 'Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
      subject: 'Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị',
    });
    expect(detectMeta('BỘ CHÍNH TRỊ ĐẢNG CỘNG SẢN VIỆT NAM\nSố 57-NQ/TW Hà Nội, ngày 22 tháng 12 năm 2024\nNGHỊ QUYẾT\nVề đột phá phát triển khoa học, công nghệ')).toEqual({
      number: '57-NQ/TW',
      issued: '2024-12-22',
      issuer: 'Bộ Chính trị',
      title: 'Nghị quyết về đột phá phát triển khoa học, công nghệ',
      subject: 'Về đột phá phát triển khoa học, công nghệ',
    });
  });

  it('falls back to the first heading or line and invents nothing for ordinary text', () => {
    expect(detectMeta('# Hỏi đáp về thủ tục\n\nNội dung ngày 5 tháng 3 năm 2025.')).toEqual({ title: 'Hỏi đáp về thủ tục' });
    expect(detectMeta('Tin tức hoạt động\nSố liệu mới nhất.')).toEqual({ title: 'Tin tức hoạt động' });
    expect(detectMeta('UBND TỈNH QUẢNG NINH\nVĂN PHÒNG\nSố: 123/VP-TH\nV/v triển khai chữ ký số\nQuảng Ninh, ngày 2 tháng 4 năm 2025')).toEqual({
      number: '123/VP-TH',
      issued: '2025-04-02',
      issuer: 'Văn phòng',
      title: 'Công văn về việc triển khai chữ ký số',
    });
    expect(detectMeta('x'.repeat(300)).title).toHaveLength(200);
  });

  it('title-cases issuers and normalises dates', () => {
    expect(titleCaseVi('ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH')).toBe('Ủy ban nhân dân tỉnh Quảng Ninh');
    expect(titleCaseVi('BỘ CHÍNH TRỊ')).toBe('Bộ Chính trị');
    expect(titleCaseVi('VĂN PHÒNG UBND TỈNH QUẢNG NINH')).toBe('Văn phòng UBND tỉnh Quảng Ninh');
    expect(titleCaseVi('ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK')).toBe('Ủy ban nhân dân tỉnh Đắk Lắk');
    expect(titleCaseVi('BAN CHẤP HÀNH TRUNG ƯƠNG')).toBe('Ban Chấp hành Trung ương');
    expect(titleCaseVi('BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')).toBe('Bộ Lao động - Thương binh và Xã hội');
    expect(titleCaseVi('SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HÀ NỘI')).toBe('Sở Giáo dục và Đào tạo thành phố Hà Nội');
    expect(normalizeIssued('2025-01-09')).toBe('2025-01-09');
    expect(normalizeIssued('9/1/2025')).toBe('2025-01-09');
    expect(normalizeIssued('09.01.2025')).toBe('2025-01-09');
    expect(normalizeIssued(new Date(Date.UTC(2025, 0, 9)))).toBe('2025-01-09');
    expect(normalizeIssued('ngày 9 tháng 1 năm 2025')).toBe('2025-01-09');
    expect(normalizeIssued('31/2/2025')).toBeUndefined();
  });
});

describe('normalizeText', () => {
  it('NFC, CRLF, trailing spaces, invisible characters, blank-line runs', () => {
    expect(normalizeText('\r\n\u00adA\u00a0b  \r\nc\u200b\r\n\r\n\r\n\r\n\r\nd\t\r\n')).toBe('A b\nc\n\n\nd');
    expect(normalizeText('Vie\u0302\u0323t')).toBe('Việt');
  });
});
