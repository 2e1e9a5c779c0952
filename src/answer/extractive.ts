/**
 * The offline answerer: picks the sentence or table row that best answers the question from the top passages and
 * quotes it, naming the document, with `[n]` markers pointing at verified passages. It refuses (notFound) when
 * the passages only share words with the question.
 */
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import { articleRefs } from '../retrieve/frames.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import type { Span } from '../text/sentences.js';
import { fold } from '../text/normalize.js';
import { findDocRefs } from '../text/docrefs.js';
import { clip, documentLabel } from './labels.js';
import { answerIssuedList, answerList } from './list.js';
import { answerTargetList } from './target-list.js';
import { answerFromMention } from './mentioned.js';
import { wordsOf } from '../text/places.js';
import { answerAboutMentioned, answerEffective, answerIssueDate, answerIssuer, answerMeeting, answerSigner, answerSubject } from './document-facts.js';
import { blankColumnAsked, describeRowFor, isGroupRow, rowFields } from './rows.js';
import { headingOf } from '../ingest/chunk.js';
import { conflictsInYear, speaksOfYear, unitInYear, isOutOfScope, namesPlace, refusalReason } from './refusal.js';
import { constraintsOf, corpusMentions, coversSomePlace, holdsAll, missingFromCorpus, placeRefusal, type Constraint } from './constraints.js';
import { refuse } from './refusals.js';
import { askedYears } from './list-scope.js';
import { frameSyllables, readQuestion } from './conversation.js';
import { MONEY, askedDocumentKind, askedMeasure, asksDuration, countedNoun, namesDocumentOfKind, formFit, countsNoun, DEFINES, definedTerms, intentFit, namesSomeoneNew, officeAsked, officeWritten, sameText } from './units.js';
import type { Answer, Citation } from './types.js';
import { SENTENCE } from '../weights.js';
import { answerSymbols, SYMBOL } from './symbols.js';
import { answeringUnit, WANTED } from './choose.js';
import { answerSection } from './sections.js';
import { ensureEnd, termCoverage, trimSentence, unitSpans, withContinuation, withNext, type Scored } from './quote.js';

export { NOT_FOUND_ANSWER } from './refusals.js';

/**
 * A question for conditions, cases, steps or a rule ("điều kiện để …", "trong trường hợp nào", "phải làm gì", "được tính
 * như thế nào", "Quy định về …", "đối tượng sinh viên nào"), folded.
 */
const ENUMERATION_ASKED = /\b(dieu kien|truong hop nao|nhung truong hop|doi tuong nao|nguyen tac|phai lam gi|can lam gi|lam the nao|nhu the nao|thu tuc)\b|^quy dinh\b|\bdoi tuong\b.*\bnao\b/;

/** A document's place-and-date line: "Hà Nội, ngày 01 tháng 11 năm 2012", "Quảng Ninh, ngày 15/01/2025". */
const DATELINE = /^[\p{Lu}][\p{L} .-]{1,40}, ngày \d{1,2}(?: tháng |\/)\d{1,2}(?: năm |\/)\d{4}\.?$/u;

/** A question for the date a document was issued or signed. */
const ISSUED_ASKED = /\b(ban hanh|ky|thong qua) (vao )?(ngay|thoi gian|luc|khi) nao\b|\bngay ban hanh\b/;

/** Builds citation `n` for a passage, highlighting the unit the answer took from it. */
export function citationOf(n: number, passage: Passage, highlight?: Span): Citation {
  const { chunk, document } = passage;
  return {
    n,
    documentId: document.id,
    title: document.meta.title ?? document.id,
    number: document.meta.number,
    issued: document.meta.issued,
    section: chunk.section.length ? chunk.section.join(' › ') : undefined,
    page: chunk.page,
    text: chunk.text,
    start: chunk.start,
    end: chunk.end,
    score: Math.round(passage.scores.final * 1000) / 1000,
    highlight,
  };
}

