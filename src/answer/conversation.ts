/**
 * Conversation state without a model. Each turn's question and the answer given to it fill a small state: the
 * document, agency, place and year the conversation is about, its topic (what is asked about, not the frame words)
 * and the attribute asked (who / when / how much …). A follow-up fills what it names and inherits the rest; a
 * question that stands on its own starts afresh, so nothing of an earlier turn leaks into it.
 *
 * The state is rebuilt by replaying the history (questions and the assistant's answers), so a client sends only
 * what the widget shows: `[{role, content}]`.
 */
import { findDocRefs, TYPE_BEFORE, typeCode } from '../text/docrefs.js';
import { canonSyllable, fold, hasDiacritics } from '../text/normalize.js';
import { isStopword, stopwordCheck, tokens, type Token } from '../text/tokenize.js';
import { locateAgencies, locateBodies } from '../facts/agencies.js';
import { PLACE_NAME } from '../retrieve/frames.js';
import { intentOf, type Intent } from '../retrieve/query.js';
import { PROVINCE_KEYS } from '../text/places.js';

export type SlotKind = 'document' | 'agency' | 'place' | 'year';
export const SLOT_KINDS: readonly SlotKind[] = ['document', 'agency', 'place', 'year'];

interface Span {
  start: number;
  end: number;
}

/** What one question names by itself. */
export interface Reading {
  /** The first span of each kind, as written. */
  slots: Partial<Record<SlotKind, string>>;
  /** Where each kind stands (every span, for swaps and for telling topic words apart). */
  spans: Partial<Record<SlotKind, Span[]>>;
  /** The words of what is asked about, as written (frame words, slots and references back left out). */
  topic: string;
  /** Where the topic stands, first topic word to last. */
  topicSpan?: Span;
  /** The question's closing words that ask ("do ai chủ trì?", "là bao nhiêu?"), when it has any. */
  asking: string;
  intent: Intent;
}

export interface ConversationState {
  document?: string;
  agency?: string;
  place?: string;
  year?: string;
  topic?: string;
  /** The kind of question last asked (see retrieve/query.ts intentOf). */
  attribute?: Intent;
  /** The last question as understood on its own (what a swap rewrites). */
  question?: string;
  /** What the last answer said first, without its source label and markers: what "chỉ tiêu đó" stands for. */
  subject?: string;
  /** Document numbers met in the conversation (questions and answers), most recent last, as written. */
  documents: string[];
  /** The items of the last answer when it listed some ("(1) … (2) …"): what "nhiệm vụ thứ hai" refers to. */
  items?: string[];
  /** The office the last answer names as someone's role ("do Bí thư Tỉnh ủy làm Trưởng ban"): "người đó". */
  holder?: string;
  /** Set by a side question ("Tên người đó là gì?"): its answer does not become the subject "ban đó" refers to. */
  aside?: boolean;
  /** The document the last answer was about as a whole ("Nghị quyết số 03/NQ-CP … được ban hành ngày …"): "nó". */
  aboutDocument?: string;
  /**
   * The unnumbered document the last answer quoted, as its label reads ("“Phiên họp thứ nhất Ban Chỉ đạo…”"): what
   * "phiên họp này" and a "Còn X?" swap keep reading (a numbered one is the `document`).
   */
  source?: string;
}

export const emptyState = (): ConversationState => ({ documents: [] });

/**
 * Frame words of a question, folded: they say what is asked of the topic (its lead, deadline, figure, issuer), not
 * what the topic is. Declared once here; a follow-up made only of them (and references back) has no topic of its
 * own and inherits the one before.
 */
const FRAME_PHRASES = [
  'chủ trì', 'phối hợp', 'theo dõi', 'đánh giá', 'thời hạn', 'hạn', 'hạn chót', 'hoàn thành', 'ban hành', 'ngày', 'tháng', 'ký',
  'người ký', 'hiệu lực', 'cơ quan', 'đơn vị', 'tên', 'nội dung', 'giao', 'thực hiện', 'đạt', 'bộ', 'sở', 'cấp',
  'ngành', 'trách nhiệm', 'chịu trách nhiệm', 'phụ trách', 'thời gian', 'thời điểm', 'địa điểm', 'xong', 'bao lâu',
  'nhiệm vụ', 'chỉ tiêu', 'mục tiêu', 'văn bản', 'cụ thể', 'thế nào', 'thế', 'như', 'vậy', 'còn', 'sao', 'thì',
  'kết quả', 'tiến độ', 'diễn ra', 'tổ chức', 'số liệu', 'giá trị', 'mức', 'yêu cầu', 'phần', 'họ', 'chính', 'trước',
  'sau', 'từ', 'vào', 'lúc', 'hồi', 'nghị quyết', 'kế hoạch', 'chương trình', 'kết luận', 'quyết định', 'chỉ thị', 'đề án', 'thông báo',
  'nghị định', 'thông tư', 'tầm nhìn', 'giai đoạn', 'định hướng', 'đặt', 'đề ra', 'phấn đấu', 'được',
  // Attributes of a document the document-fact answers read (document-facts.ts): the meeting or session that adopted it.
  'khóa', 'kỳ họp', 'thông qua',
  // Columns of a task table an answer's row is read by (answer/rows.ts): its output.
  'sản phẩm', 'kết quả đầu ra',
].map((p) => {
  const accented = p.split(' ').map(canonSyllable);
  return { accented, folded: accented.map((w) => fold(w)) };
});

/** Kinds of item a plan or report counts, one asked in place of another ("Còn nhiệm vụ?"), folded. */
const ITEM_NOUNS = ['nhiem vu', 'chi tieu', 'muc tieu', 'giai phap', 'du an'];

/** "kế hoạch đó", "nghị quyết này", "văn bản trên", "NQ đó" (folded): a document referred back to, with its kind. */
const DOC_ANAPHORA = /\b(ke hoach|nghi quyet|chuong trinh(?: hanh dong)?|ket luan|quyet dinh|van ban|de an|chi thi|thong bao|nghi dinh|thong tu|nq|kh|ctr|kl|qd|vb)\s+(do|nay|tren|ay|vua neu|noi tren)\b/;
/**
 * The type of document a question refers back to by its kind ("kế hoạch đó" → "kh", "đề án này" → "da"), as the
 * type code of document keys; undefined for "văn bản đó" (any kind) or no reference back.
 */
