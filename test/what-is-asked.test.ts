/** What a question names and asks must be in its answer: documents only mentioned, dates, money, offices, follow-ups. */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/answer/assistant.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readCorpus } from '../scripts/lib/corpus.js';
import { doc, engineOf } from './helpers/docs.js';
import type { StoredDocument } from '../src/index/store.js';

/** Nghị quyết 31-NQ/TW as its header writes it, with one line of body: the document several tests ask about. */
function resolution31(body: string, issuer: string | undefined = 'Ban Chấp hành Trung ương'): StoredDocument {
  const title = 'Nghị quyết về phát triển thư viện số';
  const text = ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'Số: 31-NQ/TW', 'Hà Nội, ngày 02 tháng 4 năm 2013', 'NGHỊ QUYẾT', 'Về phát triển thư viện số', body].join('\n');
  return { ...doc('nq-31', title, text), meta: { title, number: '31-NQ/TW', issued: '2013-04-02', ...(issuer ? { issuer } : {}) } };
}

describe('a document the corpus only mentions', () => {
  const REPORT = doc(
    'tin-ha-giang',
    'Hà Giang cụ thể hóa nghị quyết về du lịch',
    [
      'Ngay sau Hội nghị, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch hành động số 21-KH/TU (ngày 4/3/2025) và Kế hoạch số 22-KH/TU (ngày 9/4/2025), xác định rõ nhiệm vụ của từng cơ quan.',
      'Trước đó, UBND tỉnh ban hành Chương trình số 77/CTr-UBND ngày 1/2/2024 về thực hiện Nghị quyết số 9-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về phát triển du lịch cộng đồng đến năm 2030.',
    ].join('\n'),
  );
  const NEWS = doc(
    'tin-du-lich',
    'Du lịch cộng đồng khởi sắc',
    'Theo Kế hoạch 21-KH/TU ngày 4/3/2025 về chuyển đổi số trong hoạt động du lịch cộng đồng, mỗi huyện có một làng du lịch số.',
  );

  it('answers its date from the number it is written beside, not from another document of the sentence', async () => {
    const engine = await engineOf([REPORT, NEWS]);
    const second = await ask(engine, { question: 'KH 22 ban hành ngày nào?' });
    expect(second.notFound).toBe(false);
    expect(second.answer).toContain('22-KH/TU (ngày 9/4/2025)');
    expect(second.answer).not.toContain('4/3/2025');
    const first = await ask(engine, { question: 'Kế hoạch 21 được ban hành khi nào?' });
    expect(first.answer).toContain('4/3/2025');
    expect(first.answer).not.toContain('9/4/2025');
    const highlighted = first.citations[0]!;
    const source = first.citations[0]!.documentId === REPORT.id ? REPORT.text : NEWS.text;
    expect(source.slice(highlighted.highlight!.start, highlighted.highlight!.end)).toMatch(/21-KH\/TU.*4\/3\/2025/);

    // The programme's date is written beside the programme: the resolution it carries out has none of its own.
    const resolution = await ask(engine, { question: 'Nghị quyết 9 ban hành ngày nào?' });
    expect(resolution.notFound).toBe(true);
    expect(resolution.answer).not.toContain('1/2/2024');
    expect(resolution.refusal).toMatchObject({ code: 'DOCUMENT_MISSING', mentionedIn: ['“Hà Giang cụ thể hóa nghị quyết về du lịch”'] });
    expect(resolution.answer).toContain('không nêu ngày ban hành');
  });

  it('answers what it is about from a mention that says so, typed short or in full', async () => {
    const engine = await engineOf([REPORT, NEWS]);
    // The first mention of KH 21 goes on with the sentence ("xác định rõ …"), the other says what it is about.
    const plan = await ask(engine, { question: 'KH 21 về nội dung gì?' });
    expect(plan.notFound).toBe(false);
    expect(plan.answer).toContain('về chuyển đổi số trong hoạt động du lịch cộng đồng');
    expect(plan.citations[0]!.documentId).toBe('tin-du-lich');
    const resolution = await ask(engine, { question: 'Nghị quyết 9-NQ/TU về nội dung gì?' });
    expect(resolution.answer).toContain('về phát triển du lịch cộng đồng đến năm 2030');
    expect(resolution.answer).not.toContain('77/CTr-UBND');
  });

  it('tells apart two documents of one number whose issuer codes differ', async () => {
    const engine = await engineOf([
      doc('tin-a', 'Tin tỉnh', 'Các xã đã hoàn thành chỉ tiêu của Kế hoạch số 05-KH/BCĐTW của Ban Chỉ đạo Trung ương về chuyển đổi số.'),
      doc('tin-b', 'Tin huyện', 'Thực hiện Kế hoạch số 05-KH/BCĐ ngày 2/6/2025 của Ban chỉ đạo tỉnh, huyện đã hoàn thành 10 nhiệm vụ.'),
    ]);
    const central = await ask(engine, { question: 'Kế hoạch 05-KH/BCĐTW ban hành ngày nào?' });
    expect(central.notFound).toBe(true);
    expect(central.answer).not.toContain('2/6/2025');
    expect(central.refusal?.mentionedIn).toEqual(['“Tin tỉnh”']);
    const provincial = await ask(engine, { question: 'Kế hoạch 05-KH/BCĐ ban hành ngày nào?' });
    expect(provincial.answer).toContain('05-KH/BCĐ ngày 2/6/2025');
  });
});