/** The heading a unit stands under: the chunk's own heading line, or one opening the chunk before the unit. */
function headingAbove(p: Passage, span: Span): string | undefined {
  const firstLine = p.chunk.text.split('\n')[0]!.trim();
  if (p.chunk.start < span.start && headingOf(firstLine)) return firstLine;
  return p.chunk.heading;
}

/** The facts an answer states that the question did not: dates, periods, percentages, ranks ("thứ 3"). */
function keyValues(text: string, question: string): string[] {
  const asked = fold(question).toLowerCase();
  const values = text.match(/\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b\d{1,2}\/\d{4}\b|\d+(?:[.,]\d+)?\s*%|(?<![\p{L}])thứ\s+\d+/gu) ?? [];
  return [...new Set(values.map((v) => v.replace(/\s+/g, '')))].filter((v) => !asked.includes(v.toLowerCase()));
}

/**
 * A passage of another document that states the same fact as the chosen unit (same dates, same figures) and is about
 * the same thing (nearly the same share of the question's terms): cited beside it, so that the official sees that two
 * sources agree.
 */
function corroboration(analysis: QueryAnalysis, best: Scored, units: Scored[]): Scored | undefined {
  // The same sentence in another document (a regulation repeated under two headings) says nothing new.
  const repeated = units.find((u) => u.unit.passage.document.id !== best.unit.passage.document.id && sameText(u.text, best.text));
  if (repeated) return repeated;
  const values = keyValues(best.text, analysis.text);
  if (!values.length) return undefined;
  const same = (text: string) => values.every((v) => text.replace(/\s+/g, '').includes(v));
  return units.find(
    (u) =>
      u.unit.passage.document.id !== best.unit.passage.document.id &&
      u.unit.coverage >= best.unit.coverage * 0.9 &&
      analysis.docRefs.every((r) => findDocRefs(u.text).some((x) => x.key === r.key)) &&
      same(u.text),
  );
}

/**
 * Answers from retrieved passages.
 * @returns the answer with citations; `notFound` when the passages do not answer the question
 */
