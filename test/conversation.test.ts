import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ask, type AskResult } from '../src/answer/assistant.js';
import type { SearchEngine } from '../src/retrieve/engine.js';
import { answerExtractive } from '../src/answer/extractive.js';
import { constraintsOf } from '../src/answer/constraints.js';
import { analyzeQuery } from '../src/retrieve/query.js';
import { resolveFollowUp, type Turn } from '../src/answer/followup.js';
import { explainAnswer } from '../src/answer/explain.js';
import { writeOutDecade, writeOutShorthand } from '../src/text/chat.js';
import type { StoredDocument } from '../src/index/store.js';
import { doc, engineOf } from './helpers/docs.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** A provincial plan with a task table and targets, and a national resolution it implements. */
const plan: StoredDocument = {
  ...doc(
    'kh-45',
    'Kế hoạch chuyển đổi số của tỉnh',
    [
      'Kế hoạch số 45/KH-UBND ngày 10/3/2025 thực hiện Nghị quyết số 12/NQ-CP của Chính phủ.',
      '## I. Mục tiêu',
      'Đến năm 2030, tỷ trọng kinh tế số đạt 30% GRDP của tỉnh.',
      'Đến năm 2030, chi cho nghiên cứu phát triển (R&D) đạt 2% GRDP.',
      '## II. Nhiệm vụ',
      '| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |',
      '| --- | --- | --- | --- |',
      '| 1 | Số hóa hồ sơ hộ tịch | Sở Tư pháp | 6/2025 |',
      '| 2 | Xây dựng kho dữ liệu đất đai | Sở Nông nghiệp và Môi trường | 12/2025 |',
    ].join('\n\n'),
  ),
  meta: { title: 'Kế hoạch chuyển đổi số của tỉnh', number: '45/KH-UBND', issued: '2025-03-10', issuer: 'Ủy ban nhân dân tỉnh' },
};
const resolution: StoredDocument = {
  ...doc('nq-12', 'Nghị quyết về chuyển đổi số quốc gia', 'Nghị quyết số 12/NQ-CP đặt mục tiêu kinh tế số đạt 20% GDP vào năm 2025. Văn phòng Trung ương theo dõi việc thực hiện. Văn phòng Trung ương báo cáo hằng năm.'),
  meta: { title: 'Nghị quyết về chuyển đổi số quốc gia', number: '12/NQ-CP', issuer: 'Chính phủ' },
};

/** Asks a conversation turn by turn, as the widget does: each turn gets the questions and answers before it. */
async function converse(questions: string[], run: (question: string, history: Turn[]) => Promise<{ answer: string }>) {
  const history: Turn[] = [];
  const answers: string[] = [];
  for (const question of questions) {
    const { answer } = await run(question, [...history]);
    answers.push(answer);
    history.push({ role: 'user', content: question }, { role: 'assistant', content: answer });
  }
  return answers;
}

/** Asks a conversation's first question and returns its answer with the history a follow-up is asked with. */
async function askFirst(engine: SearchEngine, question: string): Promise<{ result: AskResult; history: Turn[] }> {
  const result = await ask(engine, { question });
  return { result, history: [{ role: 'user', content: question }, { role: 'assistant', content: result.answer }] };
}

describe('conversation state', () => {
  it('answers an attribute-only follow-up from the row the last answer cited, and a new topic in place of the old', async () => {
    const engine = await engineOf([plan, resolution]);
    const run = (question: string, history: Turn[]) => ask(engine, { question, history });
    const [lead, deadline] = await converse(['Nhiệm vụ số hóa hồ sơ hộ tịch do cơ quan nào chủ trì?', 'hạn hoàn thành khi nào?'], run);
    expect(lead).toContain('Sở Tư pháp');
    expect(deadline).toContain('6/2025');
    expect(deadline).not.toContain('12/2025');

    const [share, rd] = await converse(['Đến năm 2030 tỷ trọng kinh tế số của tỉnh là bao nhiêu?', 'còn chỉ tiêu về R&D thì sao?'], run);
    expect(share).toContain('30%');
    expect(rd).toContain('2% GRDP');
    expect(rd).not.toContain('30%');
  });

  it('reads "kế hoạch đó" as the last plan the conversation named, though the answer names a resolution after it', () => {
    const history: Turn[] = [
      { role: 'user', content: 'Kế hoạch chuyển đổi số của tỉnh có số hiệu là gì?' },
      { role: 'assistant', content: 'Theo Kế hoạch số 45/KH-UBND: Kế hoạch số 45/KH-UBND ngày 10/3/2025 thực hiện Nghị quyết số 12/NQ-CP của Chính phủ [1].' },
    ];
    const resolved = resolveFollowUp('Kế hoạch đó giao Sở Tư pháp nhiệm vụ gì?', history);
    expect(resolved.question).toBe('Kế hoạch 45/KH-UBND giao Sở Tư pháp nhiệm vụ gì?');
    expect(resolved.conversation).toMatchObject({ fresh: false, inherited: expect.arrayContaining(['document']) });
    expect(resolveFollowUp('Nghị quyết đó do cơ quan nào ban hành?', history).question).toBe('Nghị quyết 12/NQ-CP do cơ quan nào ban hành?');
  });

  it('starts a question that stands on its own afresh: nothing of the earlier turns leaks into it', async () => {
    const engine = await engineOf([plan, resolution]);
    const history: Turn[] = [
      { role: 'user', content: 'Kế hoạch 45/KH-UBND ban hành ngày nào?' },
      { role: 'assistant', content: 'Kế hoạch số 45/KH-UBND được ban hành ngày 10/3/2025 [1].' },
    ];
    const result = await ask(engine, { question: 'Nghị quyết 12/NQ-CP đặt mục tiêu kinh tế số bao nhiêu phần trăm GDP?', history, trace: true });
    expect(result.answer).toContain('20% GDP');
    expect(result.trace?.conversation).toMatchObject({ fresh: true, inherited: [] });
    expect((result.trace?.query as { standalone: string }).standalone).not.toContain('45/KH-UBND');
    const own = resolveFollowUp('Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình là bao nhiêu?', history);
    expect(own).toMatchObject({ question: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình là bao nhiêu?', rewritten: false });
    expect(own.context).toBeUndefined();
  });

  it('swaps the slot a "Còn X?" names (document, agency, year) and keeps what was asked; the trace tells what was taken', async () => {
    const engine = await engineOf([plan, resolution]);
    const history: Turn[] = [{ role: 'user', content: 'Sở Tư pháp chủ trì nhiệm vụ nào trong Kế hoạch 45/KH-UBND?' }];
    expect(resolveFollowUp('Còn Sở Nông nghiệp và Môi trường?', history).question).toBe('Sở Nông nghiệp và Môi trường chủ trì nhiệm vụ nào trong Kế hoạch 45/KH-UBND?');
    const result = await ask(engine, { question: 'hạn khi nào?', history: [...history, { role: 'assistant', content: 'Theo Kế hoạch số 45/KH-UBND: Nhiệm vụ “Số hóa hồ sơ hộ tịch”; Sở Tư pháp chủ trì; thời hạn: 6/2025 [1].' }], trace: true });
    expect(result.answer).toContain('6/2025');
    const conversation = result.trace?.conversation as { state: Record<string, string>; inherited: string[] };
    expect(conversation.inherited).toEqual(expect.arrayContaining(['document', 'agency']));
    expect(conversation.state.document).toBe('Kế hoạch 45/KH-UBND');
    const step = explainAnswer(result).find((s) => s.id === 'conversation');
    expect(step?.text).toContain('lấy văn bản “Kế hoạch 45/KH-UBND”');
  });

  it('reads chat shorthand and initials the corpus never writes as the words they stand for', async () => {
    expect(writeOutShorthand('Kế hoạch 45 đã hoàn thành bn nhiệm vụ, bao nhiu % ko đạt?')).toBe('Kế hoạch 45 đã hoàn thành bao nhiêu nhiệm vụ, bao nhiêu % không đạt?');
    expect(writeOutShorthand('ke hoach 45 co bn nhiem vu')).toBe('ke hoach 45 co bao nhieu nhiem vu');
    // "bn" closing a question after "z" is "bạn"; "ct hành động của cp" is the Government's action programme.
    expect(writeOutShorthand('nq 45 ct hành động của cp do ai ký z bn?')).toBe('nq 45 chương trình hành động của Chính phủ do ai ký vậy bạn?');
    // Upper case is a code, not chat ("BC" of a report's number).
    expect(writeOutShorthand('Báo cáo 12-BC/TU')).toBe('Báo cáo 12-BC/TU');
    // A decade told against today names the year its targets are set for.
    expect(writeOutDecade('Đến cuối thập kỷ này kinh tế số đạt bao nhiêu?', new Date('2026-12-03'))).toBe('Đến năm 2030 kinh tế số đạt bao nhiêu?');
    expect(writeOutDecade('den cuoi thap ky nay dat bao nhieu', new Date('2031-01-01'))).toBe('den nam 2040 dat bao nhieu');
    expect(writeOutDecade('Mục tiêu của thập niên này là gì?', new Date('2026-12-03'))).toBe('Mục tiêu của năm 2030 là gì?');
    const engine = await engineOf([plan, resolution]);
    const result = await ask(engine, { question: 'VPTW làm gì?', trace: true });
    expect((result.trace?.query as { typed?: string }).typed).toBe('Văn phòng Trung ương làm gì?');
    expect(result.answer).toContain('Văn phòng Trung ương');
  });

  it('reads initials the corpus writes only as an issuer code in a number ("12-KH/BCĐ") as the name they spell, and "Ai làm Trưởng ban …?" as asking the holder', async () => {
    const board = doc(
      'tin-bcd',
      'Ban Chỉ đạo tỉnh họp phiên đầu tiên',
      [
        'Thực hiện Kế hoạch số 12-KH/BCĐ ngày 3/4/2025, Ban Chỉ đạo tỉnh về chuyển đổi số đã họp phiên đầu tiên.',
        'Ban Chỉ đạo tỉnh về chuyển đổi số gồm 15 thành viên, do Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban.',
        'Chủ tịch Ủy ban nhân dân tỉnh nhấn mạnh chuyển đổi số là nhiệm vụ trọng tâm của tỉnh.',
      ].join('\n'),
    );
    const engine = await engineOf([board, resolution]);
    const result = await ask(engine, { question: 'Ai làm trưởng BCĐ tỉnh về chuyển đổi số?', trace: true });
    expect((result.trace?.query as { typed?: string }).typed).toBe('Ai làm trưởng Ban Chỉ đạo tỉnh về chuyển đổi số?');
    expect(result.answer).toContain('do Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban');
  });
});

describe('a conversation over the WebSocket, as the widget holds it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it('answers four turns: a target, "kế hoạch đó", an attribute of the cited row, and another document', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/ws`);
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    let n = 0;
    const run = (question: string, history: Turn[]) =>
      new Promise<{ answer: string; notFound: boolean }>((resolve, reject) => {
        const id = `t${++n}`;
        const onMessage = (raw: WebSocket.RawData) => {
          const m = JSON.parse(String(raw));
          if (m.id !== id) return;
          if (m.type === 'done') {
            ws.off('message', onMessage);
            resolve(m);
          }
          if (m.type === 'error') reject(new Error(m.code));
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ type: 'ask', id, question, history }));
      });
    const answers = await converse(
      [
        'Kế hoạch 20/KH-UBND đặt mục tiêu bao nhiêu phần trăm hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình?',
        'Kế hoạch đó giao cơ quan nào theo dõi, tổng hợp kết quả thực hiện?',
        'Cơ quan nào báo cáo kết quả, trước ngày nào?',
        'Còn Quyết định 15/QĐ-UBND thì có hiệu lực từ ngày nào?',
      ],
      run,
    );
    ws.close();
    expect(answers[0]).toContain('80%');
    expect(answers[1]).toContain('Sở Khoa học và Công nghệ');
    expect(answers[2]).toContain('15/12/2025');
    expect(answers[3]).toMatch(/1\/4\/2024|01\/04\/2024/);
  });
});

