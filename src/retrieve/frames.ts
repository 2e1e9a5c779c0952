/**
 * What a question's words do besides naming its topic: name a document by kind and title ("theo Luật Du lịch"), frame
 * the question ("…, đúng hay sai?"), name an article ("Điều 6") or a place ("tỉnh Quảng Ninh"). Retrieval weighs
 * such words down or turns them into constraints.
 */

/** Heading labels ("Điều 5.", "Chương II", "3.", "II-", "a)", "## I.") stripped before heading terms are taken. */
export const HEADING_LABEL = /^(?:#+\s*)?(?:điều\s+\d+[a-z]?\s*[.:]|(?:chương|mục|phần|phụ lục)\s+[IVXLC\d]+[a-z]?\b[.:]?|[IVXLC]+\s*[.)-]|\d+(?:\.\d+)*\s*[.)-]|[a-zđ]\))?\s*/iu;

/** Kinds of legal document a question names by title ("theo Luật Du lịch", "Hiến pháp quy định …"). */
export const NAMED_KIND = /^(?:(?:bộ )?luật|hiến pháp|pháp lệnh|nghị quyết|nghị định|quyết định|thông tư|chỉ thị|kết luận|điều lệ)(?: |$)/u;

/** A title that is only a kind ("Luật", "Nghị quyết 5") names no document in particular ("Hiến pháp" does). */
export const KIND_ONLY = /^(?:(?:bộ )?luật|pháp lệnh|nghị quyết|nghị định|quyết định|thông tư|chỉ thị|kết luận|điều lệ)(?: \d+)?$/u;

/** Phrases that frame a question and say nothing of its topic, accent-folded. */
export const QUESTION_FRAMES = [
  'dung hay sai', 'nao sau day', 'nao duoi day', 'chon cau tra loi dung nhat', 'chon dap an dung', 'chon phuong an dung',
  // "Bao nhiêu phần trăm" asks for a percentage (a passage's "30%" holds those words): what kind of answer, not the topic.
  'bao nhieu phan tram',
  // "Thế nào là X?", "X là gì?": a definition asked for; "là" then pairs with X's first word ("là_sinh") as a passage's
  // "… là sinh viên chính quy" does, which is not what X is.
  'the nao la', 'la gi', 'la the nao', 'nhu the nao', 'bang cach nao', 'ra sao',
  // A person telling that they ask ("em có một thắc mắc là …", "tò mò không biết …").
  'thac mac', 'to mo',
  // "X được sử dụng để làm gì?": a purpose asked for (see answer/units.ts formFit); X is the topic.
  'duoc su dung de lam gi', 'dung de lam gi', 'de lam gi',
].map(
  (f) => f.split(' '),
);

/** Frames only where a question opens with them, accent-folded (see SearchEngine.focus). */
export const OPENING_FRAMES = ['muc dich cua', 'muc dich chinh cua', 'y nghia cua'].map((f) => f.split(' '));

/** "tỉnh Quảng Ninh", "thành phố Hạ Long": a place name after the word for its kind. */
export const PLACE_NAME = /(?:[Tt]ỉnh|[Tt]hành phố|TP\.?|[Hh]uyện|[Qq]uận|[Tt]hị xã)\s+(\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*){0,2})/gu;

/** Syllables of document type words ("nghị quyết", "kế hoạch", "chương trình hành động số"). */
export const DOC_TYPE_WORDS = new Set(
  'nghi quyet ke hoach chuong trinh hanh dong ket luan quyet dinh chi thi thong tu nghi dinh cong van de an thong bao bao cao so'.split(' '),
);

/** "Điều 6" named in a question. */
const ARTICLE_REF = /(?<![\p{L}\d])điều\s+(\d+[a-z]?)(?![\p{L}\d])/giu;

/** The articles a question names ("Điều 6", "điều 12a"), as section labels. */
export function articleRefs(text: string): Set<string> {
  return new Set([...text.matchAll(ARTICLE_REF)].map((m) => `Điều ${m[1]}`));
}
