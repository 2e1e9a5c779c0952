/**
 * One question, end to end: follow-up resolution → question analysis → hybrid retrieval → verified extractive
 * answer, with timings and (on request) a trace of every step for the trainer view.
 *
 * With a chat model (LLM mode) the follow-up is condensed by the model, the model answers from the same passages,
 * and its answer is verified; whenever it fails or does not verify, the extractive answer is returned instead.
 */
import { findDocRefs } from '../text/docrefs.js';
import { joinParts } from './join-parts.js';
import { answerFromSource, answerInLastDocument, lastAnswerDocument, namesSourceBack } from './source.js';
import { withTitledDocument } from './titled.js';
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import { analyzeQuery, asksSomething as asks, type QueryAnalysis } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { addConfidence } from './confidence.js';
import { answerExtractive } from './extractive.js';
import { namedPlaces, withoutDocumentYears } from './refusal.js';
import { speaksOf } from '../text/places.js';
import { resolveFollowUp, type Resolved, type Turn } from './followup.js';
import { kindReferredBack } from './conversation.js';
import { namesAnotherOfKind } from './constraints.js';
import { checkCondensed } from './condense-check.js';
import { answerWithLlm, condenseQuestion, type LlmOutcome } from './llm.js';
import type { LlmClient } from './llm-client.js';
import type { Answer } from './types.js';
import { writeOutDecade, writeOutShorthand } from '../text/chat.js';
import { expandInitials, writtenInitials } from '../retrieve/initials.js';

export interface AskInput {
  question: string;
  history?: Turn[];
  topK?: number;
  trace?: boolean;
  /** "extractive" answers offline even where a chat model is configured (a classroom compares the two). */
  mode?: 'extractive' | 'llm';
}

export interface AskResult extends Answer {
  timings: { retrieveMs: number; answerMs: number; totalMs: number };
}

/** Where LLM fallbacks are reported: a pino/Fastify logger fits. */
export interface AskLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface AskContext {
  /** The chat model of LLM mode; without it (offline) answers are extractive. */
  llm?: LlmClient;
  /** Receives every LLM fallback, with its reason (never the API key). */
  log?: AskLogger;
  /** Stops model work early, e.g. when the WebSocket closes. */
  signal?: AbortSignal;
}

/** Refusals the model must not override: the question is out of scope or names what the corpus does not hold. */
function isHardRefusal(answer: Answer): string | undefined {
  const refusal = answer.notFound ? answer.trace?.refusal : undefined;
  if (typeof refusal !== 'string' || refusal.startsWith('best coverage') || refusal === 'no unit') return undefined;
  return refusal;
}

/** What an answer read from a document's own layout tells (document-facts.ts, mentioned.ts). */
const DOCUMENT_FACT_KINDS = new Set(['signature', 'effective-date', 'meeting', 'issue-date', 'issuer', 'subject', 'mention-date', 'mention-subject']);