describe('questions about a document from its labelled fields, and questions that ask several things', () => {
  /** A summary written as an information block: "Người ký: …. Hiệu lực: …" on one line. */
  const summary: StoredDocument = {
    ...doc(
      'nq-07',
      'Nghị quyết 07/NQ-CP: tóm tắt',
      [
        '# Nghị quyết 07/NQ-CP: tóm tắt',
        '## Thông tin chung',
        '- Văn bản: Nghị quyết số 07/NQ-CP của Chính phủ, ngày 15/02/2025, về phát triển dữ liệu số.',
        '- Người ký: Phó Thủ tướng Trần Văn Minh (ký thay Thủ tướng). Hiệu lực: từ ngày ký.',
        '- Cơ quan trình: Bộ trưởng Bộ Công an.',
        '## Nhiệm vụ',
        'Bộ Công an chủ trì xây dựng cơ sở dữ liệu dân cư, hoàn thành trong tháng 6/2025.',
      ].join('\n\n'),
    ),
    meta: { title: 'Nghị quyết 07/NQ-CP: tóm tắt', number: '07/NQ-CP', issued: '2025-02-15', issuer: 'Chính phủ' },
  };

  it('answers who signed it and when it takes effect from "Người ký:" and "Hiệu lực:", citing the field', async () => {
    const engine = await engineOf([summary, resolution]);
    const signer = await ask(engine, { question: 'Ai ký Nghị quyết 07/NQ-CP?' });
    expect(signer.answer).toBe('Nghị quyết số 07/NQ-CP do Phó Thủ tướng Trần Văn Minh (ký thay Thủ tướng) ký [1].');
    expect(summary.text.slice(signer.citations[0]!.highlight!.start, signer.citations[0]!.highlight!.end)).toBe('Phó Thủ tướng Trần Văn Minh (ký thay Thủ tướng)');
    const effective = await ask(engine, { question: 'Nghị quyết 07 có hiệu lực từ khi nào?' });
    expect(effective.answer).toContain('có hiệu lực từ ngày ký [1]');
    expect(effective.answer).not.toContain('Cơ quan trình');
  });

  it('answers each part of "do ai ký, ban hành ngày nào và …?", each cited, and says which part it could not answer', async () => {
    const engine = await engineOf([summary, resolution]);
    const result = await ask(engine, { question: 'Nghị quyết 07/NQ-CP do ai ký, ban hành ngày nào và giao Bộ Y tế việc gì?', trace: true });
    expect(result.trace?.compound).toEqual(['Nghị quyết 07/NQ-CP do ai ký?', 'Ban hành ngày nào?', 'Giao Bộ Y tế việc gì?']);
    expect(result.answer).toContain('Trần Văn Minh');
    expect(result.answer).toContain('15/2/2025');
    expect(result.answer).toContain('Không tìm thấy thông tin cho câu “Giao Bộ Y tế việc gì?”');
    expect(result.citations.length).toBeGreaterThanOrEqual(2);
  });
});

