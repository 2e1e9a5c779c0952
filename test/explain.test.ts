/**
 * The Vietnamese explanation of how an answer was made (src/answer/explain.ts), shared by the widget's trainer view,
 * the classroom page and `npm run ask -- --trace`: every refusal code told in Vietnamese, the follow-up's inherited
 * conversation state, and real traces of the app over the sample corpus read as one sentence per step.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAnswer, formatExplanation, refusalExplanation, type Explained } from '../src/answer/explain.js';
import { REFUSAL_CODES } from '../src/answer/types.js';
import { makeApp, makeIndex, type TestIndex } from './helpers/corpus.js';

/** Engine words and codes a class must not read. */
const ENGLISH = /\b(extractive|lexical|fused|coverage|responsibility|general|target|deadline|intent|undefined|null|NaN)\b|\b[A-Z]{2,}_[A-Z_]+\b/;

describe('refusal codes', () => {
  it('tells every code in Vietnamese, with what the question named and what the corpus has', () => {
    for (const code of REFUSAL_CODES) {
      const text = refusalExplanation({ code, missing: ['Điện Biên'], available: ['Quảng Ninh'] });
      expect(text, code).toMatch(/[ạ-ỹà-ỳđ]/u);
      expect(text, code).not.toMatch(ENGLISH);
      expect(text, code).not.toContain(code);
    }
    expect(refusalExplanation({ code: 'DOCUMENT_MISSING', missing: ['88/2026/QH15'], available: ['57-NQ/TW', '03/NQ-CP'] })).toBe(
      'Văn bản được hỏi (“88/2026/QH15”) không có trong kho tài liệu; kho tài liệu có: “57-NQ/TW” và “03/NQ-CP”.',
    );
    expect(refusalExplanation({ code: 'NO_EVIDENCE' }, 30)).toContain('ít nhất 30 trên thang 100');
    // What was looked for, and a document the corpus only mentions.
    expect(refusalExplanation({ code: 'NO_EVIDENCE', missing: ['lương tối thiểu vùng'] })).toBe(
      'Không đoạn nào chứa đủ từ khóa của câu hỏi về “lương tối thiểu vùng” (cần ít nhất 30 trên thang 100).',
    );
    expect(refusalExplanation({ code: 'DOCUMENT_MISSING', missing: ['Kế hoạch 88/KH-UBND'], mentionedIn: ['“Tin hoạt động”'] })).toBe(
      'Kho không có toàn văn văn bản được hỏi (“Kế hoạch 88/KH-UBND”); chỉ có văn bản nhắc đến nó (“Tin hoạt động”), mà các văn bản đó không nêu điều câu hỏi cần.',
    );
    expect(refusalExplanation(undefined)).toBe('');
  });

  it('says why in the step of a refused answer', () => {
    const refused: Explained = { answer: 'Không tìm thấy thông tin này trong các tài liệu hiện có.', notFound: true, refusal: { code: 'PLACE_MISSING', missing: ['Điện Biên'] }, citations: [], trace: {} };
    const chosen = explainAnswer(refused).find((s) => s.id === 'chosen')!;
    expect(chosen.text).toBe('Không trả lời: không tài liệu nào nói về địa phương được hỏi (“Điện Biên”).');
  });
});

describe('conversation state', () => {
  const base = { answer: 'Theo Nghị quyết 57: … [1].', notFound: false, citations: [] };

  it('says what a follow-up took from the questions before', () => {
    const trace = { conversation: { state: { document: '57-NQ/TW', agency: 'Bộ Y tế' }, inherited: ['document', 'year'], fresh: false } };
    const step = explainAnswer({ ...base, trace }).find((s) => s.id === 'conversation')!;
    expect(step.text).toBe('Câu hỏi tiếp nối: lấy văn bản “57-NQ/TW”, năm từ câu hỏi trước.');
  });

  it('says that a fresh question took nothing', () => {
    const step = explainAnswer({ ...base, trace: { conversation: { state: {}, inherited: [], fresh: true } } }).find((s) => s.id === 'conversation')!;
    expect(step.text).toBe('Câu hỏi mới: không lấy gì từ các câu hỏi trước.');
  });
});

describe('explanations of real answers', () => {
  let index: TestIndex;
  let app: FastifyInstance;

  beforeAll(async () => {
    index = await makeIndex();
    ({ app } = await makeApp(index.indexDir));
  });

  afterAll(async () => {
    await app?.close();
    await index?.cleanup();
  });

  const ask = async (payload: object): Promise<Explained> => (await app.inject({ method: 'POST', url: '/api/ask', payload: { trace: true, ...payload } })).json();

  it('tells an answered question step by step, one sentence each, in Vietnamese', async () => {
    const result = await ask({ question: 'Quảng Ninh đặt chỉ tiêu tỷ trọng kinh tế số trong GRDP là bao nhiêu?' });
    const steps = explainAnswer(result);
    expect(steps.map((s) => s.id)).toEqual(['question', 'passages', 'confidence', 'chosen', 'check', 'mode']);
    expect(steps[0]!.text).toMatch(/^Tách câu hỏi thành các từ khóa: .*“GRDP”\.$/);
    expect(steps[1]!.text).toMatch(/^Tìm thấy \d+ đoạn có nhiều từ khóa nhất; đoạn 1 chứa/);
    expect(steps[2]!.text).toMatch(/^Độ tin cậy \d+\/100: .* trên ngưỡng 30 nên trợ lý trả lời\.$/);
    expect(steps[4]!.text).toBe('Kiểm tra: số 30% có trong đoạn trích.');
    const text = formatExplanation(result);
    expect(text).not.toMatch(ENGLISH);
    expect(text.split('\n')[0]).toMatch(/^1\. Đọc câu hỏi: /);
  });

  it('tells a refused question why, with its confidence below the threshold', async () => {
    const steps = explainAnswer(await ask({ question: 'Ai là tác giả của Truyện Kiều?' }));
    expect(steps.find((s) => s.id === 'confidence')!.text).toMatch(/dưới ngưỡng 30 nên trợ lý không trả lời/);
    expect(steps.find((s) => s.id === 'chosen')!.text).toMatch(/^Không trả lời: /);
    expect(steps.some((s) => s.id === 'check')).toBe(false);
  });

  it('tells a rewritten follow-up as such', async () => {
    const history = [
      { role: 'user', content: 'Nghị quyết 57 đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GDP vào năm 2030?' },
      { role: 'assistant', content: 'Kinh tế số chiếm tối thiểu 30% GDP [1].' },
    ];
    const result = await ask({ question: 'Còn năm 2045 thì sao?', history });
    const step = explainAnswer(result).find((s) => s.id === 'conversation');
    expect(step?.text).toMatch(/^Câu hỏi tiếp nối/);
  });
});