describe('what a question asks of the answer', () => {
  const PLAN = doc(
    'kh-45',
    'Kế hoạch 45-KH/UBND về chuyển đổi số',
    [
      'KẾ HOẠCH',
      'Về chuyển đổi số năm 2025',
      'I. TỔ CHỨC THỰC HIỆN',
      'Sở Nội vụ thường xuyên nắm tình hình, định kỳ báo cáo Ủy ban nhân dân tỉnh khi được yêu cầu.',
      'Sở Tài chính bảo đảm kinh phí thực hiện Kế hoạch.',
      '| STT | Chỉ tiêu | Giá trị | Cơ quan chủ trì theo dõi |',
      '|---|---|---|---|',
      '| 1 | Số xã có mạng 5G | 20 | Sở Khoa học và Công nghệ |',
    ].join('\n'),
  );

  it('refuses "trước ngày nào" when no sentence about it gives a date, saying a date is what is missing', async () => {
    const engine = await engineOf([{ ...PLAN, meta: { title: PLAN.meta.title, number: '45-KH/UBND' } }]);
    const result = await ask(engine, { question: 'Kế hoạch 45 yêu cầu Sở Nội vụ báo cáo trước ngày nào?' });
    expect(result.notFound).toBe(true);
    expect(result.refusal).toMatchObject({ code: 'NOT_STATED', missing: ['thời hạn hoặc thời điểm được hỏi'] });
    // "Khi nào" may be answered by a condition.
    const when = await ask(engine, { question: 'Khi nào Sở Nội vụ báo cáo Ủy ban nhân dân tỉnh?' });
    expect(when.notFound).toBe(false);
    expect(when.answer).toContain('khi được yêu cầu');
  });

  it('reads "do cơ quan nào chủ trì theo dõi" as a lead asked, not as the document\'s issuer', async () => {
    const engine = await engineOf([{ ...PLAN, meta: { title: PLAN.meta.title, number: '45-KH/UBND', issuer: 'UBND tỉnh' } }]);
    const result = await ask(engine, { question: 'Trong Kế hoạch 45, chỉ tiêu số xã có mạng 5G do cơ quan nào chủ trì theo dõi?' });
    expect(result.answer).toContain('Sở Khoa học và Công nghệ');
    expect(result.answer).not.toMatch(/do UBND tỉnh ban hành/);
  });

  it('tells once what two parts of a question are answered by from one sentence', async () => {
    const engine = await engineOf([doc('tin-c', 'Tin tỉnh', 'Tỉnh ban hành Kế hoạch 61-KH/TU ngày 3/3/2025 về chuyển đổi số trong các cơ quan đảng giai đoạn 2025-2028.')]);
    const result = await ask(engine, { question: 'Kế hoạch 61-KH/TU về nội dung gì, giai đoạn nào?' });
    expect(result.answer.match(/chuyển đổi số trong các cơ quan đảng/g)).toHaveLength(1);
    expect(result.answer).toContain('2025-2028');
  });

  it('answers a follow-up on a document from the document itself, and says what it does not state', async () => {
    const resolution = resolution31('Các cấp ủy tổ chức quán triệt Nghị quyết.');
    const other = doc('nq-cp', 'Chương trình chữ ký số', 'Bộ Nội vụ chủ trì cấp chữ ký số cho cán bộ, công chức trong năm 2025.');
    const engine = await engineOf([resolution, other]);
    const first = await ask(engine, { question: 'Nghị quyết 31-NQ/TW do cơ quan nào ban hành?' });
    const history = [{ role: 'user' as const, content: 'Nghị quyết 31-NQ/TW do cơ quan nào ban hành?' }, { role: 'assistant' as const, content: first.answer }];
    const when = await ask(engine, { question: 'Vào ngày nào?', history });
    expect(when.answer).toContain('được ban hành ngày 2/4/2013');
    // Its text has no signature block and no date of effect: said so, not answered from a passage on "chữ ký số".
    const signer = await ask(engine, { question: 'Ai ký?', history });
    expect(signer.notFound).toBe(true);
    expect(signer.answer).not.toContain('chữ ký số');
    expect(signer.refusal).toMatchObject({ code: 'NOT_STATED', missing: ['người ký'] });
    const effect = await ask(engine, { question: 'Có hiệu lực khi nào?', history });
    expect(effect.refusal).toMatchObject({ code: 'NOT_STATED', missing: ['ngày có hiệu lực'] });
  });

  it('answers "do ai làm Chủ tịch" only with a person in that office, and "quy mô vốn bao nhiêu" only with money', async () => {
    const plan = doc('nq-du-lieu', 'Nghị quyết về dữ liệu', 'Bộ Công an chủ trì tham mưu thành lập Ủy ban Dữ liệu tỉnh trong năm 2025. Sở Tài chính chủ trì xây dựng quỹ đầu tư khởi nghiệp và huy động vốn cho quỹ, hoàn thành trong 12 tháng.');
    const engine = await engineOf([plan]);
    const chair = await ask(engine, { question: 'Ủy ban Dữ liệu tỉnh do ai làm Chủ tịch?' });
    expect(chair.notFound).toBe(true);
    expect(chair.refusal).toMatchObject({ code: 'NOT_STATED', missing: ['tên người giữ chức Chủ tịch'] });
    const withFund = await engineOf([plan, doc('tin-quy', 'Quỹ hỗ trợ', 'Quỹ hỗ trợ nông dân của tỉnh có quy mô vốn 50 tỷ đồng.')]);
    // The plan's sentence on the fund gives "12 tháng", a figure but no money.
    const fund = await ask(withFund, { question: 'Quy mô vốn của quỹ đầu tư khởi nghiệp là bao nhiêu?' });
    expect(fund.notFound).toBe(true);
    expect(fund.refusal?.missing).toEqual(['con số được hỏi (số tiền)']);
    const farmers = await ask(withFund, { question: 'Quỹ hỗ trợ nông dân có quy mô vốn bao nhiêu?' });
    expect(farmers.answer).toContain('50 tỷ đồng');
  });

  it('reads chat shorthand and "NQ đó" as the words and the document they stand for', async () => {
    const resolution = resolution31('Phấn đấu đến năm 2030 có 7 doanh nghiệp công nghệ số lớn.');
    const conclusion = doc('kl-5', 'Kết luận 5-KL/TW', 'Kết luận số 5-KL/TW ngày 3/3/2024 về tiếp tục thực hiện Nghị quyết số 31-NQ/TW, ngày 02/4/2013 của Ban Chấp hành Trung ương.');
    const engine = await engineOf([resolution, conclusion]);
    const count = await ask(engine, { question: 'NQ 31 đến 2030 có bao nhiêu dn công nghệ số lớn?' });
    expect(count.answer).toContain('7 doanh nghiệp');
    const first = await ask(engine, { question: 'Kết luận 5-KL/TW tiếp tục thực hiện nghị quyết nào?' });
    const date = await ask(engine, { question: 'NQ đó ban hành từ bao giờ?', history: [{ role: 'user', content: 'Kết luận 5-KL/TW tiếp tục thực hiện nghị quyết nào?' }, { role: 'assistant', content: first.answer }] });
    expect(date.answer).toContain('Nghị quyết số 31-NQ/TW');
    expect(date.answer).toContain('2/4/2013');
  });

  it('reads "tỉnh" opening a follow-up as the place talked about, not "cấp tỉnh"', async () => {
    const engine = await engineOf([
      doc('tin-lao-cai', 'Lào Cai đổi mới sáng tạo', 'Tỉnh Lào Cai đặt mục tiêu kinh tế số chiếm 20% GRDP. Lào Cai xếp thứ 5 toàn quốc về chỉ số đổi mới sáng tạo năm 2025.'),
      doc('tin-yen-bai', 'Yên Bái chuyển đổi số', 'Tỉnh Yên Bái đặt mục tiêu kinh tế số chiếm 15% GRDP. Yên Bái xếp thứ 20 toàn quốc về chỉ số đổi mới sáng tạo năm 2025.'),
    ]);
    const first = await ask(engine, { question: 'Lào Cai đặt mục tiêu kinh tế số chiếm bao nhiêu % GRDP?' });
    const rank = await ask(engine, {
      question: 'tỉnh xếp thứ mấy cả nước về chỉ số đổi mới sáng tạo?',
      history: [{ role: 'user', content: 'Lào Cai đặt mục tiêu kinh tế số chiếm bao nhiêu % GRDP?' }, { role: 'assistant', content: first.answer }],
    });
    expect(rank.answer).toContain('Lào Cai xếp thứ 5 toàn quốc');
    expect(rank.answer).not.toContain('Yên Bái');
  });

  it('tells the bodies of one table cell apart with commas', async () => {
    const table = ['| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |', '|---|---|---|---|', '| 1. | Xây dựng kho dữ liệu dùng chung | Bộ Công an Bộ Tài chính | 6/2025 |'].join('\n');
    const engine = await engineOf([doc('ct-du-lieu', 'Chương trình dữ liệu', table)]);
    const result = await ask(engine, { question: 'Cơ quan nào chủ trì xây dựng kho dữ liệu dùng chung?' });
    expect(result.answer).toContain('Bộ Công an, Bộ Tài chính chủ trì');
  });

});