describe('bodies a question names', () => {
  /** A national plan assigning tasks to committees, and a conclusion that names some of them in passing. */
  const assignments: StoredDocument = {
    ...doc(
      'kh-90',
      'Kế hoạch thực hiện Nghị quyết về chuyển đổi số',
      [
        'Kế hoạch số 90-KH/ĐĐQH ngày 5/3/2025 của Đảng đoàn Quốc hội.',
        '## Nhiệm vụ của các cơ quan',
        'a) Ủy ban Kinh tế: chủ trì rà soát Luật Đầu tư, Luật Doanh nghiệp.',
        'b) Ủy ban Xã hội: chủ trì rà soát Luật Lao động, Luật Thi đua, khen thưởng.',
        'c) Ban Dân nguyện: giúp Ủy ban Thường vụ Quốc hội tiếp công dân và giải quyết kiến nghị của cử tri.',
      ].join('\n\n'),
    ),
    meta: { title: 'Kế hoạch thực hiện Nghị quyết về chuyển đổi số', number: '90-KH/ĐĐQH', issued: '2025-03-05', issuer: 'Đảng đoàn Quốc hội' },
  };
  const conclusion: StoredDocument = {
    ...doc(
      'kl-40',
      'Kết luận về phát triển khoa học',
      'Kết luận số 40-KL/TW ngày 2/1/2025: Đảng đoàn Quốc hội chỉ đạo rà soát, sửa đổi pháp luật có liên quan; bố trí đủ nguồn lực cho khoa học.',
    ),
    meta: { title: 'Kết luận về phát triển khoa học', number: '40-KL/TW', issued: '2025-01-02', issuer: 'Bộ Chính trị' },
  };

  it('refuses a body no document names, saying which, and answers one the plan names from its own row', async () => {
    const engine = await engineOf([assignments, conclusion]);
    const missing = await ask(engine, { question: 'Ủy ban Y tế của Quốc hội được giao rà soát luật nào?' });
    expect(missing).toMatchObject({ notFound: true, citations: [], refusal: { code: 'NAME_MISSING', missing: ['Ủy ban Y tế'] } });
    expect(missing.answer).toContain('“Ủy ban Y tế”');
    const social = await ask(engine, { question: 'Ủy ban Xã hội được giao rà soát luật nào?' });
    expect(social.notFound).toBe(false);
    expect(social.answer).toContain('Luật Lao động');
    expect(social.answer).not.toContain('Luật Đầu tư');
  });

  it('reads a body written with initials as the words they spell ("Đảng đoàn QH")', async () => {
    const engine = await engineOf([assignments, conclusion]);
    const result = await ask(engine, { question: 'Theo kế hoạch của Đảng đoàn QH, Ủy ban Kinh tế rà soát những luật nào?' });
    expect(result.notFound).toBe(false);
    expect(result.answer).toContain('Luật Đầu tư');
  });

  it('does not hold a statement to check, or the body that owns what is asked, to the bodies it names', async () => {
    const engine = await engineOf([assignments, conclusion]);
    const claim = await ask(engine, { question: 'Ủy ban Y tế chủ trì rà soát Luật Lao động, đúng hay sai?' });
    expect(claim.notFound).toBe(false);
    expect(claim.answer).toContain('Ủy ban Xã hội');
  });

  it('says that the document a follow-up referred back to does not say it, and answers from the one that does', async () => {
    const engine = await engineOf([assignments, conclusion]);
    const history: Turn[] = [
      { role: 'user', content: 'Đảng đoàn Quốc hội được giao chỉ đạo việc gì?' },
      { role: 'assistant', content: 'Theo Kết luận số 40-KL/TW: Đảng đoàn Quốc hội chỉ đạo rà soát, sửa đổi pháp luật có liên quan [1].' },
    ];
    const result = await ask(engine, { question: 'Trong văn bản đó, ai giúp Ủy ban Thường vụ Quốc hội tiếp công dân?', history, trace: true });
    expect(result.notFound).toBe(false);
    expect(result.answer).toMatch(/^Kết luận số 40-KL\/TW có trong kho nhưng không nêu nội dung được hỏi về Ủy ban Thường vụ Quốc hội\. Theo Kế hoạch số 90-KH\/ĐĐQH: /u);
    expect(result.answer).toContain('Ban Dân nguyện');
    expect(result.citations[0]!.documentId).toBe('kh-90');
    expect(result.trace?.inheritedDocumentSilent).toBeTruthy();
  });
});

describe('the meeting or session that adopted a document', () => {
  const resolution: StoredDocument = {
    ...doc(
      'nq-09',
      'Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khoá XII về phát triển văn hóa',
      ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'Số: 09-NQ/TW', 'Hà Nội, ngày 10 tháng 10 năm 2018', 'NGHỊ QUYẾT', 'HỘI NGHỊ LẦN THỨ TÁM BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XII', '', 'VỀ PHÁT TRIỂN VĂN HÓA', '', 'I. MỤC TIÊU', 'Phát triển văn hóa ngang tầm kinh tế.'].join('\n'),
    ),
    meta: { title: 'Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khoá XII về phát triển văn hóa', number: '09-NQ/TW', issued: '2018-10-10' },
  };
  const law: StoredDocument = {
    ...doc('luat-41', 'Luật Thư viện', ['Điều 1. Phạm vi điều chỉnh', 'Luật này quy định về thư viện.', '', 'Điều 30. Hiệu lực thi hành', 'Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 6 thông qua ngày 21 tháng 11 năm 2019.'].join('\n')),
    meta: { title: 'Luật Thư viện', number: '41/2019/QH14' },
  };

  it('answers from the header line or the adoption sentence, and a follow-up "Khóa mấy?" about the same document', async () => {
    const engine = await engineOf([resolution, law]);
    const meeting = await ask(engine, { question: 'Nghị quyết 09-NQ/TW được thông qua tại hội nghị nào?' });
    expect(meeting.answer).toBe('Nghị quyết số 09-NQ/TW được thông qua tại Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khoá XII [1].');
    expect(resolution.text.slice(meeting.citations[0]!.highlight!.start, meeting.citations[0]!.highlight!.end)).toBe('HỘI NGHỊ LẦN THỨ TÁM BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XII');
    const term = await ask(engine, { question: 'Khóa mấy?', history: [{ role: 'user', content: 'Nghị quyết 09-NQ/TW được thông qua tại hội nghị nào?' }, { role: 'assistant', content: meeting.answer }] });
    expect(term.answer).toContain('khoá XII');
    const session = await ask(engine, { question: 'Luật 41/2019/QH14 được thông qua tại kỳ họp nào?' });
    expect(session.answer).toContain('khóa XIV, kỳ họp thứ 6 thông qua ngày 21 tháng 11 năm 2019');
    expect(session.citations[0]!.documentId).toBe('luat-41');
  });

  it('reads "Hội nghị Trung ương 7" as the seventh plenum: refused when no document holds it, answered for the one that does', async () => {
    const engine = await engineOf([resolution, law]);
    const seventh = await ask(engine, { question: 'Hội nghị Trung ương 7 khóa XII bàn về phát triển văn hóa như thế nào?' });
    expect(seventh.refusal).toMatchObject({ code: 'ORDINAL_MISSING', missing: ['Hội nghị Trung ương 7'] });
    const eighth = await ask(engine, { question: 'Nghị quyết Trung ương 8 khóa XII về văn hóa đặt mục tiêu gì?' });
    expect(eighth.notFound).toBe(false);
    expect(eighth.answer).toContain('Phát triển văn hóa ngang tầm kinh tế');
  });

  it('does not read "kỳ họp đó" as asking when the document was signed ("kỳ" is no "ký")', async () => {
    const dated: StoredDocument = { ...law, meta: { ...law.meta, issued: '2019-11-21' } };
    const engine = await engineOf([resolution, dated]);
    const { history } = await askFirst(engine, 'Luật 41/2019/QH14 được thông qua tại kỳ họp nào?');
    const opened = await ask(engine, { question: 'Kỳ họp đó khai mạc ngày nào?', history });
    expect(opened.notFound).toBe(true);
    expect(opened.answer).not.toMatch(/21 tháng 11 năm 2019|21\/11\/2019/);
    const signed = await ask(engine, { question: 'Nghị quyết 09-NQ/TW ký ngày nào?' });
    expect(signed.answer).toContain('10/10/2018');
  });
});