export function kindReferredBack(question: string): string | undefined {
  const m = DOC_ANAPHORA.exec(fold(question).toLowerCase());
  return m && !/^(?:van ban|vb)$/.test(m[1]!) ? typeCode(m[1]!) : undefined;
}

/** "bộ đó", "cơ quan này", "sở ấy": an agency referred back to. */
const AGENCY_ANAPHORA = /\b(bo|so|co quan|don vi|uy ban)\s+(do|nay|tren|ay|noi tren|vua neu)\b/;
/** The same, as written with accents: "sở này", not "số này" of "con số này". */
const AGENCY_ANAPHORA_WRITTEN = /^(?:bộ|sở|cơ quan|đơn vị|ủy ban|uỷ ban)\s+(?:đó|này|trên|ấy|nói trên|vừa nêu)$/iu;

/** Where a text refers back to a body ("bộ đó", "cơ quan này"): read folded, and held to its accents where typed with them. */
function agencyBackIn(text: string): RegExpExecArray | undefined {
  const written = text.normalize('NFC');
  const m = AGENCY_ANAPHORA.exec(fold(written).toLowerCase());
  if (!m) return undefined;
  return hasDiacritics(written) && !AGENCY_ANAPHORA_WRITTEN.test(written.slice(m.index, m.index + m[0].length)) ? undefined : m;
}
/**
 * "tỉnh này", "thành phố đó", "tỉnh" opening a question before a lower-case word, or after "của", "toàn", "ở" with no
 * name after it ("tỷ lệ … của tỉnh đạt bao nhiêu?"): the place talked about.
 */
const PLACE_ANAPHORA = /(?<![\p{L}])(?:tỉnh|thành phố)\s+(?:này|đó|ấy|nhà)(?![\p{L}])|^\s*(?:[Tt]ỉnh|[Tt]hành phố)(?=\s+\p{Ll})|(?<=(?:của|toàn|trên địa bàn|ở|tại)\s+)(?:tỉnh|thành phố)(?=\s+\p{Ll}|\s*[?.,;]|\s*$)/u;
/**
 * A noun standing for the earlier subject: "nhiệm vụ đó", "ban đó", "chỉ tiêu này", "hội nghị ấy", "con số đó", "tỷ lệ
 * này", "nó" (not "mức"/"số" alone: folded, "mức độ" and "sơ đồ" read the same).
 */
const SUBJECT_ANAPHORA = /\b(nhiem vu|chi tieu|ban|to|hoi nghi|de an|du an|chuong trinh|co quan|don vi|muc tieu|phien hop|phien|ky hop|cuoc hop|luat|nghi dinh|nguoi|viec|con so|so lieu|ty le|ti le|chi so)\s+(do|nay|tren|ay|noi tren|vua neu)\b|\bno\b/;
/** "Còn X thì sao?", "Thế còn X?", "Vậy X thì thế nào?", "Còn X?": X in place of the earlier one of its kind. */
const WHAT_ABOUT = /^\s*(?:(?:the|vay)\s+)?(?:con\s+)?(.+?)\s+(?:thi sao|the nao|ra sao|thi the nao|thi sao a)\s*\??\s*$/;
const STILL_ONLY = /^\s*(?:(?:the|vay)\s+)?con\s+(.+?)\s*\??\s*$/;
/** The whole country as a place (folded): "cả nước", "toàn quốc", "quốc gia". */
const NATIONAL = /^(?:ca nuoc|toan quoc|quoc gia|ca nuoc ta|trung uong|ca quoc gia)$/;

/** "(Con số này) khác X thế nào?", "So với X (thì) ra sao?" (folded): X to be asked the same question. */
const COMPARED = /^\s*(?:(?:con so|chi tieu|muc tieu|muc|so lieu|ty le|quy dinh)\s+(?:nay|do|tren)\s+)?(?:khac|so voi)\s+(.+?)\s+(?:(?:thi\s+)?(?:the nao|ra sao|nhu the nao|sao)|khong)\s*\??\s*$/;

/** "Còn …", "Thế còn …", "Vậy còn …": the question goes on from the one before. */
const GOES_ON = /^\s*(?:(?:the|vay)\s+)?con\s+/;
/** "Thế KH 540 thì ban hành ngày nào?": the earlier question's frame with a new subject. */
const THEN = /^\s*(?:the|vay)\s+/;

/** A year or period as a question writes it ("đến 2030", "năm 2025", "giai đoạn 2026-2030"), folded. */
const YEAR_SPAN = /(?:(?:den|toi|trong|vao)\s+)?(?:(?:nam|giai doan|ky)\s+)?(?<!\d)(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?(?!\d)/g;
/** The year a document was issued, written right after its number: " năm 2012", " (2012)", "/2012" (folded). */
const DOCUMENT_YEAR = /^(?:\s+(?:ban hanh\s+)?nam\s+|\s*\(\s*(?:nam\s+)?|\/)(?:19|20)\d{2}(?!\d)\s*\)?/;
/** Known provinces, with or without "tỉnh"/"thành phố" (folded). */
const PROVINCE = new RegExp(`(?:\\b(?:tinh|thanh pho|tp)\\.?\\s+)?\\b(?:${PROVINCE_KEYS.map((k) => k.replace(/ /g, '\\s*-?\\s*')).join('|')})\\b`, 'g');

/** Question words (folded). */
const ASKS = /\b(ai|nao|gi|bao nhieu|bao gio|khi nao|o dau|dau|may|the nao|sao|chua|khong)\b/;

/** Most words the X of "Còn X?" may have to be read as a new subject rather than as a question of its own. */
const MAX_SUBJECT_WORDS = 12;

/** "Bộ trưởng Công an", "Bộ trưởng Bộ Khoa học và Công nghệ": a minister, standing for the ministry it heads. */
function ministerSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/(?<![\p{L}])Bộ trưởng\s+(?:Bộ\s+)?/gu)) {
    const rest = text.slice(m.index + m[0].length);
    // The ministry's name as the agency list writes it, read as "Bộ <name>".
    const ministry = locateAgencies(`Bộ ${rest.slice(0, 80)}`).find((a) => a.start === 0);
    if (ministry) out.push({ start: m.index, end: m.index + m[0].length + ministry.end - 3 });
  }
  return out;
}

