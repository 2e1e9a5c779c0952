/**
 * "Nêu các chỉ tiêu đến năm 2045 của Nghị quyết 57", "Những mục tiêu đến năm 2030 về dịch vụ công trực tuyến?":
 * answered from the targets the facts registry read at ingest (prose and tables alike), filtered by the year and
 * document the question names and by its topic words, each item cited with the sentence or row it came from.
 */
import type { SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { findFacts, tokensOf } from '../facts/registry.js';
import type { TargetFact } from '../facts/types.js';
import { fold } from '../text/normalize.js';
import { citationOf } from './extractive.js';
import { moreOf } from './more.js';
import { periodFit, periodOf } from './list-scope.js';
import { refDenotes } from '../facts/agencies.js';
import { clip, documentLabel } from './labels.js';
import type { Answer, Citation } from './types.js';

const MAX_ITEMS = 6;

/** Words that frame a target-list question rather than say what it is about. */
const FRAME = new Set(
  (
    'neu liet ke ke ten ra cac nhung chi tieu muc tieu nao gi den nam tam nhin cua theo trong ve dat phai gom bao gom co la ' +
    'nghi quyet ke hoach chuong trinh hanh dong ket luan quyet dinh de an so cho biet duoc de ra dat ra giai doan toi'
  ).split(' '),
);

/** The topic words of the question: its words less the frame, the document reference and the numbers. */
function topicWords(analysis: QueryAnalysis): string[] {
  let text = analysis.text;
  for (const ref of [...analysis.docRefs].sort((a, b) => b.start - a.start)) text = text.slice(0, ref.start) + text.slice(ref.end);
  return [...new Set(tokensOf(text))].filter((w) => !FRAME.has(w) && !/^\d/.test(w) && w.length > 1);
}

/** Answers a question asking for the targets of a year or a document, or undefined when it is not one. */
export function answerTargetList(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const folded = fold(analysis.text).toLowerCase();
  if (!analysis.wantsList || !/\b(chi tieu|muc tieu)\b/.test(folded)) return undefined;
  if (!analysis.years.length && !analysis.docRefs.length) return undefined;
  const docKeys = new Set(analysis.docRefs.map((r) => r.key));
  const inDocument = (id: string) => {
    if (!docKeys.size) return true;
    const key = engine.keyOfDocument(id);
    return !!key && docKeys.has(key);
  };
  const year = analysis.years.length === 1 ? Number(analysis.years[0]) : undefined;
  // A span the question names ("giai đoạn 2026-2030") holds the targets set for a year within it; an agency it names,
  // the targets that agency leads where the document says who does.
  const period = periodOf(analysis);
  const span = period?.from !== undefined && period.from < period.to ? period : undefined;
  let targets = findFacts(engine.facts, { kind: 'target', year }).filter(
    (f): f is TargetFact => f.kind === 'target' && inDocument(f.documentId) && (!span || periodFit({ year: f.year }, span) === 'in'),
  );
  if (analysis.agencies.length && targets.some((t) => t.lead?.length)) {
    targets = targets.filter((t) => t.lead?.some((ref) => analysis.agencies.some((a) => refDenotes(ref, a))));
  }
  const topic = topicWords(analysis);
  if (topic.length) {
    const overlap = (f: TargetFact) => topic.filter((w) => new Set(tokensOf(`${f.indicator} ${f.value}`)).has(w)).length;
    const needed = Math.max(1, Math.ceil(topic.length / 2));
    targets = targets.filter((f) => overlap(f) >= needed);
  }
  if (!targets.length) return undefined;

  // One citation per source sentence or row; items of the same sentence share it.
  const citations: Citation[] = [];
  const sourceOf = new Map<string, number>();
  const lines: string[] = [];
  for (const target of targets.slice(0, MAX_ITEMS)) {
    const key = `${target.documentId}:${target.start}`;
    let n = sourceOf.get(key);
    if (n === undefined) {
      const passage = engine.passageAt(target.documentId, target.start);
      if (!passage) continue;
      n = citations.length + 1;
      sourceOf.set(key, n);
      citations.push(citationOf(n, passage, { start: target.start, end: target.end }));
    }
    lines.push(`(${lines.length + 1}) ${clip(target.indicator, 110)}: ${clip(valueWithUnit(target), 60)} [${n}]`);
  }
  if (!lines.length) return undefined;
  const sources = [...new Set(targets.map((t) => documentLabel(engine.documents.get(t.documentId)!.meta)))];
  const when = year ? ` đến năm ${year}` : span ? ` ${span.said}` : '';
  // The targets left out, for "Xem thêm": each cited at its own sentence or row.
  const rest = targets.slice(MAX_ITEMS).flatMap((target) => {
    const passage = engine.passageAt(target.documentId, target.start);
    return passage ? [{ text: `${clip(target.indicator, 110)}: ${clip(valueWithUnit(target), 60)}`, passage, highlight: { start: target.start, end: target.end } }] : [];
  });
  const more = targets.length > lines.length ? ` Xem thêm ${targets.length - lines.length} chỉ tiêu khác trong ${sources[0]}.` : '';
  return {
    answer: `Theo ${sources.join(', ')}, có ${targets.length} chỉ tiêu${when}: ${lines.join('; ')}.${more}`,
    notFound: false,
    mode: 'extractive',
    citations,
    more: moreOf(rest, citations.length, targets.length),
    trace: {
      list: { kind: 'target', total: targets.length, shown: lines.length, topic },
      chosen: citations.map((c) => ({ n: c.n, documentId: c.documentId, start: c.highlight!.start, end: c.highlight!.end, score: 1, coverage: 1, kind: 'fact' })),
    },
  };
}

/** "≥ 80" of a table whose unit column says "%" → "≥ 80%"; a value that already states its unit is kept. */
function valueWithUnit(target: TargetFact): string {
  const unit = target.unit?.trim();
  if (!unit || fold(target.value).toLowerCase().includes(fold(unit).toLowerCase().replace(/\s+/g, ' '))) return target.value;
  return /\d$/.test(target.value) ? `${target.value}${unit.startsWith('%') ? '' : ' '}${unit}` : target.value;
}