describe('lettered items of a plan, each for a body', () => {
  const plan: StoredDocument = {
    ...doc(
      'kh-77',
      'Kế hoạch rà soát pháp luật về chuyển đổi số',
      [
        'Kế hoạch số 77-KH/ĐĐQH ngày 2/2/2025 thực hiện Nghị quyết số 57-NQ/TW.',
        '## II. Nhiệm vụ',
        [
          'e) Tổ đảng ở Thường trực Ủy ban Kinh tế',
          '',
          '- Chủ trì thẩm tra và giám sát việc thực hiện chính sách, pháp luật về kinh tế liên quan đến chuyển đổi số để thực hiện Nghị quyết số 57-NQ/TW; các chương trình, dự án, mục tiêu và chỉ tiêu của kế hoạch phát triển kinh tế - xã hội hằng năm.',
          '- Tiếp tục rà soát, kiến nghị sửa đổi, bổ sung các dự án: Luật Đầu tư, Luật Doanh nghiệp, Luật Thương mại.',
          '- Thực hiện một số nội dung khác thuộc chức năng, nhiệm vụ của Ủy ban Kinh tế.',
        ].join('\n'),
        [
          'g) Tổ đảng ở Thường trực Ủy ban Tài chính, Ngân sách',
          '',
          '- Chủ trì thẩm tra, giám sát việc thực hiện chính sách, pháp luật về tài chính, ngân sách liên quan đến chuyển đổi số.',
          '- Khẩn trương rà soát, kiến nghị sửa đổi, bổ sung Luật Ngân sách nhà nước, Luật Quản lý thuế.',
        ].join('\n'),
      ].join('\n\n'),
    ),
    meta: { title: 'Kế hoạch rà soát pháp luật về chuyển đổi số', number: '77-KH/ĐĐQH', issued: '2025-02-02', issuer: 'Đảng đoàn Quốc hội' },
  };

  it('answers "những luật nào" from the item of the body named, and "Còn <another body>?" from that body\'s item', async () => {
    const engine = await engineOf([plan, resolution]);
    const first = 'Theo KH 77, Tổ đảng ở Thường trực Ủy ban Kinh tế rà soát những luật nào?';
    const laws = await ask(engine, { question: first });
    expect(laws.answer).toContain('Luật Đầu tư, Luật Doanh nghiệp');
    expect(laws.answer).not.toContain('Ngân sách nhà nước');
    const next = await ask(engine, { question: 'Còn Ủy ban Tài chính, Ngân sách?', history: [{ role: 'user', content: first }, { role: 'assistant', content: laws.answer }], trace: true });
    expect((next.trace?.query as { standalone: string }).standalone).toBe('Theo KH 77, Tổ đảng ở Thường trực Ủy ban Tài chính, Ngân sách rà soát những luật nào?');
    expect(next.answer).toContain('Luật Ngân sách nhà nước');
    expect(next.answer).not.toContain('Luật Đầu tư');
  });

  it('reads a body inside a law\'s name as part of the law, not as a body the answer must name', async () => {
    const engine = await engineOf([plan, resolution]);
    const bodies = (question: string) => constraintsOf(analyzeQuery(question), engine).filter((c) => c.kind === 'agency').map((c) => c.written);
    expect(bodies('Ủy ban Kinh tế kiến nghị sửa đổi Luật Tổ chức Chính phủ theo KH 77?')).toEqual(['Ủy ban Kinh tế']);
    expect(bodies('Chính phủ giao Ủy ban Kinh tế rà soát luật nào?')).toEqual(expect.arrayContaining(['Chính phủ', 'Ủy ban Kinh tế']));
  });
});

describe('follow-ups on a listed answer, and documents the corpus only mentions', () => {
  it('reads "nhiệm vụ đầu tiên", "Còn nhiệm vụ thứ hai?" as the items of the list just given', async () => {
    const engine = await engineOf([plan, resolution]);
    const history: Turn[] = [
      { role: 'user', content: 'Kế hoạch 45/KH-UBND có những nhiệm vụ nào?' },
      { role: 'assistant', content: 'Theo Kế hoạch số 45/KH-UBND, có 2 nhiệm vụ: (1) Số hóa hồ sơ hộ tịch (thời hạn: 6/2025) [1]; (2) Xây dựng kho dữ liệu đất đai (thời hạn: 12/2025) [2].' },
    ];
    const first = await ask(engine, { question: 'Nhiệm vụ đầu tiên do cơ quan nào chủ trì?', history, trace: true });
    expect((first.trace?.query as { standalone: string }).standalone).toContain('“Số hóa hồ sơ hộ tịch”');
    expect(first.answer).toContain('Sở Tư pháp');
    const after = [...history, { role: 'user' as const, content: 'Nhiệm vụ đầu tiên do cơ quan nào chủ trì?' }, { role: 'assistant' as const, content: first.answer }];
    const second = await ask(engine, { question: 'Còn nhiệm vụ thứ hai?', history: after, trace: true });
    expect((second.trace?.query as { standalone: string }).standalone).toContain('“Xây dựng kho dữ liệu đất đai”');
    expect(second.answer).toContain('Sở Nông nghiệp và Môi trường');
  });

  it('refuses who signed a plan the corpus only mentions, naming where it is mentioned; a year spoken of elsewhere is not called missing', async () => {
    const engine = await engineOf([plan, resolution]);
    const signer = await ask(engine, { question: 'Ai ký Nghị quyết 12/NQ-CP?' });
    expect(signer.notFound).toBe(true);
    const mentioned = await ask(engine, { question: 'Ai ký Kế hoạch 45/KH-UBND?' });
    expect(mentioned.refusal?.code).not.toBe('DOCUMENT_MISSING');
    const other = doc('tin-77', 'Tin hoạt động', 'Tỉnh đã triển khai Kế hoạch số 88/KH-UBND ngày 2/4/2025 về dữ liệu số; đến năm 2030 hoàn thành kho dữ liệu đất đai.');
    const withNews = await engineOf([plan, resolution, other]);
    const onlyMentioned = await ask(withNews, { question: 'Ai ký Kế hoạch 88/KH-UBND?' });
    expect(onlyMentioned).toMatchObject({ notFound: true, refusal: { code: 'DOCUMENT_MISSING', missing: ['Kế hoạch 88/KH-UBND'], mentionedIn: ['“Tin hoạt động”'] } });
    expect(onlyMentioned.answer).toBe('Kho văn bản hiện không có toàn văn Kế hoạch 88/KH-UBND; văn bản này chỉ được nhắc đến trong “Tin hoạt động”, không nêu người ký.');
    // The passages read for a question about 2035 hold no 2035, though another document speaks of it.
    const far = doc('tin-2035', 'Tầm nhìn du lịch', 'Tầm nhìn đến năm 2035, tỉnh trở thành trung tâm du lịch quốc tế.');
    const years = await engineOf([plan, resolution, far]);
    const analysis = analyzeQuery('Đến năm 2035 tỷ trọng kinh tế số đạt bao nhiêu phần trăm GRDP?');
    const passages = (await years.search(analysis, { topK: 8 })).filter((p) => p.document.id !== 'tin-2035');
    const year = answerExtractive(analysis, years, passages);
    expect(year).toMatchObject({ notFound: true, refusal: { code: 'NOT_STATED', missing: ['thông tin này cho năm 2035'] } });
    const nowhere = answerExtractive(analyzeQuery('Đến năm 2040 tỷ trọng kinh tế số đạt bao nhiêu phần trăm GRDP?'), years, passages);
    expect(nowhere.refusal).toMatchObject({ code: 'YEAR_MISSING', missing: ['2040'] });
  });
});

describe('attributes a row leaves empty, and which document holds it', () => {
  const programme: StoredDocument = {
    ...doc(
      'nq-21-cp',
      'Chương trình hành động về dữ liệu',
      [
        '## Phụ lục: Nhiệm vụ',
        '| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |',
        '| --- | --- | --- | --- | --- |',
        '| 1 | Hoàn thành Trung tâm dữ liệu quốc gia | Bộ Công an | | 12/2025 |',
        '| 2 | Nâng cấp hạ tầng theo văn bản số 1552/BTTTT-THH | Các bộ, ngành | Bộ Công an | 6/2025 |',
      ].join('\n'),
    ),
    meta: { title: 'Chương trình hành động về dữ liệu', number: '21/NQ-CP', issuer: 'Chính phủ' },
  };

  it('says a row gives no co-operating body rather than passing over it (refusing, naming the task), and answers which document holds the task', async () => {
    const engine = await engineOf([programme, resolution]);
    const first = 'Ai chủ trì nhiệm vụ hoàn thành Trung tâm dữ liệu quốc gia?';
    const lead = await ask(engine, { question: first });
    expect(lead.answer).toContain('Bộ Công an chủ trì');
    const history: Turn[] = [{ role: 'user', content: first }, { role: 'assistant', content: lead.answer }];
    const partners = await ask(engine, { question: 'Cơ quan nào phối hợp?', history });
    // Asked alone, the blank is a refusal naming the task (asked beside the lead, it is said in the answer).
    expect(partners.notFound).toBe(true);
    expect(partners.answer).toContain('không nêu cơ quan phối hợp của nhiệm vụ “Hoàn thành Trung tâm dữ liệu quốc gia”');
    const holder = await ask(engine, { question: 'Nó thuộc văn bản nào?', history });
    expect(holder.answer).toMatch(/^Theo Nghị quyết số 21\/NQ-CP: Nhiệm vụ “Hoàn thành Trung tâm dữ liệu quốc gia”/u);
  });
});