/**
 * Listed agencies' spans, each widened to a minister's span that holds it ("Bộ trưởng Bộ Tài chính", not "Bộ Tài
 * chính" leaving "trưởng" as a topic), with the other bodies' spans that overlap none of them, in order.
 */
function withBodies(listed: Span[], bodies: Span[], ministers: Span[]): Span[] {
  const widened = listed.map((a) => ministers.find((m) => m.start <= a.start && m.end >= a.end) ?? a);
  const more = [...bodies, ...ministers].filter((b) => !widened.some((a) => a.start < b.end && b.start < a.end));
  return [...new Map([...widened, ...more].map((x) => [`${x.start}:${x.end}`, x])).values()].sort((a, b) => a.start - b.start);
}

/** A minister ("Bộ trưởng …") stands in the place of a minister, a body in the place of a body. */
const MINISTER = /^Bộ trưởng\s/u;

/**
 * The year a document was issued, written right after its number ("NQ 20 năm 2012", "Nghị quyết 20 (2012)"): it
 * tells which document, and is no year the question asks about.
 */
function issueYearSpans(text: string): Span[] {
  const folded = fold(text).toLowerCase();
  return findDocRefs(text).flatMap((r) => {
    const m = DOCUMENT_YEAR.exec(folded.slice(r.end));
    return m ? [{ start: r.end, end: r.end + m[0].length }] : [];
  });
}

/** Where each slot kind stands in a text (documents with their type words, agencies and bodies, places, years). */
export function spansOf(text: string): Partial<Record<SlotKind, Span[]>> {
  const folded = fold(text).toLowerCase();
  const places: Span[] = [...folded.matchAll(PROVINCE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const m of text.matchAll(PLACE_NAME)) {
    if (!places.some((p) => p.start < m.index + m[0].length && m.index < p.end)) places.push({ start: m.index, end: m.index + m[0].length });
  }
  const issued = issueYearSpans(text);
  const out: Partial<Record<SlotKind, Span[]>> = {
    // "Nghị quyết số 03/NQ-CP", "KH 534-KH/TU": the type words before a number belong to it.
    document: findDocRefs(text).map((r) => ({ start: r.start - (TYPE_BEFORE.exec(folded.slice(0, r.start))?.[0].length ?? 0), end: r.end })),
    // Bodies of the agency list, and any other a head word and a capitalised name write ("Ủy ban Kinh tế").
    // A minister names the ministry ("Bộ trưởng Công an"): a swap puts the new body in its place.
    agency: withBodies(locateAgencies(text).map((a) => ({ start: a.start, end: a.end })), locateBodies(text, isStopword), ministerSpans(text)),
    place: places.sort((a, b) => a.start - b.start),
    year: [...folded.matchAll(YEAR_SPAN)].map((m) => ({ start: m.index, end: m.index + m[0].length })).filter((y) => !issued.some((d) => d.start <= y.start && y.end <= d.end)),
  };
  for (const kind of SLOT_KINDS) if (!out[kind]!.length) delete out[kind];
  return out;
}

/** The document numbers a text names, with their type words ("Kế hoạch số 45/KH-UBND"), in order. */
function documentsIn(text: string): string[] {
  return findDocRefs(text).map((s) => text.slice(s.start, s.end));
}

/** Token indexes covered by frame phrases (longest first). */
function frameTokens(list: Token[], accented: boolean): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    for (const phrase of FRAME_PHRASES) {
      const words = accented ? phrase.accented : phrase.folded;
      if (words.every((w, j) => (accented ? list[i + j]?.text : list[i + j]?.folded) === w)) for (let j = 0; j < words.length; j++) out.add(i + j);
    }
  }
  return out;
}

/**
 * The syllables of a text that stand in its frame phrases ("chỉ tiêu", "chủ trì", "thời hạn"), accented and folded:
 * what is asked of the topic, not the topic.
 */
export function frameSyllables(text: string): Set<string> {
  const list = tokens(text);
  const out = new Set<string>();
  for (const i of frameTokens(list, hasDiacritics(text))) out.add(list[i]!.text).add(list[i]!.folded);
  return out;
}

/**
 * Reads what a question names by itself.
 * @returns its slots (document, agency, place, year), the words of its topic and its asking words
 */
export function readQuestion(question: string): Reading {
  const spans = spansOf(question);
  const folded = fold(question).toLowerCase();
  const refsBack: Span[] = [];
  for (const m of [DOC_ANAPHORA.exec(folded), agencyBackIn(question), SUBJECT_ANAPHORA.exec(folded)]) {
    if (m) refsBack.push({ start: m.index, end: m.index + m[0].length });
  }
  const taken = [...Object.values(spans).flat(), ...refsBack, ...issueYearSpans(question)];
  const inSpan = (t: Token) => taken.some((s) => t.start < s.end && s.start < t.end);
  const list = tokens(question);
  const frame = frameTokens(list, hasDiacritics(question));
  const stop = stopwordCheck(hasDiacritics(question));
  const topical = list.filter((t, i) => !stop(t.text) && !frame.has(i) && !inSpan(t) && !/^\d+$/.test(t.text));
  const topic = topical.length ? question.slice(topical[0]!.start, topical[topical.length - 1]!.end) : '';
  // The asking words close the question: after its last topic or slot word.
  const lastEnd = Math.max(topical.at(-1)?.end ?? 0, ...taken.map((s) => s.end));
  const tail = question.slice(lastEnd).replace(/^[\s,;:)]+/, '').trim();
  const asking = ASKS.test(fold(tail).toLowerCase()) ? tail : '';
  const slots: Partial<Record<SlotKind, string>> = {};
  for (const kind of SLOT_KINDS) {
    const first = spans[kind]?.[0];
    if (first) slots[kind] = question.slice(first.start, first.end);
  }
  const topicSpan = topical.length ? { start: topical[0]!.start, end: topical[topical.length - 1]!.end } : undefined;
  return { slots, spans, topic, ...(topicSpan ? { topicSpan } : {}), asking, intent: intentOf(question) };
}

