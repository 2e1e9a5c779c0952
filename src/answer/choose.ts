/**
 * Which sentence or row answers the kind of question asked, among units ranked by score: a figure for "bao nhiêu?",
 * the holder of an office for "Ai là Bộ trưởng …?", a length of time for "bao lâu?", a date or a place for "khi nào?"
 * and "ở đâu?"; else the best-scored unit.
 */
import { checksClaim, figuresIn, ordinalsOf } from './constraints.js';
import type { SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { termCoverage, type Scored } from './quote.js';
import { namedPlaces, withoutDocumentDates } from './refusal.js';
import { fold, phraseReader } from '../text/normalize.js';
import { GATES } from '../weights.js';
import { askedDocumentKind, askedMeasure, asksDuration, namesDocumentOfKind, countedPhrase, holdsCounted, asksQuantity, durationWindows, holdsFigure, holdsMeasure, intentFit, namesHolder, tellsWhen, asksCalendar, asksStatus, reportsStatus, askedDocumentNumber, writesDocumentNumber, asksEnterprise, namesEnterprise, asksPresent, statesTargetOnly, officeBodyAsked, asksWhenDone, DAY_MONTH, MONTH_YEAR, asksRank, writesRank, ISSUE_WORDS, askedMembers, countsMembersOnly, asksDayOrMonth } from './units.js';
import { headingLinesOf } from '../index/chunk-text.js';

/** A date finer than a year: a day or a month ("ngày 15 tháng 6", "15/6", "tháng 5/2025", "quý II"), a weekday. */
const DAY_OR_MONTH_SOURCE = String.raw`${DAY_MONTH}|${MONTH_YEAR}|quý\s+[IVX1-4]+|tháng\s+\d|ngày\s+\d|(?<!\p{L})(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)(?!\p{L})`;
const DAY_OR_MONTH = new RegExp(DAY_OR_MONTH_SOURCE, 'iu');
/** A date, month, year, quarter or day of the week written in a sentence (not "thường xuyên", "hằng năm"). */
const CALENDAR_DATE = new RegExp(String.raw`${DAY_OR_MONTH_SOURCE}|\b(?:19|20)\d{2}\b`, 'iu');

/** A question about when a document was issued, signed, adopted or took effect (its words held to accents where typed). */
const asksIssuance = phraseReader([...ISSUE_WORDS, 'phê duyệt', 'hiệu lực', 'công bố', 'ngày tháng']);

/** Share of the best question share around a length of time that the length quoted must have around it. */
const DURATION_LOCAL = 0.3;

/**
 * The unit giving the length of time asked: the best that holds enough of the question and gives a length among
 * words about as much about the question as any ("Một học kỳ hè có tối thiểu 5 tuần …", not a long list that also
 * says "hai học kỳ liên tiếp"); else the one whose words around a length hold most of the question.
 */
function nearestDuration(analysis: QueryAnalysis, engine: SearchEngine, units: Scored[], near: (u: Scored) => boolean): Scored | undefined {
  const local = new Map(units.map((u) => [u, Math.max(-1, ...durationWindows(analysis.text, u.text).map((w) => termCoverage(analysis, engine, w)))]));
  const top = Math.max(...local.values());
  if (top < 0) return undefined;
  return units.find((u) => near(u) && local.get(u)! >= top * DURATION_LOCAL) ?? units.find((u) => local.get(u) === top);
}

/** "kỳ họp nào", "phiên họp thứ mấy", "hội nghị nào" (folded): a meeting asked by which one it is. */
const MEETING_ASKED = /\b(ky hop|phien hop|hoi nghi|phien) (?:nao|thu may|thu bao nhieu|may)\b/;

/** The kind of meeting a question asks for by which one (ordinalsOf's key: "ky hop" or "meeting"), if it asks. */
function askedMeeting(question: string): string | undefined {
  const m = MEETING_ASKED.exec(fold(question).toLowerCase());
  return m ? (m[1] === 'ky hop' ? 'ky hop' : 'meeting') : undefined;
}

/** What a unit stands under: the headings above its chunk and its table's header (not the sentence before it). */
const framingOf = (u: Scored) => {
  const p = u.unit.passage;
  return [...headingLinesOf(p.chunk, p.document), p.chunk.heading ?? '', p.chunk.header?.join(' ') ?? ''].join('\n');
};

/** A unit with what stands around it: the sentence before it, its row header and its headings. */
const evidenceOf = (u: Scored) => [u.before ?? '', u.text, u.unit.passage.chunk.header?.join(' ') ?? '', u.unit.passage.chunk.section.join(' ')].join(' ');

/**
 * The forms of answer a question may ask for, each with its stable refusal reason (the trace's, explained by
 * explain.ts) and what the refusal says is missing when no sentence about the question has that form. Declared once:
 * the choice below and the refusal (extractive.ts) read them from here.
 */
export const WANTED = {
  holder: { reason: 'no holder named for the office', missing: 'tên người giữ chức vụ này' },
  figure: { reason: 'no figure for a quantity question', missing: 'con số được hỏi' },
  length: { reason: 'no length of time for a how-long question', missing: 'khoảng thời gian được hỏi' },
  enterprise: { reason: 'no enterprise named', missing: 'tên doanh nghiệp được hỏi' },
  documentNumber: { reason: 'no number for the document asked', missing: 'số hiệu văn bản được hỏi' },
  status: { reason: 'no progress reported for a status question', missing: 'kết quả hoặc tiến độ thực hiện' },
  reached: { reason: 'only targets for a question about what has been reached', missing: 'số liệu đã đạt được đến nay (chỉ có chỉ tiêu, mục tiêu)' },
  time: { reason: 'no time for a when question', missing: 'thời hạn hoặc thời điểm được hỏi' },
  rank: { reason: 'no rank for a rank question', missing: 'thứ hạng được hỏi' },
  members: { reason: 'only a count for a which-ones question', missing: 'danh sách cụ thể được hỏi (chỉ có số lượng)' },
  meeting: { reason: 'no numbered meeting for a which-meeting question', missing: 'kỳ họp, phiên họp hoặc hội nghị được hỏi' },
} as const;
export type Wanted = (typeof WANTED)[keyof typeof WANTED];

/** The unit chosen, and the form the question asked for when it asked for one. */
export interface Choice {
  unit?: Scored;
  wanted?: Wanted;
}

/**
 * The unit that answers, or none when no unit has the form the question asks for (a figure, the holder of the office
 * asked — `office`, see officeAsked —, a date, an enterprise …): `wanted` then says which.
 */
export function answeringUnit(analysis: QueryAnalysis, engine: SearchEngine, units: Scored[], office: string | undefined): Choice {
  const choice = chooseUnit(analysis, engine, units, office);
  // "… gồm những chỉ tiêu nào?" is not answered by a sentence that only says how many there are.
  // The set may be named by the figure the question states ("Trong 22 cơ sở y tế …, có những bệnh viện nào?").
  const members = askedMembers(analysis.text);
  const stated = members ? figuresIn(analysis.text).map((f) => f.counted).filter(Boolean) : [];
  if (members && choice.unit && [members, ...stated].some((noun) => countsMembersOnly(choice.unit!.text, noun))) return { wanted: WANTED.members };
  return choice;
}

function chooseUnit(analysis: QueryAnalysis, engine: SearchEngine, units: Scored[], office: string | undefined): Choice {
  // A unit holding at least `share` of what the best one holds of the question (with the sentence before it).
  const near = (u: Scored, share = GATES.figureCoverage) => termCoverage(analysis, engine, `${u.before ?? ''} ${u.text}`) >= share * units[0]!.unit.coverage;
  // "Ai là Bộ trưởng …?" is answered by a sentence saying who holds the office, not by one that only names it.
  if (office) {
    const body = officeBodyAsked(analysis.text, office);
    return { unit: units.find((u) => namesHolder(u.text, office, body)), wanted: WANTED.holder };
  }
  // "… trình Quốc hội tại kỳ họp nào?", "phiên họp thứ mấy?": a sentence writing a meeting of that kind by its number.
  const meeting = askedMeeting(analysis.text);
  if (meeting) return { unit: units.find((u) => ordinalsOf(evidenceOf(u)).some((o) => o.key.startsWith(`${meeting}:`)) && near(u, GATES.intentCoverage)), wanted: WANTED.meeting };
  // "Đứng thứ mấy …?": a sentence writing a rank, or none.
  if (asksRank(analysis.text)) return { unit: units.find((u) => writesRank(u.text) && near(u, GATES.intentCoverage)), wanted: WANTED.rank };
  // "Bao nhiêu …?" is answered by a figure: a sentence without one does not answer it, however many words it shares,
  // and a figure in a sentence about something else ("hơn 20 sở" for "dân số") does not either.
  // A figure in the unit asked, or of the base asked ("bao nhiêu phần trăm dân số", "bao nhiêu tỷ đồng"): a
  // percentage of GRDP does not answer a share of the population.
  // "Hiện đã có mấy doanh nghiệp …?" counts what has been reached, as "bao nhiêu" does.
  const present = asksPresent(analysis.text);
  if (asksQuantity(analysis.text) || (present && analysis.intent === 'count')) {
    const measure = askedMeasure(analysis.text);
    const measured = (u: Scored) => !measure || holdsMeasure(evidenceOf(u), measure);
    // What is counted is in the evidence ("bao nhiêu doanh nghiệp công nghệ số" is not answered by "hai doanh nghiệp
    // tiêu biểu").
    const counted = countedPhrase(analysis.text, namedPlaces(analysis, engine));
    // The sentence before tells what a bare figure counts ("Trong đó, 15 nhiệm vụ …"), not where it gives a figure of
    // its own: then what it names is counted there ("… chậm tiến độ 21/71 nhiệm vụ. Kế hoạch 157 …: 14/44 nhiệm vụ").
    const countsIt = (u: Scored) =>
      !counted || holdsCounted(u.before && holdsFigure(u.before, analysis.text) ? evidenceOf({ ...u, before: undefined }) : evidenceOf(u), counted, analysis.synonyms);
    // "… đạt trên 80% vào năm 2030, đúng không?" is answered by the sentence giving the figure, be it the question's own.
    const checked = checksClaim(analysis.text) ? analysis.text.replace(/\d+(?:[.,]\d+)*/g, ' ') : analysis.text;
    const figure = (u: Scored) => holdsFigure(u.text, checked) && near(u) && measured(u) && countsIt(u);
    // "Hiện giờ kinh tế số đã chiếm bao nhiêu % GRDP rồi?" is not answered by the target of 30%: a figure reached, or
    // none.
    if (present) {
      const reached = units.find((u) => figure(u) && !statesTargetOnly(u.text, framingOf(u)));
      return { unit: reached, wanted: reached || !units.some(figure) ? WANTED.figure : WANTED.reached };
    }
    return { unit: units.find(figure), wanted: WANTED.figure };
  }
  if (asksDuration(analysis.text)) return { unit: nearestDuration(analysis, engine, units, near), wanted: WANTED.length };
  // "Doanh nghiệp nào đi đầu?": a sentence naming an enterprise, or none.
  if (asksEnterprise(analysis.text)) return { unit: units.find((u) => namesEnterprise(u.text) && near(u, GATES.intentCoverage)), wanted: WANTED.enterprise };
  // "Quyết định ban hành bộ tiêu chí đó số mấy?": a sentence writing such a document's number, or none.
  const numbered = askedDocumentNumber(analysis.text);
  if (numbered) return { unit: units.find((u) => writesDocumentNumber(u.text, numbered) && near(u, GATES.intentCoverage)), wanted: WANTED.documentNumber };
  // "Nhiệm vụ đó đã làm xong chưa?", "đến nay đã hoàn thành chưa?": a report of how far it got, not the plan that sets it.
  if (asksStatus(analysis.text)) return { unit: units.find((u) => reportsStatus(u.text) && near(u, GATES.intentCoverage)), wanted: WANTED.status };
  // "… rà soát những luật nào?": a unit naming a law ("Luật Đầu tư") among those about the question.
  const kind = askedDocumentKind(analysis.text);
  const naming = kind ? units.find((u) => namesDocumentOfKind(u.text, kind) && near(u, GATES.intentCoverage)) : undefined;
  if (naming) return { unit: naming };
  // "Ngày nào …?", "ở đâu?": by a date, period or place where a sentence about the question gives one; where none
  // gives a date, by a time told against an event ("sau khi tốt nghiệp").
  if (analysis.intent === 'deadline' || analysis.intent === 'location') {
    // "Ngày nào?" is told by a date in a sentence; a task row's deadline column may say "Thường xuyên".
    const calendar = analysis.intent === 'deadline' && asksCalendar(analysis.text);
    // "… vào ngày nào?" is not told by "năm 2025" alone: a day or a month, where one is asked.
    const written = calendar && asksDayOrMonth(analysis.text) ? DAY_OR_MONTH : CALENDAR_DATE;
    // The date of a document a sentence names ("Kế hoạch số 02-KH/BCĐ ngày 24/6/2025") tells when that document was
    // issued, not when anything else is due or done.
    const issuing = analysis.intent === 'deadline' && asksIssuance(analysis.text);
    const timed = (u: Scored) => (issuing ? u.text : withoutDocumentDates(u.text));
    const fits = (u: Scored) =>
      calendar && u.unit.passage.chunk.kind !== 'row' ? written.test(timed(u)) : intentFit(analysis, timed(u), u.unit.passage) > 0;
    // "… đã được thông qua vào ngày nào?" is not told by a plan: a task row's deadline, a target's year.
    const done = analysis.intent === 'deadline' && asksWhenDone(analysis.text);
    const planned = (u: Scored) => done && (u.unit.passage.chunk.kind === 'row' || statesTargetOnly(u.text, framingOf(u)));
    const dated = units.find((u) => fits(u) && near(u, GATES.intentCoverage) && !planned(u));
    if (done && !dated) return { wanted: WANTED.time };
    if (dated || analysis.intent === 'location') return { unit: dated ?? units[0] };
    // "Khi nào …?" may be answered by an event or a condition ("sau khi …", "nếu …", "sau mỗi buổi bảo vệ"); "ngày
    // nào", "tháng mấy" only by a date or period, which no sentence about the question gives.
    if (calendar) return { wanted: WANTED.time };
    return { unit: units.find((u) => tellsWhen(u.text) && near(u, GATES.relativeTimeCoverage)) ?? units[0] };
  }
  return { unit: units[0] };
}