describe('comparing with another document', () => {
  const older: StoredDocument = {
    ...doc('nq-10', 'Nghị quyết về khoa học năm 2012', 'Tăng đầu tư của Nhà nước cho khoa học bảo đảm tối thiểu 2% tổng chi ngân sách nhà nước hằng năm.'),
    meta: { title: 'Nghị quyết về khoa học năm 2012', number: '10-NQ/TW', issuer: 'Ban Chấp hành Trung ương' },
  };
  const newer: StoredDocument = {
    ...doc('nq-60', 'Nghị quyết về khoa học năm 2024', 'Bố trí ít nhất 3% tổng chi ngân sách nhà nước hằng năm cho phát triển khoa học, công nghệ.'),
    meta: { title: 'Nghị quyết về khoa học năm 2024', number: '60-NQ/TW', issuer: 'Bộ Chính trị' },
  };

  it('answers "…? Con số này khác NQ 60 thế nào?" part by part, the second part as the same question of the other document', async () => {
    const engine = await engineOf([older, newer]);
    const result = await ask(engine, { question: 'NQ 10 yêu cầu đầu tư cho khoa học tối thiểu bao nhiêu % tổng chi ngân sách hằng năm? Con số này khác NQ 60 thế nào?', trace: true });
    expect(result.trace?.compound).toHaveLength(2);
    expect(result.answer).toContain('2%');
    expect(result.answer).toContain('3%');
    const history: Turn[] = [
      { role: 'user', content: 'NQ 60 bố trí bao nhiêu % tổng chi ngân sách cho khoa học?' },
      { role: 'assistant', content: 'Theo Nghị quyết số 60-NQ/TW: Bố trí ít nhất 3% tổng chi ngân sách nhà nước hằng năm cho phát triển khoa học, công nghệ [1].' },
    ];
    const compared = await ask(engine, { question: 'So với NQ 10 thì sao?', history, trace: true });
    expect((compared.trace?.query as { standalone: string }).standalone).toBe('NQ 10 bố trí bao nhiêu % tổng chi ngân sách cho khoa học?');
  });
});

describe('"người đó": the holder of the office the last answer named', () => {
  it('answers "Tên người đó là gì?" with the person who holds it, then "Ban đó …?" still about the board', async () => {
    const board = doc(
      'tin-ban-chi-dao',
      'Ban Chỉ đạo tỉnh về chuyển đổi số',
      [
        'Đầu năm 2025, tỉnh thành lập Ban Chỉ đạo về chuyển đổi số gồm 15 thành viên, do Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban.',
        'Tại hội nghị, ông Nguyễn Văn An - Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở hoàn thành kế hoạch trong quý II.',
      ].join('\n'),
    );
    const engine = await engineOf([board, resolution]);
    const first = 'Ai làm Trưởng Ban Chỉ đạo tỉnh về chuyển đổi số?';
    const lead = await ask(engine, { question: first });
    expect(lead.answer).toContain('do Chủ tịch Ủy ban nhân dân tỉnh làm Trưởng ban');
    const history: Turn[] = [{ role: 'user', content: first }, { role: 'assistant', content: lead.answer }];
    const name = await ask(engine, { question: 'Tên người đó là gì?', history, trace: true });
    expect((name.trace?.query as { standalone: string }).standalone).toBe('Ai là Chủ tịch Ủy ban nhân dân tỉnh?');
    expect(name.answer).toContain('Nguyễn Văn An');
    const after: Turn[] = [...history, { role: 'user', content: 'Tên người đó là gì?' }, { role: 'assistant', content: name.answer }];
    const members = await ask(engine, { question: 'Ban đó có bao nhiêu thành viên?', history: after });
    expect(members.answer).toContain('15 thành viên');
  });
});

describe('a year swap that moves to another document', () => {
  const newer: StoredDocument = {
    ...doc('nq-61', 'Nghị quyết về đổi mới sáng tạo', ['## Mục tiêu', '1. Đến năm 2030', '- Tiềm lực khoa học và công nghệ đạt mức tiên tiến ở nhiều lĩnh vực quan trọng.'].join('\n\n')),
    meta: { title: 'Nghị quyết về đổi mới sáng tạo', number: '61-NQ/TW', issuer: 'Bộ Chính trị' },
  };
  const older: StoredDocument = {
    ...doc('nq-11', 'Nghị quyết về khoa học năm 2012', ['## Mục tiêu', 'Đến năm 2020, tiềm lực khoa học và công nghệ đạt trình độ của nhóm các nước dẫn đầu ASEAN.'].join('\n\n')),
    meta: { title: 'Nghị quyết về khoa học năm 2012', number: '11-NQ/TW', issuer: 'Ban Chấp hành Trung ương' },
  };

  it('says the document asked about holds nothing for that year, and answers from the one that does', async () => {
    const engine = await engineOf([newer, older]);
    const first = 'Đến năm 2030 tiềm lực khoa học và công nghệ đạt mức nào theo NQ 61?';
    const a = await ask(engine, { question: first });
    expect(a.answer).toContain('mức tiên tiến');
    const b = await ask(engine, { question: 'Còn năm 2020 thì sao?', history: [{ role: 'user', content: first }, { role: 'assistant', content: a.answer }] });
    expect(b.answer).toMatch(/^Nghị quyết số 61-NQ\/TW có trong kho nhưng không nêu nội dung cho năm 2020\. Theo Nghị quyết số 11-NQ\/TW: /u);
    expect(b.answer).toContain('dẫn đầu ASEAN');
    expect(b.citations[0]!.documentId).toBe('nq-11');
  });
});

describe('a request out of scope in the middle of a conversation', () => {
  it('reads "Thời tiết hôm nay thế nào?" on its own, and the next follow-up against the conversation before it', async () => {
    const engine = await engineOf([plan, resolution]);
    const first = 'Đến năm 2030 tỷ trọng kinh tế số đạt bao nhiêu phần trăm GRDP theo Kế hoạch 45?';
    const a = await ask(engine, { question: first });
    expect(a.answer).toContain('30%');
    const history: Turn[] = [{ role: 'user', content: first }, { role: 'assistant', content: a.answer }];
    const weather = await ask(engine, { question: 'Thời tiết hôm nay thế nào?', history, trace: true });
    expect(weather.refusal?.code).toBe('OUT_OF_SCOPE');
    expect((weather.trace?.query as { standalone: string }).standalone).toBe('Thời tiết hôm nay thế nào?');
    const after: Turn[] = [...history, { role: 'user', content: 'Thời tiết hôm nay thế nào?' }, { role: 'assistant', content: weather.answer }];
    const next = await ask(engine, { question: 'Còn R&D thì sao?', history: after, trace: true });
    expect((next.trace?.query as { standalone: string }).standalone).toContain('R&D');
    expect(next.answer).toContain('2% GRDP');
  });
});

describe('several things asked of one task row', () => {
  const programme: StoredDocument = {
    ...doc(
      'nq-22-cp',
      'Chương trình hành động về Chính phủ số',
      [
        '## Phụ lục: Nhiệm vụ',
        '| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả/sản phẩm | Thời hạn |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 1 | Xây dựng Chương trình phát triển Chính phủ số | Bộ Thông tin và Truyền thông | Các bộ, ngành | Quyết định của Thủ tướng Chính phủ | 9/2025 |',
        '| 2 | Ban hành cơ chế mua sắm sản phẩm khoa học | Bộ Tài chính | Các bộ | Nghị định | 12/2025 |',
      ].join('\n'),
    ),
    meta: { title: 'Chương trình hành động về Chính phủ số', number: '22/NQ-CP', issuer: 'Chính phủ' },
  };

  it('tells the row once, with who leads, what it produces and when', async () => {
    const engine = await engineOf([programme, resolution]);
    const result = await ask(engine, { question: 'Nhiệm vụ xây dựng Chương trình phát triển Chính phủ số: ai chủ trì, sản phẩm là gì, bao giờ xong?' });
    expect(result.answer.match(/Nhiệm vụ “Xây dựng Chương trình phát triển Chính phủ số”/g)).toHaveLength(1);
    expect(result.answer).toContain('Bộ Thông tin và Truyền thông chủ trì');
    expect(result.answer).toContain('Quyết định của Thủ tướng Chính phủ');
    expect(result.answer).toContain('9/2025');
    expect(result.answer).not.toContain('mua sắm');
  });
});