describe('a conversation reading one news report', () => {
  const REPORT = doc(
    'tin-phien-hop',
    'Phiên họp thứ hai Ban Chỉ đạo tỉnh về chuyển đổi số',
    'Phiên họp thứ hai của Ban Chỉ đạo tỉnh diễn ra chiều 5/3 tại Trụ sở Tỉnh ủy. Giám đốc Sở Tài chính chỉ đạo bảo đảm kinh phí cho các dự án dữ liệu. Giám đốc Sở Nội vụ chỉ đạo kiện toàn tổ chuyên gia chuyển đổi số cấp xã.',
  );
  const PLAN = doc(
    'ke-hoach-tinh',
    'Kế hoạch chuyển đổi số của tỉnh',
    ['| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |', '|---|---|---|---|', '| 1. | Xây dựng cơ sở dữ liệu cán bộ | Sở Nội vụ | 6/2025 |', '| 2. | Số hóa hồ sơ y tế | Sở Y tế | 9/2025 |', '| 3. | Cấp chữ ký số cho cán bộ | Sở Y tế | 12/2025 |'].join('\n'),
  );

  it('reads a minister as the ministry, and answers a meeting asked by ordinal from the report, not a task list', async () => {
    const engine = await engineOf([
      doc('tin-phien-ba', 'Phiên họp thứ ba Ban Chỉ đạo tỉnh', 'Tại phiên họp thứ ba, Giám đốc Sở Y tế chỉ đạo số hóa hồ sơ sức khỏe người dân trong quý II. Giám đốc Sở Nội vụ chỉ đạo đào tạo cán bộ.'),
      PLAN,
    ]);
    const result = await ask(engine, { question: 'Sở Y tế được giao chỉ đạo việc gì tại phiên họp thứ ba?' });
    expect(result.answer).toContain('số hóa hồ sơ sức khỏe');
    expect(result.answer).not.toContain('chữ ký số');
    const minister = doc('tin-bo', 'Phiên họp Ban Chỉ đạo', 'Bộ trưởng Công an chỉ đạo phát triển Trung tâm dữ liệu quốc gia. Bộ trưởng Bộ Tài chính chỉ đạo bố trí ngân sách cho khoa học.');
    const ministers = await engineOf([minister]);
    const police = await ask(ministers, { question: 'Bộ trưởng Bộ Công an chỉ đạo việc gì?' });
    expect(police.answer).toMatch(/^Theo “Phiên họp Ban Chỉ đạo”: Bộ trưởng Công an chỉ đạo phát triển Trung tâm dữ liệu quốc gia \[1\]/u);
  });

  it('answers "Còn X?" from the report where it says so, and refuses what "phiên họp này" does not say', async () => {
    const engine = await engineOf([REPORT, PLAN]);
    const q1 = 'Giám đốc Sở Tài chính được giao chỉ đạo việc gì tại phiên họp thứ hai?';
    const first = await ask(engine, { question: q1 });
    expect(first.citations[0]!.documentId).toBe('tin-phien-hop');
    const history = [{ role: 'user' as const, content: q1 }, { role: 'assistant' as const, content: first.answer }];
    const swap = await ask(engine, { question: 'Còn Sở Nội vụ?', history });
    expect(swap.answer).toContain('kiện toàn tổ chuyên gia');
    expect(swap.citations.map((c) => c.documentId)).toEqual(['tin-phien-hop']);
    // The plan gives Sở Y tế tasks; the meeting report gives it none.
    const health = await ask(engine, { question: 'Thế Sở Y tế được giao việc gì tại phiên họp này?', history });
    expect(health.notFound).toBe(true);
    expect(health.refusal?.code).toBe('NOT_STATED');
    expect(health.answer).toContain('Phiên họp thứ hai Ban Chỉ đạo tỉnh');
    // A question of its own set against the last one ("… thì …"), and one that names the meeting back and asks two things.
    const own = await ask(engine, { question: 'Giám đốc Sở Nội vụ thì được giao gì', history });
    expect(own.answer).toContain('kiện toàn tổ chuyên gia');
    const when = await ask(engine, { question: 'Phiên họp đó diễn ra hôm nào, ở đâu?', history });
    expect(when.answer).toContain('5/3');
    expect(when.answer).toContain('Trụ sở Tỉnh ủy');
  });
});

