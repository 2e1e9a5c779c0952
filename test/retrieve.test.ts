import { describe, expect, it } from 'vitest';
import { engineOver } from '../src/eval/run.js';
import { indexTextOf } from '../src/index/chunk-text.js';
import { chooseEmbeddings } from '../src/index/embeddings.js';
import { chunkDocument } from '../src/ingest/chunk.js';
import { analyzeQuery } from '../src/retrieve/query.js';
import { doc } from './helpers/docs.js';


const filler = (n: number) => Array.from({ length: n }, (_, i) => `Nội dung bổ sung thứ ${i + 1} về việc thực hiện quy định này tại địa phương.`).join(' ');

const DU_LICH = doc(
  'du-lich',
  'Luật Du lịch',
  [
    'Điều 1. Phạm vi điều chỉnh',
    'Luật này quy định về tài nguyên du lịch, phát triển sản phẩm du lịch và hoạt động du lịch.',
    '',
    'Điều 2. Quyền của khách du lịch',
    '1. Khách du lịch được lựa chọn hình thức du lịch.',
    filler(12),
    '2. Khách du lịch được bảo đảm an toàn tính mạng, sức khỏe và tài sản.',
    filler(12),
    '',
    'Điều 3. Nghĩa vụ của khách du lịch',
    '1. Khách du lịch phải tuân thủ pháp luật Việt Nam, tôn trọng phong tục tập quán của địa phương.',
  ].join('\n'),
);

const CU_TRU = doc(
  'cu-tru',
  'Luật Cư trú',
  [
    'Điều 1. Phạm vi điều chỉnh',
    'Luật này quy định về việc thực hiện quyền tự do cư trú của công dân và hoạt động du lịch của người lưu trú.',
    '',
    'Điều 2. Quyền của công dân về cư trú',
    '1. Công dân được lựa chọn nơi cư trú và được bảo đảm an toàn tài sản khi đi du lịch.',
  ].join('\n'),
);

describe('retrieval', () => {
  it('gives every chunk of an article the article title, not only the first', () => {
    const chunks = chunkDocument(DU_LICH.id, DU_LICH.text);
    const article = chunks.filter((c) => c.section[0] === 'Điều 2');
    expect(article.length).toBeGreaterThan(1);
    // The second chunk starts at clause "2.", a heading of its own: the article's title is not in its text.
    expect(article[1]!.text).not.toContain('Quyền của khách du lịch');
    for (const c of article) expect(indexTextOf(c, DU_LICH)).toContain('Điều 2. Quyền của khách du lịch');
  });

  it('favours the document a question names by its title, and the article whose heading it names', async () => {
    const engine = await engineOver([CU_TRU, DU_LICH], chooseEmbeddings({}));
    const passages = await engine.search(analyzeQuery('Theo Luật Du lịch, quyền của khách du lịch gồm những gì?'));
    expect(passages[0]!.document.id).toBe('du-lich');
    expect(passages[0]!.chunk.section[0]).toBe('Điều 2');
    const other = await engine.search(analyzeQuery('Theo Luật Cư trú, công dân được lựa chọn nơi cư trú không?'));
    expect(other[0]!.document.id).toBe('cu-tru');
  });

  it('respells accent typos the corpus never writes, and leaves words it writes alone', async () => {
    const engine = await engineOver([DU_LICH, CU_TRU], chooseEmbeddings({}));
    expect(engine.respell('Khách du lịch phải tuân thủ pháp luật thế nào?')).toBe('Khách du lịch phải tuân thủ pháp luật thế nào?');
    expect(engine.respell('Khách du lich phải tuân thũ phong tục gì?')).toBe('Khách du lịch phải tuân thủ phong tục gì?');
    expect(engine.respell('khach du lich')).toBe('khach du lich');
    // Words the corpus does not use are not turned into words it does ("nhiêu" → "nhiều") without a neighbour to prove it.
    expect(engine.respell('Khách du lịch trả bao nhiêu phần trăm?')).toBe('Khách du lịch trả bao nhiêu phần trăm?');
  });

  it('does not let a question frame ("…, đúng hay sai?") decide the topic', async () => {
    const engine = await engineOver([DU_LICH], chooseEmbeddings({}));
    const plain = await engine.search(analyzeQuery('Khách du lịch phải tuân thủ pháp luật Việt Nam'));
    const framed = await engine.search(analyzeQuery('Khách du lịch phải tuân thủ pháp luật Việt Nam, đúng hay sai?'));
    expect(framed[0]!.chunk.id).toBe(plain[0]!.chunk.id);
    expect(framed[0]!.scores.coverage).toBeCloseTo(plain[0]!.scores.coverage, 5);
  });

  it('takes a document\'s title for the heading of a passage that stands under none', async () => {
    const body = 'Sinh viên đăng ký tại phòng đào tạo, nộp lệ phí và nhận bảng điểm sau năm ngày làm việc.';
    const engine = await engineOver(
      [doc('le-phi', 'Cấp bảng điểm, giấy chứng nhận, văn bằng và lệ phí các loại giấy tờ', body), doc('bang-diem', 'Cấp bảng điểm', body)],
      chooseEmbeddings({}),
    );
    const passages = await engine.search(analyzeQuery('Cấp bảng điểm: sinh viên đăng ký ở đâu?'));
    expect(passages[0]!.document.id).toBe('bang-diem');
  });

  it('finds what X is for "Thế nào là X?", not a passage saying something else "là X"', async () => {
    const engine = await engineOver(
      [
        doc('tu-do', 'Chế độ học tập của sinh viên tự do', 'Sinh viên tự do là sinh viên chính quy đã hết thời hạn tối đa của khóa học và chưa đủ điều kiện tốt nghiệp.'),
        doc('chinh-quy', 'Chế độ học tập', 'Sinh viên chính quy là các thí sinh trúng tuyển vào hệ chính quy và đã hoàn tất thủ tục nhập học.'),
      ],
      chooseEmbeddings({}),
    );
    const passages = await engine.search(analyzeQuery('Thế nào là sinh viên chính quy?'));
    expect(passages[0]!.document.id).toBe('chinh-quy');
  });
});