describe('"nó" after an answer about a document, and "Còn cả nước?"', () => {
  it('reads "Nó có hiệu lực từ khi nào?" as about the document the answer was about', async () => {
    const engine = await engineOf([plan, resolution]);
    const first = 'Kế hoạch 45/KH-UBND ban hành ngày nào?';
    const a = await ask(engine, { question: first });
    expect(a.answer).toMatch(/^Kế hoạch số 45\/KH-UBND/u);
    const b = await ask(engine, { question: 'Nó thực hiện nghị quyết nào?', history: [{ role: 'user', content: first }, { role: 'assistant', content: a.answer }], trace: true });
    expect((b.trace?.query as { standalone: string }).standalone).toMatch(/^Kế hoạch số 45\/KH-UBND thực hiện nghị quyết nào\?$/u);
    expect(b.answer).toContain('12/NQ-CP');
  });

  it('asks the question before of the whole country, answered from a national document', async () => {
    const province: StoredDocument = {
      // The province's plan shares more of the question's words than the national text does: only the scope keeps it out.
      ...doc('kh-tinh-so', 'Kế hoạch chuyển đổi số tỉnh Ninh Bình', 'Đến năm 2030, tỉnh Ninh Bình phấn đấu kinh tế số chiếm 25% GRDP, cao nhất cả nước. Tỉnh Ninh Bình triển khai. Tỉnh Ninh Bình báo cáo.'),
      meta: { title: 'Kế hoạch chuyển đổi số tỉnh Ninh Bình', number: '20/KH-UBND' },
    };
    const national: StoredDocument = {
      ...doc('nq-quoc-gia-so', 'Nghị quyết về chuyển đổi số quốc gia', 'Đến năm 2030, cả nước phấn đấu kinh tế số chiếm tối thiểu 30% GDP.'),
      meta: { title: 'Nghị quyết về chuyển đổi số quốc gia', number: '66-NQ/TW' },
    };
    const engine = await engineOf([province, national]);
    const first = 'Đến năm 2030 Ninh Bình phấn đấu kinh tế số chiếm bao nhiêu phần trăm?';
    const a = await ask(engine, { question: first });
    expect(a.answer).toContain('25%');
    const b = await ask(engine, { question: 'Còn cả nước?', history: [{ role: 'user', content: first }, { role: 'assistant', content: a.answer }], trace: true });
    expect((b.trace?.query as { standalone: string }).standalone).toBe('Đến năm 2030 cả nước phấn đấu kinh tế số chiếm bao nhiêu phần trăm?');
    expect(b.answer).toContain('30% GDP');
    expect(b.citations[0]!.documentId).toBe('nq-quoc-gia-so');
    // Held to the scope where the province's plan says more of the question: never its figure for the country.
    const closer: StoredDocument = {
      ...doc('kh-tinh-gan', 'Kế hoạch chuyển đổi số tỉnh Ninh Bình', 'Đến năm 2030, tỉnh Ninh Bình cùng cả nước phấn đấu kinh tế số chiếm 25% GRDP. Tỉnh Ninh Bình triển khai. Tỉnh Ninh Bình báo cáo.'),
      meta: { title: 'Kế hoạch chuyển đổi số tỉnh Ninh Bình', number: '21/KH-UBND' },
    };
    const weaker: StoredDocument = { ...doc('nq-quoc-gia-2', 'Nghị quyết về kinh tế số', 'Đến năm 2030, kinh tế số chiếm tối thiểu 30% GDP.'), meta: { title: 'Nghị quyết về kinh tế số', number: '67-NQ/TW' } };
    const scoped = await ask(await engineOf([closer, weaker]), { question: 'Đến năm 2030 cả nước phấn đấu kinh tế số chiếm bao nhiêu phần trăm?' });
    expect(scoped.citations.map((c) => c.documentId)).not.toContain('kh-tinh-gan');
  });
});

describe('a name referred back to by its first words', () => {
  const central = doc(
    'tin-bcd-tw',
    'Phiên họp thứ nhất Ban Chỉ đạo Trung ương về thư viện số',
    [
      'Chiều 20/1, Ban Chỉ đạo Trung ương về thư viện số họp phiên thứ nhất; Tổng Bí thư, Trưởng Ban Chỉ đạo chủ trì phiên họp.',
      'Văn phòng Trung ương Đảng là cơ quan thường trực Ban Chỉ đạo, đã xây dựng chương trình làm việc năm 2025.',
      'Trong quý 1, từng thành viên Ban Chỉ đạo xác định ngay việc cụ thể cần làm.',
    ].join('\n'),
  );
  const province = doc(
    'tin-bcd-tinh',
    'Tỉnh Hòa Bình triển khai thư viện số',
    'Sở Văn hóa là cơ quan thường trực của Ban Chỉ đạo cấp tỉnh về thư viện số; Ban Chỉ đạo cấp tỉnh gồm 17 thành viên.',
  );

  it('reads "ban chỉ đạo đó" as the name the conversation wrote in full, and a quarter is no count of members', async () => {
    const engine = await engineOf([central, province]);
    const { result: chair, history } = await askFirst(engine, 'Phiên họp thứ nhất Ban Chỉ đạo Trung ương về thư viện số do ai chủ trì?');
    expect(chair.answer).toContain('Tổng Bí thư');
    const standing = await ask(engine, { question: 'cơ quan thường trực của ban chỉ đạo đó là cơ quan nào?', history, trace: true });
    expect(standing.answer).toContain('Văn phòng Trung ương Đảng');
    expect(standing.answer).not.toContain('Sở Văn hóa');
    expect((standing.trace?.query as { standalone: string }).standalone).toContain('Ban Chỉ đạo Trung ương');
    const members = await ask(engine, { question: 'Ban chỉ đạo đó có tổng cộng bao nhiêu thành viên?', history });
    expect(members.notFound).toBe(true);
    expect(members.answer).not.toContain('17');
  });
});

describe('a name written with one capital, referred back to as "trung tâm này"', () => {
  it('writes the name in full, in small letters after its head, up to a function word', () => {
    const history: Turn[] = [
      { role: 'user', content: 'Ai chủ trì nhiệm vụ đó?' },
      { role: 'assistant', content: 'Theo Nghị quyết số 03/NQ-CP: Nhiệm vụ “Hoàn thành xây dựng Trung tâm dữ liệu quốc gia và đưa vào khai thác”; Bộ Công an chủ trì [1].' },
    ];
    expect(resolveFollowUp('Tổng kinh phí đầu tư cho trung tâm này là bao nhiêu?', history).question).toBe('Tổng kinh phí đầu tư cho Trung tâm dữ liệu quốc gia là bao nhiêu?');
  });
});

describe('the province a conversation is about, named again as "của tỉnh"', () => {
  const national = doc('nq-quoc-gia', 'Nghị quyết về chuyển đổi số quốc gia', 'Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp đạt trên 80%.');
  const local = doc(
    'tin-ninh-binh',
    'Ninh Bình dẫn đầu chuyển đổi số',
    'Ninh Bình đã hoàn thành 57 nhiệm vụ của Đề án 06. Ninh Bình đạt 100% thủ tục hành chính toàn trình và 96,2% dịch vụ công trực tuyến.',
  );

  it('answers from the province talked about, not from the national target', async () => {
    const engine = await engineOf([national, local]);
    const { result: done, history } = await askFirst(engine, 'Ninh Bình đã hoàn thành bao nhiêu nhiệm vụ của Đề án 06?');
    expect(done.answer).toContain('57');
    const online = await ask(engine, { question: 'Tỷ lệ dịch vụ công trực tuyến của tỉnh đạt bao nhiêu?', history });
    expect(online.answer).toContain('96,2%');
    expect(online.answer).not.toContain('80%');
    // A province named after "của tỉnh" is that province, not the one talked about.
    const other = await ask(engine, { question: 'Tỷ lệ dịch vụ công trực tuyến của tỉnh Lào Cai đạt bao nhiêu?', history });
    expect(other.notFound).toBe(true);
  });
});

describe('"Còn nhiệm vụ?" after a count of another kind of item', () => {
  const report = doc(
    'tin-ke-hoach-45',
    'Kết quả thực hiện Kế hoạch 45/KH-UBND',
    'Thực hiện Kế hoạch số 45/KH-UBND ngày 2/3/2025 của UBND tỉnh về việc sửa đổi, bổ sung một số nội dung chuyển đổi số toàn diện năm 2025 theo chỉ đạo của Ban Thường vụ Tỉnh ủy và Ban Chỉ đạo tỉnh, toàn tỉnh đã có 11/22 chỉ tiêu đã hoàn thành, duy trì thực hiện thường xuyên; 14/44 nhiệm vụ đã hoàn thành, 16/16 nhiệm vụ, dự án đang thực hiện theo kế hoạch đã đề ra của tỉnh.',
  );

  it('asks the same count of the other kind, and quotes the piece that gives it', async () => {
    const engine = await engineOf([report]);
    const { result: targets, history } = await askFirst(engine, 'Kế hoạch 45/KH-UBND về chuyển đổi số toàn diện năm 2025 đã hoàn thành bao nhiêu chỉ tiêu?');
    expect(targets.answer).toContain('11/22 chỉ tiêu');
    const tasks = await ask(engine, { question: 'còn nhiệm vụ?', history, trace: true });
    expect((tasks.trace?.query as { standalone: string }).standalone).toContain('bao nhiêu nhiệm vụ');
    expect(tasks.answer).toContain('14/44 nhiệm vụ');
  });
});