export function answerExtractive(analysis: QueryAnalysis, engine: SearchEngine, passages: Passage[], options: { passagesOnly?: boolean } = {}): Answer {
  if (isOutOfScope(analysis)) return refuse('OUT_OF_SCOPE', 'out-of-scope request');
  // What the question pins down (documents, places, ordinals, names): one the corpus holds nowhere is said by name.
  const constraints = constraintsOf(analysis, engine);
  const absent = missingFromCorpus(constraints, engine);
  if (absent) return refuse(absent.code, `${absent.code.toLowerCase()}: ${absent.missing?.join(', ')}`, absent);
  // Answers read from the whole index (a document's own layout, lists, sections) are left out when only the given
  // passages may answer (a conversation reading one report: answer/source.ts).
  const fromDocument = options.passagesOnly
    ? undefined
    : (answerAboutMentioned(analysis, engine) ??
      answerFromMention(analysis, engine) ??
      answerMeeting(analysis, engine) ??
      answerEffective(analysis, engine) ??
      answerIssuer(analysis, engine) ??
      answerIssueDate(analysis, engine) ??
      answerSigner(analysis, engine) ??
      answerSubject(analysis, engine));
  if (fromDocument) return fromDocument;
  // A list read from the whole index (a task table) does not hold a meeting the question pins ("tại phiên họp thứ nhất").
  if (!options.passagesOnly && !constraints.some((c) => c.kind === 'ordinal')) {
    const list = answerList(analysis, engine) ?? answerTargetList(analysis, engine) ?? answerIssuedList(analysis, engine);
    if (list) return list;
    // "Mục đích của Kế hoạch 3260?": the section under that heading (a list or count asked of it is answered above).
    const section = answerSection(analysis, engine);
    if (section) return section;
  }
  // A question about a place ("kinh tế số của Quảng Ninh", "tỉnh Thanh Hóa …") is answered from documents about that
  // place, not from a national resolution that happens to share its words, nor from another province's plan. A case
  // set in a place ("Công ty B ở thành phố Hồ Chí Minh …, đúng hay sai?") is still answered from national law that
  // names no place at all.
  const placed = constraints.filter((c) => c.kind === 'place');
  const local = placed.length ? passages.filter((p) => holdsAll(placed, p, engine)) : passages;
  const national = () => analysis.intent === 'general' && !passages.slice(0, 5).some((p) => namesPlace(p.document.text));
  // "… cả nước", "toàn quốc": answered from national documents, not from a province's plan with the same words.
  const wholeCountry = !placed.length && /\b(?:ca nuoc|toan quoc)\b/.test(fold(analysis.text).toLowerCase());
  const nationwide = wholeCountry ? passages.filter((p) => !coversSomePlace(engine, p.document)) : [];
  const candidates = wholeCountry && nationwide.length ? nationwide : local.length || !national() ? local : passages;
  if (!candidates.length) return refuse('PLACE_MISSING', `no passage about ${placed.map((c) => c.forms[0]!.trim()).join(', ')}`, placeRefusal(constraints, engine));
  const refusal = refusalReason(analysis, engine, candidates);
  if (refusal) {
    // A passage defining the symbol a question asks about answers it, however few other words they share.
    const symbol = refusal.startsWith('best coverage') ? answerSymbols(analysis, candidates, engine) : undefined;
    return symbol ?? refusalOf(refusal, analysis, engine);
  }
  // A question about a year is answered from passages that name that year (not from an older plan's targets).
  // Passages that name other years but not the asked one (an older plan's 2020 targets) are left out.
  const inYear = analysis.years.length ? candidates.filter((p) => !conflictsInYear(analysis, p)) : candidates;
  const strict = (inYear.length ? inYear : candidates).slice(0, 5);
  // A passage that names other years may still hold a sentence about the year asked ("Nhiệm kỳ 2025-2030, …" then
  // "… tỷ trọng kinh tế số trong GRDP đạt 30%", before "… giai đoạn 2025-2028"): its sentences are read one by one,
  // each with the text before it and its headings.
  const mixed = new Set(analysis.years.length ? candidates.slice(0, 5).filter((p) => !strict.includes(p)) : []);
  let pool = [...strict, ...mixed].sort((a, b) => b.scores.final - a.scores.final);
  // "… rà soát những luật nào?": the chunks of the best passage's section (article, lettered item) that name a law are
  // read too, a little below it; the item named may list them further down than search reaches.
  const kind = askedDocumentKind(analysis.text);
  if (kind && pool.length) {
    const best = pool[0]!;
    const siblings = engine
      .sectionPassages(best.position)
      .filter((p) => !pool.some((q) => q.position === p.position) && namesDocumentOfKind(p.chunk.text, kind))
      .map((p) => ({ ...p, scores: { ...best.scores, final: best.scores.final * SENTENCE.sectionNeighbour } }));
    pool = [...pool, ...siblings].sort((a, b) => b.scores.final - a.scores.final);
  }
  // "HPTCHL nghĩa là gì?": the definition in the legend or list of abbreviations, quoted by itself.
  const symbol = answerSymbols(analysis, pool, engine);
  if (symbol) return symbol;
  // An abbreviation the question names ("Mục đích chính của ĐTBHK?") is what it is about: passages naming it first.
  const named = (analysis.text.match(SYMBOL) ?? []).filter((s) => s.length >= 3 && pool.some((p) => p.chunk.text.includes(s)));
  const top = pool[0]!.scores.final || 1;
  const articles = articleRefs(analysis.text);
  const definitions = definedTerms(analysis.text).map(DEFINES);
  const counted = countedNoun(analysis.text);
  const issuedAsked = analysis.intent === 'deadline' && ISSUED_ASKED.test(fold(analysis.text).toLowerCase());
  const units: Scored[] = [];
  pool.forEach((passage, rank) => {
    // A row that only labels a group of rows ("II | Đến năm 2045 | | |") answers nothing.
    if (isGroupRow(passage.chunk)) return;
    // A question about a year is not answered from a document that never speaks of it (Nghị quyết 57 holds no 2020
    // target, whatever its other sentences say) and was not written in it.
    if (analysis.years.length && !analysis.years.some((y) => speaksOfYear(passage.document, y))) return;
    // "Theo Điều 6 …": the article the question names.
    const inArticle = articles.size && passage.chunk.section.some((l) => articles.has(l)) ? SENTENCE.article : 0;
    const context = [passage.chunk.section.join(' '), passage.chunk.header?.join(' ') ?? ''].join(' ');
    const contextCoverage = termCoverage(analysis, engine, context);
    // An abbreviation the question names marks the passage it is about.
    const acronyms = named.length && named.every((s) => passage.chunk.text.includes(s)) ? SENTENCE.acronym : 0;
    let before: string | undefined;
    for (const span of unitSpans(passage)) {
      const text = passage.document.text.slice(span.start, span.end);
      const previous = before;
      before = text;
      if (text.replace(/[\s|:-]/g, '').length < 8) continue;
      if (mixed.has(passage) && conflictsInYear(analysis, passage, span)) continue;
      // The document's own title, repeated as its first line, or the heading the passage stands under, names the
      // topic; it answers nothing.
      if (sameText(text, passage.document.meta.title) || sameText(text, passage.chunk.heading)) continue;
      // A document's place-and-date line ("Hà Nội, ngày 01 tháng 11 năm 2012") answers only when it was issued.
      if (!issuedAsked && DATELINE.test(text.trim())) continue;
      // A bare heading ("2. Tầm nhìn đến năm 2045") names a topic; it answers nothing.
      if (passage.chunk.kind === 'text' && text.length < 120 && !/[.;:!?]$/.test(text.trim()) && headingOf(text)) continue;
      // A sentence continues the one before ("Ban Chỉ đạo đã … 47 nhiệm vụ" after "… Ban Chỉ đạo cấp tỉnh Quảng
      // Ninh …"): it holds, somewhat less surely, what the two hold together.
      const own = termCoverage(analysis, engine, `${text} ${passage.chunk.kind === 'row' ? context : ''}`);
      const coverage = previous ? Math.max(own, SENTENCE.continuation * termCoverage(analysis, engine, `${previous} ${text}`)) : own;
      const roles = passage.chunk.kind === 'row' ? rowFields(passage.chunk) : {};
      // The column that answers: a due date, a lead agency, or the date a document was issued ("… ban hành ngày nào?").
      const column = (issuedAsked && roles.issued) ? SENTENCE.issuedColumn : (analysis.intent === 'deadline' && roles.due) || (analysis.intent === 'responsibility' && roles.lead) ? SENTENCE.roleColumn : 0;
      const entity = acronyms + column + inArticle + (analysis.numbers.some((n) => text.includes(n)) || analysis.dates.some((d) => d.kind !== 'year' && fold(text).includes(d.key)) ? SENTENCE.numberNamed : 0);
      // "X là gì?" is answered by the sentence that says "X là …".
      const defines = definitions.some((d) => d.test(` ${fold(text).toLowerCase().replace(/\s+/g, ' ')}`)) ? SENTENCE.definition : 0;
      // "Bao nhiêu khối kiến thức?" is answered by "… hai khối kiến thức", more surely than by any other figure.
      const counts = counted && countsNoun(text, counted) ? SENTENCE.counted : 0;
      const score =
        coverage +
        SENTENCE.context * contextCoverage +
        SENTENCE.passage * (passage.scores.final / top) +
        SENTENCE.intent * intentFit(analysis, text, passage) +
        SENTENCE.form * formFit(analysis.text, text) +
        entity +
        defines +
        counts -
        rank * SENTENCE.rankStep;
      units.push({ unit: { passage, span, score, coverage }, text, before: previous });
    }
  });
  units.sort((a, b) => b.unit.score - a.unit.score);
  // An answer holds everything the question pins down: a unit whose evidence lacks one of them answers nothing.
  const pinned = constraints.filter((c) => c.kind !== 'place' || !placed.length || local.length);
  const periodYears = askedYears(analysis);
  const holdingAll = pinned.length ? units.filter((u) => holdsAll(pinned, u.unit.passage, engine, u.unit.span)) : units;
  // A year the question asks about is held by the unit's own period, not by a document's date in its title.
  const holding = periodYears.length ? holdingAll.filter((u) => unitInYear(periodYears, u.unit.passage, u.unit.span)) : holdingAll;
  // "Nghị quyết 57 giao … nhiệm vụ gì?" with Nghị quyết 57 in the corpus: its own text answers before a document that
  // carries it out and repeats its number under a heading.
  const namedDocs = pinned.filter((c) => c.kind === 'document' && !c.carriedOut && engine.documentByKey(c.key!));
  const fromNamed = namedDocs.length ? holding.filter((u) => namedDocs.some((c) => engine.keyOfDocument(u.unit.passage.document.id) === c.key)) : [];
  const fromNamedOrHolding = fromNamed.length ? fromNamed : holding;
  // A phrase the question quotes: the units that write it themselves answer before those near it.
  const quoted = pinned.filter((c) => c.kind === 'name' && c.quoted);
  const quoting = quoted.length ? fromNamedOrHolding.filter((u) => quoted.every((c) => wordsOf(u.text).includes(c.forms[0]!))) : [];
  const held = quoting.length ? quoting : fromNamedOrHolding;
  // A unit holding none of the question's topic itself (only its passage's rank and the form of its figure speak for
  // it) answers nothing: "tỷ lệ giao dịch không dùng tiền mặt đến năm 2045" is not answered by another 2045 target.
  // An abbreviation the question names counts for the words it stands for ("Mục đích của ĐTBCTL?").
  // A row holds it in its own text, or in what it stands under (its section, its table's header) by the topic's
  // focus: the topic without the frame words ("chỉ tiêu", "hoàn thành") and the places it names. A table headed
  // "Danh mục các chỉ tiêu" does not hold "còn mốc 2045 có chỉ tiêu cáp quang biển không?" in every row.
  const topic = topicOnly(analysis);
  const placeWords = new Set(placed.flatMap((c) => c.forms.flatMap((f) => f.trim().split(/\s+/))));
  const aside = new Set([...frameSyllables(analysis.text), ...analysis.tokens.filter((t) => placeWords.has(t.folded)).flatMap((t) => [t.text, t.folded])]);
  const focus = topic && (topicOnly(analysis, aside) ?? topic);
  const holdsTopic = (u: Scored) => {
    const p = u.unit.passage;
    if (p.chunk.kind !== 'row') return termCoverage(topic!, engine, `${u.before ?? ''} ${u.text}`) > 0;
    return termCoverage(topic!, engine, u.text) > 0 || termCoverage(focus!, engine, `${p.chunk.section.join(' ')} ${p.chunk.header?.join(' ') ?? ''}`) > 0;
  };
  const fitting = topic ? held.filter((u) => holdsTopic(u) || named.some((a) => u.text.includes(a))) : held;
  const office = officeAsked(analysis.text);
  if (held.length && !fitting.length) {
    const { wanted } = answeringUnit(analysis, engine, held, office);
    return refusalOf(wanted?.reason ?? NO_TOPIC, analysis, engine);
  }
  if (units.length && !fitting.length) return unstated(pinned, units, engine, analysis.years);
  const { unit: best, wanted } = answeringUnit(analysis, engine, fitting, office);
  if (!best) return refusalOf(wanted?.reason ?? 'no unit', analysis, engine);
  // "Nhiệm vụ X hạn chót là bao giờ?" where X's row leaves its deadline empty: the document does not say, and the
  // refusal names the task.
  const blank = best.unit.passage.chunk.kind === 'row' ? blankColumnAsked(analysis.intent, best.unit.passage.chunk, analysis.text) : undefined;
  if (blank) {
    const fields = rowFields(best.unit.passage.chunk);
    return refuse('NOT_STATED', `the row chosen leaves its ${blank} empty`, {
      subject: documentLabel(best.unit.passage.document.meta),
      missing: [`${blank} của nhiệm vụ “${clip((fields.task ?? fields.indicator ?? '').replace(/[.;:]\s*$/, ''), 110)}”`],
    });
  }

  const chosen: Scored[] = [best];
  // A second passage joins when it holds question terms the first lacks (different document or section).
  // The sentence gives the number of what is counted, or the date, body or figure asked for.
  const sure = (u: Scored) =>
    (!!counted && countsNoun(u.text, counted)) ||
    (analysis.intent !== 'general' && intentFit(analysis, u.text, u.unit.passage) >= 1) ||
    (asksDuration(analysis.text) && formFit(analysis.text, u.text) > 0);
  const apart = (u: Scored) => u.unit.span.end <= best.unit.span.start || u.unit.span.start >= best.unit.span.end;
  const second =
    // Another passage holding more of the question, and, as every answer, all the question pins down.
    fitting.find(
      (u) =>
        u.unit.passage !== best.unit.passage &&
        u.unit.coverage > best.unit.coverage * 0.8 &&
        u.unit.score > best.unit.score * 0.9 &&
        best.unit.coverage < 0.75,
    ) ??
    // A close call between two sentences, neither holding the very fact asked for: both are quoted rather than a guess.
    (sure(best)
      ? undefined
      : fitting.find((u) => u !== best && u.unit.score >= best.unit.score * SENTENCE.closeCall && (u.unit.passage.document.id !== best.unit.passage.document.id || apart(u))));
  // Another document stating the same dates and figures is cited beside the first rather than quoted again.
  const support = corroboration(analysis, best, second ? [second] : fitting);
  if (second && !support) chosen.push(second);


  const citations: Citation[] = [];
  const sentences: string[] = [];
  // A question asking for several items ("những lĩnh vực nào"), conditions, cases or steps gets room for the whole
  // enumeration.
  const max = analysis.wantsList || ENUMERATION_ASKED.test(fold(analysis.text).toLowerCase()) ? 400 : 240;
  const kindAsked = askedBodyKind(analysis.text);
  chosen.forEach((picked, i) => {
    const n = i + 1;
    const c = withNext(withContinuation(picked, max), analysis, max);
    citations.push(citationOf(n, c.unit.passage, c.unit.span));
    let body = c.unit.passage.chunk.kind === 'row' ? describeRowFor(analysis.intent, c.unit.passage.chunk, analysis.text) : trimSentence(analysis, engine, c.unit.passage, c.text, max);
    // "Who" answered by a duty listed under a body's heading ("a) Tổ đảng ở …" then "- Là cơ quan đầu mối …"):
    // the heading names the body.
    const heading = headingAbove(c.unit.passage, c.unit.span);
    // "Ủy ban nào …?": a body of that kind named by the heading when the duty itself names none.
    const headingNames = kindAsked ? !namesBodyOfKind(body, kindAsked) && namesBodyOfKind(heading ?? '', kindAsked) : false;
    if (analysis.intent === 'responsibility' && heading && ((!namesSomeoneNew(body, analysis.text) && namesSomeoneNew(heading, analysis.text)) || headingNames)) {
      body = `${heading.replace(/[:.]$/, '')}: ${body.replace(/^[-–•]\s*/, '')}`;
    }
    const label = documentLabel(c.unit.passage.document.meta);
    const sameDocument = i > 0 && c.unit.passage.document.id === chosen[0]!.unit.passage.document.id;
    const lead = i === 0 ? `Theo ${label}: ` : sameDocument ? '' : `${label.charAt(0).toUpperCase()}${label.slice(1)} ghi: `;
    sentences.push(`${lead}${ensureEnd(body).replace(/([.!?…])$/, ` [${n}]$1`)}`);
  });
  if (support) {
    citations.push(citationOf(2, support.unit.passage, support.unit.span));
    sentences[0] = sentences[0]!.replace(/ \[1\]([.!?…])$/, ' [1][2]$1');
  }
  return {
    answer: sentences.join(' '),
    notFound: false,
    mode: 'extractive',
    citations,
    trace: {
      chosen: chosen.map((c, i) => ({
        n: i + 1,
        documentId: c.unit.passage.document.id,
        start: c.unit.span.start,
        end: c.unit.span.end,
        score: Math.round(c.unit.score * 1000) / 1000,
        coverage: Math.round(c.unit.coverage * 1000) / 1000,
        kind: c.unit.passage.chunk.kind,
      })),
    },
  };
}

