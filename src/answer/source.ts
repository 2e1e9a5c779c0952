/**
 * A conversation reading one unnumbered document (a news report of a meeting): "Bộ Y tế được giao gì tại phiên họp
 * này?" is answered from that report or refused as not stated there, and "Còn Bộ TT&TT?" is answered from it where
 * it says so, before other documents that share the words.
 */
import { GATES } from '../weights.js';
import type { StoredDocument } from '../index/store.js';
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import { analyzeQuery, type QueryAnalysis } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';
import { answerExtractive } from './extractive.js';
import type { Resolved } from './followup.js';
import { documentLabel } from './labels.js';
import { refuse } from './refusals.js';
import type { Answer } from './types.js';

/** "phiên họp này", "hội nghị đó", "bài viết này", "bản tin trên" (folded): the source named back. */
const SOURCE_BACK = /\b(?:phien(?: hop)?|hoi nghi|cuoc hop|buoi lam viec|bai viet|bai bao|ban tin|tin bai)\s+(?:nay|do|tren|ay)\b/;
/** "Còn X?", "Thế còn X?", "X thì sao?", "Bộ X thì được giao gì?" (folded): the same question of another entity. */
const SWAP = /^\s*(?:(?:the|vay)\s+)?con\b|\bthi sao\s*\??\s*$|^[^,?]{2,60}?\sthi\s/;

/** True when a question names the conversation's source back ("tại phiên họp này", "phiên họp đó"). */
export function namesSourceBack(question: string): boolean {
  return SOURCE_BACK.test(fold(question).toLowerCase());
}
/** Each document by the label answers give it ("“Phiên họp thứ nhất …”"), made once per engine. */
const LABELS = new WeakMap<SearchEngine, Map<string, StoredDocument>>();

function documentsByLabel(engine: SearchEngine): Map<string, StoredDocument> {
  let labels = LABELS.get(engine);
  if (!labels) {
    labels = new Map();
    // The first document with a label keeps it, as the search over all documents found it first.
    for (const d of engine.allDocuments()) if (!labels.has(documentLabel(d.meta))) labels.set(documentLabel(d.meta), d);
    LABELS.set(engine, labels);
  }
  return labels;
}

/** How much deeper than usual the ranking is read for the source's passages. */
const SOURCE_REACH = 4;

/**
 * The answer from the conversation's source, when the question names it back or swaps an entity in it.
 * @returns the source's answer; a refusal naming the source when the question names it back and it does not say;
 *   undefined where the source does not apply (a question on its own, a numbered document, no source)
 */
export async function answerFromSource(engine: SearchEngine, question: string, resolved: Resolved, topK: number): Promise<Answer | undefined> {
  const label = resolved.conversation?.source;
  if (!label) return undefined;
  const folded = fold(question).toLowerCase();
  const named = SOURCE_BACK.test(folded);
  // A question that stands alone keeps to the report only where it says so or sets itself against the last one.
  if (!named && !SWAP.test(folded)) return undefined;
  const source = documentsByLabel(engine).get(label);
  if (!source) return undefined;
  // The question as resolved, without the earlier turns' words: the report itself is the context now.
  const read = analyzeQuery(engine.respell(resolved.question), engine.abbreviations);
  const own: Passage[] = (await engine.search(read, { topK: topK * SOURCE_REACH })).filter((p) => p.document.id === source.id);
  const answer = own.length ? answerExtractive(read, engine, own, { passagesOnly: true }) : undefined;
  if (answer && !answer.notFound) return answer;
  return named ? refuse('NOT_STATED', `source silent: ${source.id}`, { subject: label }) : undefined;
}

/** The document the last answer of a conversation quoted, by the label it opens with ("Theo Nghị quyết số 03/NQ-CP:"). */
export function lastAnswerDocument(engine: SearchEngine, history: ReadonlyArray<{ role: string; content: string }>): StoredDocument | undefined {
  const last = [...history].reverse().find((t) => t.role === 'assistant');
  const label = last && /^Theo ((?:“[^”]{1,200}”)|[^:,“]{1,120}?)[:,]/u.exec(last.content.trim())?.[1];
  return label ? documentsByLabel(engine).get(label.trim()) : undefined;
}

/**
 * A question that stands alone and names no document, asked while a conversation reads one: where that document
 * answers it with as much of the question as the answer from elsewhere holds, the conversation's document answers.
 */
export async function answerInLastDocument(engine: SearchEngine, analysis: QueryAnalysis, answer: Answer, document: StoredDocument, topK: number): Promise<Answer | undefined> {
  const chosen = (answer.trace?.chosen as Array<{ documentId: string; coverage: number }> | undefined)?.[0];
  if (answer.notFound || !chosen || chosen.documentId === document.id) return undefined;
  const own: Passage[] = (await engine.search(analysis, { topK: topK * SOURCE_REACH })).filter((p) => p.document.id === document.id);
  if (!own.length) return undefined;
  const there = answerExtractive(analysis, engine, own, { passagesOnly: true });
  const best = (there.trace?.chosen as Array<{ coverage: number }> | undefined)?.[0];
  return !there.notFound && best && best.coverage >= GATES.conversationDocument * chosen.coverage ? { ...there, trace: { ...there.trace, conversationDocument: document.id } } : undefined;
}
