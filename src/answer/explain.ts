/**
 * How an answer was made, told step by step in plain Vietnamese for a class of officials: one sentence per step
 * ("Tách câu hỏi thành các từ khóa: …"), the technical name only as a secondary label. One pure module (no Node, no
 * DOM) shared by the widget's trainer view, the classroom page (`/lop-hoc`) and `npm run ask -- --trace`.
 *
 * It reads an answer with its trace defensively: a field that is missing or of another shape is left out.
 */
import type { Citation, Refusal } from './types.js';
import { isRec, list, num, str, strings, type Rec } from './trace-values.js';

/** What the explanation reads: the body of `POST /api/ask` (or `done` over the WebSocket). */
export interface Explained {
  answer: string;
  notFound: boolean;
  refusal?: Refusal;
  mode?: 'extractive' | 'llm';
  citations: Citation[];
  trace?: Record<string, unknown>;
}

export type StepId = 'conversation' | 'question' | 'passages' | 'confidence' | 'chosen' | 'check' | 'mode';

export interface ExplainStep {
  id: StepId;
  /** A short title: "Đọc câu hỏi". */
  title: string;
  /** What the step did, in one sentence a non-engineer understands. */
  text: string;
  /** The technical name, shown small beside it ("BM25 + vector"). */
  label?: string;
  /** Further lines (one per passage, per number checked …). */
  details: string[];
}

