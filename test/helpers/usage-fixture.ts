/**
 * A generated month of use for the report and the admin page: a few hundred logged questions (answered ones, and
 * refusals for documents, places and topics the corpus lacks, some typed without accents) over 21 days, and
 * feedback with thumbs-down comments citing the sample corpus. Deterministic (a seeded generator), so counts are known.
 */
import type { Store } from '../../src/store/types.js';
import { random as rng } from '../../scripts/lib/random.js';


interface Kind {
  questions: string[];
  count: number;
  refusalCode?: string;
  missing?: string[];
}

/** What is asked, how often, and how it is refused. */
export const FIXTURE_KINDS: Kind[] = [
  { count: 150, questions: ['Buổi sáng làm việc từ mấy giờ?', 'Cán bộ làm việc bao nhiêu giờ mỗi tuần?', 'Ai chủ trì theo dõi kế hoạch chuyển đổi số?', 'Bộ phận một cửa tiếp công dân khi nào?', 'Quyết định 15/QĐ-UBND có hiệu lực từ ngày nào?'] },
  { count: 34, refusalCode: 'DOCUMENT_MISSING', missing: ['88/2026/QH15'], questions: ['Luật 88/2026/QH15 quy định gì về cán bộ cấp xã?', 'Nghị quyết 88/2026/QH15 có hiệu lực khi nào?', 'Theo 88/2026/QH15 thì công chức được nghỉ mấy ngày?'] },
  { count: 17, refusalCode: 'DOCUMENT_MISSING', missing: ['12/2025/NĐ-CP'], questions: ['Nghị định 12/2025/NĐ-CP quy định mức phụ cấp thế nào?'] },
  { count: 22, refusalCode: 'PLACE_MISSING', missing: ['Điện Biên'], questions: ['Giờ làm việc ở tỉnh Điện Biên thế nào?', 'Điện Biên đặt mục tiêu chuyển đổi số ra sao?'] },
  { count: 9, refusalCode: 'PLACE_MISSING', missing: ['Lai Châu'], questions: ['Lai Châu giải quyết hồ sơ trực tuyến đạt bao nhiêu phần trăm?'] },
  { count: 28, refusalCode: 'NO_EVIDENCE', questions: ['Phụ cấp công vụ của cán bộ cấp xã là bao nhiêu?', 'Mức phụ cấp công vụ cho cán bộ cấp xã?', 'phu cap cong vu can bo cap xa bao nhieu?'] },
  { count: 16, refusalCode: 'NO_EVIDENCE', questions: ['Công chức được nghỉ phép năm bao nhiêu ngày?', 'Chế độ nghỉ phép năm của công chức thế nào?'] },
  { count: 12, refusalCode: 'OUT_OF_SCOPE', questions: ['Thời tiết Hà Nội ngày mai thế nào?', 'Giá vàng hôm nay bao nhiêu?'] },
  { count: 8, refusalCode: 'NAME_MISSING', missing: ['Nguyễn Văn An'], questions: ['Ông Nguyễn Văn An giữ chức vụ gì?'] },
  { count: 4, refusalCode: 'NOT_STATED', questions: ['Kế hoạch 20/KH-UBND có kinh phí bao nhiêu?'] },
];

export const FIXTURE_TOTAL = FIXTURE_KINDS.reduce((n, k) => n + k.count, 0);
export const FIXTURE_FIRST_DAY = '2025-11-20';
export const FIXTURE_DAYS = 21;

/**
 * Writes the fixture into `store`: {@link FIXTURE_TOTAL} questions from FIXTURE_FIRST_DAY over FIXTURE_DAYS days,
 * and 12 feedback records (4 thumbs-down with a comment citing kh-20-chuyen-doi-so / qd-15-gio-lam-viec).
 */
export async function writeUsageFixture(store: Store, seed = 17): Promise<void> {
  const random = rng(seed);
  const day0 = Date.parse(`${FIXTURE_FIRST_DAY}T00:00:00.000Z`);
  for (const kind of FIXTURE_KINDS) {
    for (let i = 0; i < kind.count; i++) {
      const day = Math.floor(random() * FIXTURE_DAYS);
      const at = new Date(day0 + day * 86_400_000 + Math.floor((7 + random() * 10) * 3_600_000)).toISOString();
      // A few slow ones (a cold model, a long list): the report's slowest.
      const latencyMs = random() < 0.03 ? 900 + Math.floor(random() * 2000) : 4 + Math.floor(random() * 60);
      await store.logQuestion({
        at,
        question: kind.questions[i % kind.questions.length]!,
        outcome: kind.refusalCode ? 'refused' : 'answered',
        ...(kind.refusalCode ? { refusalCode: kind.refusalCode, missing: kind.missing ?? [] } : {}),
        mode: random() < 0.1 ? 'llm' : 'extractive',
        latencyMs,
      });
    }
  }
  const feedback = [
    { rating: 'down', question: 'Ai chủ trì theo dõi kế hoạch chuyển đổi số?', comment: 'Thiếu cơ quan phối hợp, cần bổ sung văn bản giao nhiệm vụ.', documentId: 'kh-20-chuyen-doi-so', start: 0, end: 160 },
    { rating: 'down', question: 'Buổi sáng làm việc từ mấy giờ?', comment: 'Tỉnh đã đổi giờ làm việc mùa hè, văn bản này cũ rồi.', documentId: 'qd-15-gio-lam-viec', start: 0, end: 140 },
    { rating: 'down', question: 'Bộ phận một cửa tiếp công dân khi nào?', comment: 'Không nói có tiếp chiều thứ Bảy không.', documentId: 'qd-15-gio-lam-viec', start: 0, end: 200 },
    { rating: 'down', question: 'Quyết định 15/QĐ-UBND có hiệu lực từ ngày nào?', documentId: 'qd-15-gio-lam-viec', start: 0, end: 120 },
  ];
  for (let i = 0; i < feedback.length; i++) {
    const f = feedback[i]!;
    await store.addFeedback({
      at: new Date(day0 + (10 + i) * 86_400_000 + 9 * 3_600_000).toISOString(),
      question: f.question,
      answer: `Câu trả lời đã được đánh giá ${i + 1} [1].`,
      rating: 'down',
      ...(f.comment ? { comment: f.comment } : {}),
      citations: [{ n: 1, documentId: f.documentId, start: f.start, end: f.end }],
      mode: 'extractive',
      indexVersion: 'fixture',
    });
  }
  for (let i = 0; i < 8; i++) {
    await store.addFeedback({
      at: new Date(day0 + (i * 2 + 1) * 86_400_000 + 10 * 3_600_000).toISOString(),
      question: FIXTURE_KINDS[0]!.questions[i % 5]!,
      answer: 'Câu trả lời hữu ích [1].',
      rating: 'up',
      citations: [{ n: 1, documentId: 'qd-15-gio-lam-viec', start: 0, end: 100 }],
      mode: 'extractive',
    });
  }
}