describe('"cán bộ" is no ministry', () => {
  const older = { ...doc('nq-10', 'Nghị quyết về khoa học năm 2012', 'Số cán bộ khoa học và công nghệ nghiên cứu và phát triển đạt mức 11 người trên một vạn dân.'), meta: { title: 'Nghị quyết về khoa học năm 2012', number: '10-NQ/TW' } };
  const newer = { ...doc('nq-60', 'Nghị quyết về khoa học năm 2024', 'Nguồn nhân lực nghiên cứu và phát triển đạt 12 người trên một vạn dân.'), meta: { title: 'Nghị quyết về khoa học năm 2024', number: '60-NQ/TW' } };

  it('reads "cán bộ KH&CN" as officials, so a document swap is not held to the Bộ Khoa học và Công nghệ', async () => {
    const { findAgencies } = await import('../src/facts/agencies.js');
    expect(findAgencies('số cán bộ KH&CN nghiên cứu')).toEqual([]);
    expect(findAgencies('Bộ KH&CN chủ trì').map((m) => m.agency.name)).toEqual(['Bộ Khoa học và Công nghệ']);
    const engine = await engineOf([older, newer]);
    const { result: then, history } = await askFirst(engine, 'NQ 10 đặt mục tiêu số cán bộ KH&CN nghiên cứu và phát triển đạt bao nhiêu người trên một vạn dân?');
    expect(then.answer).toContain('11 người');
    const now = await ask(engine, { question: 'còn nghị quyết 60 thì sao?', history });
    expect(now.answer).toContain('12 người');
  });
});

describe('another document than the one referred back', () => {
  const report = doc(
    'tin-ket-qua',
    'Kết quả thực hiện các kế hoạch về chuyển đổi số',
    [
      'Triển khai Đề án 06, tỉnh đã hoàn thành 57/133 nhiệm vụ; đang thực hiện 43/133 nhiệm vụ có thời hạn.',
      'Thực hiện Kế hoạch số 45/KH-UBND ngày 2/3/2025 của UBND tỉnh về chuyển đổi số, đã có 24/31 nhiệm vụ đã hoàn thành, 7/31 nhiệm vụ đang thực hiện.',
      'Thực hiện Kế hoạch số 46/KH-UBND ngày 5/4/2025 của UBND tỉnh về dữ liệu số, toàn tỉnh đã hoàn thành 33/71 nhiệm vụ; đang thực hiện 17/71 nhiệm vụ; chậm tiến độ 21/71 nhiệm vụ.',
    ].join('\n'),
  );

  it('does not answer "kế hoạch đó …?" with another plan\'s figure when that plan is silent', async () => {
    const engine = await engineOf([report]);
    const { result: done, history } = await askFirst(engine, 'Kế hoạch 45/KH-UBND đã hoàn thành bao nhiêu nhiệm vụ?');
    expect(done.answer).toContain('24/31');
    const late = await ask(engine, { question: 'kế hoạch đó có bao nhiêu nhiệm vụ chậm tiến độ?', history });
    expect(late.answer).not.toContain('21/71');
    expect(late.notFound).toBe(true);
  });

  it('is not answered from another document when the passages naming one the corpus only mentions are silent ("Đề án đó …")', async () => {
    const engine = await engineOf([report]);
    const { result: done, history } = await askFirst(engine, 'Đề án 06 đã hoàn thành bao nhiêu nhiệm vụ?');
    expect(done.answer).toContain('57/133');
    const late = await ask(engine, { question: 'Đề án đó có bao nhiêu nhiệm vụ bị chậm tiến độ?', history });
    expect(late.answer).not.toContain('21/71');
    expect(late.notFound).toBe(true);
  });
});

describe('a question standing alone while a conversation reads one report', () => {
  const report = doc(
    'tin-phien-hop-bcd',
    'Phiên họp thứ nhất Ban Chỉ đạo Trung ương về chuyển đổi số',
    [
      'Chiều 20/1, Ban Chỉ đạo Trung ương về chuyển đổi số đã họp phiên thứ nhất dưới sự chủ trì của Trưởng Ban.',
      'Các đại biểu thảo luận chương trình công tác năm 2025 mà Văn phòng Trung ương Đảng - cơ quan Thường trực Ban Chỉ đạo xây dựng, trong đó đã phân công cho từng thành viên.',
    ].join('\n'),
  );
  const province = doc(
    'tin-so-khcn',
    'Sở Khoa học và Công nghệ tỉnh triển khai chuyển đổi số',
    'Là cơ quan thường trực của Ban Chỉ đạo về chuyển đổi số của tỉnh, Sở Khoa học và Công nghệ đã tham mưu nhiều giải pháp, ông Giám đốc Sở cho biết.',
  );

  it('is answered from that report where it holds half of what the best answer elsewhere holds', async () => {
    const engine = await engineOf([report, province]);
    const { result: first, history } = await askFirst(engine, 'Phiên họp thứ nhất của Ban Chỉ đạo Trung ương diễn ra ngày nào?');
    expect(first.answer).toContain('20/1');
    const standing = await ask(engine, { question: 'Cơ quan thường trực của Ban Chỉ đạo là cơ quan nào?', history });
    expect(standing.answer).toContain('Văn phòng Trung ương Đảng');
    // Asked with no conversation, the best answer stands.
    const alone = await ask(engine, { question: 'Cơ quan thường trực của Ban Chỉ đạo là cơ quan nào?' });
    expect(alone.answer).toContain('Sở Khoa học và Công nghệ');
  });
});

describe('a follow-up typed with accents whose words have none ("ban", "chi")', () => {
  const report = doc(
    'tin-thu-vien-tinh',
    'Tỉnh Hòa Bình sơ kết thư viện số',
    [
      'Triển khai Đề án 09, đã hoàn thành 40/90 nhiệm vụ; đang thực hiện 30/90 nhiệm vụ (8 nhiệm vụ phụ thuộc tiến độ của Trung ương).',
      'Thực hiện Kế hoạch số 05-KH/BCĐ ngày 2/6/2025 của Ban chỉ đạo thư viện số tỉnh, đã có 20/25 nhiệm vụ đã hoàn thành.',
    ].join('\n'),
  );

  it('keeps "ban chỉ đạo" in its topic, and a sentence capital carried into a rewrite opens no name', async () => {
    const engine = await engineOf([report]);
    const answers = await converse(
      ['Đề án 09 ở tỉnh đã hoàn thành bao nhiêu nhiệm vụ?', 'Trong số đang làm thì bao nhiêu nhiệm vụ phụ thuộc tiến độ của Trung ương?', 'Còn Kế hoạch 05-KH/BCĐ của Ban chỉ đạo tỉnh?'],
      (question, history) => ask(engine, { question, history }),
    );
    expect(answers[0]).toContain('40/90');
    expect(answers[2]).toContain('20/25');
    const history: Turn[] = [
      { role: 'user', content: 'Đề án 09 ở tỉnh đã hoàn thành bao nhiêu nhiệm vụ?' },
      { role: 'assistant', content: answers[0]! },
    ];
    const plan = await ask(engine, { question: 'thế Kế hoạch 05-KH/BCĐ của ban chỉ đạo tỉnh hoàn thành bao nhiêu nhiệm vụ rồi?', history, trace: true });
    expect(plan.answer).toContain('20/25');
    const state = (plan.trace?.conversation as { state: { topic?: string } }).state;
    expect(state.topic).toMatch(/^ban chỉ đạo/);
  });
});