const quote = (s: string) => `“${s}”`;
/** "“a”, “b” và “c”". */
export function joinQuoted(items: string[], and = 'và'): string {
  const q = items.map(quote);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} ${and} ${q.at(-1)}`;
}

/** The kinds of question, as the trace's `query.intent` names them. */
export const INTENT_TEXT: Record<string, string> = {
  general: 'câu hỏi chung',
  count: 'hỏi số lượng',
  target: 'hỏi chỉ tiêu, mục tiêu',
  responsibility: 'hỏi ai chịu trách nhiệm',
  deadline: 'hỏi thời hạn, ngày tháng',
  location: 'hỏi ở đâu',
  progress: 'hỏi tiến độ, kết quả',
  list: 'cần liệt kê',
};

/** What a follow-up can take from the turns before (the trace's `conversation.inherited`). */
export const SLOT_TEXT: Record<string, string> = {
  document: 'văn bản',
  agency: 'cơ quan',
  place: 'địa phương',
  year: 'năm',
  topic: 'chủ đề',
  attribute: 'điều được hỏi',
};

/** What kind of source the answer quoted (the trace's `chosen[].kind`). */
const CHOSEN_TEXT: Record<string, string> = {
  row: 'hàng này của bảng',
  'issue-date': 'câu nêu ngày ban hành',
  'effective-date': 'câu nêu ngày có hiệu lực',
  issuer: 'câu nêu cơ quan ban hành',
  signature: 'phần chữ ký',
  subject: 'trích yếu của văn bản',
  fact: 'chỉ tiêu này',
  definition: 'dòng giải thích ký hiệu, chữ viết tắt này',
  section: 'mục này của văn bản',
};

/** Why a question was refused, in Vietnamese, from the answer's `refusal` code. */
export function refusalExplanation(refusal: Refusal | undefined, threshold = 30): string {
  if (!refusal) return '';
  const missing = refusal.missing?.length ? ` (${joinQuoted(refusal.missing)})` : '';
  const available = refusal.available?.length ? `; kho tài liệu có: ${joinQuoted(refusal.available.slice(0, 5))}` : '';
  switch (refusal.code) {
    case 'OUT_OF_SCOPE':
      return 'Đây không phải câu hỏi về các văn bản trong kho (ví dụ làm thơ, thời tiết, mật khẩu), nên trợ lý không trả lời.';
    case 'DOCUMENT_MISSING':
      if (refusal.mentionedIn?.length) {
        return `Kho không có toàn văn văn bản được hỏi${missing}; chỉ có văn bản nhắc đến nó (${joinQuoted(refusal.mentionedIn.slice(0, 5).map((m) => m.replace(/^“|”$/gu, '')))}), mà các văn bản đó không nêu điều câu hỏi cần.`;
      }
      return `Văn bản được hỏi${missing} không có trong kho tài liệu${available}.`;
    case 'PLACE_MISSING':
      return `Không tài liệu nào nói về địa phương được hỏi${missing}${available}.`;
    case 'YEAR_MISSING':
      return `Không tài liệu nào nói về năm hoặc giai đoạn được hỏi${missing}${available}.`;
    case 'NAME_MISSING':
      return `Tên được hỏi${missing} không xuất hiện trong tài liệu nào.`;
    case 'ORDINAL_MISSING':
      return `Tài liệu không nhắc tới lần, phiên hoặc thứ tự được hỏi${missing}.`;
    case 'NOT_STATED':
      return `Kho tài liệu có nói về điều được hỏi${missing}, nhưng không câu nào nêu đúng điều câu hỏi cần.`;
    case 'FOLLOWUP_UNRELATED':
      return 'Câu hỏi tiếp nối hỏi sang chuyện khác: không đoạn nào về chủ đề trước có các từ của câu hỏi này.';
    case 'NO_EVIDENCE':
      return `Không đoạn nào chứa đủ từ khóa của câu hỏi${missing ? ` về${missing.replace(/^ \(|\)$/g, ' ')}`.trimEnd() : ''} (cần ít nhất ${threshold} trên thang 100).`;
    default:
      return '';
  }
}

/** Why the assistant did not answer, told in Vietnamese from the server's older reason text (`trace.refusal`). */
export function legacyRefusalText(reason: string): string {
  const pct = (v: string) => `${Math.round(Number(v) * 100)}%`;
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [/^best coverage ([\d.]+) < ([\d.]+)/, (m) => `đoạn sát nhất chỉ chứa ${pct(m[1]!)} từ khóa của câu hỏi, cần ít nhất ${pct(m[2]!)}`],
    [/^own coverage ([\d.]+) < ([\d.]+)/, (m) => `câu hỏi nối tiếp hỏi điều khác: đoạn sát nhất chỉ chứa ${pct(m[1]!)} từ khóa riêng của câu hỏi, cần ít nhất ${pct(m[2]!)}`],
    [/^out-of-scope request/, () => 'yêu cầu nằm ngoài phạm vi các tài liệu'],
    [/^document (\S+) not in the corpus/, (m) => `văn bản ${m[1]!.replace(':', ' ')} không có trong kho tài liệu`],
    [/^year (.+) in no passage/, (m) => `không tài liệu nào nói về năm ${m[1]}`],
    [/^no passage about (.+)/, (m) => `không tài liệu nào nói về ${m[1]}`],
    [/^no figure for a quantity question/, () => 'câu hỏi cần một con số, nhưng không câu nào nêu con số về nội dung này'],
    [/^no enterprise named/, () => 'câu hỏi hỏi doanh nghiệp nào, nhưng không câu nào về nội dung này nêu tên một doanh nghiệp'],
    [/^no number for the document asked/, () => 'câu hỏi hỏi số hiệu một văn bản, nhưng không câu nào về nội dung này ghi số của văn bản loại đó'],
    [/^no progress reported for a status question/, () => 'câu hỏi hỏi việc đã làm đến đâu, nhưng không câu nào về nội dung này báo cáo kết quả hay tiến độ (một kế hoạch chỉ nêu việc phải làm)'],
    [/^no length of time for a how-long question/, () => 'câu hỏi hỏi một khoảng thời gian (bao lâu, mấy tháng), nhưng không câu nào về nội dung này nêu khoảng thời gian'],
    [/^no time for a when question/, () => 'câu hỏi hỏi thời hạn hoặc thời điểm, nhưng không câu nào về nội dung này nêu ngày, tháng, năm hay mốc thời gian'],
    [/^no holder named for the office/, () => 'câu hỏi hỏi ai giữ chức vụ, nhưng không câu nào nêu tên người giữ chức vụ này'],
    [/^no (passage|unit)$/, () => 'không tìm thấy đoạn văn phù hợp'],
    [/^no signature in (.+)/, (m) => `văn bản ${m[1]} trong kho không có phần chữ ký`],
    [/^no effect date in (.+)/, (m) => `văn bản ${m[1]} trong kho không có câu hay mục nói ngày có hiệu lực`],
  ];
  for (const [pattern, say] of rules) {
    const m = reason.match(pattern);
    if (m) return say(m);
  }
  return '';
}

/** The comparable confidence of a trace: the answer's value, the best passage's and the threshold (0–100). */
export function confidenceOf(trace: Rec | undefined): { answer?: number; best?: number; threshold: number; capped: boolean; raised: boolean } {
  const c = isRec(trace?.confidence) ? trace.confidence : {};
  const scale = isRec(c.scale) ? c.scale : {};
  const answer = isRec(c.answer) ? c.answer : {};
  return { answer: num(answer.value), best: num(c.best), threshold: num(scale.threshold) ?? 30, capped: answer.capped === true, raised: answer.raised === true };
}

/** What the trace says of a model's rewrite that was not used, and of an inherited document that did not say it. */
function conversationNotes(trace: Rec): string[] {
  const notes: string[] = [];
  const condensed = isRec(trace.condensed) ? trace.condensed : {};
  if (str(condensed.rejected)) {
    notes.push(`Mô hình viết lại câu hỏi thành ${quote(str(condensed.rejected)!)}, nhưng cách viết đó nêu văn bản, cơ quan, địa phương hoặc năm không khớp với hội thoại, nên hệ thống dùng cách hiểu theo quy tắc.`);
  }
  if (str(trace.inheritedDocumentSilent)) notes.push('Văn bản lấy từ câu hỏi trước không nêu điều được hỏi; câu trả lời lấy từ văn bản có nêu.');
  if (str(trace.conversationDocument)) notes.push('Câu hỏi không nêu văn bản nào; văn bản mà câu trả lời trước trích cũng trả lời được (khớp câu hỏi không kém nơi khác), nên câu trả lời lấy từ văn bản đó.');
  return notes;
}

function conversationStep(trace: Rec, query: Rec): ExplainStep | undefined {
  const step = conversationStepOf(trace, query);
  const notes = conversationNotes(trace);
  return step && notes.length ? { ...step, details: [...step.details, ...notes] } : step;
}

function conversationStepOf(trace: Rec, query: Rec): ExplainStep | undefined {
  const conversation = isRec(trace.conversation) ? trace.conversation : undefined;
  if (conversation) {
    const state = isRec(conversation.state) ? conversation.state : {};
    const inherited = strings(conversation.inherited);
    if (conversation.fresh === true || !inherited.length) {
      return { id: 'conversation', title: 'Câu hỏi mới', text: 'Câu hỏi mới: không lấy gì từ các câu hỏi trước.', label: 'trạng thái hội thoại', details: [] };
    }
    const taken = inherited.map((slot) => `${SLOT_TEXT[slot] ?? 'thông tin'}${str(state[slot]) ? ` ${quote(str(state[slot]))}` : ''}`);
    return {
      id: 'conversation',
      title: 'Câu hỏi tiếp nối',
      text: `Câu hỏi tiếp nối: lấy ${taken.join(', ')} từ câu hỏi trước.`,
      label: 'trạng thái hội thoại',
      details: str(query.standalone) && query.rewritten === true ? [`Câu hỏi được hiểu đầy đủ là: ${quote(str(query.standalone))}`] : [],
    };
  }
  if (query.rewritten !== true || !str(query.standalone)) return undefined;
  return {
    id: 'conversation',
    title: 'Câu hỏi tiếp nối',
    text: `Câu hỏi tiếp nối, được hiểu đầy đủ là: ${quote(str(query.standalone))}.`,
    label: 'viết lại câu hỏi theo hội thoại',
    details: [],
  };
}

function questionStep(trace: Rec, query: Rec): ExplainStep {
  const keywords = strings(isRec(trace.confidence) ? trace.confidence.keywords : undefined);
  const words = keywords.length ? keywords : strings(query.tokens);
  const details: string[] = [];
  const refs = strings(query.docRefs).map((k) => k.replace(':', ' ').toUpperCase());
  if (refs.length) details.push(`Văn bản được nêu: ${refs.join(', ')}.`);
  const dates = strings(query.dates);
  if (dates.length) details.push(`Mốc thời gian: ${dates.join(', ')}.`);
  const intent = INTENT_TEXT[str(query.intent)];
  if (intent) details.push(`Loại câu hỏi: ${intent}${query.list === true && str(query.intent) !== 'list' ? ', cần liệt kê' : ''}.`);
  if (query.field === 'folded') details.push('Câu hỏi gõ không dấu: tìm theo chữ bỏ dấu.');
  if (str(query.respelt)) details.push(`Sửa lỗi gõ dấu thành: ${quote(str(query.respelt))}.`);
  return {
    id: 'question',
    title: 'Đọc câu hỏi',
    text: words.length ? `Tách câu hỏi thành các từ khóa: ${joinQuoted(words)}.` : 'Câu hỏi không có từ khóa nào ngoài các từ để hỏi.',
    label: 'tách từ, bỏ từ để hỏi',
    details,
  };
}

/** One line about a ranked passage: its confidence and why it ranks there. */
export function passageLine(p: Rec): string {
  const why = isRec(p.why) ? p.why : {};
  const parts = [`Đoạn ${str(p.rank)} (${str(p.title) || str(p.documentId)}${str(p.section) ? ` › ${str(p.section)}` : ''})`];
  const conf = num(p.confidence);
  if (conf !== undefined) parts.push(`độ tin cậy ${conf}/100`);
  const matched = strings(why.matched);
  const missing = strings(why.missing);
  if (matched.length) parts.push(`có ${joinQuoted(matched)}`);
  if (missing.length) parts.push(`thiếu ${joinQuoted(missing)}`);
  const heading = isRec(why.heading) ? why.heading : undefined;
  if (heading) parts.push(`đề mục ${quote(str(heading.line).replace(/^#+\s*/, ''))} nêu ${joinQuoted(strings(heading.matched))}`);
  if (str(why.document)) parts.push(`đúng văn bản ${str(why.document)}`);
  const numbers = strings(why.numbers);
  if (numbers.length) parts.push(`có số ${numbers.join(', ')}`);
  const bm25 = isRec(why.bm25) ? why.bm25 : {};
  const vector = isRec(why.vector) ? why.vector : {};
  if (num(bm25.relative) !== undefined) parts.push(`điểm từ khóa ${num(bm25.relative)}% so với đoạn cao nhất, độ gần về nghĩa ${num(vector.similarity) ?? 0}/100`);
  return `${parts.join('; ')}.`;
}

function passagesStep(passages: Rec[]): ExplainStep {
  const first = passages[0];
  const matched = strings(isRec(first?.why) ? first.why.matched : undefined);
  const missing = strings(isRec(first?.why) ? first.why.missing : undefined);
  let text = `Tìm thấy ${passages.length} đoạn có nhiều từ khóa nhất`;
  if (matched.length >= 2) text += `; đoạn 1 chứa cả ${joinQuoted(matched)}`;
  else if (matched.length === 1) text += `; đoạn 1 chứa ${quote(matched[0]!)}`;
  if (missing.length) text += `${matched.length ? ', nhưng' : '; đoạn 1'} thiếu ${joinQuoted(missing, 'và')}`;
  return { id: 'passages', title: 'Tìm đoạn văn', text: `${text}.`, label: 'BM25 (từ khóa) + vector (nghĩa), xếp hạng kết hợp', details: passages.map(passageLine) };
}

function confidenceStep(result: Explained, trace: Rec): ExplainStep | undefined {
  const c = confidenceOf(trace);
  if (c.answer === undefined) return undefined;
  const best = c.best ?? c.answer;
  let text: string;
  if (!result.notFound) {
    text = `Độ tin cậy ${c.answer}/100: đoạn được trích chứa ${c.answer}% từ khóa của câu hỏi, trên ngưỡng ${c.threshold} nên trợ lý trả lời.`;
    if (c.raised) text = `Độ tin cậy ${c.answer}/100: câu trả lời đọc thông tin của chính văn bản (ngày ban hành, ký hiệu…); các đoạn tìm được chứa ${best}% từ khóa, trên ngưỡng ${c.threshold}.`;
  } else if (c.capped) {
    text = `Đoạn sát nhất chứa ${best}% từ khóa, nhưng một bước kiểm tra khác không cho trả lời, nên độ tin cậy tính dưới ngưỡng ${c.threshold}.`;
  } else {
    text = `Độ tin cậy ${c.answer}/100: đoạn sát nhất chỉ chứa ${best}% từ khóa của câu hỏi, dưới ngưỡng ${c.threshold} nên trợ lý không trả lời.`;
  }
  return { id: 'confidence', title: 'Độ tin cậy', text, label: 'độ phủ từ khóa, thang 0–100', details: [] };
}

function chosenStep(result: Explained, trace: Rec): ExplainStep {
  if (result.notFound) {
    const why = refusalExplanation(result.refusal, confidenceOf(trace).threshold) || legacyRefusalText(str(trace.refusal));
    return {
      id: 'chosen',
      title: 'Không trả lời',
      text: why ? `Không trả lời: ${why.replace(/^\p{Lu}/u, (c) => c.toLowerCase()).replace(/\.?$/, '.')}` : 'Không trả lời: không đoạn nào trả lời được câu hỏi.',
      label: 'từ chối',
      details: [],
    };
  }
  if (result.mode === 'llm') {
    return {
      id: 'chosen',
      title: 'Viết câu trả lời',
      text: 'Mô hình ngôn ngữ viết câu trả lời chỉ từ các đoạn được đánh số, mỗi ý kèm số đoạn trích.',
      label: 'mô hình ngôn ngữ',
      details: [],
    };
  }
  const chosen = list(trace.chosen).filter(isRec);
  const details: string[] = [];
  for (const c of chosen) {
    const citation = result.citations.find((x) => x.n === num(c.n));
    const start = num(c.start);
    const end = num(c.end);
    if (citation && start !== undefined && end !== undefined && start >= citation.start && end <= citation.end) {
      details.push(`[${citation.n}] ${quote(citation.text.slice(start - citation.start, end - citation.start).replace(/\s+/g, ' ').trim())}`);
    }
  }
  const kind = CHOSEN_TEXT[str(chosen[0]?.kind)] ?? 'câu này';
  const several = chosen.length > 1 ? ` (và ${chosen.length - 1} câu, hàng khác)` : '';
  // "Theo <văn bản>: …" names the source before the quoted words; a table row is read cell by cell.
  const named = /^Theo [^:]+:/u.test(result.answer);
  const text =
    str(chosen[0]?.kind) === 'row'
      ? `Câu trả lời đọc ${kind}${several} theo từng cột (nội dung, cơ quan, thời hạn…), giữ nguyên chữ trong từng ô.`
      : `Câu trả lời lấy nguyên văn ${kind}${several}${named ? ', chỉ thêm tên văn bản ở đầu' : ', không thêm chữ nào'}.`;
  return {
    id: 'chosen',
    title: 'Chọn câu trả lời',
    text,
    label: 'trích nguyên văn',
    details,
  };
}

/** Numbers and percentages an answer states ("30%", "22/12/2024"), without its [n] markers and document numbers. */
function numbersOf(answer: string): string[] {
  const text = answer.replace(/\[\d+\]/g, ' ').replace(/\b\d+[/-][\p{L}\d/-]*\p{Lu}[\p{L}\d/-]*/gu, ' ');
  return [...new Set(text.match(/\d+(?:[.,/]\d+)*\s?%?/g) ?? [])].map((n) => n.trim()).slice(0, 4);
}

function checkStep(result: Explained, trace: Rec): ExplainStep | undefined {
  if (result.notFound) return undefined;
  const haystack = result.citations.map((c) => `${c.text}\n${c.title}\n${c.number ?? ''}`).join('\n').replace(/\s+/g, ' ');
  const numbers = numbersOf(result.answer);
  const found = numbers.filter((n) => haystack.includes(n));
  const lost = numbers.filter((n) => !haystack.includes(n));
  const cites = result.citations.length;
  let text: string;
  if (!numbers.length) text = `Kiểm tra: câu trả lời có ${cites} trích dẫn, mỗi trích dẫn trỏ tới đúng đoạn văn gốc.`;
  else if (!lost.length) text = `Kiểm tra: ${found.length > 1 ? 'các số' : 'số'} ${found.join(', ')} có trong đoạn trích.`;
  else text = `Kiểm tra: ${found.length ? `số ${found.join(', ')} có trong đoạn trích; ` : ''}số ${lost.join(', ')} được viết lại từ đoạn trích, không nguyên văn.`;
  const details: string[] = [];
  if (str(trace.fallback)) details.push('Câu trả lời của mô hình ngôn ngữ không qua được bước kiểm tra, nên trợ lý dùng câu trích nguyên văn.');
  return { id: 'check', title: 'Kiểm tra', text, label: 'đối chiếu số liệu, trích dẫn', details };
}

function modeStep(result: Explained, trace: Rec): ExplainStep {
  const timings = isRec(trace.timings) ? trace.timings : {};
  const total = num(timings.totalMs);
  const how = (str(trace.mode) || result.mode) === 'llm' ? 'bằng mô hình ngôn ngữ, có kiểm tra lại' : 'ngoại tuyến, chỉ trích nguyên văn tài liệu';
  const time = total !== undefined ? `, mất ${Math.round(total)} ms (tìm ${Math.round(num(timings.retrieveMs) ?? 0)} ms, soạn ${Math.round(num(timings.answerMs) ?? 0)} ms)` : '';
  return { id: 'mode', title: 'Cách trả lời', text: `Trả lời ${how}${time}.`, label: (str(trace.mode) || result.mode) === 'llm' ? 'mô hình ngôn ngữ' : 'ngoại tuyến', details: [] };
}

/** The steps of how one answer was made, in the order a class follows them. */
export function explainAnswer(result: Explained): ExplainStep[] {
  const trace = isRec(result.trace) ? result.trace : {};
  const query = isRec(trace.query) ? trace.query : {};
  const passages = list(trace.passages).filter(isRec);
  const steps: Array<ExplainStep | undefined> = [
    conversationStep(trace, query),
    questionStep(trace, query),
    passages.length ? passagesStep(passages) : undefined,
    confidenceStep(result, trace),
    chosenStep(result, trace),
    checkStep(result, trace),
    modeStep(result, trace),
  ];
  return steps.filter((s): s is ExplainStep => Boolean(s));
}

/** The explanation as plain text for a terminal: numbered steps, details indented. */
export function formatExplanation(result: Explained): string {
  return explainAnswer(result)
    .map((s, i) => [`${i + 1}. ${s.title}: ${s.text}${s.label ? ` [${s.label}]` : ''}`, ...s.details.map((d) => `   – ${d}`)].join('\n'))
    .join('\n');
}