describe('a phrase the question quotes', () => {
  it('is answered by the sentence that writes it, before a neighbour sharing the other words', async () => {
    const engine = await engineOf([
      doc(
        'tin-quy',
        'Quảng Ninh đầu tư cho khởi nghiệp',
        'Tỉnh sẽ thành lập quỹ đầu tư mạo hiểm, dùng ngân sách làm “vốn mồi” để thu hút nguồn lực xã hội. Tỉnh cũng dùng ngân sách đầu tư các khu công nghệ cao để thu hút nhà đầu tư chiến lược.',
      ),
    ]);
    const result = await ask(engine, { question: 'Tỉnh dùng ngân sách làm “vốn mồi” cho cái gì?' });
    expect(result.answer).toContain('quỹ đầu tư mạo hiểm');
    expect(result.answer).not.toContain('khu công nghệ cao');
  });

  it('asks a holder\'s name with "… tên là gì?", refused where no one is named', async () => {
    const engine = await engineOf([doc('tin-hop', 'Phiên họp', 'Bộ trưởng Công an chỉ đạo phát triển Trung tâm dữ liệu quốc gia.')]);
    const result = await ask(engine, { question: 'Bộ trưởng Công an lúc đó tên là gì?' });
    expect(result.notFound).toBe(true);
    expect(result.refusal?.missing).toEqual(['tên người giữ chức Bộ trưởng Công an']);
  });
});

describe('a document named with its date, and a length of time asked', () => {
  const resolution = resolution31('Định kỳ, Ban Tuyên giáo báo cáo Bộ Chính trị kết quả thực hiện Nghị quyết.', undefined);

  it('reads "Nghị quyết 31-NQ/TW ngày 02/4/2013" as the document, not as words to find, and says it has no signer', async () => {
    const engine = await engineOf([resolution]);
    const result = await ask(engine, { question: 'Nghị quyết 31-NQ/TW ngày 02/4/2013 do ai ký ban hành?' });
    expect(result.refusal).toMatchObject({ code: 'NOT_STATED', missing: ['người ký'] });
  });

  it('refuses "mấy tháng một lần" where the sentence gives no length of time', async () => {
    const engine = await engineOf([resolution]);
    const result = await ask(engine, { question: 'Nghị quyết 31 yêu cầu Ban Tuyên giáo báo cáo Bộ Chính trị định kỳ mấy tháng một lần?' });
    expect(result.notFound).toBe(true);
    expect(result.refusal?.missing).toEqual(['khoảng thời gian được hỏi']);
  });
});

describe('how far something got', () => {
  it('is answered by a report of progress, not by the plan that sets the task', async () => {
    const plan = doc('ke-hoach-so', 'Kế hoạch số hóa', ['| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |', '|---|---|---|---|', '| 1. | Số hóa hồ sơ đất đai | Sở Nông nghiệp | 6/2025 |'].join('\n'));
    const report = doc('bao-cao', 'Báo cáo sơ kết', 'Đến nay, tỉnh đã hoàn thành 12/20 nhiệm vụ chuyển đổi số; nhiệm vụ số hóa hồ sơ hộ tịch đang thực hiện.');
    const onlyPlan = await engineOf([plan]);
    const asked = await ask(onlyPlan, { question: 'Nhiệm vụ số hóa hồ sơ đất đai đến giờ đã làm xong chưa?' });
    expect(asked.notFound).toBe(true);
    expect(asked.refusal?.missing).toEqual(['kết quả hoặc tiến độ thực hiện']);
    const both = await engineOf([plan, report]);
    const status = await ask(both, { question: 'Nhiệm vụ số hóa hồ sơ hộ tịch đến nay đã hoàn thành chưa?' });
    expect(status.answer).toContain('đang thực hiện');
  });
});

describe('the number of a document asked', () => {
  it('is answered by a sentence writing a number for that kind of document, else refused as not stated', async () => {
    const engine = await engineOf([
      doc('ke-hoach-tc', 'Kế hoạch tiêu chí', 'Sở Khoa học và Công nghệ xây dựng bộ tiêu chí doanh nghiệp công nghệ số trong quý II. Bộ tiêu chí thay thế Quyết định số 12/2020/QĐ-UBND về doanh nghiệp khoa học.'),
    ]);
    const replaced = await ask(engine, { question: 'Bộ tiêu chí thay thế quyết định số mấy?' });
    expect(replaced.answer).toContain('Quyết định số 12/2020/QĐ-UBND');
    const unnumbered = await engineOf([doc('ke-hoach-tc2', 'Kế hoạch tiêu chí', 'Sở Khoa học và Công nghệ xây dựng bộ tiêu chí doanh nghiệp công nghệ số, trình UBND tỉnh ban hành trong quý II.')]);
    const issuing = await ask(unnumbered, { question: 'Quyết định ban hành bộ tiêu chí doanh nghiệp công nghệ số số mấy?' });
    expect(issuing.notFound).toBe(true);
    expect(issuing.refusal?.missing).toEqual(['số hiệu văn bản được hỏi']);
  });
});