/** Adds the earlier question's topic words, weakly, so a follow-up keeps its subject. */
function withContext(analysis: QueryAnalysis, context: string | undefined, strong = false): QueryAnalysis {
  if (!context) return analysis;
  const termsWithContext = new Map(analysis.terms);
  const weight = strong ? 0.8 : 0.35;
  const list = tokens(context);
  const spell = (t: (typeof list)[number]) => (analysis.field === 'accented' ? t.text : t.folded);
  list.forEach((t, i) => {
    if (isStopword(t.text)) return;
    if (!termsWithContext.has(spell(t))) termsWithContext.set(spell(t), weight);
    // The subject's words side by side ("phát triển Chính phủ số"), not only one by one.
    const next = list[i + 1];
    const pair = next && !isStopword(next.text) && /^\s+$/.test(context.slice(t.end, next.start)) ? `${spell(t)}_${spell(next)}` : undefined;
    if (pair && !termsWithContext.has(pair)) termsWithContext.set(pair, weight);
  });
  return { ...analysis, terms: termsWithContext };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Reads a resolved question (accent typos respelt, the history's subject added) and searches for it. */
async function retrieve(engine: SearchEngine, resolved: Resolved, topK: number): Promise<{ analysis: QueryAnalysis; passages: Passage[] }> {
  // Initials the corpus writes beside the words they spell ("CSDL", "Cơ sở dữ liệu") count as those words too.
  const abbreviations = [...engine.abbreviations, ...writtenInitials(resolved.question, engine)];
  let analysis = withoutDocumentYears(withContext(analyzeQuery(engine.respell(resolved.question), abbreviations), resolved.context, resolved.strong), engine);
  if (resolved.context && resolved.own) {
    // What the follow-up took from before (the subject, a document named before) is told apart from its own words.
    const own = analyzeQuery(engine.respell(resolved.own), abbreviations).terms;
    analysis = { ...analysis, fromContext: new Set([...analysis.terms.keys()].filter((t) => !own.has(t))) };
  }
  const places = namedPlaces(analysis, engine);
  if (!places.length) return { analysis, passages: await engine.search(analysis, { topK }) };
  // A question about a place is answered from documents about it: those are looked for further down the ranking
  // ("tỷ lệ dịch vụ công trực tuyến của Quảng Ninh" ranks a national table first), and put first.
  const wide = await engine.search(analysis, { topK: topK * PLACE_REACH });
  const about = wide.filter((p) => places.every((place) => speaksOf(p.document, place)));
  const others = wide.filter((p) => !about.includes(p));
  return { analysis, passages: [...about, ...others].slice(0, topK) };
}

/** How much deeper than usual the ranking is read for passages about a place the question names. */
const PLACE_REACH = 4;

/**
 * "Phiên họp thứ nhất diễn ra ở đâu và ai chủ trì?", "Nghị quyết 03 do ai ký, ban hành ngày nào và về việc gì?":
 * questions joined by "và", a comma or ", còn", each asking something, split there; the later parts inherit the
 * first's subject as a follow-up does. A piece that asks nothing ("Bộ Công an và Bộ Quốc phòng …") stays with the next.
 * @returns the parts (two or more), or undefined for a question that asks one thing
 */
export function splitCompound(question: string): string[] | undefined {
  const folded = fold(question).toLowerCase();
  const cuts = [...folded.matchAll(/\s+(?:va|,\s*con)\s+|\s*[,;?]\s+/g)].map((m) => ({ at: m.index, end: m.index + m[0].length }));
  if (!cuts.length) return undefined;
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(question.slice(from, cut.at));
    from = cut.end;
  }
  pieces.push(question.slice(from));
  const parts: string[] = [];
  let current = '';
  let separator = '';
  for (const [i, piece] of pieces.entries()) {
    const text = piece.trim();
    if (current && asks(current) && asks(text) && text.split(/\s+/).length >= 2) {
      parts.push(current);
      current = text;
    } else {
      current = current ? `${current}${separator}${text}` : text;
    }
    separator = i < cuts.length ? question.slice(cuts[i]!.at, cuts[i]!.end) : '';
  }
  parts.push(current);
  if (parts.length < 2) return undefined;
  return parts.map((p, i) => {
    const bare = p.replace(/[?\s]+$/u, '');
    return `${i ? bare.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : bare}?`;
  });
}

/**
 * True when an answer's first quoted unit is about another document of the kind a follow-up referred back to ("kế
 * hoạch đó" read as `key`): another plan's figure does not answer it.
 */
function quotesAnotherOfKind(engine: SearchEngine, answer: Answer, key: string | undefined): boolean {
  const chosen = (answer.trace?.chosen as Array<{ documentId: string; start: number; end: number }> | undefined)?.[0];
  const doc = chosen && engine.documents.get(chosen.documentId);
  return !!key && !!doc && namesAnotherOfKind(doc.text.slice(chosen.start, chosen.end), key);
}

/** Refusals saying that something the question names is nowhere in the corpus. */
const ABSENT = new Set(['DOCUMENT_MISSING', 'ORDINAL_MISSING', 'NAME_MISSING', 'PLACE_MISSING']);

/** Answers each part of a compound question from its own passages and joins them, citations renumbered. */
async function answerCompound(engine: SearchEngine, question: string, history: Turn[] = []): Promise<Answer | undefined> {
  const parts = splitCompound(question);
  if (!parts) return undefined;
  const answers: Answer[] = [];
  let shared = false;
  for (const [i, part] of parts.entries()) {
    // The first part is read against the conversation; a later one has its subject in the first ("… ở đâu và ai
    // chủ trì?"): read as its follow-up, the first part's answer before it.
    const before: Turn[] = i === 0 ? history : [...history, { role: 'user', content: parts[0]! }, { role: 'assistant', content: answers[0]!.answer }];
    const resolved = resolveFollowUp(part, before);
    // A later part about the first part's subject shares what the first names: where that is not in the corpus
    // ("Phiên họp thứ hai … diễn ra ngày nào, kết luận những gì?"), neither part is answered from something else.
    const missing = answers[0]?.refusal;
    // A later part that only asks something of the first part's subject ("… nhiệm vụ gì, của sở nào?") is not
    // answered from another subject when the first part is not answered.
    const leans = !!resolved.conversation?.inherited.includes('topic');
    if (i > 0 && missing && (ABSENT.has(missing.code) || leans) && resolved.conversation && !resolved.conversation.fresh) {
      answers.push(answers[0]!);
      shared = true;
      continue;
    }
    const { analysis, passages } = await retrieve(engine, resolved, 8);
    answers.push(answerExtractive(analysis, engine, passages));
  }
  // Parts answered from the same table row ("ai chủ trì, sản phẩm là gì, bao giờ xong?" of one task) are told once,
  // in the part's telling that says most of it.
  // A table row is told whole by each part; a sentence is trimmed to each part's question, so both stay.
  const unitOf = (a: Answer) => {
    const c = (a.trace?.chosen as Array<{ documentId: string; start: number; end: number; kind?: string }> | undefined)?.[0];
    return !a.notFound && c?.kind === 'row' && (a.trace?.chosen as unknown[]).length === 1 ? `${c.documentId}:${c.start}-${c.end}` : undefined;
  };
  answers.forEach((a, i) => {
    const key = unitOf(a);
    const first = key ? answers.findIndex((b) => unitOf(b) === key) : -1;
    if (first < 0 || first === i) return;
    if (a.answer.length > answers[first]!.answer.length) answers[first] = a;
    answers[i] = { ...answers[first]! };
  });
  // Every part refused, the later ones for want of the first's subject: the question is refused as its first part.
  if (shared && answers.every((a) => a.notFound)) return { ...answers[0]!, trace: { ...answers[0]!.trace, compound: parts } };
  return joinParts(parts, answers);
}

/** Splits an answer into word groups, so a client shows it progressively (markers `[n]` never split). */
export function deltas(answer: string, words = 3): string[] {
  const parts = answer.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += words) out.push(parts.slice(i, i + words).join(''));
  return out;
}