/** What an answer says first: its source label ("Theo …:") and markers left out. */
function leadOf(answer: string): string {
  const first = answer.split(/\[\d+\]/)[0] ?? '';
  return first.replace(/^Theo [^:]{0,200}:\s*/u, '').replace(/^[\s…]+/u, '').trim();
}

/** An item of a listed answer: "(2) Xây dựng Đề án … (thời hạn: 2025) [2]". */
const LISTED_ITEM = /\((\d+)\)\s+(.+?)(?:\s*\((?:thời hạn|hạn|đến)[^)]*\))?\s*\[\d+\]/gu;
/** "nhiệm vụ đầu tiên", "chỉ tiêu thứ hai", "mục cuối cùng" (folded): an item of the last listed answer. */
const ITEM_BACK = /\b(nhiem vu|chi tieu|muc tieu|muc|van ban|de an|noi dung|y)\s+(dau tien|thu nhat|cuoi cung|thu (mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|\d{1,2}))\b/;
const ITEM_NUMBER: Record<string, number> = { mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };

/** The item "nhiệm vụ thứ hai" refers to among the last answer's listed items, with where the reference stands. */
function itemReferredTo(question: string, state: ConversationState): { item: string; start: number; end: number } | undefined {
  const m = state.items && ITEM_BACK.exec(fold(question).toLowerCase());
  if (!m || !state.items) return undefined;
  const which = m[2]!;
  const n = which === 'dau tien' || which === 'thu nhat' ? 1 : which === 'cuoi cung' ? state.items.length : /^\d+$/.test(m[3]!) ? Number(m[3]) : ITEM_NUMBER[m[3]!]!;
  const item = state.items[n - 1];
  return item ? { item, start: m.index, end: m.index + m[0].length } : undefined;
}

/** "do Bí thư Tỉnh ủy làm Trưởng ban", "Trưởng Ban là Tổng Bí thư": an office named as someone's role. */
const HELD_BY = /(?:\bdo|\blà)\s+((?:đồng chí\s+)?(?:Phó\s+)?(?:Tổng Bí thư|Bí thư|Chủ tịch|Phó Chủ tịch|Giám đốc|Bộ trưởng|Thủ tướng|Phó Thủ tướng|Trưởng ban|Hiệu trưởng)(?:\s+\p{Lu}[\p{L}\p{M}]*(?:\s+[\p{Ll}\p{M}]+){0,5})*)\s+(?:làm|giữ chức)\b/u;
/** "Tên người đó là gì?", "Người này là ai?" (folded): the name of the person the last answer named by office. */
const PERSON_BACK = /\bnguoi (?:do|nay|ay)\b/;
const ASKS_NAME = /\b(?:ten|ho ten|la ai|la nguoi nao)\b/;

/** The out-of-scope refusal (refusals.ts, OUT_OF_SCOPE). */
const OUT_OF_SCOPE_ANSWER = /^Tôi chỉ trả lời các câu hỏi về nội dung văn bản/u;

/** True for a refusal (see refusals.ts refusalMessage): the answer gives no subject to refer back to. */
const REFUSED = /^(?:Tôi chỉ trả lời|Không tìm thấy thông tin|Không tìm thấy đoạn văn bản nào|Kho văn bản hiện không có|Các văn bản (?:trong kho )?không|Các đoạn văn bản về chủ đề đang hỏi)|có trong kho nhưng không nêu/u;

/** The state after the assistant's answer: the document it cites, what it said first. */
export function afterAnswer(state: ConversationState, answer: string): ConversationState {
  if (REFUSED.test(answer.trim())) return { ...state, subject: undefined, items: undefined };
  const items = [...answer.matchAll(LISTED_ITEM)].map((m) => m[2]!.replace(/…$/u, '').trim());
  const holder = HELD_BY.exec(answer)?.[1];
  const label = /^Theo ([^:]{0,200}):/u.exec(answer)?.[1];
  const cited = label ? documentsIn(label)[0] : undefined;
  // Numbers the answer names in passing ("… thực hiện Nghị quyết 57-NQ/TW") are there to refer back to; the one it
  // is quoted from (its label) is the most recent.
  const documents = [...state.documents, ...documentsIn(label ? answer.slice(label.length) : answer).filter((d) => d !== cited), ...(cited ? [cited] : [])];
  if (state.aside) return { ...state, aside: undefined, documents: documents.slice(-8) };
  // An answer about a document itself opens with its name, not "Theo …:" ("Nghị quyết số 03/NQ-CP do … ký [1].").
  const opening = label ? undefined : /^(?:Kế hoạch|Nghị quyết|Chương trình(?: hành động)?|Kết luận|Quyết định|Chỉ thị|Thông tư|Nghị định|Đề án|Luật)\s+(?:số\s+)?\S+/u.exec(answer)?.[0];
  const aboutDocument = opening && documentsIn(opening).length ? opening : undefined;
  const source = label && !cited && /^“/u.test(label) ? label : undefined;
  return { ...state, documents: documents.slice(-8), subject: leadOf(answer) || undefined, document: state.document ?? cited, items: items.length >= 2 ? items : state.items, holder, aboutDocument, source };
}


/** The document "kế hoạch đó" means: the most recent one of that kind, else the conversation's document. */
export function documentReferredTo(state: ConversationState, kindWords: string): string | undefined {
  const type = typeCode(kindWords);
  if (type) {
    const ofType = [...state.documents, ...(state.document ? [state.document] : [])].reverse().find((d) => findDocRefs(d)[0]?.key.startsWith(`${type}:`));
    if (ofType) return ofType;
  }
  return state.document ?? state.documents.at(-1);
}