describe('a document named by its title', () => {
  it('reads "chương trình hành động của CP" as the one document whose title opens so', async () => {
    const programme = {
      ...doc('nq-15', 'Nghị quyết ban hành Chương trình hành động của Chính phủ về dữ liệu', ['| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |', '|---|---|---|---|', '| 1. | Xây dựng sàn giao dịch dữ liệu | Bộ Công an | 2026 |'].join('\n')),
      meta: { title: 'Nghị quyết ban hành Chương trình hành động của Chính phủ về dữ liệu', number: '15/NQ-CP' },
    };
    const plan = { ...doc('kh-9', 'Kế hoạch thực hiện Chương trình hành động của Chính phủ về dữ liệu tại tỉnh', 'Cơ quan chủ trì xây dựng sàn giao dịch dữ liệu là Sở Tài chính, hoàn thành trong năm 2025.'), meta: { title: 'Kế hoạch thực hiện Chương trình hành động của Chính phủ về dữ liệu tại tỉnh', number: '9/KH-UBND' } };
    const engine = await engineOf([programme, plan]);
    const result = await ask(engine, { question: 'Trong chương trình hành động của CP thì cơ quan nào chủ trì xây dựng sàn giao dịch dữ liệu?' });
    expect(result.answer).toContain('Bộ Công an');
    expect(result.answer).not.toContain('Sở Tài chính');
  });
});

describe('which enterprise', () => {
  it('is answered by a sentence naming one, else refused as not stated', async () => {
    const engine = await engineOf([
      doc('tin-dn', 'Doanh nghiệp chuyển đổi số', 'Viettel Hà Giang và Bưu điện Hà Giang là hai doanh nghiệp đi đầu chuyển đổi số của tỉnh. Tỉnh hỗ trợ các doanh nghiệp nhỏ đưa sản phẩm lên sàn thương mại điện tử.'),
      doc('nq-dn', 'Nghị quyết về doanh nghiệp', 'Có chính sách hỗ trợ các doanh nghiệp trong nước đầu tư trung tâm dữ liệu tại Việt Nam.'),
    ]);
    const leading = await ask(engine, { question: 'Ở Hà Giang doanh nghiệp nào đi đầu chuyển đổi số?' });
    expect(leading.answer).toContain('Viettel Hà Giang');
    const centres = await ask(engine, { question: 'Những doanh nghiệp nào đã đầu tư trung tâm dữ liệu tại Việt Nam?' });
    expect(centres.notFound).toBe(true);
    expect(centres.refusal?.missing).toEqual(['tên doanh nghiệp được hỏi']);
  });
});

const SHARED = path.resolve(import.meta.dirname, '../../shared');
const hasShared = existsSync(path.join(SHARED, 'corpus/nq-03-cp-2025.md'));
if (!hasShared) console.warn(`[what-is-asked] ${SHARED} is absent: the quote test over the shared documents is skipped.`);

describe('a long sentence shortened for the answer', () => {
  it.skipIf(!hasShared)('never leaves out the words between a label and its number (NQ 03: "Tờ trình số …")', async () => {
    const engine = await engineOf(await readCorpus([path.join(SHARED, 'corpus')]));
    const result = await ask(engine, { question: 'Nghị quyết 03/NQ-CP được ban hành trên cơ sở tờ trình số mấy của các bộ?' });
    expect(result.answer).not.toMatch(/số …/u);
    expect(result.answer).toContain('Tờ trình số 04/TTr-BKHCN-BTTTT');
  });
});


describe('a year the question asks about', () => {
  // A programme of 2025 carrying out a resolution of 2013: its title names 2013 only as that resolution's date.
  const title = 'Chương trình hành động thực hiện Nghị quyết số 31-NQ/TW ngày 02 tháng 4 năm 2013 về phát triển thư viện số';
  const PROGRAMME = {
    ...doc('ctr-thu-vien', title, [
      'CHƯƠNG TRÌNH HÀNH ĐỘNG',
      '1. Đến năm 2030',
      'Xếp hạng chỉ số thư viện số của tỉnh đạt thứ 5 toàn quốc.',
      'Tỷ lệ trường học có thư viện số đạt 80%.',
    ].join('\n')),
    meta: { title, issued: '2025-03-01' },
  };
  const NEWS = { ...doc('tin-thu-vien', 'Thư viện số khởi sắc', 'Tỉnh đã số hóa 12.000 đầu sách của thư viện tỉnh.'), meta: { title: 'Thư viện số khởi sắc', issued: '2024-06-10' } };

  it('is held by the period the evidence speaks of, not by the date of a document its title names', async () => {
    const engine = await engineOf([PROGRAMME, NEWS]);
    const wrongYear = await ask(engine, { question: 'Năm 2013 chỉ số thư viện số của tỉnh xếp hạng thứ mấy?' });
    expect(wrongYear.notFound).toBe(true);
    expect(wrongYear.answer).not.toContain('thứ 5');
    expect(wrongYear.refusal?.code).toBe('NOT_STATED');
    const target = await ask(engine, { question: 'Đến năm 2030 chỉ số thư viện số của tỉnh xếp hạng thứ mấy?' });
    expect(target.notFound).toBe(false);
    expect(target.answer).toContain('thứ 5');
    // A year after a law's title names the law, not a period ("Luật Thư viện 2019").
    const law = doc('luat-thu-vien', 'Luật Thư viện', ['Điều 5. Giờ mở cửa', 'Thư viện công cộng phải mở cửa ít nhất 40 giờ mỗi tuần.', 'Luật này được Quốc hội thông qua năm 2019.'].join('\n'));
    const lawEngine = await engineOf([law, NEWS]);
    const hours = await ask(lawEngine, { question: 'Theo Luật Thư viện 2019, thư viện công cộng phải mở cửa ít nhất bao nhiêu giờ mỗi tuần?' });
    expect(hours.answer).toContain('40 giờ');
    // A sentence naming no year speaks of its own document's year.
    const done = await ask(engine, { question: 'Năm 2024 thư viện tỉnh đã số hóa bao nhiêu đầu sách?' });
    expect(done.notFound).toBe(false);
    expect(done.answer).toContain('12.000');
  });
});