/**
 * Answers one question from the engine's documents.
 * @param context the chat model (LLM mode), a logger for fallbacks and a cancel signal; empty for offline answers
 * @returns the verified answer: `mode: "llm"` when the model's answer passed verification, else extractive
 */
export function ask(engine: SearchEngine, input: AskInput, context: AskContext = {}): Promise<AskResult> {
  return answerQuestion(engine, input, context);
}

/**
 * Like {@link ask}, streaming the answer's text to `onDelta` as it is made: the model's tokens as they arrive in
 * LLM mode, else the final answer in word groups. The returned (verified) answer is what the user must end up
 * seeing: it replaces the streamed text when the model's answer did not verify.
 */
export async function askStream(
  engine: SearchEngine,
  input: AskInput,
  onDelta: (text: string) => void,
  context: AskContext = {},
): Promise<AskResult> {
  let streamed = false;
  const result = await answerQuestion(engine, input, context, (text) => {
    streamed = true;
    onDelta(text);
  });
  if (!streamed) for (const text of deltas(result.answer)) onDelta(text);
  return result;
}

/** A question as the steps after read it: chat shorthand written out, initials the corpus never writes spelt out. */
export function asTyped(engine: SearchEngine, question: string): string {
  return expandInitials(writeOutDecade(writeOutShorthand(question)), engine);
}

