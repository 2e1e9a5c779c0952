/**
 * "Mục đích của Kế hoạch 3260?", "Yêu cầu của Kế hoạch 3260-KH/ĐĐQH15 là gì?", "Tổ chức thực hiện Nghị quyết 57 thế
 * nào?": a part of a document the question names by its heading, quoted from under that heading.
 */
import type { StoredDocument } from '../index/store.js';
import type { SearchEngine } from '../retrieve/engine.js';
import { DOC_TYPE_WORDS, HEADING_LABEL } from '../retrieve/frames.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { headingOf } from '../ingest/chunk.js';
import { fold } from '../text/normalize.js';
import { citationOf } from './extractive.js';
import { clip, documentLabel } from './labels.js';
import type { Answer } from './types.js';

/** Words around a section's name in such a question ("… của … là gì?", "Nêu …"), folded. */
const FRAMING = new Set('cua la gi neu cho biet theo nhung cac noi dung ve the nao nhu ra sao gom bao hay'.split(' '));

/** Most words a section's name has ("Mục tiêu cụ thể đến năm 2030"). */
const NAME_WORDS = 6;

/** Room for the quoted section, as for a list. */
const ROOM = 400;

/** The name of a section the question asks of the document it names ("muc dich"), folded, if that is all it asks. */
function sectionAsked(analysis: QueryAnalysis): string | undefined {
  const ref = analysis.docRefs[0];
  if (!ref || analysis.docRefs.length > 1) return undefined;
  const outside = analysis.tokens.filter((t) => t.end <= ref.start || t.start >= ref.end).map((t) => t.folded);
  // The document's kind before its number ("Kế hoạch số 3260") names it too.
  const before = analysis.tokens.filter((t) => t.end <= ref.start).map((t) => t.folded);
  let cut = before.length;
  while (cut > 0 && DOC_TYPE_WORDS.has(before[cut - 1]!)) cut--;
  const words = [...before.slice(0, cut), ...outside.slice(before.length)].filter((w) => !FRAMING.has(w) && !/^\d/.test(w));
  return words.length >= 1 && words.length <= NAME_WORDS ? words.join(' ') : undefined;
}

/** A heading's name without its number ("1. Mục đích" → "muc dich"), folded. */
const nameOf = (line: string) =>
  fold(line.replace(HEADING_LABEL, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The span under the heading named `name` in a document, up to the next heading of its level or above. */
function sectionSpan(doc: StoredDocument, name: string): { heading: string; start: number; end: number } | undefined {
  const lines = [...doc.text.matchAll(/[^\n]+/g)].map((m) => ({ text: m[0].trim(), start: m.index, end: m.index + m[0].length }));
  // The heading named exactly so, else the first whose name begins so ("Mục tiêu" for "II- MỤC TIÊU, NHIỆM VỤ"), else
  // the first whose name the question's begins with ("Mục tiêu tổng quát" asked, "II- MỤC TIÊU" written).
  const headed = lines.map((l, i) => ({ i, heading: headingOf(l.text), name: nameOf(l.text) })).filter((h) => h.heading);
  const found =
    headed.find((h) => h.name === name) ??
    headed.find((h) => h.name.startsWith(`${name} `)) ??
    headed.find((h) => h.name.includes(' ') && name.startsWith(`${h.name} `));
  if (!found) return undefined;
  const level = found.heading!.level;
  let last = found.i;
  for (let i = found.i + 1; i < lines.length; i++) {
    const heading = headingOf(lines[i]!.text);
    if (heading && heading.level <= level) break;
    last = i;
  }
  if (last === found.i) return undefined;
  return { heading: lines[found.i]!.text, start: lines[found.i + 1]!.start, end: lines[last]!.end };
}

/** Answers a question for a named section of a document the corpus holds, from under that section's heading. */
export function answerSection(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const name = sectionAsked(analysis);
  if (!name) return undefined;
  const doc = engine.documentByKey(analysis.docRefs[0]!.key);
  const span = doc && sectionSpan(doc, name);
  const passage = span && engine.passageAt(doc.id, span.start);
  if (!doc || !span || !passage) return undefined;
  const body = clip(doc.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim(), ROOM);
  const heading = span.heading.replace(/^#+\s*/, '');
  const highlight = { start: span.start, end: Math.min(span.end, span.start + ROOM) };
  return {
    answer: `Theo ${documentLabel(doc.meta)}, mục “${heading}”: ${body.replace(/[.;:,]$/, '')} [1].`,
    notFound: false,
    mode: 'extractive',
    citations: [citationOf(1, passage, highlight)],
    trace: { chosen: [{ n: 1, documentId: doc.id, start: highlight.start, end: highlight.end, score: 1, coverage: 1, kind: 'section' }] },
  };
}