describe('a sentence that holds what the question is about', () => {
  it('answers a target only from a sentence naming its thing, not from another target of the year asked', async () => {
    const body = [
      '1. Đến năm 2030',
      'Tỷ lệ giao dịch không dùng tiền mặt đạt 80%; tỷ lệ thư viện số đạt 60%.',
      '2. Tầm nhìn đến năm 2045',
      'Quy mô kinh tế số đạt tối thiểu 50% GDP; thuộc nhóm 30 nước dẫn đầu thế giới về đổi mới sáng tạo.',
    ].join('\n');
    const engine = await engineOf([resolution31(body)]);
    const later = await ask(engine, { question: 'Nghị quyết 31 đặt mục tiêu tỷ lệ giao dịch không dùng tiền mặt đến năm 2045 là bao nhiêu?' });
    expect(later.notFound).toBe(true);
    expect(later.answer).not.toContain('50%');
    expect(later.refusal?.code).toBe('NOT_STATED');
    const target = await ask(engine, { question: 'Nghị quyết 31 đặt mục tiêu tỷ lệ giao dịch không dùng tiền mặt đến năm 2030 là bao nhiêu?' });
    expect(target.answer).toContain('80%');
  });
});

describe('a sentence a little longer than the room', () => {
  it('is quoted whole, not cut before its last clause', async () => {
    const body =
      'Về việc thành lập hội đồng tư vấn thư viện số, Bộ trưởng lưu ý cơ cấu trong hội đồng phải bảo đảm cân đối tỷ lệ các nhà khoa học, chuyên gia đầu ngành các lĩnh vực, ưu tiên người có uy tín, có thành tựu nổi bật; cần có thêm đại diện một số doanh nghiệp, nhà quản lý để nâng cao tính thực tiễn.';
    const engine = await engineOf([resolution31(body)]);
    const result = await ask(engine, { question: 'Bộ trưởng lưu ý cơ cấu hội đồng tư vấn thư viện số phải thế nào?' });
    expect(result.answer).toContain('nhà khoa học');
    expect(result.answer).toContain('đại diện một số doanh nghiệp');
  });
});

describe('a body of the kind asked, named by the heading', () => {
  it('answers "ủy ban nào …?" with the heading that names the committee when the duty itself names none', async () => {
    const text = [
      'KẾ HOẠCH',
      '3. Trách nhiệm thực hiện',
      'a) Tổ đảng ở Thường trực Ủy ban Văn hóa, Giáo dục:',
      '- Là cơ quan đầu mối, tham mưu, giúp việc tổng hợp, báo cáo Đảng đoàn Quốc hội trong việc triển khai thư viện số.',
      'b) Văn phòng Đảng đoàn Quốc hội:',
      '- Bảo đảm kinh phí cho việc triển khai thư viện số.',
    ].join('\n');
    const engine = await engineOf([doc('kh-thu-vien', 'Kế hoạch của Đảng đoàn Quốc hội về thư viện số', text)]);
    const result = await ask(engine, { question: 'Tổ đảng ở Thường trực ủy ban nào làm cơ quan đầu mối tham mưu, tổng hợp, báo cáo Đảng đoàn?' });
    expect(result.answer).toContain('Ủy ban Văn hóa, Giáo dục');
  });
});

describe('a question about what has been reached by now', () => {
  const PLAN = doc(
    'kh-thu-vien-tinh',
    'Kế hoạch phát triển thư viện số tỉnh Hà Giang',
    ['1. Mục tiêu đến năm 2030', 'Tỷ lệ trường học có thư viện số đạt 60%; có ít nhất 12 thư viện số cấp huyện.'].join('\n'),
  );
  const REPORT = doc(
    'tin-thu-vien',
    'Hà Giang sơ kết thư viện số',
    'Sau một năm triển khai, toàn tỉnh đã có 7 thư viện số cấp huyện đi vào hoạt động.',
  );

  it('is not answered by the target, and says that only targets are given', async () => {
    const engine = await engineOf([PLAN]);
    const now = await ask(engine, { question: 'Hiện nay tỷ lệ trường học có thư viện số của tỉnh đã đạt bao nhiêu % rồi?' });
    expect(now.notFound).toBe(true);
    expect(now.answer).not.toContain('60%');
    expect(now.refusal).toMatchObject({ code: 'NOT_STATED' });
    expect(now.refusal?.missing?.[0]).toContain('đã đạt được');
    // The target itself is still answered.
    const target = await ask(engine, { question: 'Tỷ lệ trường học có thư viện số đến năm 2030 là bao nhiêu?' });
    expect(target.answer).toContain('60%');
  });

  it('is not answered by what a plan says will be done ("sẽ …")', async () => {
    const plan = doc('tin-ngan-sach', 'Hòa Bình dành ngân sách cho thư viện số', 'Đặc biệt, tỉnh sẽ ưu tiên dành khoảng 2% GRDP chi cho thư viện số và tăng dần theo yêu cầu phát triển.');
    const engine = await engineOf([plan]);
    const now = await ask(engine, { question: 'Tỉnh hiện đã chi được bao nhiêu phần trăm GRDP cho thư viện số?' });
    expect(now.notFound).toBe(true);
    const planned = await ask(engine, { question: 'Tỉnh dành bao nhiêu phần trăm GRDP cho thư viện số?' });
    expect(planned.answer).toContain('2% GRDP');
  });

  it('is answered by a figure reported as reached, also when asked with "mấy"', async () => {
    const engine = await engineOf([PLAN, REPORT]);
    const now = await ask(engine, { question: 'Hiện tỉnh đã có mấy thư viện số cấp huyện?' });
    expect(now.notFound).toBe(false);
    expect(now.answer).toContain('7 thư viện số');
    expect(now.answer).not.toContain('12');
  });
});