export interface Resolution {
  /** The question as retrieval should read it. */
  question: string;
  rewritten: boolean;
  /** Words of the earlier turns that keep the subject, searched with a lower weight. */
  context?: string;
  /** True when the question's subject is only in the history: its context weighs more. */
  strong?: boolean;
  /** The question as asked, when it leans on the history for its subject. */
  own?: string;
  /** The state after this question. */
  state: ConversationState;
  /** The slots the question took from the state. */
  inherited: Array<SlotKind | 'topic' | 'attribute'>;
  /** True when the question stands on its own. */
  fresh: boolean;
}

/** A new state from what a question names; what it does not name is taken from `from` for the slots in `keep`. */
function fill(reading: Reading, question: string, from: ConversationState, keep: Array<SlotKind | 'topic' | 'attribute'>): ConversationState {
  // A follow-up keeps the last listed items to refer to ("nhiệm vụ thứ hai"); a question on its own does not.
  const state: ConversationState = {
    documents: [...from.documents],
    question,
    ...(keep.length && from.items ? { items: from.items } : {}),
    ...(keep.length && from.source ? { source: from.source } : {}),
  };
  for (const kind of SLOT_KINDS) state[kind] = reading.slots[kind] ?? (keep.includes(kind) ? from[kind] : undefined);
  state.topic = reading.topic || (keep.includes('topic') ? from.topic : undefined);
  state.attribute = reading.intent !== 'general' ? reading.intent : keep.includes('attribute') ? from.attribute : 'general';
  if (reading.slots.document) state.documents.push(reading.slots.document);
  state.documents = state.documents.slice(-8);
  return state;
}

/** Words asking for an intent where a question that swapped its topic has none of its own. */
const ASKING_FOR: Partial<Record<Intent, string>> = {
  target: 'là bao nhiêu?', count: 'là bao nhiêu?', deadline: 'khi nào?', responsibility: 'do cơ quan nào chủ trì?',
  location: 'ở đâu?', progress: 'kết quả thực hiện thế nào?',
};

/** Slot values written into a rewritten question, so retrieval and the answer's checks see them. */
function slotWords(state: ConversationState, kinds: SlotKind[]): string {
  const parts: string[] = [];
  for (const kind of kinds) {
    const value = state[kind];
    if (!value) continue;
    parts.push(kind === 'document' ? `(${value})` : kind === 'place' && !/^(tỉnh|thành phố)/iu.test(value) ? `của ${value}` : value);
  }
  return parts.join(' ');
}

