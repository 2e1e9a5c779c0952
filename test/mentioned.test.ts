/** Questions about a document the corpus only mentions: its date and subject come from the clause that names it. */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/answer/assistant.js';
import { doc, engineOf } from './helpers/docs.js';

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
});