describe('a table whose header names what every row is', () => {
  it('does not answer a topic its rows never name because the header says "chỉ tiêu"', async () => {
    const text = [
      'Phụ lục',
      'DANH MỤC CÁC CHỈ TIÊU CỤ THỂ',
      '',
      '| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi |',
      '| --- | --- | --- | --- | --- |',
      '| I | Đến năm 2030 | | | |',
      '| 1 | Số bến xe buýt điện đưa vào hoạt động | Bến | 12 | Bộ Xây dựng |',
      '| II | Đến năm 2045 | | | |',
      '| 2 | Quy mô kinh tế số | % GDP | ≥ 50 | Bộ Tài chính |',
    ].join('\n');
    const engine = await engineOf([resolution31(text)]);
    const first = await ask(engine, { question: 'Theo phụ lục của Nghị quyết 31, đến 2030 có bao nhiêu bến xe buýt điện đưa vào hoạt động?' });
    expect(first.answer).toContain('12');
    const history = [
      { role: 'user' as const, content: 'Theo phụ lục của Nghị quyết 31, đến 2030 có bao nhiêu bến xe buýt điện đưa vào hoạt động?' },
      { role: 'assistant' as const, content: first.answer },
    ];
    const later = await ask(engine, { question: 'còn mốc 2045 có chỉ tiêu bến xe buýt điện không?', history });
    expect(later.notFound).toBe(true);
    expect(later.answer).not.toContain('50');
  });
});

describe('the holder of an office of a body', () => {
  const report = doc(
    'tin-so-van-hoa',
    'Tỉnh Hòa Bình triển khai thư viện số',
    [
      'Là cơ quan thường trực của Ban Chỉ đạo thư viện số tỉnh, ông Trần Văn Bình - Giám đốc Sở Văn hóa cho biết, toàn tỉnh đã có 7 thư viện số.',
      'Ngay từ đầu năm 2025, tỉnh đã thành lập Ban Chỉ đạo thư viện số cấp tỉnh gồm 15 thành viên, do Bí thư Tỉnh ủy làm Trưởng ban.',
      'Sở Giáo dục phối hợp đưa thư viện số vào các trường học.',
    ].join('\n'),
  );

  it('is not the holder of the same office of another body, and the refusal names the office asked', async () => {
    const engine = await engineOf([report]);
    const other = await ask(engine, { question: 'Giám đốc Sở Giáo dục tỉnh Hòa Bình hiện nay là ai?' });
    expect(other.notFound).toBe(true);
    expect(other.answer).not.toContain('Trần Văn Bình');
    expect(other.refusal?.missing?.[0]).toBe('tên người giữ chức Giám đốc Sở Giáo dục');
    const own = await ask(engine, { question: 'Giám đốc Sở Văn hóa Hòa Bình là ai?' });
    expect(own.answer).toContain('Trần Văn Bình');
    // The body named before a holder by title: "Ban Chỉ đạo … do Bí thư Tỉnh ủy làm Trưởng ban".
    const chair = await ask(engine, { question: 'Trưởng ban Ban Chỉ đạo thư viện số cấp tỉnh là ai?' });
    expect(chair.answer).toContain('Bí thư Tỉnh ủy');
  });

  it('reads "còn phó trưởng ban là ai?" as a question for a holder, refused when none is named', async () => {
    const engine = await engineOf([report]);
    const first = 'Ai làm trưởng ban chỉ đạo thư viện số cấp tỉnh?';
    const chair = await ask(engine, { question: first });
    expect(chair.answer).toContain('Bí thư Tỉnh ủy');
    const history = [{ role: 'user' as const, content: first }, { role: 'assistant' as const, content: chair.answer }];
    const deputy = await ask(engine, { question: 'còn phó trưởng ban thường trực là ai?', history });
    expect(deputy.notFound).toBe(true);
    expect(deputy.answer).not.toContain('Trần Văn Bình');
    expect(deputy.refusal?.missing?.join(' ')).toContain('phó trưởng ban thường trực');
  });
});

describe('when something was done, asked of a plan', () => {
  it('is not told by the plan\'s deadline, which still answers "hạn khi nào?"', async () => {
    const text = [
      'Các bộ trình Quốc hội các dự án luật theo chương trình xây dựng luật hằng năm.',
      'Phụ lục II',
      'NHIỆM VỤ CỤ THỂ',
      '',
      '| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |',
      '| --- | --- | --- | --- | --- |',
      '| 1 | Trình Quốc hội thông qua dự án Luật Thư viện (sửa đổi) | Bộ Văn hóa | Các bộ, ngành | 2025 |',
    ].join('\n');
    const engine = await engineOf([resolution31(text)]);
    const done = await ask(engine, { question: 'Luật Thư viện sửa đổi đã được Quốc hội thông qua vào ngày nào?' });
    expect(done.notFound).toBe(true);
    expect(done.refusal?.code).toBe('NOT_STATED');
    const due = await ask(engine, { question: 'Dự án Luật Thư viện sửa đổi có thời hạn khi nào?' });
    expect(due.answer).toContain('2025');
  });
});