/** Time words: what a date is written with, not what a question is about. */
const TIME_WORDS = new Set(['năm', 'nam', 'đến', 'den', 'tháng', 'thang', 'ngày', 'ngay', 'giai', 'đoạn', 'doan', 'từ', 'tu', 'trước', 'truoc']);

/**
 * The question's topic terms: its terms (with those a follow-up takes from the conversation) without the documents
 * and dates it names, which are checked as constraints, and without the words that only ask nor those set `aside`;
 * undefined when nothing else is left ("Chỉ tiêu đến năm 2045?" is about its year alone).
 */
function topicOnly(analysis: QueryAnalysis, aside: ReadonlySet<string> = new Set()): QueryAnalysis | undefined {
  const folded = fold(analysis.text).toLowerCase();
  const lower = analysis.text.toLowerCase();
  const pinned = new Set<string>([...TIME_WORDS, ...aside]);
  for (const r of [...analysis.docRefs, ...analysis.dates]) {
    for (const m of lower.slice(r.start, r.end).matchAll(/[\p{L}\p{N}]+/gu)) {
      pinned.add(m[0]);
      pinned.add(folded.slice(r.start + m.index, r.start + m.index + m[0].length));
    }
  }
  const terms = new Map([...analysis.terms].filter(([term, weight]) => weight >= 0.5 && !term.startsWith('#') && term.split('_').every((w) => !pinned.has(w) && !/^\d+$/.test(w))));
  return terms.size ? { ...analysis, terms } : undefined;
}

