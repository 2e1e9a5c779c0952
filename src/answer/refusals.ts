/**
 * What a refusal says. An official must tell "the corpus does not hold that document" from "the document does not
 * say": each refusal carries a stable code (REFUSAL_CODES), what the question named that is missing, where it helps
 * what the corpus has instead, and a Vietnamese sentence built from them. The generic sentence is the last resort.
 */
import type { Answer, Refusal, RefusalCode } from './types.js';

export const NOT_FOUND_ANSWER = 'Không tìm thấy thông tin này trong các tài liệu hiện có.';

/** Most alternatives named after "Kho hiện có …". */
const MAX_AVAILABLE = 6;

const quoted = (items: string[]) => items.map((m) => `“${m}”`).join(', ');
const listed = (items: string[] | undefined) => (items?.length ? items.slice(0, MAX_AVAILABLE).join(', ') + (items.length > MAX_AVAILABLE ? ', …' : '') : '');

/**
 * The sentence a refusal says.
 * @param subject for NOT_STATED, the document (or topic) that is in the corpus but does not state what is asked; for
 *   NO_EVIDENCE, the document the question names, in which no passage is about what is asked; for
 *   DOCUMENT_MISSING with `mentionedIn`, what the documents mentioning it do not state ("người ký")
 */
export function refusalMessage(refusal: Refusal, subject?: string): string {
  const missing = refusal.missing ?? [];
  const available = listed(refusal.available);
  switch (refusal.code) {
    case 'OUT_OF_SCOPE':
      return 'Tôi chỉ trả lời các câu hỏi về nội dung văn bản trong kho tài liệu (nghị quyết, chương trình, kế hoạch…); yêu cầu này nằm ngoài phạm vi đó.';
    case 'DOCUMENT_MISSING':
      if (refusal.mentionedIn?.length) {
        return `Kho văn bản hiện không có toàn văn ${missing.join(', ')}; văn bản này chỉ được nhắc đến trong ${listed(refusal.mentionedIn)}, không nêu ${subject ?? 'điều được hỏi'}.`;
      }
      return `Kho văn bản hiện không có ${missing.join(', ') || 'văn bản được hỏi'}.${available ? ` Các văn bản cùng loại trong kho: ${available}.` : ''}`;
    case 'PLACE_MISSING':
      return `Các văn bản trong kho không có số liệu về ${missing.join(', ') || 'địa phương được hỏi'}.${available ? ` Kho có văn bản về: ${available}.` : ''}`;
    case 'YEAR_MISSING':
      return `Các văn bản trong kho không nói đến ${missing.length ? `năm ${missing.join(', ')}` : 'thời điểm được hỏi'}.${available ? ` Các mốc thời gian có trong kho: ${available}.` : ''}`;
    case 'NAME_MISSING':
      return `Các văn bản trong kho không nhắc đến ${quoted(missing) || 'người hoặc cơ quan được hỏi'}.`;
    case 'ORDINAL_MISSING':
      return `Các văn bản trong kho không nói đến ${missing.join(', ')}.${available ? ` Kho chỉ có: ${available}.` : ''}`;
    case 'NOT_STATED':
      return `${subject ? `${subject.charAt(0).toUpperCase()}${subject.slice(1)} có trong kho nhưng` : 'Các văn bản trong kho'} không nêu ${missing.length ? missing.join(', ') : 'thông tin được hỏi'}.`;
    case 'FOLLOWUP_UNRELATED':
      return `Các đoạn văn bản về chủ đề đang hỏi không nói đến ${missing.length ? quoted(missing) : 'điều này'}.`;
    case 'NO_EVIDENCE':
      // The document the question names, where it is in the corpus: "Nghị quyết số … có trong kho nhưng không có đoạn
      // nào nói về “…”".
      if (subject) return `${subject.charAt(0).toUpperCase()}${subject.slice(1)} có trong kho nhưng không có đoạn nào nói về ${missing.length ? quoted(missing) : 'điều được hỏi'}.`;
      // What was looked for, where the question names a topic: "Không tìm thấy đoạn văn bản nào nói về “…”".
      return missing.length ? `Không tìm thấy đoạn văn bản nào trong kho nói về ${quoted(missing)}.` : NOT_FOUND_ANSWER;
  }
}

/**
 * A refusal answer.
 * @param reason the trainer view's reason (kept as before: "best coverage 0.22 < 0.3", "year 2026 in no passage")
 */
export function refuse(
  code: RefusalCode,
  reason: string,
  details: { missing?: string[]; available?: string[]; mentionedIn?: string[]; subject?: string; mode?: Answer['mode'] } = {},
): Answer {
  const refusal: Refusal = { code };
  if (details.missing?.length) refusal.missing = details.missing;
  if (details.available?.length) refusal.available = details.available;
  if (details.mentionedIn?.length) refusal.mentionedIn = details.mentionedIn;
  return {
    answer: refusalMessage(refusal, details.subject),
    notFound: true,
    refusal,
    mode: details.mode ?? 'extractive',
    citations: [],
    trace: { refusal: reason, refusalCode: code },
  };
}