describe('the time asked by "khi nào?"', () => {
  const REPORT = doc(
    'tin-thu-vien',
    'Thư viện số của tỉnh',
    [
      'Thực hiện Kế hoạch số 12-KH/BCĐ ngày 14/3/2025 của Ban chỉ đạo tỉnh, đã có 18/25 nhiệm vụ hoàn thành, 7/25 nhiệm vụ đang thực hiện, duy trì 4 nhiệm vụ thường xuyên.',
      'Ban chỉ đạo tỉnh giao hoàn thành các nhiệm vụ đang thực hiện trong tháng 12/2025.',
    ].join('\n'),
  );

  it('is not the date of a document named, a share of a count or a task "thường xuyên" in a sentence', async () => {
    const engine = await engineOf([REPORT]);
    const due = await ask(engine, { question: '7 nhiệm vụ đang thực hiện của Ban chỉ đạo tỉnh khi nào hoàn thành?' });
    expect(due.notFound).toBe(false);
    expect(due.answer).toContain('12/2025');
    expect(due.answer).not.toContain('14/3/2025');
    // Asked when the plan was issued, its own date answers.
    const issued = await ask(engine, { question: 'Kế hoạch 12-KH/BCĐ ban hành ngày nào?' });
    expect(issued.answer).toContain('14/3/2025');
  });
});

describe('what "bao nhiêu" counts, typed with its accents', () => {
  const REPORT = doc('tin-ho-tro', 'Hỗ trợ nông thôn mới', ['Năm 2025, tỉnh có 25 hồ chứa nước được hỗ trợ nâng cấp.', 'Tỉnh có 12 hợp tác xã ứng dụng công nghệ tiên tiến.'].join('\n'));

  it('is not a word spelt the same without accents ("hộ" is not "hồ"), and "bao nhiêu tiền" asks an amount of money', async () => {
    const engine = await engineOf([REPORT]);
    const households = await ask(engine, { question: 'Năm 2025 tỉnh có bao nhiêu hộ được hỗ trợ?' });
    expect(households.notFound).toBe(true);
    expect(households.answer).not.toContain('25');
    const money = await ask(engine, { question: 'Mỗi hợp tác xã ứng dụng công nghệ được hỗ trợ bao nhiêu tiền?' });
    expect(money.notFound).toBe(true);
    expect(money.answer).not.toContain('12');
    // The reservoirs are counted: that question is answered.
    const reservoirs = await ask(engine, { question: 'Năm 2025 có bao nhiêu hồ chứa được hỗ trợ nâng cấp?' });
    expect(reservoirs.answer).toContain('25');
  });
});

describe('questions as officials type them', () => {
  it('reads "ngày mấy" as a date asked, and "DN", "NNL" as the words officials write short', async () => {
    const engine = await engineOf([
      resolution31('Tỉ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt trên 40% trong tổng số doanh nghiệp. Nguồn nhân lực số đạt 5 người trên một vạn dân.'),
    ]);
    const date = await ask(engine, { question: 'NQ 31 ký ngày mấy?' });
    expect(date.answer).toContain('2/4/2013');
    const share = await ask(engine, { question: 'tỷ lệ DN có hoạt động ĐMST phải đạt bao nhiêu?' });
    expect(share.answer).toContain('40%');
    const people = await ask(engine, { question: 'NNL số đạt bao nhiêu người trên một vạn dân?' });
    expect(people.answer).toContain('5 người');
  });
});

describe('what a question asks for: a rank, what was reached, a holder', () => {
  const REPORT = doc(
    'tin-xep-hang',
    'Ninh Bình xếp hạng chỉ số đổi mới sáng tạo',
    [
      'Năm 2025, Ninh Bình xếp thứ 5 toàn quốc về chỉ số đổi mới sáng tạo cấp địa phương (PII).',
      'Năm 2024, tỉnh triển khai chuyển đổi số trong các cơ quan nhà nước theo Chương trình số 12/CTr-UBND.',
      'Đến năm 2030, kinh tế số của tỉnh phấn đấu chiếm 25% GRDP.',
      'Ngân hàng Nhà nước chủ trì phát triển thanh toán không dùng tiền mặt trên địa bàn tỉnh.',
    ].join('\n'),
  );

  it('answers a rank only with a rank, typed with accents or without and with initials', async () => {
    const engine = await engineOf([REPORT]);
    const pii = await ask(engine, { question: 'NB xep thu may toan quoc ve chi so doi moi sang tao PII?' });
    expect(pii.answer).toContain('thứ 5');
    const dti = await ask(engine, { question: 'Ninh Bình đứng thứ mấy cả nước về chuyển đổi số năm 2024?' });
    expect(dti.notFound).toBe(true);
    expect(dti.answer).toContain('thứ hạng');
  });

  it('does not answer what was reached in practice ("thực tế") with a target, nor a holder with the body alone', async () => {
    const engine = await engineOf([REPORT]);
    const actual = await ask(engine, { question: 'thực tế năm 2030 kinh tế số của tỉnh chiếm bao nhiêu % GRDP?' });
    expect(actual.notFound).toBe(true);
    const target = await ask(engine, { question: 'mục tiêu năm 2030 kinh tế số của tỉnh chiếm bao nhiêu % GRDP?' });
    expect(target.answer).toContain('25%');
    const governor = await ask(engine, { question: 'Thống đốc Ngân hàng Nhà nước hiện nay là ai?' });
    expect(governor.notFound).toBe(true);
    expect(governor.citations).toEqual([]);
    const { officeAsked } = await import('../src/answer/units.js');
    expect(officeAsked('Thống đốc Ngân hàng Nhà nước hiện nay là ai?')).toBe('thong doc');
  });
});

describe('the number of a document asked', () => {
  it('is read where words stand between its kind and "số" ("Chương trình hành động số 46-CTr/TU")', async () => {
    const { writesDocumentNumber } = await import('../src/answer/units.js');
    expect(writesDocumentNumber('Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động số 46-CTr/TU ngày 15/1/2025', 'chuong trinh')).toBe(true);
    expect(writesDocumentNumber('Chương trình 77 ngày 1/2/2024', 'chuong trinh')).toBe(true);
    expect(writesDocumentNumber('chương trình hành động của tỉnh về chuyển đổi số', 'chuong trinh')).toBe(false);
  });
});