/** "ủy ban nào", "bộ nào", "cơ quan nào" (folded): the kind of body a question asks for. */
const BODY_KIND_ASKED = /\b(uy ban|bo|so|ban|co quan|don vi|to dang|dang uy|hoi dong) nao\b/;

/** The kind of body a question asks for by "… nào", folded, if it asks for one. */
function askedBodyKind(question: string): string | undefined {
  return BODY_KIND_ASKED.exec(fold(question).toLowerCase())?.[1];
}

/** True when a text names a body of that kind by its name ("Ủy ban KH,CN&MT", "Bộ Tài chính"): the word, then a capital. */
function namesBodyOfKind(text: string, kind: string): boolean {
  const folded = fold(text).toLowerCase();
  for (const m of folded.matchAll(new RegExp(`(?<![a-z])${kind}\\s+`, 'g'))) {
    if (/^\p{Lu}/u.test(text.slice(m.index + m[0].length))) return true;
  }
  return false;
}

/** The reason of a refusal where no sentence of the named document holds what the question is about. */
const NO_TOPIC = 'no unit holds the topic';

/** The refusal for a reason of the refusal gate or of unit choice, with its code. */
function refusalOf(reason: string, analysis: QueryAnalysis, engine?: SearchEngine): Answer {
  if (reason === 'out-of-scope request') return refuse('OUT_OF_SCOPE', reason);
  if (reason.startsWith('own coverage')) return refuse('FOLLOWUP_UNRELATED', reason);
  if (reason.startsWith('year ')) {
    // A year the corpus speaks of elsewhere is not missing: what is asked is not stated for it.
    if (engine && analysis.years.some((y) => corpusMentions(engine, y))) return refuse('NOT_STATED', reason, { missing: [`thông tin này cho năm ${analysis.years.join(', ')}`] });
    return refuse('YEAR_MISSING', reason, { missing: analysis.years });
  }
  const doc = engine && analysis.docRefs.map((r) => engine.documentByKey(r.key)).find(Boolean);
  const subject = doc ? documentLabel(doc.meta) : undefined;
  if (reason === WANTED.holder.reason) {
    // "… không nêu tên người giữ chức Giám đốc Sở Thông tin và Truyền thông."
    const office = officeAsked(analysis.text);
    const written = office ? officeWritten(analysis.text, office) : undefined;
    return refuse('NOT_STATED', reason, { subject, missing: [written ? `tên người giữ chức ${written}` : WANTED.holder.missing] });
  }
  if (reason === WANTED.figure.reason) {
    const measure = askedMeasure(analysis.text);
    if (measure === MONEY) return refuse('NOT_STATED', reason, { subject, missing: ['con số được hỏi (số tiền)'] });
    const written = measure && new RegExp(`(?:phần trăm|phan tram|%)?\\s*${measure.split(' ').map((w) => `${w.replace(/[^a-z0-9]/g, '.')}`).join('\\s+')}`, 'iu');
    const named = written ? fold(analysis.text).toLowerCase().match(written)?.[0] : undefined;
    const at = named ? fold(analysis.text).toLowerCase().indexOf(named) : -1;
    return refuse('NOT_STATED', reason, { subject, missing: [at >= 0 ? `${WANTED.figure.missing} (${analysis.text.slice(at, at + named!.length).trim()})` : WANTED.figure.missing] });
  }
  // Any other form asked and not found: what is missing is declared beside it (choose.ts).
  const wanted = Object.values(WANTED).find((w) => w.reason === reason);
  if (wanted) return refuse('NOT_STATED', reason, { subject, missing: [wanted.missing] });
  // The topic the question asks about (its frame words left out), when it names one of a few words.
  const topic = reason.startsWith('best coverage') || reason === NO_TOPIC ? readQuestion(analysis.text).topic.replace(/[?.!,;:]+$/u, '').trim() : '';
  const words = topic.split(/\s+/).filter(Boolean).length;
  const missing = words >= 2 && words <= 10 ? [topic] : [];
  // The named document holds no sentence about it: that document does not say it.
  if (reason === NO_TOPIC) return refuse('NOT_STATED', reason, { ...(subject ? { subject } : {}), missing: missing.length ? missing : ['nội dung được hỏi'] });
  // A document the question names is in the corpus, and no passage holds enough of the question: the refusal names
  // that document ("Nghị quyết số 57-NQ/TW có trong kho nhưng không có đoạn nào nói về …"), not "nothing was found".
  // The code stays NO_EVIDENCE: no passage was found about it, which is not a passage found silent on it.
  if (subject && reason.startsWith('best coverage')) return refuse('NO_EVIDENCE', reason, { subject, ...(missing.length ? { missing } : {}) });
  return refuse('NO_EVIDENCE', reason, missing.length ? { missing } : {});
}