/** A year or period's figures ("2030", "2026-2030"). */
const YEAR_CORE = /(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?/;

/** Replaces the first span of a kind in a text; a year keeps the words before it ("đến năm 2030" → "đến năm 2045"). */
function swapSpan(text: string, kind: SlotKind, value: string): string | undefined {
  const spans = spansOf(text)[kind];
  const at = (kind === 'agency' ? spans?.find((s) => MINISTER.test(text.slice(s.start)) === MINISTER.test(value)) : undefined) ?? spans?.[0];
  if (!at) return undefined;
  if (kind === 'year') {
    const old = text.slice(at.start, at.end);
    const core = YEAR_CORE.exec(value)?.[0];
    if (core) return `${text.slice(0, at.start)}${old.replace(YEAR_CORE, core)}${text.slice(at.end)}`;
  }
  return `${text.slice(0, at.start)}${value}${text.slice(at.end)}`;
}

/** The earlier question about a new topic: its topic's words replaced, its slots and asking words kept. */
function swapTopic(state: ConversationState, subject: string, keep: SlotKind[]): string {
  const earlier = state.question!;
  const reading = readQuestion(earlier);
  if (!reading.topicSpan) return `${subject} ${slotWords(state, keep.filter((k) => k !== 'document'))} ${ASKING_FOR[state.attribute ?? 'general'] ?? ''} ${slotWords(state, keep.filter((k) => k === 'document'))}`;
  const swapped = `${earlier.slice(0, reading.topicSpan.start)}${subject}${earlier.slice(reading.topicSpan.end)}`;
  // A slot that stood inside the topic's words is written back.
  const after = readQuestion(swapped).slots;
  const lost = keep.filter((k) => state[k] && reading.slots[k] && !after[k]);
  return `${swapped} ${slotWords(state, lost)}`;
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').replace(/\s+([?,.)])/g, '$1').trim();

/** Two to four words before "đó", "này", "ấy", "nói trên": a thing referred back to by its common name. */
const NOUN_BACK = /((?:[\p{L}\p{M}]+\s+){1,3}[\p{L}\p{M}]+)\s+(?:đó|này|ấy|nói trên|vừa nêu)(?![\p{L}\p{M}])/u;

/** Most syllables a name written in small letters after its capitalised head runs on for. */
const SMALL_LETTER_NAME = 4;

/** The small-letter words that go on a name after its head ("dữ liệu quốc gia" of "Trung tâm …"), to a function word or a mark. */
function smallLetterName(after: string): string[] {
  const words: string[] = [];
  for (const m of after.matchAll(/(\s+)(\p{Ll}[\p{L}\p{M}]*)|(\S)/gu)) {
    if (!m[2] || isStopword(m[2]) || words.length >= SMALL_LETTER_NAME) break;
    words.push(`${m[1]}${m[2]}`);
  }
  // Fewer than two such syllables is a word of the sentence, not a name's.
  return words.length >= 2 ? words : [];
}

/**
 * The name a question refers back to by its first words ("ban chỉ đạo đó" → "Ban Chỉ đạo Trung ương"): where the last
 * question or answer writes those words as a name (capitalised) and the name goes on with more capitalised words.
 * Documents and bodies referred back to are read by their own rules.
 */
function nameReferredTo(question: string, state: ConversationState): { start: number; end: number; name: string } | undefined {
  const m = NOUN_BACK.exec(question);
  if (!m) return undefined;
  const words = m[1]!.split(/\s+/);
  for (let k = words.length; k >= 2; k--) {
    const phrase = words.slice(-k).join(' ');
    const start = m.index + m[0].indexOf(phrase, m[1]!.length - phrase.length);
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}])${phrase.split(' ').map((w) => fold(w).toLowerCase()).join('\\s+')}(?![\\p{L}\\p{M}])`, 'u');
    for (const source of [state.question, state.subject]) {
      if (!source) continue;
      const folded = fold(source).toLowerCase();
      const at = pattern.exec(folded);
      if (!at || !/^\p{Lu}/u.test(source.slice(at.index))) continue;
      const written = source.slice(at.index, at.index + at[0].length);
      // Its capitalised words and the syllable each may have after it ("Trung ương"), to a function word.
      const more = /^(?:\s+\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Ll}[\p{L}\p{M}]*)?)+/u.exec(source.slice(at.index + at[0].length))?.[0] ?? '';
      const kept = more.split(/(?=\s)/).filter(Boolean);
      while (kept.length && isStopword(kept.at(-1)!.trim().toLowerCase())) kept.pop();
      // A name written with one capital ("Trung tâm dữ liệu quốc gia") goes on in small letters to a function word
      // or a mark.
      if (!kept.length) kept.push(...smallLetterName(source.slice(at.index + at[0].length)));
      if (!kept.length) continue;
      return { start, end: m.index + m[0].length, name: `${written}${kept.join('')}` };
    }
  }
  return undefined;
}

/**
 * Reads a question against the conversation so far.
 * @param question the new question
 * @param state the state after the earlier turns
 */
export function resolveWith(question: string, state: ConversationState): Resolution {
  const reading = readQuestion(question);
  const folded = fold(question).toLowerCase();
  const fresh = (): Resolution => ({ question, rewritten: false, state: fill(reading, question, state, []), inherited: [], fresh: true });
  if (!state.question) return fresh();

  // "Nó có bao nhiêu nhiệm vụ?" after an answer about a document itself: "nó" is that document.
  if (state.aboutDocument && /^\s*no\b/.test(folded) && !reading.slots.document) {
    const standalone = question.replace(/^\s*nó(?![\p{L}\p{M}])/iu, state.aboutDocument);
    return { question: standalone, rewritten: true, state: fill(readQuestion(standalone), standalone, state, [...SLOT_KINDS]), inherited: ['document'], fresh: false };
  }

  // "Tên người đó là gì?" after "… do Bí thư Tỉnh ủy làm Trưởng ban": who holds that office.
  if (state.holder && PERSON_BACK.test(folded) && ASKS_NAME.test(folded)) {
    const standalone = `Ai là ${state.holder.replace(/^đồng chí\s+/u, '')}?`;
    // A side question: the conversation's topic stays ("Ban đó có bao nhiêu thành viên?" next).
    const next = { ...fill(readQuestion(standalone), standalone, state, [...SLOT_KINDS, 'topic']), topic: state.topic, subject: state.subject, holder: state.holder, aside: true };
    return { question: standalone, rewritten: true, state: next, inherited: ['topic'], fresh: false };
  }

  // "Còn nhiệm vụ thứ hai?" after "Nhiệm vụ “…” hạn khi nào?": the same question of the other item.
  const item = itemReferredTo(question, state);
  if (item && (WHAT_ABOUT.test(folded) || STILL_ONLY.test(folded)) && /“[^”]*”/u.test(state.question)) {
    const standalone = state.question.replace(/“[^”]*”/u, `“${item.item}”`);
    return { question: standalone, rewritten: true, state: fill(readQuestion(standalone), standalone, state, [...SLOT_KINDS, 'attribute']), inherited: ['topic', 'attribute'], fresh: false };
  }

  // "Còn X thì sao?", "Còn X?", "Thế X thì sao?": X in the slot of its kind, or as the topic.
  // "Con số này khác Nghị quyết 57 thế nào?", "So với năm 2020 thì sao?": the same question of X, to compare.
  const compared = COMPARED.exec(folded)?.[1];
  const about = (compared && SLOT_KINDS.some((k) => readQuestion(compared).slots[k]) ? compared : undefined) ?? WHAT_ABOUT.exec(folded)?.[1] ?? STILL_ONLY.exec(folded)?.[1];
  // "Còn cả nước?", "Còn toàn quốc thì sao?": the question before without its place.
  if (about && NATIONAL.test(about.trim()) && state.place && state.question) {
    const spans = spansOf(state.question).place ?? [];
    let standalone = state.question;
    // The place's words give way to "cả nước", which the answer is then held to (extractive.ts).
    for (const [i, span] of [...spans].reverse().entries()) {
      const before = standalone.slice(0, span.start).replace(/(?:của|ở|tại|trên địa bàn)?\s*$/iu, '');
      standalone = `${before}${i === spans.length - 1 ? ' cả nước' : ''}${standalone.slice(span.end)}`;
    }
    standalone = tidy(standalone.replace(/\s+([?,.])/g, '$1'));
    const next = { ...fill(readQuestion(standalone), standalone, state, ['document', 'year', 'attribute', 'topic']), place: undefined };
    return { question: standalone, rewritten: true, state: next, inherited: ['topic', 'attribute'], fresh: false };
  }
  // "Còn nhiệm vụ?" after "… đã hoàn thành bao nhiêu chỉ tiêu?": the same question of the other kind of item.
  const kind = about ? ITEM_NOUNS.find((n) => about.trim() === n) : undefined;
  if (kind && state.question) {
    const before = fold(state.question).toLowerCase();
    const other = ITEM_NOUNS.map((n) => ({ n, at: before.search(new RegExp(`(?<![a-z])${n}(?![a-z])`)) })).find((x) => x.n !== kind && x.at >= 0);
    if (other) {
      const written = readQuestion(question).topic || question.slice(folded.indexOf(kind), folded.indexOf(kind) + kind.length);
      const standalone = `${state.question.slice(0, other.at)}${written.trim()}${state.question.slice(other.at + other.n.length)}`;
      const next = fill(readQuestion(standalone), standalone, state, [...SLOT_KINDS, 'attribute', 'topic']);
      const inherited: Resolution['inherited'] = [...SLOT_KINDS.filter((k) => state[k]), 'topic', ...(state.attribute && state.attribute !== 'general' ? (['attribute'] as const) : [])];
      return { question: standalone, rewritten: true, state: next, inherited, fresh: false };
    }
  }
  if (about && about.split(/\s+/).length <= MAX_SUBJECT_WORDS) {
    const start = folded.indexOf(about);
    const subject = question.slice(start, start + about.length);
    const subjectReading = readQuestion(subject);
    const kinds = SLOT_KINDS.filter((k) => subjectReading.slots[k]);
    // "Thời tiết hôm nay thế nào?" asks about a topic of its own: with neither "còn"/"thế"/"vậy" nor "thì sao", a
    // "X thế nào?" goes on from the question before only when X is a document, body, place or year.
    const bare = !GOES_ON.test(folded) && !THEN.test(folded) && !/\bthi (?:sao|the nao|ra sao)\b/.test(folded) && !compared;
    // "Còn NQ 20 trước đây đặt bao nhiêu?": a document, body, place or year with only frame and asking words asks the
    // question before of it, as "Còn NQ 20 thì sao?" does.
    // Only where it asks what was asked before (a figure of a figure): "Còn KH 538 ban hành ngày nào?" asks its own.
    const figure = (i: Intent | undefined) => (i === 'target' || i === 'count' ? 'figure' : i);
    const sameAsked = subjectReading.intent === 'general' || figure(subjectReading.intent) === figure(state.attribute);
    // The question before asking one thing: of one asking several ("… số mấy, ngày nào?") X asks only its own.
    const asksOne = (fold(state.question).toLowerCase().match(new RegExp(ASKS.source, 'g')) ?? []).length <= 1;
    const slotOnly = kinds.length > 0 && !kinds.includes('year') && !subjectReading.topic && sameAsked && asksOne;
    const asksOnItsOwn = (!WHAT_ABOUT.test(folded) && !!subjectReading.asking && !slotOnly) || (bare && !!subjectReading.topic);
    if (!asksOnItsOwn && (kinds.length || subjectReading.topic)) {
      // The slots X names take the place of those of their kind in the earlier question ("năm 2045" of "đến năm 2030").
      let base = state.question;
      for (const k of kinds) base = swapSpan(base, k, subjectReading.slots[k]!) ?? `${subjectReading.slots[k]} ${base}`;
      // Another document asked the same question keeps its words, not its year: the other may set that target for a
      // year of its own (Nghị quyết 20 of 2012 set its targets for 2020). The year stays a word to search for.
      const yearSpan = kinds.includes('document') && !kinds.includes('year') ? spansOf(base).year?.[0] : undefined;
      const softYear = yearSpan ? base.slice(yearSpan.start, yearSpan.end) : undefined;
      if (yearSpan) base = `${base.slice(0, yearSpan.start)}${base.slice(yearSpan.end)}`;
      const keep = SLOT_KINDS.filter((k) => !subjectReading.slots[k]);
      // A topic X names replaces the earlier topic; what was asked carries over.
      // X's topic words alone: its frame words ("chỉ tiêu về") would weigh the earlier topic's rows back in.
      const standalone = tidy(subjectReading.topic ? swapTopic({ ...state, question: base }, subjectReading.topic, keep) : base);
      const next = fill(readQuestion(standalone), standalone, state, [...SLOT_KINDS, 'attribute', ...(subjectReading.topic ? [] : (['topic'] as const))]);
      if (subjectReading.topic) next.topic = subjectReading.topic;
      const inherited: Resolution['inherited'] = [
        ...keep.filter((k) => state[k]),
        ...(!subjectReading.topic && state.topic ? (['topic'] as const) : []),
        ...(state.attribute && state.attribute !== 'general' ? (['attribute'] as const) : []),
      ];
      return { question: standalone, rewritten: true, ...(softYear ? { context: softYear } : {}), state: next, inherited, fresh: false };
    }
  }

  let text = question;
  let rewritten = false;
  const inherited: Resolution['inherited'] = [];
  // "Ban chỉ đạo đó" after "… Ban Chỉ đạo Trung ương …": the name the conversation wrote in full.
  const named = nameReferredTo(question, state);
  if (named) {
    text = `${question.slice(0, named.start)}${named.name}${question.slice(named.end)}`;
    rewritten = true;
  }
  // "Nhiệm vụ thứ hai hạn khi nào?" after a list: that item, written out, is the subject.
  const listed = itemReferredTo(question, state);
  if (listed) {
    const noun = question.slice(listed.start, listed.end).split(/\s+/).slice(0, -2).join(' ') || question.slice(listed.start, listed.end);
    const kept = /^(?:nhiệm vụ|chỉ tiêu|mục tiêu|đề án|nội dung)/iu.exec(question.slice(listed.start))?.[0] ?? noun;
    text = `${question.slice(0, listed.start)}${kept} “${listed.item}”${question.slice(listed.end)}`;
    rewritten = true;
    inherited.push('topic');
  }
  // "Kế hoạch đó", "nghị quyết này": the document of that kind the conversation last named.
  const docBack = DOC_ANAPHORA.exec(folded);
  if (docBack && !reading.slots.document) {
    const ref = documentReferredTo(state, docBack[1]!);
    if (ref) {
      // "Kế hoạch đó" → "Kế hoạch 45/KH-UBND": the question's own type words stay, the number takes the place of "đó".
      const number = findDocRefs(ref).find((r) => r.full);
      const bare = number ? ref.slice(number.start, number.end) : ref;
      const determiner = docBack.index + docBack[0].length - docBack[2]!.length;
      text = number
        ? `${question.slice(0, determiner)}${bare}${question.slice(docBack.index + docBack[0].length)}`
        : `${question.slice(0, docBack.index)}${ref}${question.slice(docBack.index + docBack[0].length)}`;
      rewritten = true;
      inherited.push('document');
    }
  }
  // "Bộ đó", "cơ quan này": the conversation's agency.
  const agencyBack = agencyBackIn(text);
  if (agencyBack && !reading.slots.agency && state.agency) {
    text = `${text.slice(0, agencyBack.index)}${state.agency}${text.slice(agencyBack.index + agencyBack[0].length)}`;
    rewritten = true;
    inherited.push('agency');
  }
  // "Tỉnh xếp thứ mấy …?", "tỉnh này": the conversation's place (not "cấp tỉnh", "các tỉnh", "tỉnh Lào Cai").
  const placeBack = PLACE_ANAPHORA.exec(text);
  if (placeBack && !reading.slots.place && state.place) {
    const [word] = placeBack;
    const opening = placeBack.index === 0 || /^\s+$/.test(text.slice(0, placeBack.index));
    const place = opening ? `${state.place.charAt(0).toUpperCase()}${state.place.slice(1)}` : state.place;
    text = `${text.slice(0, placeBack.index)}${place}${text.slice(placeBack.index + word.length)}`;
    rewritten = true;
    inherited.push('place');
  }
  const subjectBack = (!!listed || SUBJECT_ANAPHORA.test(folded)) && !docBack && !agencyBack;
  const goesOn = GOES_ON.test(folded) || THEN.test(folded);
  const own = readQuestion(text);
  const topicless = !own.topic;
  const little = namesLittle(text);
  if (!rewritten && !subjectBack && !goesOn && !topicless && !little) return fresh();
  // A question naming its own document, agency or place, with nothing that refers back, is about those: it starts
  // afresh ("Kế hoạch 138/KH-UBND ban hành ngày nào?" after questions on another plan).
  const namesOwn = (['document', 'agency', 'place'] as const).some((k) => own.slots[k] && own.slots[k] !== state[k]);
  if (!rewritten && !subjectBack && !goesOn && namesOwn) return fresh();

  // A follow-up: what it does not name is the conversation's. The document is written into the question where the
  // question has no topic of its own or goes on from the one before ("Còn Bộ Công an thì được giao …?"); a question
  // with a small topic of its own ("Có bao nhiêu người tham gia?") only leans on it.
  const sameThing = topicless || subjectBack || goesOn;
  if (!own.slots.document && state.document && sameThing && !inherited.includes('document')) {
    text = `${text} (${state.document})`;
    rewritten = true;
    inherited.push('document');
  }
  for (const kind of ['agency', 'place', 'year'] as const) if (!own.slots[kind] && state[kind] && sameThing && !inherited.includes(kind)) inherited.push(kind);
  // Its subject is the one before where it names no topic, or little of one; with a topic of its own ("Có bao nhiêu
  // xã đã ban hành kế hoạch thực hiện nó?") it only refers back to the document.
  const leansOnTopic = topicless || (little && (!goesOn || subjectBack)) || (subjectBack && namesLittle(own.topic));
  if (leansOnTopic && state.topic) inherited.push('topic');
  // What the last answer said is the subject only while the question keeps to the same document, agency, place.
  const movesOn = SLOT_KINDS.some((k) => own.slots[k] && own.slots[k] !== state[k]);
  const contextParts = leansOnTopic ? [state.topic, (subjectBack || topicless) && !movesOn ? state.subject : undefined] : [];
  if (!sameThing && state.document && !own.slots.document) contextParts.push(state.document);
  // Places and years carry over as words to search for, not as conditions the answer must meet.
  if (sameThing) contextParts.push(...(['place', 'year'] as const).filter((k) => !own.slots[k]).map((k) => state[k]));
  const context = contextParts.filter(Boolean).join(' ') || undefined;
  const keep: Array<SlotKind | 'topic' | 'attribute'> = sameThing ? [...SLOT_KINDS, 'attribute'] : ['document'];
  if (leansOnTopic) keep.push('topic');
  const next = fill(own, tidy(text), state, keep);
  if (leansOnTopic) next.topic = own.topic ? `${state.topic ?? ''} ${own.topic}`.trim() : state.topic;
  return {
    question: tidy(text),
    rewritten,
    ...(context ? { context } : {}),
    strong: leansOnTopic || undefined,
    // Its own topic must be in the passage it is answered from (see refusal.ts); frame words need not be.
    ...(own.topic ? { own: own.topic } : {}),
    state: next,
    inherited: [...new Set(inherited)],
    fresh: false,
  };
}

/** Four topic syllables (two words) or fewer and no document: "Có bao nhiêu người tham gia?" has its subject in the history. */
export function namesLittle(question: string): boolean {
  const stop = stopwordCheck(hasDiacritics(question));
  return tokens(question).filter((t) => !stop(t.text)).length <= 4 && !findDocRefs(question).length;
}

/**
 * The conversation's state after its turns, oldest first: each question read against the state before it, each
 * answer adding what it cites.
 */
export function replay(history: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>): ConversationState {
  let state = emptyState();
  let before = state;
  for (const turn of history) {
    if (turn.role === 'user') {
      before = state;
      state = resolveWith(turn.content, state).state;
    } else if (OUT_OF_SCOPE_ANSWER.test(turn.content.trim())) {
      // A request the assistant does not answer ("Thời tiết hôm nay thế nào?") leaves the conversation as it was.
      state = before;
    } else {
      state = afterAnswer(state, turn.content);
    }
  }
  return state;
}

/** A question with the documents it names taken out, with the word that links them ("theo NQ 57", "của Kế hoạch 45"). */
export function withoutDocumentNumbers(question: string): string {
  const spans = spansOf(question).document ?? [];
  let out = question;
  for (const span of [...spans].reverse()) {
    const before = out.slice(0, span.start).replace(/[\s,]*(?:theo|của|trong|tại|thuộc|ở)?\s*$/iu, '');
    out = `${before}${out.slice(span.end)}`;
  }
  return out.replace(/\s+([?,.])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