describe('a question in parts whose later part asks only of the first part\'s subject', () => {
  const report = doc(
    'tin-ke-hoach-45',
    'Hòa Bình sơ kết thư viện số',
    [
      'Việc triển khai Kế hoạch số 45/KH-UBND ngày 2/3/2025 của UBND tỉnh, toàn tỉnh đã hoàn thành 20/30 nhiệm vụ; đang thực hiện 10/30 nhiệm vụ.',
      'Cùng với cả nước, tỉnh đang khẩn trương triển khai nghị quyết về thư viện số với sự tham mưu quyết liệt, kịp thời của Sở Văn hóa.',
    ].join('\n'),
  );

  it('is refused with the first part, not answered from a sentence about something else', async () => {
    const engine = await engineOf([report]);
    const { result: done, history } = await askFirst(engine, 'Kế hoạch 45/KH-UBND đã hoàn thành bao nhiêu nhiệm vụ?');
    expect(done.answer).toContain('20/30');
    const late = await ask(engine, { question: 'những nhiệm vụ bị chậm cụ thể là nhiệm vụ gì, của sở nào?', history });
    expect(late.notFound).toBe(true);
    expect(late.answer).not.toContain('Sở Văn hóa');
    expect(late.citations).toEqual([]);
  });
});

describe('a minister swapped for a minister', () => {
  const news = doc(
    'tin-phien-hop-thu-vien',
    'Phiên họp thứ nhất Ban Chỉ đạo Trung ương về thư viện số',
    [
      'Chiều 20/1, Ban Chỉ đạo Trung ương về thư viện số họp phiên thứ nhất.',
      'Bộ trưởng Công an chỉ đạo triển khai cơ sở dữ liệu thư viện quốc gia.',
      'Bộ trưởng Bộ Tài chính chỉ đạo bố trí ngân sách nhà nước cho thư viện số.',
    ].join('\n'),
  );

  it('puts "còn Bộ trưởng Bộ Tài chính?" in the minister\'s place, not the committee\'s', async () => {
    const engine = await engineOf([news]);
    const { result: first, history } = await askFirst(engine, 'Tại phiên họp thứ nhất BCĐ Trung ương, Bộ trưởng Công an được giao chỉ đạo việc gì?');
    expect(first.answer).toContain('cơ sở dữ liệu');
    const finance = await ask(engine, { question: 'còn Bộ trưởng Bộ Tài chính?', history, trace: true });
    expect(finance.answer).toContain('ngân sách');
    const standalone = (finance.trace?.query as { standalone: string }).standalone;
    expect(standalone).toContain('Trung ương, Bộ trưởng Bộ Tài chính');
    expect(standalone).not.toContain('Công an');
  });
});

describe('a question on its own in a conversation reading one document', () => {
  const party: StoredDocument = {
    ...doc(
      'nq-31-tw',
      'Nghị quyết về phát triển thư viện số',
      [
        'BAN CHẤP HÀNH TRUNG ƯƠNG',
        'Số: 31-NQ/TW',
        '## IV. Tổ chức thực hiện',
        '1. Ban Tuyên giáo Trung ương chủ trì hướng dẫn việc quán triệt, tuyên truyền Nghị quyết.',
        '2. Văn phòng Trung ương Đảng theo dõi, kiểm tra việc thực hiện Nghị quyết; định kỳ 6 tháng báo cáo kết quả với Bộ Chính trị.',
      ].join('\n\n'),
    ),
    meta: { title: 'Nghị quyết về phát triển thư viện số', number: '31-NQ/TW', issued: '2024-03-02' },
  };
  const government: StoredDocument = {
    ...doc(
      'nq-08-cp',
      'Chương trình hành động về thư viện số',
      [
        'CHÍNH PHỦ',
        'Số: 08/NQ-CP',
        '## III. Tổ chức thực hiện',
        '1. Các bộ, địa phương định kỳ 6 tháng báo cáo kết quả thực hiện về Bộ Văn hóa, Thể thao và Du lịch trước ngày 15 tháng 6.',
        '2. Bộ Tài chính bảo đảm kinh phí số hóa sách cho các thư viện tỉnh hằng năm.',
      ].join('\n\n'),
    ),
    meta: { title: 'Chương trình hành động về thư viện số', number: '08/NQ-CP', issued: '2024-05-10' },
  };

  it('is answered from that document where it holds as much of the question, and from another where only that one does', async () => {
    const engine = await engineOf([party, government]);
    const { result: first, history } = await askFirst(engine, 'Nghị quyết 08/NQ-CP giao Bộ Tài chính việc gì?');
    expect(first.answer).toContain('kinh phí');
    // Both documents say how often results are reported: the one the conversation reads answers.
    const report = await ask(engine, { question: 'định kỳ bao lâu phải báo cáo kết quả?', history, trace: true });
    expect(report.answer).toContain('6 tháng');
    expect(report.answer).toContain('Bộ Văn hóa');
    expect(report.citations[0]!.documentId).toBe('nq-08-cp');
    expect(report.trace?.conversationDocument).toBe('nq-08-cp');
    // The trainer view says why: the question named no document, the one read answers as well.
    const step = explainAnswer(report).find((s) => s.id === 'conversation');
    expect(step?.details.join(' ')).toContain('văn bản mà câu trả lời trước trích');
    // The programme does not speak of who guides the study of the resolution: the resolution that does answers.
    const guide = await ask(engine, { question: 'ai hướng dẫn việc quán triệt nghị quyết?', history });
    expect(guide.answer).toContain('Ban Tuyên giáo Trung ương');
    expect(guide.citations[0]!.documentId).toBe('nq-31-tw');
  });
});

describe('"con số đó" of another document, dated by its year', () => {
  const older = {
    ...doc('nq-10', 'Nghị quyết về khoa học', '## Mục tiêu\n\nĐến năm 2020, số cán bộ khoa học và công nghệ nghiên cứu và phát triển đạt mức 11 người trên một vạn dân.'),
    meta: { title: 'Nghị quyết về khoa học', number: '10-NQ/TW', issued: '2012-11-01' },
  };
  const newer = {
    ...doc('nq-60', 'Nghị quyết về đổi mới sáng tạo', '## Mục tiêu\n\nĐến năm 2030, nguồn nhân lực nghiên cứu khoa học, phát triển công nghệ đạt 12 người trên một vạn dân.'),
    meta: { title: 'Nghị quyết về đổi mới sáng tạo', number: '60-NQ/TW', issued: '2024-12-22' },
  };

  it('asks the figure before of the document named, its year the year it was issued, not a period ("số này" is no "sở này")', async () => {
    const engine = await engineOf([older, newer]);
    const { result: now, history } = await askFirst(engine, 'NQ 60 đặt mục tiêu nguồn nhân lực nghiên cứu khoa học, phát triển công nghệ là bao nhiêu người trên một vạn dân?');
    expect(now.answer).toContain('12 người');
    for (const question of ['hồi NQ 10 năm 2012 con số này là bao nhiêu?', 'còn nghị quyết 10 năm 2012 thì con số đó là bao nhiêu?']) {
      const then = await ask(engine, { question, history, trace: true });
      expect(then.answer, question).toContain('11 người');
      expect((then.trace?.conversation as { fresh: boolean }).fresh, question).toBe(false);
    }
    // "Còn NQ 10 trước đây đặt bao nhiêu?": a document with frame and asking words only asks the question before of it.
    const swapped = await ask(engine, { question: 'còn NQ10 trước đây đặt bao nhiêu?', history, trace: true });
    expect(swapped.answer).toContain('11 người');
    expect((swapped.trace?.query as { standalone: string }).standalone).toContain('nguồn nhân lực');
    // A year the named document was not issued in is a period asked about: the documents say nothing of it.
    const later = await ask(engine, { question: 'NQ 60 đặt con số đó cho năm 2045 là bao nhiêu?', history });
    expect(later.notFound).toBe(true);
    expect(later.refusal?.code).toBe('YEAR_MISSING');
    // A document named, in the corpus, with no passage about what is asked: the refusal names it.
    const unrelated = await ask(engine, { question: 'NQ 60 quy định gì về du lịch biển đảo?' });
    expect(unrelated.refusal?.code).toBe('NO_EVIDENCE');
    expect(unrelated.answer).toMatch(/^Nghị quyết số 60-NQ\/TW có trong kho nhưng không có đoạn nào nói về “.*du lịch biển đảo”\.$/u);
  });
});

describe('an attribute asked alone', () => {
  it('reads "hạn chót?" as the deadline of the row the last answer cited', async () => {
    const engine = await engineOf([plan, resolution]);
    const { history } = await askFirst(engine, 'Nhiệm vụ số hóa hồ sơ hộ tịch do cơ quan nào chủ trì?');
    const due = await ask(engine, { question: 'hạn chót?', history });
    expect(due.answer).toContain('6/2025');
    expect(due.answer).not.toContain('12/2025');
  });
});