/** The refusal when passages answer the topic but none holds what the question pins down (a document, an ordinal, a name). */
function unstated(pinned: Constraint[], units: Scored[], engine: SearchEngine, years: string[] = []): Answer {
  const alone = pinned.filter((c) => !units.some((u) => holdsAll([c], u.unit.passage, engine, u.unit.span)));
  // Each is held somewhere, but no passage holds them together: the document named does not say it of the others.
  const lacking = alone.length ? alone : pinned;
  const named = lacking.find((c) => c.kind === 'document');
  const doc = named?.key ? engine.documentByKey(named.key) : undefined;
  // What is not said, as the refusal tells it: "nội dung được hỏi về Ủy ban Thường vụ Quốc hội", "phiên họp thứ năm".
  const missing = lacking
    .filter((c) => c.kind !== 'document')
    .map((c) => (c.kind === 'agency' || c.kind === 'name' ? `nội dung được hỏi về ${c.written}` : c.kind === 'place' ? `số liệu về ${c.written}` : c.written));
  const reason = `no passage holds ${lacking.map((c) => c.written).join(', ') || 'all the question names'}`;
  // A document that never speaks of the year asked says nothing for it ("Nghị quyết 57 … không nêu nội dung cho năm 2020").
  const yearless = doc && years.length && !years.some((y) => doc.text.includes(y)) ? [`nội dung cho năm ${years.join(', ')}`] : [];
  if (doc) return refuse('NOT_STATED', reason, { subject: documentLabel(doc.meta), missing: missing.length ? missing : yearless.length ? yearless : ['nội dung được hỏi'] });
  return refuse('NOT_STATED', reason, { missing });
}
