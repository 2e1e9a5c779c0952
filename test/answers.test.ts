/** Answers built from retrieved passages and from the index: selection, refusal, lists, counts, documents themselves. */
import { describe, expect, it } from 'vitest';
import { ask, splitCompound } from '../src/answer/assistant.js';
import { resolveFollowUp } from '../src/answer/followup.js';
import { replay } from '../src/answer/conversation.js';
import type { StoredDocument } from '../src/index/store.js';
import { intentOf } from '../src/retrieve/query.js';
import { asksQuantity, holdsFigure, holdsMeasure, MONEY } from '../src/answer/units.js';
import { doc, engineOf } from './helpers/docs.js';

describe('answer selection', () => {
  const PLAN = doc(
    'ke-hoach-ninh-binh',
    'Kế hoạch chuyển đổi số tỉnh Ninh Bình',
    [
      'I. MỤC TIÊU',
      'Tỉnh Ninh Bình phấn đấu đến năm 2030 kinh tế số chiếm 25% GRDP của tỉnh.',
      'Ban Thường vụ Tỉnh ủy đã ban hành Chương trình hành động số 12-CTr/TU ngày 3/2/2025 để thực hiện Nghị quyết.',
    ].join('\n'),
  );
  const NEWS = doc(
    'tin-ninh-binh',
    'Ninh Bình đẩy mạnh chuyển đổi số',
    'Ngay sau Hội nghị, Tỉnh ủy Ninh Bình ban hành Chương trình hành động số 12-CTr/TU (ngày 3/2/2025) với nhiều nhiệm vụ cụ thể.',
  );
  const LAW = doc(
    'luat-moi-truong',
    'Luật Bảo vệ môi trường',
    [
      'Điều 5. Chính sách của Nhà nước',
      'Nhà nước khuyến khích doanh nghiệp đầu tư dịch vụ xử lý chất thải nguy hại.',
      '',
      'Điều 6. Trách nhiệm quản lý',
      'Việc thống nhất quản lý nhà nước về bảo vệ môi trường phải công khai, minh bạch.',
      'Chính phủ thống nhất quản lý nhà nước về bảo vệ môi trường.',
      '',
      'Điều 7. Cơ sở xử lý chất thải',
      'Cơ sở xử lý chất thải nguy hại phải có giấy phép môi trường và bảo đảm khoảng cách an toàn.',
      'Doanh nghiệp được Nhà nước khuyến khích làm dịch vụ thu gom chất thải nguy hại phải có cơ sở xử lý chất thải.',
    ].join('\n'),
  );

  it('cites a second document that states the same date beside the first', async () => {
    const engine = await engineOf([PLAN, NEWS]);
    const result = await ask(engine, { question: 'Chương trình hành động số 12-CTr/TU được ban hành ngày nào?' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toContain('3/2/2025');
    expect(result.answer).toMatch(/\[1\]\[2\]/);
    expect(new Set(result.citations.map((c) => c.documentId))).toEqual(new Set(['ke-hoach-ninh-binh', 'tin-ninh-binh']));
  });

  it('quotes a sentence two documents repeat once, citing both', async () => {
    const rule = 'Một học kỳ chính có 15 tuần thực học và 3 tuần dành cho thi, kiểm tra.';
    const engine = await engineOf([doc('hoc-ky', 'Học kỳ', `${rule}\nHọc kỳ hè do Trường tổ chức.`), doc('hoc-ky-chinh', 'Học kỳ chính', `${rule}\nLịch học được công bố đầu năm.`)]);
    const result = await ask(engine, { question: 'Một học kỳ chính có bao nhiêu tuần thực học?' });
    expect(result.answer.match(/15 tuần thực học/g)).toHaveLength(1);
    expect(result.answer).toMatch(/\[1\]\[2\]/);
    expect(new Set(result.citations.map((c) => c.documentId))).toEqual(new Set(['hoc-ky', 'hoc-ky-chinh']));
  });

  it('refuses another place\'s figures, but answers a case set in a place from national law', async () => {
    const local = await engineOf([PLAN, LAW]);
    const other = await ask(local, { question: 'Tỉnh Thanh Hóa phấn đấu kinh tế số chiếm bao nhiêu phần trăm GRDP đến năm 2030?' });
    expect(other.notFound).toBe(true);
    expect(other.citations).toEqual([]);

    const national = await engineOf([LAW]);
    const scenario = await ask(national, {
      question: 'Cơ sở xử lý chất thải nguy hại ở thành phố Biên Hòa phải có giấy phép gì?',
    });
    expect(scenario.notFound).toBe(false);
    expect(scenario.citations[0]!.section).toBe('Điều 7');
  });

  it('looks further down the ranking for a passage about the place a question names', async () => {
    const national = doc(
      'chi-tieu-quoc-gia',
      'Chỉ tiêu quốc gia',
      [
        '| TT | Chỉ tiêu | Đơn vị | Kết quả |',
        '| --- | --- | --- | --- |',
        ...Array.from({ length: 30 }, (_, i) => `| ${i + 1} | Tỉ lệ dịch vụ công trực tuyến nhóm ${i + 1} của người dân và doanh nghiệp | % | ≥ ${60 + i} |`),
      ].join('\n'),
    );
    const local = doc(
      'tin-quang-ninh',
      'Quảng Ninh dẫn đầu chuyển đổi số',
      'Tỉnh dẫn đầu cả nước về chuyển đổi số, với 96,2% hồ sơ được giải quyết trực tuyến.',
    );
    const engine = await engineOf([national, local]);
    const result = await ask(engine, { question: 'Tỷ lệ dịch vụ công trực tuyến của người dân Quảng Ninh là bao nhiêu?' });
    expect(result.answer).toContain('96,2%');
  });

  it('answers a question about a place of the corpus from documents about that place, named or not with "tỉnh"', async () => {
    const national = doc('nq-quoc-gia', 'Nghị quyết về kinh tế số', 'Đến năm 2030, kinh tế số chiếm tối thiểu 30% GDP cả nước; tỉ lệ dịch vụ công trực tuyến đạt 80%.');
    const engine = await engineOf([PLAN, national]);
    const local = await ask(engine, { question: 'Ninh Bình phấn đấu kinh tế số chiếm bao nhiêu phần trăm GRDP đến năm 2030?', trace: true });
    expect(local.answer).toContain('25% GRDP');
    expect(local.citations.every((c) => c.documentId === 'ke-hoach-ninh-binh')).toBe(true);
    // A place the corpus names, asked about something only the national document holds: not answered from it.
    const online = await ask(engine, { question: 'Tỉ lệ dịch vụ công trực tuyến của Ninh Bình đạt bao nhiêu phần trăm?', trace: true });
    expect(online.notFound).toBe(true);
  });

  it('answers "who" with a body such as Chính phủ, and from the article a question names', async () => {
    const engine = await engineOf([LAW]);
    const who = await ask(engine, { question: 'Cơ quan nào thống nhất quản lý nhà nước về bảo vệ môi trường?' });
    expect(who.answer).toContain('Chính phủ');
    const named = await ask(engine, { question: 'Theo Điều 5 Luật Bảo vệ môi trường, Nhà nước khuyến khích doanh nghiệp làm gì về chất thải nguy hại?' });
    expect(named.citations[0]!.section).toBe('Điều 5');
  });

  it('answers "bao nhiêu" with a figure and "ngày nào" with a date, or says it does not know', async () => {
    const report = doc(
      'bao-cao',
      'Báo cáo hội nghị dữ liệu',
      [
        'Hội nghị toàn tỉnh về dữ liệu lớn và trí tuệ nhân tạo được tổ chức tại Hạ Long với sự tham gia của các sở, ngành.',
        'Hội nghị thu hút hơn 4.200 lượt cán bộ, đảng viên tham gia trực tiếp và trực tuyến.',
        'Hội nghị toàn tỉnh về dữ liệu lớn diễn ra vào ngày 12/6/2025.',
      ].join('\n\n'),
    );
    const engine = await engineOf([report]);
    const many = await ask(engine, { question: 'Hội nghị toàn tỉnh về dữ liệu lớn và trí tuệ nhân tạo thu hút bao nhiêu lượt cán bộ tham gia?' });
    expect(many.answer).toContain('4.200');
    const when = await ask(engine, { question: 'Hội nghị toàn tỉnh về dữ liệu lớn và trí tuệ nhân tạo diễn ra ngày nào?' });
    expect(when.answer).toContain('12/6/2025');
    const withoutFigures = await engineOf([doc('tin', 'Tin hội nghị', report.text.split('\n\n')[0]!)]);
    const unknown = await ask(withoutFigures, {
      question: 'Hội nghị toàn tỉnh về dữ liệu lớn và trí tuệ nhân tạo tại Hạ Long tốn bao nhiêu kinh phí?',
      trace: true,
    });
    expect(unknown.notFound).toBe(true);
    expect(unknown.trace?.refusal).toBe('no figure for a quantity question');
  });

  it('keeps the words after those the question shares when a run-on sentence must be cut', async () => {
    const rule = doc(
      'nganh-phu',
      'Quy chế đào tạo',
      'Chương trình ngành chính - ngành phụ gồm nội dung chương trình đào tạo được thiết kế cho ngành thứ nhất bổ sung thêm các môn học của chương trình đào tạo ngành thứ hai hoặc các môn học bổ trợ kiến thức khác với khối lượng kiến thức từ 15 đến 29 tín chỉ và được công bố cho sinh viên ngay từ đầu khóa học theo kế hoạch đào tạo của Trường trong từng năm học.',
    );
    const engine = await engineOf([rule]);
    const result = await ask(engine, { question: 'Khối lượng kiến thức của chương trình ngành chính - ngành phụ?' });
    expect(result.answer).toContain('khối lượng kiến thức từ 15 đến 29 tín chỉ');
    expect(result.answer.length).toBeLessThan(300);
  });

  it('quotes the figure that goes with the words asked, in reading order, from a sentence of several figures', async () => {
    const report = doc(
      'tien-do',
      'Tiến độ triển khai ở cơ sở',
      'Đến thời điểm hiện tại, 54/54 Đảng ủy các xã, phường, đặc khu đã thành lập Ban chỉ đạo về chuyển đổi số; 43/54 Đảng ủy các xã, phường, đặc khu đã ban hành Kế hoạch thực hiện Kế hoạch số 538-KH/TU ngày 19/5/2025 của Ban Thường vụ Tỉnh ủy; 45/54 UBND các xã, phường, đặc khu đã ban hành Kế hoạch thực hiện Kế hoạch số 138/KH-UBND ngày 21/5/2025 của UBND tỉnh; các địa phương đang rà soát, cập nhật nhiệm vụ theo hướng dẫn của tỉnh.',
    );
    const engine = await engineOf([report]);
    const result = await ask(engine, { question: 'Bao nhiêu xã, phường đã ban hành kế hoạch thực hiện Kế hoạch 538?' });
    expect(result.answer).toContain('43/54 Đảng ủy các xã, phường, đặc khu đã ban hành Kế hoạch thực hiện Kế hoạch số 538-KH/TU');
  });

  it('takes in the next sentence when the best one only restates the question', async () => {
    const rule = doc(
      'bang-diem',
      'Quy chế đào tạo',
      [
        'Cấp bảng điểm',
        'Trong quá trình học tập, sinh viên có thể được cấp bảng điểm. Sinh viên đăng ký tại phòng đào tạo và nộp lệ phí theo quy định.',
        '',
        'Học phí',
        'Học phí được thu theo từng học kỳ.',
      ].join('\n'),
    );
    const engine = await engineOf([rule]);
    const result = await ask(engine, { question: 'Làm thế nào để được cấp bảng điểm trong quá trình học tập?' });
    expect(result.answer).toContain('nộp lệ phí');
    // A sentence that holds the fact asked for stands alone.
    const figure = await ask(engine, { question: 'Học phí được thu theo từng học kỳ hay không?' });
    expect(figure.answer).not.toContain('bảng điểm');
  });

  it('answers a year from a sentence under that period though its passage names other years, and refuses another year', async () => {
    const report = doc(
      'bai-viet-tinh',
      'Tỉnh Ninh Bình cụ thể hóa Nghị quyết',
      [
        'I. Định hướng',
        'Nhiệm kỳ 2025-2030, tỉnh Ninh Bình hướng tới trở thành tỉnh tiên phong về khoa học, công nghệ và chuyển đổi số.',
        '',
        'II. Chỉ tiêu',
        'Nhiệm vụ này được cụ thể hóa bằng nhiều chỉ tiêu, nổi bật là tỷ trọng kinh tế số trong GRDP đạt 30%.',
        'Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch 534-KH/TU ngày 7/5/2025 về chuyển đổi số giai đoạn 2025-2028.',
      ].join('\n'),
    );
    const engine = await engineOf([report]);
    const target = await ask(engine, { question: 'Ninh Bình đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP vào năm 2030?' });
    expect(target.answer).toContain('đạt 30%');
    const past = await ask(engine, { question: 'Năm 2026, kinh tế số của Ninh Bình thực tế chiếm bao nhiêu phần trăm GRDP?' });
    expect(past.notFound).toBe(true);
  });

  it('answers "bao nhiêu X?" from the sentence that gives a number of X, before other figures', async () => {
    const rule = doc(
      'khoi-kien-thuc',
      'Khối kiến thức trong chương trình đào tạo',
      [
        'Chương trình đào tạo bao gồm hai khối kiến thức: khối kiến thức giáo dục đại cương và khối kiến thức giáo dục chuyên nghiệp.',
        'Khối kiến thức giáo dục đại cương của chương trình đào tạo được tổ chức chủ yếu trong 4 học kỳ đầu.',
      ].join(' '),
    );
    const engine = await engineOf([rule]);
    const result = await ask(engine, { question: 'Chương trình đào tạo bao gồm bao nhiêu khối kiến thức?' });
    expect(result.answer).toContain('hai khối kiến thức');
    expect(result.answer).not.toContain('4 học kỳ');
  });

  it('quotes both sentences when two answer almost equally well', async () => {
    const rule = doc(
      'dang-ky',
      'Quy chế đào tạo',
      [
        'Điều 5. Đăng ký học phần',
        'Sinh viên đăng ký học phần qua cổng thông tin.',
        'Sinh viên đăng ký học phần bằng phiếu giấy.',
        '',
        'Điều 6. Học phí',
        'Học phí được thu theo số tín chỉ đăng ký.',
      ].join('\n'),
    );
    const engine = await engineOf([rule]);
    const how = await ask(engine, { question: 'Sinh viên đăng ký học phần như thế nào?' });
    expect(how.answer).toContain('cổng thông tin');
    expect(how.answer).toContain('bằng phiếu');
    // One label for two sentences of one document.
    expect(how.answer.match(/Quy chế đào tạo/g)).toHaveLength(1);
    expect(how.citations).toHaveLength(2);
  });

  it('answers who holds an office with a sentence naming the holder, or says it does not know', async () => {
    const news = doc(
      'tin-ban-chi-dao',
      'Tin Ban Chỉ đạo tỉnh',
      [
        'Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ, tỉnh tổ chức hội nghị về chuyển đổi số.',
        'Tỉnh thành lập Ban Chỉ đạo về chuyển đổi số gồm 17 thành viên, do Bí thư Tỉnh ủy làm Trưởng ban.',
        'Phát biểu tại hội nghị, ông Vũ Đại Thắng - Bí thư Tỉnh ủy nhấn mạnh vai trò của chuyển đổi số.',
      ].join('\n\n'),
    );
    const engine = await engineOf([news]);
    expect((await ask(engine, { question: 'Ai là Trưởng ban Ban Chỉ đạo về chuyển đổi số của tỉnh?' })).answer).toContain('do Bí thư Tỉnh ủy làm Trưởng ban');
    expect((await ask(engine, { question: 'Bí thư Tỉnh ủy là ai?' })).answer).toContain('Vũ Đại Thắng');
    // The office only named ("Theo đề nghị của Bộ trưởng …"), nobody said to hold it.
    const minister = await ask(engine, { question: 'Bộ trưởng Bộ Khoa học và Công nghệ hiện nay là ai?', trace: true });
    expect(minister.notFound).toBe(true);
    expect(minister.trace?.refusal).toBe('no holder named for the office');
  });

  it('does not take a reporting period or an ordinal for the figure a "bao nhiêu" question asks', async () => {
    const news = doc(
      'tin-phien-hop',
      'Tin phiên họp Ban Chỉ đạo',
      [
        'Tại Phiên họp thứ 4 của Ban Chỉ đạo tỉnh, các đại biểu đánh giá kết quả chuyển đổi số phục vụ người dân tỉnh Quảng Ninh hiện nay.',
        'Kết quả 9 tháng năm 2025 cho thấy người dân tỉnh Quảng Ninh hiện nay được hưởng lợi từ chuyển đổi số.',
      ].join('\n\n'),
    );
    const engine = await engineOf([news]);
    const people = await ask(engine, { question: 'Dân số tỉnh Quảng Ninh hiện nay là bao nhiêu người?', trace: true });
    expect(people.notFound).toBe(true);
    expect(people.trace?.refusal).toBe('no figure for a quantity question');
    // A percentage asked: a count is not one.
    const models = await engineOf([doc('mo-hinh', 'Tin mô hình', 'Kết quả chuyển đổi số của tỉnh Quảng Ninh có 12 mô hình tiêu biểu.')]);
    const share = await ask(models, { question: 'Kết quả chuyển đổi số của tỉnh Quảng Ninh đạt bao nhiêu phần trăm?', trace: true });
    expect(share.trace?.refusal).toBe('no figure for a quantity question');
    expect((await ask(models, { question: 'Kết quả chuyển đổi số của tỉnh Quảng Ninh có bao nhiêu mô hình tiêu biểu?' })).answer).toContain('12 mô hình');
    // Asked which one, the ordinal is the answer.
    const which = await ask(engine, { question: 'Ban Chỉ đạo tỉnh đánh giá kết quả chuyển đổi số tại phiên họp thứ bao nhiêu?' });
    expect(which.answer).toContain('Phiên họp thứ 4');
  });

  it('lists the targets of the year and topic asked, each cited with its sentence', async () => {
    const plan = doc(
      'chien-luoc',
      'Chiến lược chuyển đổi số',
      [
        'I. MỤC TIÊU',
        'Đến năm 2030: tỉ lệ sử dụng dịch vụ công trực tuyến của người dân đạt trên 80%; quy mô kinh tế số đạt tối thiểu 30% GDP.',
        'Tầm nhìn đến năm 2045: quy mô kinh tế số đạt tối thiểu 50% GDP; có ít nhất 10 doanh nghiệp công nghệ số ngang tầm khu vực.',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    const far = await ask(engine, { question: 'Nêu các chỉ tiêu đến năm 2045.' });
    expect(far.answer).toMatch(/có 2 chỉ tiêu đến năm 2045/);
    expect(far.answer).toContain('50% GDP');
    expect(far.answer).toContain('10 doanh nghiệp');
    expect(far.answer).not.toContain('30% GDP');
    for (const c of far.citations) expect(plan.text.slice(c.start, c.end)).toBe(c.text);
    const online = await ask(engine, { question: 'Những chỉ tiêu đến năm 2030 về dịch vụ công trực tuyến là gì?' });
    expect(online.answer).toMatch(/có 1 chỉ tiêu/);
    expect(online.answer).toContain('80%');
    expect(online.answer).not.toContain('30% GDP');
  });

  it('keeps a breakdown sentence ("Trong đó, …") with the sentence it breaks down', async () => {
    const report = doc(
      'tien-do',
      'Báo cáo tiến độ',
      'Ban Chỉ đạo tỉnh đã kiện toàn bộ máy và chỉ đạo triển khai 47 nhiệm vụ trọng tâm. Trong đó, đã hoàn thành 15 nhiệm vụ, đang thực hiện 18 nhiệm vụ.',
    );
    const engine = await engineOf([report]);
    const result = await ask(engine, { question: 'Ban Chỉ đạo tỉnh đã hoàn thành bao nhiêu nhiệm vụ trọng tâm?' });
    expect(result.answer).toContain('47 nhiệm vụ trọng tâm');
    expect(result.answer).toContain('đã hoàn thành 15 nhiệm vụ');
  });

  it('does not read what a sentence with its own figure counts from the sentence before it', async () => {
    const report = doc(
      'tien-do-hai-ke-hoach',
      'Báo cáo tiến độ các kế hoạch',
      [
        'Thực hiện Kế hoạch số 46/KH-UBND của UBND tỉnh, toàn tỉnh đã hoàn thành 33/71 nhiệm vụ; chậm tiến độ 21/71 nhiệm vụ.',
        'Thực hiện Kế hoạch số 157/KH-UBND của UBND tỉnh, đã có 14/44 nhiệm vụ đã hoàn thành, 30/44 nhiệm vụ đang thực hiện.',
      ].join('\n'),
    );
    const engine = await engineOf([report]);
    const late = await ask(engine, { question: 'Kế hoạch 157/KH-UBND có bao nhiêu nhiệm vụ chậm tiến độ?' });
    expect(late.answer).not.toContain('14/44');
    expect(late.notFound).toBe(true);
    const done = await ask(engine, { question: 'Kế hoạch 157/KH-UBND đã hoàn thành bao nhiêu nhiệm vụ?' });
    expect(done.answer).toContain('14/44');
  });

  it('refuses "which ones?" where the documents only say how many, and answers it where they list them', async () => {
    const report = doc(
      'so-ket-giai-doan',
      'Sơ kết giai đoạn 1',
      [
        'Đến nay, 20/20 xã của tỉnh đã hoàn thành toàn bộ 16/16 chỉ tiêu giai đoạn 1 của Kế hoạch số 05-KH/BCĐ.',
        '',
        'Điều 3. Nội dung hợp tác',
        '2. Nội dung hợp tác về chuyển đổi số bao gồm:',
        'a) Trao đổi kinh nghiệm quản lý;',
        'b) Đào tạo nguồn nhân lực số.',
      ].join('\n'),
    );
    const engine = await engineOf([report]);
    const which = await ask(engine, { question: '16 chỉ tiêu giai đoạn 1 mà các xã đã hoàn thành cụ thể gồm những chỉ tiêu nào?' });
    expect(which.notFound).toBe(true);
    expect(which.refusal?.code).toBe('NOT_STATED');
    expect(which.answer).toContain('chỉ có số lượng');
    // The set named by the figure the question states, its members by another noun.
    const named = await ask(engine, { question: 'Trong 16 chỉ tiêu giai đoạn 1 các xã đã hoàn thành, có những mục tiêu nào?' });
    expect(named.notFound).toBe(true);
    const many = await ask(engine, { question: 'Các xã đã hoàn thành bao nhiêu chỉ tiêu giai đoạn 1?' });
    expect(many.answer).toContain('16/16');
    // A vague quantity names none either ("một số tỉnh, thành phố"); a mention followed by names does.
    const some = await engineOf([
      doc('do-thi', 'Đô thị thông minh', 'Hoàn thành xây dựng đô thị thông minh ở một số tỉnh, thành phố có đủ điều kiện.'),
      doc('thi-diem', 'Thí điểm', 'Đề án được thí điểm tại các tỉnh Bắc Ninh, Bình Dương, An Giang trong năm 2025.'),
    ]);
    const vague = await ask(some, { question: 'Đô thị thông minh được xây dựng ở những tỉnh, thành nào?' });
    expect(vague.notFound).toBe(true);
    expect(vague.answer).toContain('chỉ có số lượng');
    const names = await ask(some, { question: 'Đề án được thí điểm tại những tỉnh nào?' });
    expect(names.answer).toContain('Bắc Ninh');
    const listed = await ask(engine, { question: 'Hợp tác về chuyển đổi số bao gồm những nội dung nào?' });
    expect(listed.notFound).toBe(false);
    expect(listed.answer).toContain('Trao đổi kinh nghiệm');
  });

  it('does not tell "ngày nào?" by a year alone, and still reads "ra ngày nào" as asking the issue date', async () => {
    const news = doc(
      'tin-phien-hop',
      'Phiên họp thứ nhất Ban Chỉ đạo tỉnh',
      [
        'Ban Chỉ đạo tỉnh đã họp phiên thứ nhất tại trụ sở Tỉnh ủy.',
        'Tại phiên họp, các đại biểu đã nghe báo cáo về chương trình công tác năm 2025 của Ban Chỉ đạo.',
        'Ban Thường vụ Tỉnh ủy đã ban hành Chương trình hành động số 12-CTr/TU ngày 3/2/2025 về chuyển đổi số.',
      ].join('\n'),
    );
    const engine = await engineOf([news]);
    const next = await ask(engine, { question: 'Phiên họp nghe báo cáo về chương trình công tác của Ban Chỉ đạo diễn ra vào ngày nào?' });
    expect(next.notFound).toBe(true);
    expect(next.answer).toContain('thời hạn hoặc thời điểm');
    const issued = await ask(engine, { question: 'Chương trình hành động 12-CTr/TU ra ngày nào?' });
    expect(issued.notFound).toBe(false);
    expect(issued.answer).toContain('3/2/2025');
  });

  it('refuses a deadline or partners a task row leaves blank, naming the task, and says the blank beside what is given', async () => {
    const plan = doc(
      'ke-hoach-ha-tang',
      'Kế hoạch hạ tầng số',
      [
        'Phụ lục. NHIỆM VỤ',
        '| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 1 | Đề án huy động hạ tầng viễn thông dùng chung phục vụ quốc phòng | Bộ Công an | Bộ Quốc phòng | Đề án | |',
        '| 2 | Xây dựng trung tâm dữ liệu vùng | Bộ Thông tin và Truyền thông | | | 12/2026 |',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    const due = await ask(engine, { question: 'Đề án huy động hạ tầng viễn thông dùng chung phục vụ quốc phòng hạn chót là bao giờ?' });
    expect(due.notFound).toBe(true);
    expect(due.refusal?.code).toBe('NOT_STATED');
    expect(due.answer).toContain('thời hạn của nhiệm vụ “Đề án huy động hạ tầng viễn thông');
    const partners = await ask(engine, { question: 'Cơ quan nào phối hợp xây dựng trung tâm dữ liệu vùng?' });
    expect(partners.notFound).toBe(true);
    expect(partners.answer).toContain('cơ quan phối hợp của nhiệm vụ “Xây dựng trung tâm dữ liệu vùng”');
    const both = await ask(engine, { question: 'Xây dựng trung tâm dữ liệu vùng do cơ quan nào chủ trì và phối hợp?' });
    expect(both.notFound).toBe(false);
    expect(both.answer).toContain('Bộ Thông tin và Truyền thông chủ trì');
    expect(both.answer).toContain('không ghi cơ quan phối hợp');
    // The lead stated, not asked, and bodies asked, not a list of the lead's tasks.
    const stated = await ask(engine, { question: 'Nhiệm vụ xây dựng trung tâm dữ liệu vùng do Bộ Thông tin và Truyền thông chủ trì thì những cơ quan nào phối hợp?' });
    expect(stated.notFound).toBe(true);
    expect(stated.answer).toContain('cơ quan phối hợp của nhiệm vụ “Xây dựng trung tâm dữ liệu vùng”');
    const product = await ask(engine, { question: 'Nhiệm vụ xây dựng trung tâm dữ liệu vùng có sản phẩm là gì?' });
    expect(product.notFound).toBe(true);
    expect(product.answer).toContain('sản phẩm (kết quả đầu ra) của nhiệm vụ “Xây dựng trung tâm dữ liệu vùng”');
    const lead = await ask(engine, { question: 'Đề án huy động hạ tầng viễn thông dùng chung do cơ quan nào chủ trì?' });
    expect(lead.answer).toContain('Bộ Công an');
  });

  it('holds the figures a question states: a sentence without them does not answer, unless the question puts them to the test', async () => {
    const plan = doc(
      'ke-hoach-du-lieu',
      'Kế hoạch phát triển dữ liệu',
      [
        'Đến năm 2026, hình thành 3 sàn giao dịch dữ liệu và đưa vào vận hành.',
        'Bộ Công an bảo đảm an ninh cho các hệ thống thông tin.',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    const wrong = await ask(engine, { question: 'Vì sao kế hoạch yêu cầu hình thành đủ 5 sàn giao dịch dữ liệu?' });
    expect(wrong.notFound).toBe(true);
    expect(wrong.answer).toContain('5 sàn giao dịch dữ liệu');
    const right = await ask(engine, { question: 'Khi nào hình thành 3 sàn giao dịch dữ liệu?' });
    expect(right.answer).toContain('năm 2026');
    const tested = await ask(engine, { question: 'Kế hoạch yêu cầu hình thành 5 sàn giao dịch dữ liệu, đúng không?' });
    expect(tested.notFound).toBe(false);
    expect(tested.answer).toContain('3 sàn giao dịch dữ liệu');
    // A figure put to the test is answered by the sentence giving it, be it the question's own.
    const rates = await engineOf([
      doc('ti-le', 'Mục tiêu chuyển đổi số', 'Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân đạt trên 80%. Tỉ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt trên 40%.'),
    ]);
    const checked = await ask(rates, { question: 'Có đúng là tỉ lệ người dân sử dụng dịch vụ công trực tuyến đạt trên 80% không?' });
    expect(checked.answer).toContain('dịch vụ công trực tuyến của người dân đạt trên 80%');
    // "0,5" is no 5.
    const scored = await engineOf([doc('chi-so-san', 'Chỉ số các sàn dữ liệu', 'Chỉ số tin cậy của các sàn giao dịch dữ liệu yêu cầu đạt trên 0,5 điểm.')]);
    expect((await ask(scored, { question: 'Vì sao chỉ số tin cậy của các sàn giao dịch dữ liệu yêu cầu đạt trên 5 điểm?' })).notFound).toBe(true);
  });

  it('counts the tasks an agency leads, leaving out the targets it monitors', async () => {
    const plan = doc(
      'ke-hoach',
      'Kế hoạch hành động',
      [
        'Phụ lục I. CHỈ TIÊU',
        '| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi |',
        '| --- | --- | --- | --- | --- |',
        '| 1 | Tỉ lệ hồ sơ công việc xử lý trên môi trường mạng | % | 100 | Bộ Nội vụ |',
        '',
        'Phụ lục II. NHIỆM VỤ',
        '| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |',
        '| --- | --- | --- | --- | --- |',
        '| 1 | Xây dựng quy định về vị trí việc làm trong chuyển đổi số | Bộ Nội vụ | Các bộ, ngành | 6/2025 |',
        '| 2 | Sửa đổi quy chế đánh giá cán bộ theo kết quả số hóa | Bộ Nội vụ | Bộ Tư pháp | 12/2025 |',
        '| 3 | Xây dựng cơ sở dữ liệu dân cư | Bộ Công an | Các bộ, ngành | 12/2025 |',
        '| 4 | Kết nối dữ liệu cán bộ với dữ liệu dân cư | Bộ Công an, Bộ Nội vụ | Các bộ, ngành | 2026 |',
        '| 5 | Số hóa hồ sơ người có công | Bộ Lao động - Thương binh và Xã hội | Các địa phương | 2026 |',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    const tasks = await ask(engine, { question: 'Bộ Nội vụ chủ trì bao nhiêu nhiệm vụ?' });
    expect(tasks.answer).toMatch(/có 3 nhiệm vụ do Bộ Nội vụ chủ trì \(2 chủ trì riêng, 1 cùng chủ trì với cơ quan khác\)/);
    expect(tasks.answer).not.toContain('Tỉ lệ hồ sơ');
    expect(tasks.citations).toHaveLength(3);
    // The 2025 mergers: a predecessor's tasks are told apart, and a merged body is named with its successor.
    expect(tasks.answer).toContain('Ngoài ra, Bộ Lao động - Thương binh và Xã hội (nay hợp nhất vào Bộ Nội vụ) chủ trì 1 nhiệm vụ.');
    const merged = await ask(engine, { question: 'Bộ LĐ-TB&XH chủ trì những nhiệm vụ nào?' });
    expect(merged.answer).toMatch(/có 1 nhiệm vụ do Bộ Lao động - Thương binh và Xã hội chủ trì/);
    expect(merged.answer).toContain('nay đã hợp nhất vào Bộ Nội vụ');
    const assigned = await ask(engine, { question: 'Kế hoạch giao Bộ Nội vụ những nhiệm vụ gì?' });
    expect(assigned.answer).toMatch(/có 3 nhiệm vụ do Bộ Nội vụ chủ trì/);
    const own = await ask(engine, { question: 'Bộ Nội vụ có nhiệm vụ gì?' });
    expect(own.answer).toMatch(/có 3 nhiệm vụ do Bộ Nội vụ chủ trì/);
    const targets = await ask(engine, { question: 'Những chỉ tiêu nào do Bộ Nội vụ chủ trì theo dõi?' });
    expect(targets.answer).toMatch(/có 1 chỉ tiêu do Bộ Nội vụ chủ trì/);
  });

  it('never answers with a row that only labels a group of rows', async () => {
    const plan = doc(
      'phu-luc',
      'Phụ lục chỉ tiêu',
      [
        '| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì |',
        '| --- | --- | --- | --- | --- |',
        '| I | Đến năm 2030 | | | |',
        '| 1 | Quy mô kinh tế số | % GDP | ≥ 30 | Bộ Thông tin và Truyền thông |',
        '| II | Đến năm 2045 | | | |',
        '| 2 | Quy mô kinh tế số | % GDP | ≥ 50 | Bộ Thông tin và Truyền thông |',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    for (const question of ['Chỉ tiêu đến năm 2045?', 'Đến năm 2045 chỉ tiêu là gì?']) {
      expect((await ask(engine, { question })).answer).toContain('Quy mô kinh tế số: ≥ 50');
    }
  });

  it('counts a document\'s whole table as it numbers it, and lists by partner or by a standing deadline', async () => {
    const plan = doc(
      'nghi-quyet-12',
      'Nghị quyết ban hành Chương trình hành động',
      [
        '| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |',
        '| --- | --- | --- | --- | --- |',
        '| I | Hoàn thiện thể chế | | | |',
        '| 1 | Xây dựng quy định về dữ liệu mở | Bộ Công an | Bộ Tư pháp | 6/2025 |',
        '| 2 | Tuyên truyền về chuyển đổi số | Bộ Thông tin và Truyền thông | Các địa phương | Thường xuyên |',
        '| 3 | Chuẩn hóa dữ liệu dân cư | Bộ Công an | Bộ Tư pháp, Bộ Y tế | 2025 |',
        '| 3.1 | Chuẩn hóa dữ liệu hộ tịch | Bộ Tư pháp | Bộ Công an | 2025 |',
      ].join('\n'),
    );
    plan.meta.number = '12/NQ-CP';
    const engine = await engineOf([plan]);
    const all = await ask(engine, { question: 'Nghị quyết 12/NQ-CP có bao nhiêu nhiệm vụ?' });
    expect(all.answer).toMatch(/có 3 nhiệm vụ được đánh số trong bảng \(4 dòng\)/);
    expect(all.answer).not.toContain('Hoàn thiện thể chế');
    const partner = await ask(engine, { question: 'Bộ Tư pháp phối hợp thực hiện những nhiệm vụ nào?' });
    expect(partner.answer).toMatch(/có 2 nhiệm vụ có Bộ Tư pháp phối hợp/);
    expect(partner.answer).not.toContain('hộ tịch');
    const standing = await ask(engine, { question: 'Những nhiệm vụ nào thực hiện thường xuyên?' });
    expect(standing.answer).toMatch(/có 1 nhiệm vụ có thời hạn “Thường xuyên”: \(1\) Tuyên truyền về chuyển đổi số/);
  });

  it('reads a singular "Nhiệm vụ nào …?" with a deadline as a list question', async () => {
    const plan = doc(
      'ke-hoach-nv',
      'Kế hoạch hành động',
      [
        '| TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |',
        '| --- | --- | --- | --- |',
        '| 1 | Xây dựng quy định về vị trí việc làm trong chuyển đổi số | Bộ Nội vụ | 6/2025 |',
        '| 2 | Xây dựng cơ sở dữ liệu dân cư | Bộ Công an | 12/2025 |',
        '| 3 | Số hóa hồ sơ người có công | Bộ Y tế | 2026 |',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    for (const question of ['Nhiệm vụ nào hết hạn trong năm 2025?', 'Nhiệm vụ nào phải hoàn thành trong năm 2025?']) {
      const due = await ask(engine, { question });
      expect(due.answer).toMatch(/có 2 nhiệm vụ có thời hạn 2025/);
      expect(due.answer).not.toContain('Số hóa hồ sơ');
      expect(due.citations).toHaveLength(2);
    }
  });

  it('answers from the sentence that continues the one naming the subject', async () => {
    const news = doc(
      'tin-bac-ninh',
      'Tin Bắc Ninh',
      'Đầu năm 2025, tỉnh Bắc Ninh thành lập Ban Chỉ đạo cấp tỉnh gồm 15 thành viên để chỉ đạo triển khai chuyển đổi số. Ban Chỉ đạo đã giao 30 nhiệm vụ trọng tâm trong năm.',
    );
    const engine = await engineOf([news]);
    const result = await ask(engine, { question: 'Ban Chỉ đạo cấp tỉnh Bắc Ninh chỉ đạo triển khai bao nhiêu nhiệm vụ trọng tâm?' });
    expect(result.answer).toContain('30 nhiệm vụ trọng tâm');
  });

  it('lists the documents a body issued from a table of documents', async () => {
    const digest = doc(
      'van-ban',
      'Các văn bản triển khai',
      [
        '| Văn bản | Cơ quan ban hành | Ngày ban hành | Nội dung |',
        '|---|---|---|---|',
        '| Chương trình hành động số 12-CTr/TU | Ban Thường vụ Tỉnh ủy | 3/2/2025 | Thực hiện Nghị quyết 57-NQ/TW |',
        '| Kế hoạch số 40-KH/TU | Ban Thường vụ Tỉnh ủy | 4/4/2025 | Chuyển đổi số trong các cơ quan đảng |',
        '| Kế hoạch số 77/KH-UBND | UBND tỉnh | 5/5/2025 | Triển khai kế hoạch của Tỉnh ủy |',
      ].join('\n'),
    );
    const engine = await engineOf([digest]);
    const result = await ask(engine, { question: 'Ban Thường vụ Tỉnh ủy đã ban hành những văn bản nào?' });
    expect(result.answer).toMatch(/Ban Thường vụ Tỉnh ủy đã ban hành 2 văn bản/);
    expect(result.answer).toContain('12-CTr/TU (ngày 3/2/2025)');
    expect(result.answer).not.toContain('77/KH-UBND');
    expect(result.citations).toHaveLength(2);
    const when = await ask(engine, { question: 'Kế hoạch số 40-KH/TU ban hành ngày nào?' });
    expect(when.answer).toContain('Ngày ban hành: 4/4/2025');
  });

  it('answers "X là gì?" with the sentence that defines X', async () => {
    const law = doc(
      'luat-cds',
      'Luật Chuyển đổi số',
      [
        'Điều 2. Giải thích từ ngữ',
        '1. Chuyển đổi số trong cơ quan nhà nước phải bảo đảm an toàn thông tin và dữ liệu số của người dân.',
        '2. Nền tảng số dùng chung phải được kết nối, chia sẻ dữ liệu với các hệ thống thông tin khác.',
        '3. Chuyển đổi số là quá trình thay đổi tổng thể cách sống, cách làm việc dựa trên công nghệ số.',
        '4. Nền tảng số là hệ thống công nghệ dùng chung cho chuyển đổi số của cơ quan, tổ chức.',
      ].join('\n'),
    );
    const engine = await engineOf([law]);
    const what = await ask(engine, { question: 'Chuyển đổi số là gì?' });
    expect(what.answer).toContain('Chuyển đổi số là quá trình thay đổi tổng thể');
    const how = await ask(engine, { question: 'Thế nào là nền tảng số?' });
    expect(how.answer).toContain('Nền tảng số là hệ thống công nghệ dùng chung');
    expect(how.answer).not.toContain('phải được kết nối');
    // "một" before the term, and a term with a qualifier ("… trong X"): the sentence defining its head answers.
    const platform = await ask(engine, { question: 'Thế nào là một nền tảng số?' });
    expect(platform.answer).toContain('Nền tảng số là hệ thống công nghệ dùng chung');
    const weights = await engineOf([
      doc(
        'chi-so',
        'Chỉ số đánh giá',
        'Chỉ số đánh giá chuyển đổi số (DTI) của sở được tổng hợp từ nhiều nhóm tiêu chí. Trọng số trong DTI được áp dụng cho từng nhóm tiêu chí khi tổng hợp. Với mỗi nhóm, trọng số là tỷ lệ điểm tối đa của nhóm trên tổng điểm.',
      ),
      doc('kho', 'Kho dữ liệu', 'Kho dữ liệu dùng chung lưu hồ sơ của cán bộ. Kho dữ liệu do Sở Khoa học và Công nghệ quản lý.'),
    ]);
    const weight = await ask(weights, { question: 'Trọng số trong DTI được hiểu như thế nào?' });
    expect(weight.answer).toMatch(/^Theo “Chỉ số đánh giá”: Với mỗi nhóm, trọng số là tỷ lệ điểm tối đa/);
  });

  it('splits a question that asks two things ("… ở đâu và ai chủ trì?") and answers both, each cited', async () => {
    expect(splitCompound('Phiên họp diễn ra ở đâu và ai chủ trì?')).toEqual(['Phiên họp diễn ra ở đâu?', 'Ai chủ trì?']);
    expect(splitCompound('Bộ Công an và Bộ Quốc phòng chủ trì nhiệm vụ nào?')).toBeUndefined();
    // "đầu tư" is not "đâu", "máy" not "mấy": a "và" inside the topic does not split it.
    expect(splitCompound('Tổng đầu tư cho khoa học và công nghệ năm 2020 là bao nhiêu?')).toBeUndefined();
    expect(splitCompound('Máy chủ và công nghệ năm 2020 chiếm bao nhiêu?')).toBeUndefined();
    const news = doc(
      'tin-phien-hop',
      'Phiên họp thứ nhất Ban Chỉ đạo tỉnh',
      [
        'Phiên họp thứ nhất Ban Chỉ đạo tỉnh',
        'Sáng 5/2, tại Hội trường Tỉnh ủy, Ban Chỉ đạo tỉnh về chuyển đổi số đã họp phiên thứ nhất để triển khai kế hoạch năm.',
        'Đồng chí Nguyễn Văn Bình, Trưởng Ban Chỉ đạo chủ trì phiên họp và kết luận các nội dung.',
      ].join('\n'),
    );
    const engine = await engineOf([news]);
    const result = await ask(engine, { question: 'Phiên họp thứ nhất của Ban Chỉ đạo tỉnh diễn ra ở đâu và ai chủ trì?' });
    expect(result.answer).toContain('tại Hội trường Tỉnh ủy');
    expect(result.answer).toContain('Nguyễn Văn Bình');
    expect(result.citations.map((c) => c.n)).toEqual([1, 2]);
  });

  it('refuses a province named without "tỉnh" that only a national document could be stretched to', async () => {
    const national = doc('nq-quoc-gia', 'Nghị quyết về kinh tế số', 'Hà Nội, ngày 5 tháng 3 năm 2025\nĐến năm 2030, kinh tế số chiếm tối thiểu 30% GDP cả nước.');
    const engine = await engineOf([PLAN, national]);
    // "Hà Nội, ngày …" is where the resolution was signed, not what it is about.
    const hanoi = await ask(engine, { question: 'Hà Nội phấn đấu kinh tế số chiếm bao nhiêu phần trăm đến năm 2030?', trace: true });
    expect(hanoi.notFound).toBe(true);
    expect(hanoi.trace?.refusal).toBe('no passage about ha noi');
    const country = await ask(engine, { question: 'Kinh tế số chiếm tối thiểu bao nhiêu phần trăm GDP cả nước đến năm 2030?' });
    expect(country.answer).toContain('30% GDP');
  });

  it('reads "bao gồm những ai" and "…, đúng hay sai?" by their frame, not by the words inside', () => {
    expect(intentOf('Người tiến hành tố tụng hành chính bao gồm những ai?')).not.toBe('responsibility');
    expect(intentOf('Bộ Công an chủ trì, phối hợp bảo vệ an ninh mạng, đúng hay sai?')).toBe('general');
    expect(intentOf('Ai chủ trì nhiệm vụ này?')).toBe('responsibility');
    // The goal asked for, not its figure; the figure asked for.
    expect(intentOf('Mục tiêu của chương trình tài năng là gì?')).toBe('general');
    expect(intentOf('Chỉ tiêu kinh tế số đến năm 2030 là gì?')).toBe('target');
    expect(intentOf('Cơ quan nào chủ trì theo dõi mục tiêu này như thế nào?')).toBe('responsibility');
  });
});

describe('questions about a document itself', () => {
  const text = [
    'CHÍNH PHỦ',
    'Số: 12/NQ-CP',
    'Hà Nội, ngày 05 tháng 3 năm 2025',
    'NGHỊ QUYẾT',
    'Về chương trình chuyển đổi số của ngành',
    'Điều 1. Ban hành kèm theo Nghị quyết này Chương trình chuyển đổi số của ngành.',
    'Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành.',
    'Điều 3. Các bộ trưởng chịu trách nhiệm thi hành Nghị quyết này.',
    'TM. CHÍNH PHỦ',
    'KT. THỦ TƯỚNG',
    'PHÓ THỦ TƯỚNG',
    'Nguyễn Văn An',
  ].join('\n');
  const resolution: StoredDocument = {
    ...doc('nq-12', 'Nghị quyết về chương trình chuyển đổi số của ngành', text),
    meta: { title: 'Nghị quyết về chương trình chuyển đổi số của ngành', number: '12/NQ-CP', issued: '2025-03-05', issuer: 'Chính phủ' },
  };
  const cited = (result: Awaited<ReturnType<typeof ask>>) => result.citations.map((c) => text.slice(c.highlight!.start, c.highlight!.end));

  it('answers when it was issued, when it takes effect, who issued it and who signed it, citing its own text', async () => {
    const engine = await engineOf([resolution]);
    const issued = await ask(engine, { question: 'Nghị quyết 12/NQ-CP ban hành ngày nào?' });
    expect(issued.answer).toBe('Nghị quyết số 12/NQ-CP của Chính phủ được ban hành ngày 5/3/2025 [1].');
    expect(cited(issued)).toEqual(['ngày 05 tháng 3 năm 2025']);

    const effective = await ask(engine, { question: 'Nghị quyết 12/NQ-CP có hiệu lực từ khi nào?' });
    expect(effective.answer).toBe(
      'Theo Nghị quyết số 12/NQ-CP: Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành [1]; văn bản được ký ngày 5/3/2025 [2].',
    );
    expect(cited(effective)).toEqual(['Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành.', 'ngày 05 tháng 3 năm 2025']);

    const issuer = await ask(engine, { question: 'Nghị quyết 12/NQ-CP do cơ quan nào ban hành?' });
    expect(issuer.answer).toBe('Nghị quyết số 12/NQ-CP do Chính phủ ban hành ngày 5/3/2025 [1].');
    expect(cited(issuer)).toEqual(['CHÍNH PHỦ']);

    const signer = await ask(engine, { question: 'Ai ký Nghị quyết 12/NQ-CP?' });
    expect(signer.answer).toContain('do Nguyễn Văn An ký');

    // Without its signature block the document names no signer: said plainly, also for one part of a compound question.
    const unsigned: StoredDocument = { ...resolution, id: 'nq-12-ban-sao', text: text.slice(0, text.indexOf('TM. CHÍNH PHỦ')) };
    const copy = await engineOf([unsigned]);
    expect((await ask(copy, { question: 'Ai ký Nghị quyết 12/NQ-CP?' })).notFound).toBe(true);
    const both = await ask(copy, { question: 'Nghị quyết 12/NQ-CP ban hành ngày nào và ai ký?' });
    expect(both.answer).toContain('được ban hành ngày 5/3/2025 [1]');
    expect(both.answer).toContain('Không tìm thấy thông tin cho câu “Ai ký?”');

    const subject = await ask(engine, { question: 'Nghị quyết 12/NQ-CP có nội dung chính là gì?' });
    expect(subject.answer).toBe('Nghị quyết số 12/NQ-CP (Chính phủ, ngày 5/3/2025): Về chương trình chuyển đổi số của ngành [1].');
    expect(cited(subject)).toEqual(['Về chương trình chuyển đổi số của ngành']);
  });

  it('asks again, of the new document, every part of a question answered in parts ("Thế còn Nghị quyết 14?")', async () => {
    const other: StoredDocument = {
      ...doc('nq-14', 'Nghị quyết về dữ liệu của ngành', text.replace('12/NQ-CP', '14/NQ-CP').replace('ngày 05 tháng 3 năm 2025', 'ngày 09 tháng 4 năm 2025').replace('Nguyễn Văn An', 'Trần Văn Bình')),
      meta: { title: 'Nghị quyết về dữ liệu của ngành', number: '14/NQ-CP', issued: '2025-04-09', issuer: 'Chính phủ' },
    };
    const engine = await engineOf([resolution, other]);
    const first = 'Nghị quyết 12/NQ-CP ban hành ngày nào, ai ký?';
    const both = await ask(engine, { question: first });
    expect(both.answer).toContain('5/3/2025');
    expect(both.answer).toContain('Nguyễn Văn An');
    const again = await ask(engine, { question: 'Thế còn Nghị quyết 14/NQ-CP?', history: [{ role: 'user', content: first }, { role: 'assistant', content: both.answer }] });
    expect(again.answer).toContain('9/4/2025');
    expect(again.answer).toContain('Trần Văn Bình');
  });

  it('quotes a section the question names by its heading ("Mục đích của Kế hoạch 45?"), up to the next heading', async () => {
    const plan: StoredDocument = {
      ...doc(
        'kh-45',
        'Kế hoạch chuyển đổi số năm 2025',
        [
          'KẾ HOẠCH',
          'Chuyển đổi số năm 2025',
          'I. MỤC ĐÍCH, YÊU CẦU',
          '1. Mục đích',
          '- Nâng cao chất lượng phục vụ người dân trên môi trường số.',
          '- Hoàn thành các chỉ tiêu chuyển đổi số của tỉnh.',
          '2. Yêu cầu',
          '- Bảo đảm đúng tiến độ, hiệu quả.',
          'II. NHIỆM VỤ',
          '1. Số hóa hồ sơ, do Sở Nội vụ chủ trì.',
        ].join('\n'),
      ),
      meta: { title: 'Kế hoạch chuyển đổi số năm 2025', number: '45/KH-UBND' },
    };
    const engine = await engineOf([plan, resolution]);
    const aim = await ask(engine, { question: 'Mục đích của Kế hoạch 45/KH-UBND là gì?' });
    expect(aim.answer).toBe(
      'Theo Kế hoạch số 45/KH-UBND, mục “1. Mục đích”: - Nâng cao chất lượng phục vụ người dân trên môi trường số. - Hoàn thành các chỉ tiêu chuyển đổi số của tỉnh [1].',
    );
    expect(aim.answer).not.toContain('Bảo đảm đúng tiến độ');
    const needs = await ask(engine, { question: 'Nêu yêu cầu của Kế hoạch số 45/KH-UBND' });
    expect(needs.answer).toContain('mục “2. Yêu cầu”: - Bảo đảm đúng tiến độ, hiệu quả [1].');
    // A part of a heading's topic asked ("nhiệm vụ trọng tâm"): the section under that heading.
    const tasks = await ask(engine, { question: 'Nhiệm vụ trọng tâm của Kế hoạch 45/KH-UBND là gì?' });
    expect(tasks.answer).toContain('mục “II. NHIỆM VỤ”: 1. Số hóa hồ sơ, do Sở Nội vụ chủ trì [1].');
    // A heading the document does not have is left to the other answers.
    expect((await ask(engine, { question: 'Kinh phí của Kế hoạch 45/KH-UBND là bao nhiêu?' })).answer).not.toContain('mục “');
  });
});

describe('follow-ups', () => {
  const turns = (...questions: string[]) => questions.map((content) => ({ role: 'user' as const, content }));

  it('puts the new subject of "Còn … thì sao?" in place of the earlier one of its kind', () => {
    expect(resolveFollowUp('Còn Bộ Y tế thì sao?', turns('Bộ Nội vụ chủ trì những nhiệm vụ nào?')).question).toBe(
      'Bộ Y tế chủ trì những nhiệm vụ nào?',
    );
    expect(resolveFollowUp('Còn năm 2045 thì sao?', turns('Nêu các chỉ tiêu đến năm 2030 của Nghị quyết 03')).question).toBe(
      'Nêu các chỉ tiêu đến năm 2045 của Nghị quyết 03',
    );
    expect(resolveFollowUp('Còn tỉnh Nghệ An thì sao?', turns('Tỉnh Thanh Hóa đặt mục tiêu kinh tế số bao nhiêu?')).question).toBe(
      'tỉnh Nghệ An đặt mục tiêu kinh tế số bao nhiêu?',
    );
    // Not a document, agency, place or year: a new topic, in place of the earlier topic; the rest is kept.
    expect(resolveFollowUp('Còn công nghiệp chế biến thì sao?', turns('Quảng Ninh đặt mục tiêu kinh tế số bao nhiêu?')).question).toBe(
      'Quảng Ninh đặt mục tiêu công nghiệp chế biến bao nhiêu?',
    );
    // A year alone, with a word for the horizon: the year is swapped and the topic kept.
    expect(resolveFollowUp('Còn tầm nhìn đến năm 2045 thì sao?', turns('Theo Nghị quyết 57, quy mô kinh tế số đến năm 2030 đạt bao nhiêu?')).question).toBe(
      'Theo Nghị quyết 57, quy mô kinh tế số đến năm 2045 đạt bao nhiêu?',
    );
    expect(resolveFollowUp('còn chỉ tiêu về R&D thì sao?', turns('Tỷ trọng kinh tế số trong GRDP của Quảng Ninh đến 2030?')).question).toBe(
      'R&D của Quảng Ninh đến 2030?',
    );
    expect(resolveFollowUp('Còn sửa Luật Ngân sách nhà nước?', turns('Nhiệm vụ xây dựng Luật Nhà giáo trong NQ 03 do ai chủ trì?')).question).toBe(
      'Nhiệm vụ sửa Luật Ngân sách nhà nước trong NQ 03 do ai chủ trì?',
    );
  });

  it('asks another document the same question without the year: "Thế còn NQ 20 năm 2012?" after a 2030 target', async () => {
    // "năm 2012" tells which resolution; the older one set its target for 2020, and that is what it answers.
    expect(resolveFollowUp('Thế còn NQ 20 năm 2012?', turns('Nghị quyết 57 đặt mục tiêu đóng góp của TFP vào tăng trưởng đến năm 2030 là bao nhiêu?'))).toMatchObject({
      question: 'NQ 20 đặt mục tiêu đóng góp của TFP vào tăng trưởng là bao nhiêu?',
      context: 'đến năm 2030',
    });
    const older: StoredDocument = {
      ...doc('nq-20', 'Nghị quyết về phát triển khoa học và công nghệ', ['Nghị quyết số 20-NQ/TW ngày 01 tháng 11 năm 2012.', 'Mục tiêu: đến năm 2020, năng suất nhân tố tổng hợp (TFP) đóng góp khoảng 35% tăng trưởng kinh tế.', 'Đến năm 2030, khoa học và công nghệ có một số lĩnh vực đạt trình độ tiên tiến.'].join('\n')),
      meta: { title: 'Nghị quyết về phát triển khoa học và công nghệ', number: '20-NQ/TW', issued: '2012-11-01' },
    };
    const newer: StoredDocument = {
      ...doc('nq-57', 'Nghị quyết về đột phá phát triển khoa học', ['Nghị quyết số 57-NQ/TW.', 'Mục tiêu: đến năm 2030, đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng kinh tế ở mức trên 55%.'].join('\n')),
      meta: { title: 'Nghị quyết về đột phá phát triển khoa học', number: '57-NQ/TW' },
    };
    const engine = await engineOf([older, newer]);
    const first = 'Nghị quyết 57 đặt mục tiêu đóng góp của năng suất nhân tố tổng hợp vào tăng trưởng kinh tế đến năm 2030 là bao nhiêu?';
    const target = await ask(engine, { question: first });
    expect(target.answer).toContain('55%');
    const swapped = await ask(engine, { question: 'Thế còn NQ 20 năm 2012?', history: [{ role: 'user', content: first }, { role: 'assistant', content: target.answer }] });
    expect(swapped.answer).toContain('35%');
    expect(swapped.answer).toContain('đến năm 2020');
  });

  it('carries the subject from further back, and leans on it when a question names too little of its own', () => {
    const chain = resolveFollowUp('Cơ quan nào phối hợp?', turns('Ai chủ trì xây dựng Luật Dữ liệu?', 'Thời hạn của nhiệm vụ đó là khi nào?'));
    expect(chain.context).toContain('Luật Dữ liệu');
    expect(chain.strong).toBe(true);
    const few = resolveFollowUp('Có bao nhiêu người tham gia?', turns('Hội nghị toàn tỉnh về dữ liệu lớn diễn ra ngày nào?'));
    expect(few).toMatchObject({ context: 'Hội nghị toàn tỉnh về dữ liệu lớn', strong: true });
    // A question that stands alone takes nothing from before.
    expect(resolveFollowUp('Bộ Y tế chủ trì những nhiệm vụ chuyển đổi số nào trong năm 2025?', turns('Hội nghị diễn ra ở đâu?')).context).toBeUndefined();
  });

  it('answers a follow-up that names too little from the subject before it, and only when it is about that', async () => {
    const report = doc(
      'hoi-nghi',
      'Kế hoạch tổ chức hội nghị',
      [
        'Ngày 21/5/2025, tỉnh tổ chức Hội nghị toàn tỉnh về dữ liệu lớn và trí tuệ nhân tạo.',
        'Hội nghị toàn tỉnh về dữ liệu lớn thu hút hơn 5.500 lượt cán bộ, công chức tham gia.',
        'Lễ phát động phong trào thi đua có 300 người tham gia.',
        'Thủ tướng Chính phủ chỉ đạo phát triển đô thị thông minh theo quy định của pháp luật.',
      ].join('\n\n'),
    );
    report.meta.number = '45/KH-UBND';
    const engine = await engineOf([report]);
    const history = [...turns('Hội nghị toàn tỉnh về dữ liệu lớn diễn ra ngày nào?'), { role: 'assistant' as const, content: 'Theo Kế hoạch số 45/KH-UBND: ngày 21/5/2025.' }];
    const result = await ask(engine, { question: 'Có bao nhiêu người tham gia?', history });
    expect(result.answer).toContain('5.500');
    // Another subject, though its syllables are all in the document ("Thủ tướng", "đô thị", "pháp luật").
    const other = await ask(engine, { question: 'Thủ đô của Pháp là gì?', history, trace: true });
    expect(other.notFound).toBe(true);
    expect(other.trace?.refusal).toMatch(/^own coverage/);
  });

  it('answers "Còn Bộ Y tế thì sao?" with the tasks Bộ Y tế leads, not the earlier agency\'s', async () => {
    const plan = doc(
      'ke-hoach-bo',
      'Kế hoạch hành động',
      [
        '| TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |',
        '| --- | --- | --- | --- |',
        '| 1 | Xây dựng quy định về vị trí việc làm | Bộ Nội vụ | 6/2025 |',
        '| 2 | Liên thông dữ liệu sổ sức khỏe điện tử | Bộ Y tế | 12/2025 |',
      ].join('\n'),
    );
    const engine = await engineOf([plan]);
    const result = await ask(engine, { question: 'Còn Bộ Y tế thì sao?', history: turns('Bộ Nội vụ chủ trì những nhiệm vụ nào?') });
    expect(result.answer).toMatch(/có 1 nhiệm vụ do Bộ Y tế chủ trì/);
    expect(result.answer).not.toContain('vị trí việc làm');
  });
});

describe('the form of answer a question asks', () => {
  /** A document about something else, so that a term's weight is not that of a one-document corpus. */
  const FILLER = doc('kho', 'Kho dữ liệu', 'Kho dữ liệu dùng chung lưu hồ sơ của cán bộ. Kho dữ liệu do Sở Khoa học và Công nghệ quản lý.');

  it('quotes what a formula\'s symbol or an abbreviation stands for, not the sentence around it', async () => {
    const fee = doc(
      'phi-tham-dinh',
      'Cách tính phí thẩm định hồ sơ',
      'Phí thẩm định mỗi hồ sơ được xác định theo công thức sau: "Phí = MPCS × HSĐC + PTT" Trong đó: MPCS: mức phí cơ sở do Hội đồng nhân dân tỉnh quy định, HSĐC: hệ số điều chỉnh theo quy mô dự án, PTT: phần phí thẩm định thực tế phát sinh.',
    );
    const abbreviations = doc(
      'viet-tat',
      'Chữ viết tắt',
      'TTHC là viết tắt của "thủ tục hành chính". DVCTT là viết tắt của "dịch vụ công trực tuyến". Các chữ viết tắt khác theo quy định chung.',
    );
    const other = doc('tiep-nhan', 'Tiếp nhận hồ sơ', 'Bộ phận một cửa tiếp nhận hồ sơ trong giờ hành chính các ngày làm việc.');
    const engine = await engineOf([fee, abbreviations, other]);
    const symbol = await ask(engine, { question: 'Trong công thức tính phí thẩm định mỗi hồ sơ, HSĐC nghĩa là gì?' });
    expect(symbol.answer).toContain('HSĐC: hệ số điều chỉnh theo quy mô dự án [1].');
    expect(symbol.answer).not.toContain('MPCS');
    const highlight = symbol.citations[0]!.highlight!;
    expect(fee.text.slice(highlight.start, highlight.end)).toBe('HSĐC: hệ số điều chỉnh theo quy mô dự án');
    const both = await ask(engine, { question: 'TTHC và DVCTT la gi?' });
    expect(both.answer).toContain('TTHC là viết tắt của "thủ tục hành chính". DVCTT là viết tắt của "dịch vụ công trực tuyến" [1].');
    // A list of abbreviations shares no other word with a question about one: it is found all the same.
    const mentions = Array.from({ length: 6 }, (_, i) =>
      doc(`tin-${i}`, `Tin số ${i}`, `Tuần ${i + 1}, tỉnh tiếp nhận thêm hồ sơ DVCTT từ người dân ở các xã vùng cao.`),
    );
    const wide = await engineOf([fee, abbreviations, other, ...mentions]);
    const asked = await ask(wide, { question: 'Em đi ngang bảng tin thấy ghi chữ DVCTT, không hiểu có nghĩa là gì ạ?' });
    expect(asked.answer).toBe('Theo “Chữ viết tắt”: DVCTT là viết tắt của "dịch vụ công trực tuyến" [1].');
    // What letters stand for, where a text writes them after the words ("Trung tâm … (TTPVHCC)"); only when that is
    // all the question asks.
    const centre = doc('trung-tam', 'Trung tâm phục vụ', 'Hồ sơ được nộp tại Trung tâm phục vụ hành chính công (TTPVHCC) của tỉnh. TTPVHCC làm việc cả sáng thứ Bảy.');
    const spelled = await engineOf([fee, abbreviations, other, centre]);
    const letters = await ask(spelled, { question: 'TTPVHCC là viết tắt của gì?' });
    expect(letters.answer).toBe('Theo “Trung tâm phục vụ”: Trung tâm phục vụ hành chính công (TTPVHCC) [1].');
    expect((await ask(spelled, { question: 'TTPVHCC la viet tat cua gi?' })).answer).toBe(letters.answer);
    // One of a list of abbreviations written after the words: the whole list is quoted.
    const listed = doc('ds', 'Danh sách', 'Hồ sơ giải quyết thủ tục hành chính, dịch vụ công (TTHC, DVC) được số hóa toàn bộ.');
    const part = await ask(await engineOf([listed, other, FILLER]), { question: 'DVC là viết tắt của gì?' });
    expect(part.answer).toBe('Theo “Danh sách”: thủ tục hành chính, dịch vụ công (TTHC, DVC) [1].');
    const hours = await ask(spelled, { question: 'Lịch làm việc của TTPVHCC là gì?' });
    expect(hours.answer).not.toBe(letters.answer);
    // A symbol no passage defines is left to the other answers.
    const unknown = await ask(engine, { question: 'GRDP nghĩa là gì?' });
    expect(unknown.answer).not.toMatch(/GRDP:/);
  });

  it('answers "bao lâu?" with a length of time and "để làm gì?" with a purpose, before a sentence that only shares words', async () => {
    const engine = await engineOf([
      doc('tap-huan', 'Tập huấn chuyển đổi số', 'Đợt tập huấn chuyển đổi số được tổ chức trong thời gian nghỉ hè cho cán bộ chưa dự đợt tập huấn nào. Mỗi đợt tập huấn gồm 3 tuần học tập trung và 1 tuần thực hành tại cơ quan.'),
      doc('dieu-kien', 'Điều kiện dự tập huấn', 'Cán bộ bỏ dở một đợt tập huấn quá thời gian cho phép sẽ không được cấp chứng nhận. Cán bộ phải đăng ký trước khi đợt tập huấn bắt đầu.'),
      doc('kho', 'Kho dữ liệu', 'Kho dữ liệu dùng chung của tỉnh lưu hồ sơ của cán bộ, công chức và doanh nghiệp. Kho dữ liệu dùng chung được dùng để giải quyết thủ tục hành chính không phải nộp lại giấy tờ. Kho dữ liệu do Sở Khoa học và Công nghệ quản lý.'),
      doc('so-tay', 'Sổ tay chuyển đổi số', 'Nền tảng số giúp cán bộ tra cứu văn bản nhanh hơn. Dữ liệu dùng chung được cập nhật hằng tuần.'),
    ]);
    const duration = await ask(engine, { question: 'Một đợt tập huấn diễn ra trong bao lâu?' });
    expect(duration.answer).toMatch(/^Theo “Tập huấn chuyển đổi số”: Mỗi đợt tập huấn gồm 3 tuần học tập trung/);
    // A long list that also names lengths ("một học kỳ", as the question does; "hai năm", about something else) does
    // not answer "how long" before the sentence giving the length of what is asked.
    const term = await engineOf([
      doc('hoc-ky', 'Học kỳ', 'Học kỳ là thời gian để học viên hoàn thành một số học phần. Một học kỳ hè của lớp bồi dưỡng có tối thiểu 5 tuần học và 1 tuần thi.'),
      doc(
        'loai',
        'Loại khỏi lớp bồi dưỡng',
        'Học viên bị loại khỏi lớp bồi dưỡng trong học kỳ hè khi bỏ học một học kỳ, nghỉ quá thời gian cho phép, không nộp bài thu hoạch đúng hạn, vắng mặt không có lý do chính đáng; lớp bồi dưỡng hè diễn ra theo kế hoạch của trường và học viên bị loại không được học lại trong hai năm liên tiếp sau đó.',
      ),
      FILLER,
    ]);
    const summer = await ask(term, { question: 'Một học kỳ hè của lớp bồi dưỡng diễn ra trong bao lâu?' });
    expect(summer.answer).toMatch(/^Theo “Học kỳ”: Một học kỳ hè của lớp bồi dưỡng có tối thiểu 5 tuần học và 1 tuần thi/);
    for (const question of ['Kho dữ liệu dùng chung của tỉnh để làm gì?', 'Vai trò của kho dữ liệu dùng chung của tỉnh?']) {
      const purpose = await ask(engine, { question });
      expect(purpose.answer).toMatch(/^Theo “Kho dữ liệu”: Kho dữ liệu dùng chung được dùng để giải quyết thủ tục hành chính/);
    }
  });

  it('answers "khi nào?" with a time told against an event where no passage gives a date', async () => {
    const engine = await engineOf([
      doc('giay-chung-nhan', 'Cấp giấy chứng nhận', 'Cán bộ có thể đề nghị cơ quan cấp giấy chứng nhận bồi dưỡng trong quá trình công tác. Giấy chứng nhận bồi dưỡng được cấp cho cán bộ sau khi hoàn thành khóa bồi dưỡng. Cán bộ nộp lệ phí theo quy định.'),
      doc('so-tay', 'Sổ tay chuyển đổi số', 'Nền tảng số giúp cán bộ tra cứu văn bản nhanh hơn. Dữ liệu dùng chung được cập nhật hằng tuần.'),
      FILLER,
    ]);
    const result = await ask(engine, { question: 'Khi nào cán bộ được cấp giấy chứng nhận bồi dưỡng?' });
    expect(result.answer).toMatch(/^Theo “Cấp giấy chứng nhận”: Giấy chứng nhận bồi dưỡng được cấp cho cán bộ sau khi hoàn thành khóa bồi dưỡng/);
  });

  it('gives a question for conditions room for the whole enumeration', async () => {
    const rule =
      'Cán bộ, công chức được cử đi đào tạo trình độ thạc sĩ khi có đủ các điều kiện sau: có thời gian công tác từ đủ ba năm trở lên, được đánh giá hoàn thành tốt nhiệm vụ trong năm liền trước, ngành đào tạo phù hợp với vị trí việc làm đang đảm nhiệm, có cam kết thực hiện nhiệm vụ tại cơ quan sau khi hoàn thành chương trình đào tạo, chưa quá bốn mươi tuổi tính từ ngày được cử đi đào tạo lần đầu.';
    const engine = await engineOf([doc('cu-di-hoc', 'Cử cán bộ đi đào tạo', rule), FILLER]);
    const result = await ask(engine, { question: 'Điều kiện để cán bộ được cử đi đào tạo thạc sĩ?' });
    expect(result.answer).toContain('chưa quá bốn mươi tuổi tính từ ngày được cử đi đào tạo lần đầu [1].');
    for (const question of ['Cán bộ được cử đi đào tạo thạc sĩ như thế nào?', 'Quy định về cử cán bộ đi đào tạo thạc sĩ?']) {
      expect((await ask(engine, { question })).answer).toContain('chưa quá bốn mươi tuổi');
    }
    // Other questions stay short.
    const short = await ask(engine, { question: 'Cán bộ được cử đi đào tạo thạc sĩ cần thời gian công tác bao lâu?' });
    expect(short.answer.length).toBeLessThan(300);
  });

  it('reads "X được sử dụng để làm gì?" as about X, not about "sử dụng"', async () => {
    const engine = await engineOf([
      doc('dti', 'Chỉ số DTI', 'Chỉ số DTI đo mức độ chuyển đổi số của các sở, ngành và địa phương. DTI được dùng để xếp hạng các sở, ngành hằng năm.'),
      doc('tai-khoan', 'Quy chế sử dụng tài khoản', 'Cán bộ không được sử dụng tài khoản của người khác để làm việc trên hệ thống. Mỗi cán bộ được cấp một tài khoản để sử dụng.'),
      FILLER,
    ]);
    const result = await ask(engine, { question: 'DTI được sử dụng để làm gì?' });
    expect(result.answer).toBe('Theo “Chỉ số DTI”: DTI được dùng để xếp hạng các sở, ngành hằng năm [1].');
  });

  it('finds a passage that writes a name by the abbreviation another document defines for it', async () => {
    const engine = await engineOf([
      doc('trung-tam', 'Trung tâm phục vụ hành chính công', 'Trung tâm phục vụ hành chính công (TTPVHCC) của tỉnh tiếp nhận hồ sơ của người dân và doanh nghiệp. Trung tâm có 20 quầy tiếp nhận hồ sơ.'),
      doc('lich', 'Lịch làm việc', 'TTPVHCC mở cửa từ thứ Hai đến sáng thứ Bảy hằng tuần. Các sở làm việc từ thứ Hai đến thứ Sáu.'),
      FILLER,
    ]);
    const result = await ask(engine, { question: 'Trung tâm phục vụ hành chính công mở cửa vào những ngày nào?' });
    expect(result.answer).toContain('TTPVHCC mở cửa từ thứ Hai đến sáng thứ Bảy hằng tuần');
    expect(result.citations.map((c) => c.documentId)).toContain('lich');
  });

  it('reads the pairs a question word makes ("nhận_không") as asking, not as topic, when it judges whether a passage answers', async () => {
    const engine = await engineOf([
      doc('chung-chi', 'Công nhận chứng chỉ ngoại ngữ', 'Chứng chỉ ngoại ngữ được Sở Nội vụ công nhận gồm TOEIC, IELTS và chứng chỉ theo khung năng lực ngoại ngữ sáu bậc. Chứng chỉ có giá trị trong hai năm kể từ ngày cấp.'),
      doc('tuyen-dung', 'Tuyển dụng công chức', 'Người dự tuyển công chức nộp hồ sơ tại Sở Nội vụ. Hồ sơ gồm đơn đăng ký, bản sao văn bằng và chứng chỉ.'),
      FILLER,
      doc('hop', 'Lịch họp', 'Ủy ban nhân dân tỉnh họp thường kỳ vào ngày 25 hằng tháng.'),
    ]);
    const asked = await ask(engine, { question: 'IELTS có được nhận không ạ?' });
    expect(asked.notFound).toBe(false);
    expect(asked.answer).toContain('được Sở Nội vụ công nhận gồm TOEIC, IELTS');
    for (const question of ['Hộ chiếu có được công nhận không?', 'Ai là tác giả của Truyện Kiều?']) {
      expect((await ask(engine, { question })).notFound).toBe(true);
    }
  });

  it('keeps a sentence that refers back ("Để thực hiện việc này, …") with the sentence it refers to', async () => {
    const engine = await engineOf([
      doc(
        'ban-sao',
        'Cấp bản sao quyết định',
        'Trong thời gian công tác, cán bộ, công chức, viên chức và người lao động của các phòng chuyên môn có thể đề nghị cơ quan cấp bản sao quyết định bổ nhiệm. Để thực hiện việc này, cán bộ nộp đơn và lệ phí tại Văn phòng Sở. Bản sao được trả trong ba ngày làm việc.',
      ),
      FILLER,
      doc('hop', 'Lịch họp', 'Ủy ban nhân dân tỉnh họp thường kỳ vào ngày 25 hằng tháng.'),
    ]);
    const result = await ask(engine, { question: 'Làm thế nào để được cấp bản sao quyết định bổ nhiệm?' });
    expect(result.answer).toContain('Để thực hiện việc này, cán bộ nộp đơn và lệ phí tại Văn phòng Sở [1].');
  });

  it('answers "ở đâu?" with a place (a web portal too), not a provision ("tại Khoản 2 Điều 6")', async () => {
    const engine = await engineOf([
      doc('ke-hoach', 'Kế hoạch bồi dưỡng', 'Kế hoạch bồi dưỡng của mỗi năm gồm thời gian biểu các lớp, nội dung và giảng viên. Kế hoạch bồi dưỡng được công bố trên cổng thông tin của Sở trước ngày 15 tháng 1.'),
      doc('dieu-kien', 'Điều kiện dự lớp', 'Cán bộ được cử đi bồi dưỡng phải có thời gian công tác tối thiểu theo quy định tại Khoản 2 Điều 6 của Quy chế này. Cán bộ có thể xem xét đăng ký học theo kế hoạch cá nhân.'),
      FILLER,
    ]);
    const result = await ask(engine, { question: 'Cán bộ có thể xem kế hoạch bồi dưỡng ở đâu?' });
    expect(result.answer).toMatch(/^Theo “Kế hoạch bồi dưỡng”: Kế hoạch bồi dưỡng được công bố trên cổng thông tin của Sở/);
    expect(result.answer).not.toContain('Khoản 2 Điều 6');
  });

  it('answers "năm thứ bao nhiêu?" with an ordinal ("năm thứ nhất")', async () => {
    const engine = await engineOf([
      doc('dao-tao', 'Cử đi đào tạo', 'Cán bộ được cử đi đào tạo theo kế hoạch của Sở. Công chức đang trong năm thứ nhất của thời gian tập sự không được cử đi đào tạo.'),
      FILLER,
    ]);
    const result = await ask(engine, { question: 'Công chức tập sự năm thứ bao nhiêu thì không được cử đi đào tạo?' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toContain('năm thứ nhất của thời gian tập sự');
  });

  it('answers from the passage naming the abbreviation a question names, before one sharing its other words', async () => {
    const engine = await engineOf([
      doc('chi-so', 'Chỉ số cải cách hành chính', 'Chỉ số cải cách hành chính của sở được công bố vào tháng 3 hằng năm. Chỉ số PAPI của tỉnh được công bố vào tháng 5 hằng năm.'),
      doc('dti', 'Đánh giá chuyển đổi số', 'Kết quả DTI của sở được công bố cùng báo cáo tổng kết vào tháng 4 hằng năm.'),
      FILLER,
    ]);
    const result = await ask(engine, { question: 'Chỉ số DTI của sở được công bố vào tháng mấy?' });
    expect(result.answer).toMatch(/^Theo “Đánh giá chuyển đổi số”: Kết quả DTI của sở được công bố cùng báo cáo tổng kết vào tháng 4/);
  });

  it('reads "Mục đích của X?" as about X, except where X is a document ("Mục đích của Kế hoạch 45?")', async () => {
    const plan = doc(
      'ke-hoach',
      'Kế hoạch chuyển đổi số năm 2025',
      ['I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'Nâng cao hiệu quả phục vụ người dân và doanh nghiệp trên môi trường số.', '2. Yêu cầu', 'Bảo đảm đúng tiến độ, hiệu quả.'].join('\n'),
    );
    plan.meta.number = '45/KH-UBND';
    const engine = await engineOf([
      doc('muc-tieu', 'Mục tiêu chương trình', 'Mục đích chính của chương trình chuyển đổi số là nâng cao năng lực phục vụ người dân, xây dựng chính quyền số.'),
      doc('dti', 'Chỉ số DTI', 'Chỉ số DTI đo mức độ chuyển đổi số của các sở. DTI được dùng để xếp hạng các sở, ngành hằng năm.'),
      FILLER,
      plan,
    ]);
    const index = await ask(engine, { question: 'Mục đích chính của chỉ số DTI?' });
    expect(index.answer).toMatch(/^Theo “Chỉ số DTI”: DTI được dùng để xếp hạng các sở/);
    const own = await ask(engine, { question: 'Mục đích của Kế hoạch 45/KH-UBND là gì?' });
    expect(own.answer).toContain('Nâng cao hiệu quả phục vụ người dân và doanh nghiệp trên môi trường số');
  });

  it('never quotes a document\'s place-and-date line as an answer, unless the date it was issued is asked', async () => {
    const resolution = doc(
      'nq-khcn',
      'Nghị quyết về khoa học và công nghệ',
      [
        'Số: 12-NQ/TU',
        'Hạ Long, ngày 01 tháng 11 năm 2012',
        'NGHỊ QUYẾT về phát triển khoa học và công nghệ',
        'Nâng tổng đầu tư xã hội cho khoa học và công nghệ của tỉnh đạt trên 2% GRDP vào năm 2020.',
      ].join('\n'),
    );
    resolution.meta.number = '12-NQ/TU';
    const engine = await engineOf([resolution, FILLER]);
    const target = await ask(engine, { question: 'Nghị quyết 12-NQ/TU ngày 01 tháng 11 năm 2012 đặt mục tiêu gì về đầu tư cho khoa học và công nghệ?' });
    expect(target.answer).toContain('trên 2% GRDP vào năm 2020');
    expect(target.answer).not.toContain('ngày 01 tháng 11 năm 2012');
  });

  it('does not cut a figure from its unit or the end of its range when a long sentence is shortened', async () => {
    const rule =
      'Chương trình bồi dưỡng ngắn hạn gồm nội dung chương trình được thiết kế cho cán bộ lãnh đạo cấp phòng bổ sung thêm các chuyên đề của chương trình bồi dưỡng cấp sở hoặc các chuyên đề bổ trợ kỹ năng khác với khối lượng kiến thức từ 15 đến 29 tiết học, chủ yếu thuộc nhóm kỹ năng quản lý.';
    const engine = await engineOf([doc('boi-duong', 'Chương trình bồi dưỡng ngắn hạn', rule), FILLER]);
    const result = await ask(engine, { question: 'Số tiết học đạt được sau khi hoàn thành chương trình bồi dưỡng ngắn hạn?' });
    expect(result.answer).toContain('từ 15 đến 29 tiết học');
  });

  it('never leaves out what a sentence announces ("… theo công thức sau:") when it shortens it', async () => {
    const rule =
      'Đối với hồ sơ đầu tư công, phí thẩm định mỗi hồ sơ đầu tư công được xác định theo công thức sau: "Phí = MPCS × HSĐC + PTT" Trong đó: MPCS: mức phí thẩm định cơ sở của hồ sơ đầu tư công do Hội đồng nhân dân tỉnh quy định, HSĐC: hệ số điều chỉnh phí thẩm định theo quy mô hồ sơ đầu tư công, PTT: phần phí thẩm định thực tế phát sinh của hồ sơ đầu tư công.';
    const engine = await engineOf([doc('phi', 'Phí thẩm định hồ sơ', rule), FILLER]);
    const result = await ask(engine, { question: 'Mức phí thẩm định mỗi hồ sơ đầu tư công?' });
    expect(result.answer).toContain('theo công thức sau: "Phí = MPCS × HSĐC + PTT"');
  });
});

describe('what a question pins down', () => {
  const minutes = doc(
    'tin-phien-1',
    'Phiên họp thứ nhất của Ban Chỉ đạo tỉnh',
    'Ngày 20/01/2025, Ban Chỉ đạo tỉnh họp phiên họp thứ nhất tại Hội trường Tỉnh ủy.\nĐồng chí Nguyễn Văn Bình, Trưởng Ban Chỉ đạo chủ trì phiên họp.',
  );

  it('refuses, by name, a meeting, a person or a document the corpus holds nowhere', async () => {
    const engine = await engineOf([minutes]);
    const later = await ask(engine, { question: 'Phiên họp thứ năm của Ban Chỉ đạo tỉnh diễn ra khi nào?' });
    expect(later).toMatchObject({ notFound: true, citations: [], refusal: { code: 'ORDINAL_MISSING', missing: ['Phiên họp thứ năm'] } });
    expect(later.answer).toContain('Phiên họp thứ năm');
    const person = await ask(engine, { question: 'Ông Trần Văn Hùng giữ chức vụ gì trong Ban Chỉ đạo tỉnh?' });
    expect(person.refusal).toMatchObject({ code: 'NAME_MISSING', missing: ['Trần Văn Hùng'] });
    // Asked with a second part about the same meeting, neither part is answered from the meeting there is.
    const both = await ask(engine, { question: 'Phiên họp thứ năm của Ban Chỉ đạo tỉnh diễn ra khi nào, do ai chủ trì?' });
    expect(both).toMatchObject({ notFound: true, citations: [], refusal: { code: 'ORDINAL_MISSING' } });
    expect(both.answer).not.toContain('Nguyễn Văn Bình');
    const first = await ask(engine, { question: 'Phiên họp thứ nhất của Ban Chỉ đạo tỉnh diễn ra khi nào?' });
    expect(first.notFound).toBe(false);
    expect(first.answer).toContain('20/01/2025');
    const poem = await ask(engine, { question: 'Làm cho tôi một bài thơ về mùa thu' });
    expect(poem.refusal?.code).toBe('OUT_OF_SCOPE');
  });

  it('answers a place only from evidence about it, not from a national row that names it once', async () => {
    const national = doc('nq-quoc-gia', 'Nghị quyết về y tế số', 'Đến năm 2030, 95% người dân có hồ sơ sức khỏe điện tử.\nThí điểm chuyển đổi số tại bệnh viện các tỉnh Bắc Ninh, An Giang.');
    const engine = await engineOf([minutes, national]);
    const result = await ask(engine, { question: 'Tỉnh Điện Biên đặt mục tiêu bao nhiêu phần trăm người dân có hồ sơ sức khỏe điện tử?' });
    expect(result.refusal?.code).toBe('PLACE_MISSING');
    expect(result.answer).toContain('Điện Biên');
    // The places the corpus is about are named as they are written, accents and all.
    const local = doc('kh-qn', 'Kế hoạch chuyển đổi số tỉnh Quảng Ninh', 'Tỉnh Quảng Ninh phấn đấu 90% người dân có hồ sơ sức khỏe điện tử.');
    const withLocal = await ask(await engineOf([minutes, national, local]), { question: 'Tỉnh Điện Biên đặt mục tiêu bao nhiêu phần trăm người dân có hồ sơ sức khỏe điện tử?' });
    expect(withLocal.refusal).toMatchObject({ code: 'PLACE_MISSING', available: ['Quảng Ninh'] });
  });
});

describe('the measure a quantity question names', () => {
  const plan = doc(
    'kh-tinh',
    'Kế hoạch chuyển đổi số của tỉnh',
    [
      'Đến năm 2030, kinh tế số của tỉnh chiếm 30% GRDP; tỷ lệ phủ sóng di động 4G đạt 95%.',
      'Ban Chỉ đạo chuyển đổi số của tỉnh gồm 17 thành viên, do Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban.',
      'Năm 2025, tỉnh dành kinh phí cho 12 nhiệm vụ chuyển đổi số.',
    ].join('\n'),
  );
  const budget = doc('ngan-sach', 'Báo cáo ngân sách chuyển đổi số', 'Năm 2025, tỉnh chi 250 tỷ đồng cho chuyển đổi số và khoa học công nghệ.');

  it('answers only with a figure in the unit or of the base asked, and refuses naming it otherwise', async () => {
    const engine = await engineOf([plan]);
    const share = await ask(engine, { question: 'Kinh tế số của tỉnh chiếm bao nhiêu phần trăm GRDP đến năm 2030?' });
    expect(share.notFound).toBe(false);
    expect(share.answer).toContain('30%');
    const population = await ask(engine, { question: 'Tỷ lệ phủ sóng di động của tỉnh đạt bao nhiêu phần trăm dân số?' });
    expect(population).toMatchObject({ notFound: true, refusal: { code: 'NOT_STATED', missing: ['con số được hỏi (phần trăm dân số)'] } });
    const money = await ask(engine, { question: 'Năm 2025 tỉnh dành kinh phí bao nhiêu tỷ đồng cho chuyển đổi số?' });
    expect(money).toMatchObject({ notFound: true, refusal: { code: 'NOT_STATED', missing: ['con số được hỏi (tỷ đồng)'] } });
    const withBudget = await engineOf([plan, budget]);
    const spent = await ask(withBudget, { question: 'Năm 2025 tỉnh dành kinh phí bao nhiêu tỷ đồng cho chuyển đổi số?' });
    expect(spent.notFound).toBe(false);
    expect(spent.answer).toContain('250 tỷ đồng');
  });

  it('answers what a minister was given, not the table tasks the ministry leads ("Bộ trưởng Bộ Công an")', async () => {
    const table = doc(
      'chuong-trinh',
      'Chương trình hành động',
      ['| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |', '| --- | --- | --- | --- |', '| 1. | Xây dựng cơ sở dữ liệu dân cư | Bộ Công an | 2025 |', '| 2. | Xây dựng Luật Dữ liệu | Bộ Công an | 2026 |'].join('\n'),
    );
    const meeting = doc('phien-hop', 'Phiên họp Ban Chỉ đạo', 'Tại phiên họp, Tổng Bí thư giao Bộ trưởng Công an chỉ đạo triển khai hệ sinh thái định danh điện tử trên toàn quốc.');
    const engine = await engineOf([table, meeting]);
    const given = await ask(engine, { question: 'Bộ trưởng Bộ Công an được giao chỉ đạo việc gì?' });
    expect(given.answer).toContain('định danh điện tử');
    expect(given.answer).not.toContain('nhiệm vụ do Bộ Công an chủ trì');
    // The ministry itself: its tasks.
    const led = await ask(engine, { question: 'Bộ Công an được giao chủ trì những nhiệm vụ gì?' });
    expect(led.answer).toContain('Luật Dữ liệu');
  });

  it('reads no figure in a table row\'s number, and "hạn là bao nhiêu?" as asking a date', () => {
    const row = '| 128. | Xây dựng bộ tiêu chí đánh giá hiệu quả đầu tư | Bộ Thông tin và Truyền thông | | 2025 |';
    expect(holdsFigure(row, 'Chỉ tiêu đó cho năm 2025 là bao nhiêu?')).toBe(false);
    expect(holdsFigure('| 11.6. | Tỉ lệ thanh toán trực tuyến | 80% |', 'Tỉ lệ thanh toán trực tuyến là bao nhiêu?')).toBe(true);
    expect(asksQuantity('Ai tham mưu thành lập Ủy ban Dữ liệu quốc gia, hạn là bao nhiêu?')).toBe(false);
    expect(asksQuantity('Thời hạn bao nhiêu?')).toBe(false);
    expect(asksQuantity('Tỉ lệ thanh toán trực tuyến là bao nhiêu?')).toBe(true);
  });

  it('answers "tại kỳ họp nào?" only with a session written by its number', async () => {
    const plan = doc(
      'ke-hoach-luat',
      'Kế hoạch xây dựng luật',
      ['Bộ Khoa học và Công nghệ hoàn thiện Luật Tiêu chuẩn, trình Quốc hội thông qua tại Kỳ họp thứ 9.', 'Bộ Nội vụ rà soát, đề xuất sửa đổi Luật Viên chức, trình Quốc hội xem xét.'].join('\n'),
    );
    const engine = await engineOf([plan]);
    const ninth = await ask(engine, { question: 'Luật Tiêu chuẩn được trình Quốc hội thông qua tại kỳ họp nào?' });
    expect(ninth.answer).toContain('Kỳ họp thứ 9');
    const unnumbered = await engineOf([doc('ke-hoach-vien-chuc', 'Kế hoạch sửa luật', 'Dự án Luật Viên chức sửa đổi do Bộ Nội vụ chủ trì soạn thảo, được trình Quốc hội xem xét trong năm 2025.')]);
    const none = await ask(unnumbered, { question: 'Luật Viên chức sửa đổi được trình Quốc hội tại kỳ họp nào?' });
    expect(none.notFound).toBe(true);
    expect(none.answer).toContain('kỳ họp');
  });

  it('reads money only as a figure in its unit: "đồng bộ dữ liệu" is no amount', () => {
    expect(holdsMeasure('Hoàn thiện 14 cơ sở dữ liệu; đồng bộ dữ liệu về Trung tâm dữ liệu quốc gia', MONEY)).toBe(false);
    expect(holdsMeasure('Tỉnh chi 1.000 tỷ đồng cho chuyển đổi số', MONEY)).toBe(true);
    expect(holdsMeasure('vốn 5 triệu USD', MONEY)).toBe(true);
    expect(holdsMeasure('Tỷ trọng chi cho R&D đạt 2%', MONEY)).toBe(true);
    expect(holdsMeasure('tỷ lệ doanh nghiệp đạt mức cao', MONEY)).toBe(false);
  });

  it('answers "bao nhiêu X" only from a sentence that counts X, not another thing of the same kind', async () => {
    const news = doc(
      'tin-doanh-nghiep',
      'Doanh nghiệp đồng hành chuyển đổi số',
      [
        'Hai doanh nghiệp viễn thông tiêu biểu của tỉnh đi đầu trong chuyển đổi số năm 2025.',
        'Tỉnh có 54/54 xã, phường hoàn thành 16/16 chỉ tiêu chuyển đổi số giai đoạn 1.',
        'Chiến lược chuyển đổi số của tỉnh được xây dựng cho chu kỳ 10 năm.',
      ].join('\n'),
    );
    const engine = await engineOf([news]);
    const other = await ask(engine, { question: 'Tỉnh có bao nhiêu doanh nghiệp công nghệ đi đầu trong chuyển đổi số năm 2025?' });
    expect(other).toMatchObject({ notFound: true, refusal: { code: 'NOT_STATED' } });
    const places = await ask(engine, { question: 'bao nhieu xa phuong cua tinh hoan thanh 16/16 chi tieu giai doan 1' });
    expect(places.answer).toContain('54/54');
    const length = await ask(engine, { question: 'Chiến lược chuyển đổi số của tỉnh được xây dựng cho chu kỳ bao nhiêu lâu?' });
    expect(length.answer).toContain('10 năm');
  });

  it('counts initials the corpus writes beside the words they spell as those words ("CSDL", "Cơ sở dữ liệu")', async () => {
    const report = doc(
      'bao-cao-ha-tang',
      'Báo cáo hạ tầng số của tỉnh',
      [
        'Tỉnh đã hoàn thành kết nối 15 Cơ sở dữ liệu quốc gia với hệ thống giải quyết thủ tục hành chính.',
        'Cơ sở dữ liệu dân cư được cập nhật hằng ngày; Cơ sở dữ liệu đất đai đang được số hóa.',
        'Các CSDL chuyên ngành do các sở quản lý.',
      ].join('\n'),
    );
    const engine = await engineOf([report]);
    const result = await ask(engine, { question: 'Tỉnh đã hoàn thành kết nối bao nhiêu CSDL quốc gia?' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toContain('15 Cơ sở dữ liệu quốc gia');
  });
});

describe('a document the question names answers before one that carries it out', () => {
  const resolution: StoredDocument = {
    ...doc('nq-50', 'Nghị quyết về dữ liệu', ['Nghị quyết số 50-NQ/TW về dữ liệu.', '## Tổ chức thực hiện', '5. Ban Tuyên giáo Trung ương chủ trì hướng dẫn việc quán triệt, tuyên truyền Nghị quyết.'].join('\n\n')),
    meta: { title: 'Nghị quyết về dữ liệu', number: '50-NQ/TW', issuer: 'Bộ Chính trị' },
  };
  const programme: StoredDocument = {
    ...doc(
      'nq-09-cp',
      'Chương trình hành động thực hiện Nghị quyết số 50-NQ/TW',
      ['## CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN NGHỊ QUYẾT SỐ 50-NQ/TW', '| Nhiệm vụ | Cơ quan chủ trì | Phối hợp |', '| --- | --- | --- |', '| Xây dựng chương trình tuyên truyền về dữ liệu | Bộ Thông tin và Truyền thông | Ban Tuyên giáo Trung ương |'].join('\n'),
    ),
    meta: { title: 'Chương trình hành động thực hiện Nghị quyết số 50-NQ/TW', number: '09/NQ-CP', issuer: 'Chính phủ' },
  };
  const report = doc('bao-cao-dvc', 'Báo cáo dịch vụ công', 'Năm 2025, số hồ sơ trực tuyến đạt 96,2%; số người dùng dịch vụ công trực tuyến tăng gấp 3 lần so với năm 2024.');

  it('quotes the named resolution\'s own provision, not the programme\'s row that names the body', async () => {
    const engine = await engineOf([resolution, programme]);
    const result = await ask(engine, { question: 'Nghị quyết 50 giao Ban Tuyên giáo Trung ương nhiệm vụ gì?' });
    expect(result.citations[0]!.documentId).toBe('nq-50');
    expect(result.answer).toContain('hướng dẫn việc quán triệt');
  });

  it('takes a resolution named as what a named plan carries out for that plan\'s description', async () => {
    // The news report names the plan, not the resolution's number; the resolution is in the corpus too.
    const news = doc(
      'tin-tien-do',
      'Tỉnh đẩy mạnh chuyển đổi số',
      'Việc triển khai Kế hoạch số 12/KH-UBND ngày 2/3/2025 của UBND tỉnh về thực hiện nghị quyết của Bộ Chính trị, đến nay toàn tỉnh đã hoàn thành 5/9 nhiệm vụ; chậm tiến độ 4/9 nhiệm vụ.',
    );
    const engine = await engineOf([resolution, news]);
    const result = await ask(engine, { question: 'Tỉnh đã hoàn thành bao nhiêu nhiệm vụ của Kế hoạch 12/KH-UBND về thực hiện Nghị quyết 50?' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toContain('5/9');
    // Named by itself, the resolution is still pinned down: the report does not hold it.
    const alone = await ask(engine, { question: 'Nghị quyết 50 đã hoàn thành bao nhiêu nhiệm vụ?' });
    expect(alone.answer).not.toContain('5/9');
  });

  it('answers "tăng bao nhiêu lần" only with a multiple', async () => {
    const engine = await engineOf([report]);
    const times = await ask(engine, { question: 'Số người dùng dịch vụ công trực tuyến tăng bao nhiêu lần?' });
    expect(times.answer).toContain('gấp 3 lần');
    const other = await engineOf([doc('bao-cao-2', 'Báo cáo', 'Năm 2025, số người dùng dịch vụ công trực tuyến đạt 96,2% dân số trưởng thành.')]);
    const none = await ask(other, { question: 'Số người dùng dịch vụ công trực tuyến tăng bao nhiêu lần?' });
    expect(none.notFound).toBe(true);
  });
});

describe('the last-resort refusal names what was looked for', () => {
  it('says which topic no passage speaks of, and the conversation takes it as a refusal', async () => {
    const engine = await engineOf([doc('kh-so', 'Kế hoạch chuyển đổi số', 'Đến năm 2030, kinh tế số chiếm 30% GRDP của tỉnh.')]);
    const result = await ask(engine, { question: 'Mức lương tối thiểu vùng năm 2025 là bao nhiêu?' });
    expect(result).toMatchObject({ notFound: true, refusal: { code: 'NO_EVIDENCE', missing: ['lương tối thiểu vùng'] } });
    expect(result.answer).toBe('Không tìm thấy đoạn văn bản nào trong kho nói về “lương tối thiểu vùng”.');
    // Read as a refusal: it gives the conversation no subject to refer back to.
    const asked = { role: 'user' as const, content: 'Mức lương tối thiểu vùng năm 2025 là bao nhiêu?' };
    expect(replay([asked, { role: 'assistant', content: result.answer }]).subject).toBeUndefined();
    expect(replay([asked, { role: 'assistant', content: 'Theo Kế hoạch: mức lương tối thiểu vùng là 4,96 triệu đồng [1].' }]).subject).toBeDefined();
  });
});