async function answerQuestion(
  engine: SearchEngine,
  given: AskInput,
  context: AskContext,
  onDelta?: (text: string) => void,
): Promise<AskResult> {
  const started = performance.now();
  const input: AskInput = {
    ...given,
    question: asTyped(engine, given.question),
    ...(given.history ? { history: given.history.map((t) => (t.role === 'user' ? { ...t, content: asTyped(engine, t.content) } : t)) } : {}),
  };
  const llm = input.mode === 'extractive' ? undefined : context.llm;
  // One budget for all model work of this question: condensing and answering.
  const budget = llm ? { deadline: started + llm.timeoutMs, signal: context.signal } : undefined;
  const fallbacks: string[] = [];
  let resolved: Resolved | undefined;
  let condensed: Record<string, unknown> | undefined;
  if (llm && budget && input.history?.some((t) => t.role === 'user')) {
    const c = await condenseQuestion(llm, input.question, input.history, {
      deadline: Math.min(budget.deadline, started + 0.4 * llm.timeoutMs),
      signal: context.signal,
    });
    // The model's rewrite is held to the same conversation the rules read: it may not bring in a document, agency,
    // place or year from nowhere, nor drop one the question names.
    const wrong = c.ok ? checkCondensed(c.question, input.question, input.history) : undefined;
    if (c.ok && !wrong) resolved = { question: c.question, rewritten: c.question !== input.question };
    else fallbacks.push(`condense: ${c.ok ? `rewrite ${wrong}` : c.reason}`);
    condensed =
      c.ok && !wrong
        ? { by: 'llm', ms: Math.round(c.ms) }
        : { by: 'rules', llmFailure: c.ok ? `rewrite ${wrong}` : c.reason, ...(c.ok ? { rejected: c.question } : {}), ms: Math.round(c.ms) };
  }
  resolved ??= resolveFollowUp(input.question, input.history);
  // "Trong chương trình hành động của CP …": the one document whose title opens so, by its number.
  const titled = withTitledDocument(resolved.question, engine);
  if (titled !== resolved.question) resolved = { ...resolved, question: titled, rewritten: true };
  const topK = input.topK ?? 5;
  let { analysis, passages } = await retrieve(engine, resolved, Math.max(topK, 8));
  const retrieved = performance.now();
  // A question asking several things is split as typed, each part read against the conversation (a model's
  // condensed question stands alone).
  // "Thế còn Nghị quyết 03?" after "KH 3260 ban hành ngày nào, ai ký?" was answered in parts asks them again, of the
  // new document: the question it stands for is split as a question on its own.
  const answeredInParts = /\[2\]/.test(input.history?.at(-1)?.content ?? '');
  const standsForSeveral = condensed?.by !== 'llm' && resolved.rewritten && answeredInParts && !splitCompound(input.question) && !!splitCompound(resolved.question);
  let answer: Answer =
    (await answerCompound(engine, condensed?.by === 'llm' ? resolved.question : input.question, condensed?.by === 'llm' ? [] : input.history)) ??
    (standsForSeveral ? await answerCompound(engine, resolved.question, []) : undefined) ??
    answerExtractive(analysis, engine, passages);
  // "… tại phiên họp này?", "Còn Bộ TT&TT?" in a conversation reading one news report: that report answers.
  if ((!answer.trace?.compound || namesSourceBack(input.question)) && condensed?.by !== 'llm') {
    const fromSource = await answerFromSource(engine, input.question, resolved, Math.max(topK, 8));
    if (fromSource) answer = fromSource;
  }
  // A question on its own, naming no document, in a conversation reading one: that document, where it answers as well.
  if (resolved.conversation?.fresh && !analysis.docRefs.length && !answer.trace?.compound && condensed?.by !== 'llm' && input.history?.length) {
    const document = lastAnswerDocument(engine, input.history);
    const there = document && (await answerInLastDocument(engine, analysis, answer, document, Math.max(topK, 8)));
    if (there) answer = there;
  }
  // The document a follow-up took from the conversation does not say what its own words ask ("Trong văn bản đó, ai
  // giúp UBTVQH …?"): that is said, and the document that does say it answers.
  // What only a document itself can say (its signer, its date of effect, the meeting that adopted it) is answered
  // elsewhere only by another document's own telling of it, not by a passage that shares a word ("chữ ký số").
  const ofDocumentItself = /^no (?:signature|meeting|effect date) in /.test(String(answer.trace?.refusal ?? ''));
  // Not where the document referred back is no document of the corpus ("Đề án đó": Đề án 06, only mentioned in a
  // report): what is said of it is in the passages naming it, and another document's figure is about something else.
  const inheritedRefs = findDocRefs(resolved.conversation?.state.document ?? '');
  const inheritedHeld = inheritedRefs.every((r) => engine.documentByKey(r.key));
  if (answer.refusal?.code === 'NOT_STATED' && resolved.conversation?.inherited.includes('document') && inheritedHeld && condensed?.by !== 'llm') {
    const loose = resolveFollowUp(input.question, input.history, { dropDocument: true });
    const found = await retrieve(engine, loose, Math.max(topK, 8));
    const elsewhere = answerExtractive(found.analysis, engine, found.passages);
    const told = (elsewhere.trace?.chosen as Array<{ kind?: string }> | undefined)?.[0]?.kind;
    // "Kế hoạch đó có bao nhiêu nhiệm vụ chậm tiến độ?": another plan's figure does not answer it.
    const kind = kindReferredBack(input.question);
    const referred = kind ? analysis.docRefs.find((r) => r.key.startsWith(`${kind}:`))?.key : undefined;
    if (!elsewhere.notFound && (!ofDocumentItself || DOCUMENT_FACT_KINDS.has(told ?? '')) && !quotesAnotherOfKind(engine, elsewhere, referred)) {
      answer = { ...elsewhere, answer: `${answer.answer} ${elsewhere.answer}`, trace: { ...elsewhere.trace, inheritedDocumentSilent: answer.trace?.refusal } };
      ({ analysis, passages } = found);
      resolved = loose;
    }
  }
  let outcome: LlmOutcome | undefined;
  if (llm && budget) {
    const hard = isHardRefusal(answer);
    if (hard) {
      outcome = { details: { model: llm.model, skipped: hard } };
    } else {
      outcome = await answerWithLlm(llm, resolved.question, passages.slice(0, topK), budget, onDelta);
      if (outcome.answer) answer = outcome.answer;
      else if (outcome.fallback) fallbacks.push(outcome.fallback);
    }
    if (fallbacks.length) {
      context.log?.warn({ model: llm.model, fallback: fallbacks.join('; '), mode: answer.mode }, 'LLM fallback');
    }
  }
  const done = performance.now();
  const result: AskResult = {
    ...answer,
    timings: { retrieveMs: round(retrieved - started), answerMs: round(done - retrieved), totalMs: round(done - started) },
  };
  if (input.trace) {
    result.trace = {
      query: {
        original: given.question,
        ...(input.question !== given.question ? { typed: input.question } : {}),
        standalone: resolved.question,
        ...(analysis.text !== resolved.question.replace(/\s+/g, ' ').trim() ? { respelt: analysis.text } : {}),
        rewritten: resolved.rewritten,
        field: analysis.field,
        tokens: analysis.tokens.map((t) => t.text),
        folded: fold(analysis.text).toLowerCase(),
        docRefs: analysis.docRefs.map((r) => r.key),
        dates: analysis.dates.map((d) => d.key),
        intent: analysis.intent,
        list: analysis.wantsList,
      },
      passages: passages.slice(0, topK).map((p, i) => ({
        rank: i + 1,
        documentId: p.document.id,
        title: p.document.meta.title,
        section: p.chunk.section.join(' › '),
        kind: p.chunk.kind,
        preview: p.chunk.text.slice(0, 160),
        scores: Object.fromEntries(Object.entries(p.scores).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
      })),
      ...answer.trace,
      ...(condensed ? { condensed } : {}),
      ...(input.history?.some((t) => t.role === 'user') && resolved.conversation ? { conversation: resolved.conversation } : {}),
      ...(outcome ? { llm: outcome.details } : {}),
      ...(outcome?.fallback ? { fallback: outcome.fallback } : {}),
      mode: answer.mode,
      timings: result.timings,
    };
    addConfidence(result.trace, engine, analysis, passages.slice(0, topK), answer);
  } else {
    delete result.trace;
  }
  return result;
}
