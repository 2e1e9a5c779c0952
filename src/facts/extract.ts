/**
 * Fact extraction at ingest: one pass over a document's table rows (action-plan tables) and its sentences, plus the
 * references it makes to other documents. Pure: the same document and chunks give the same facts.
 */
import { headingOf, type Chunk } from '../ingest/chunk.js';
import type { StoredDocument } from '../index/store.js';
import { documentKey, findDocRefs } from '../text/docrefs.js';
import { sentenceSpans } from '../text/sentences.js';
import { foldSameLength, startsLikeAgency } from './agencies.js';
import { sentenceFacts } from './prose.js';
import { MARKER, type HeadingRef } from './sentence.js';
import { isGroupRow, rowFacts, tableLayout, yearNamed, type TableLayout } from './table.js';
import type { DeadlineFact, DocRefFact, Fact, ResponsibilityFact, TargetFact } from './types.js';

type Draft = Omit<TargetFact, 'id'> | Omit<DeadlineFact, 'id'> | Omit<ResponsibilityFact, 'id'> | Omit<DocRefFact, 'id'>;

const isTableLine = (line: string) => /^\s*\|.*\|\s*$/.test(line);

interface HeadingLine extends HeadingRef {
  level: number;
}

/** Heading lines of a document (outside tables), in order. */
function headingLines(text: string): HeadingLine[] {
  const out: HeadingLine[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (!isTableLine(line)) {
      const h = headingOf(line);
      if (h) {
        const lead = line.length - line.trimStart().length;
        out.push({ level: h.level, line: line.trim(), start: start + lead });
      }
    }
    start += line.length + 1;
  }
  return out;
}

/**
 * The headings enclosing an offset (those that start before it), outermost first. The stack is carried from one
 * call to the next while offsets grow (rows and sentences are read in order), so a document is walked once rather
 * than once per sentence (which made facts quadratic in the number of headings); a smaller offset starts over.
 */
function headingCursor(headings: readonly HeadingLine[]): (offset: number) => HeadingLine[] {
  let stack: HeadingLine[] = [];
  let next = 0;
  let last = -Infinity;
  return (offset) => {
    if (offset < last) {
      stack = [];
      next = 0;
    }
    last = offset;
    for (; next < headings.length && headings[next]!.start < offset; next++) {
      const h = headings[next]!;
      while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
      stack.push(h);
    }
    return stack.slice();
  };
}

/**
 * A copy of the text where a line break inside a paragraph (a hard-wrapped line) is a space, so that sentences
 * across it are read whole; same length, so offsets are the document's.
 */
function softJoined(text: string): string {
  const lines = text.split('\n');
  let out = '';
  lines.forEach((line, k) => {
    out += line;
    if (k === lines.length - 1) return;
    const prev = line.trim();
    const next = lines[k + 1]!;
    const join =
      prev && next.trim() && !isTableLine(line) && !isTableLine(next) && !headingOf(line) && !headingOf(next) && !MARKER.test(next) && !/[.!?;:]$/.test(prev);
    out += join ? ' ' : '\n';
  });
  return out;
}

/** The chunk holding an offset (or the last one before it), by binary search over chunks sorted by start. */
function chunkFinder(chunks: readonly Chunk[]): (offset: number) => Chunk | undefined {
  return (offset) => {
    let lo = 0;
    let hi = chunks.length - 1;
    let found: Chunk | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (chunks[mid]!.start <= offset) {
        found = chunks[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

const TYPE_NAMES: Record<string, string> = {
  nq: 'Nghị quyết', kh: 'Kế hoạch', ctr: 'Chương trình', kl: 'Kết luận', qd: 'Quyết định', ct: 'Chỉ thị', tt: 'Thông tư',
  nd: 'Nghị định', cv: 'Công văn', da: 'Đề án', luat: 'Luật', tb: 'Thông báo', bc: 'Báo cáo', ttr: 'Tờ trình',
};
const TYPE_BEFORE = /(?:nghi quyet|ke hoach|chuong trinh hanh dong|chuong trinh|ket luan|quyet dinh|chi thi|thong tu|nghi dinh|cong van|de an|thong bao|bao cao|to trinh|huong dan|quy dinh)\s*(?:so\s*)?:?\s*$/;
const DATE_AFTER = /^\s*,?\s*\(?\s*(?:ban hanh\s+)?ngay\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))\)?/;
const ISSUER_AFTER = /^\s*,?\s*cua\s+/;
const ISSUER_STOP =
  /[,;.()\n"“”]|\s(?:ve|thuc hien|khoa|nhiem ky|ban hanh|tai|trong|de|nham|va cac|theo)\s|\s(?:va|cung)\s(?=(?:ke hoach|nghi quyet|chuong trinh|ket luan|quyet dinh|chi thi|thong tu|nghi dinh|cong van|de an|thong bao|so)\s)/;

/** References to other documents, one fact per referenced document at its most complete mention. */
function docRefFacts(document: StoredDocument, folded: string, chunkAt: (offset: number) => Chunk | undefined): Array<Omit<DocRefFact, 'id'>> {
  const { text } = document;
  const own = documentKey(document.meta);
  const groups = new Map<string, Array<Omit<DocRefFact, 'id'> & { score: number }>>();
  for (const ref of findDocRefs(text)) {
    if (ref.key === own) continue;
    // "báo cáo 6 tháng", "Kế hoạch 2 năm" are not references.
    if (!ref.full && /^\s*(?:thang|nam|ngay|%|lan|nguoi|ty|trieu)/.test(folded.slice(ref.end, ref.end + 8))) continue;
    let s = ref.start;
    const e = ref.end;
    const typed = ref.full ? TYPE_BEFORE.exec(folded.slice(Math.max(0, s - 45), s)) : null;
    if (typed) s -= typed[0].length;
    let end = e;
    let date: string | undefined;
    const d = DATE_AFTER.exec(folded.slice(end, end + 60));
    if (d) {
      const [day, month, year] = d[1] ? [d[1], d[2], d[3]] : [d[4], d[5], d[6]];
      if (Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31) {
        date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
        end += d[0].length;
      }
    }
    let issuer: string | undefined;
    const of = ISSUER_AFTER.exec(folded.slice(end, end + 10));
    if (of) {
      const from = end + of[0].length;
      const rest = folded.slice(from, from + 90);
      const stop = ISSUER_STOP.exec(rest);
      const candidate = text.slice(from, from + (stop ? stop.index : Math.min(rest.length, 60))).trim();
      if (candidate && startsLikeAgency(candidate)) {
        issuer = candidate;
        end = from + text.slice(from).indexOf(candidate) + candidate.length;
      }
    }
    const number = ref.full ? text.slice(ref.start, ref.end) : (/\d+/.exec(text.slice(ref.start, ref.end))?.[0] ?? ref.key);
    const chunk = chunkAt(s);
    const fact = {
      documentId: document.id,
      kind: 'docref' as const,
      start: s,
      end,
      highlight: { start: s, end: e },
      chunkId: chunk?.id,
      section: chunk?.section ?? [],
      origin: (chunk?.kind === 'row' ? 'table' : 'prose') as DocRefFact['origin'],
      key: ref.key,
      number,
      type: TYPE_NAMES[ref.key.split(':')[0]!],
      written: text.slice(s, e),
      ...(issuer ? { issuer } : {}),
      ...(date ? { date } : {}),
      mentions: 1,
      score: (ref.full ? 2 : 0) + (date ? 1 : 0) + (issuer ? 1 : 0),
    };
    const groupKey = ref.full ?? ref.key;
    const group = groups.get(groupKey);
    if (group) group.push(fact);
    else groups.set(groupKey, [fact]);
  }
  // A number written alone ("Nghị quyết 57") joins the full number's group when the document writes one.
  for (const [k, list] of groups) {
    if (list[0]!.number.includes('-') || list[0]!.number.includes('/')) continue;
    const full = [...groups.entries()].find(([k2, l2]) => k2 !== k && l2[0]!.key === list[0]!.key);
    if (full) {
      full[1].push(...list);
      groups.delete(k);
    }
  }
  return [...groups.values()].map((list) => {
    const best = list.reduce((a, b) => (b.score > a.score ? b : a));
    const { score: _score, ...fact } = best;
    return { ...fact, mentions: list.length };
  });
}

/**
 * Reads the facts a document states.
 * @param document the stored document (its text is what spans point into)
 * @param chunks the document's chunks (others are ignored), for chunk ids, sections and table rows
 * @returns targets, deadlines, responsibilities and document references, in document order, each with its span
 */
export function extractFacts(document: StoredDocument, chunks: Chunk[]): Fact[] {
  const { text } = document;
  const folded = foldSameLength(text);
  const own = chunks.filter((c) => c.documentId === document.id).sort((a, b) => a.start - b.start);
  const chunkAt = chunkFinder(own);
  const headings = headingLines(text);
  const rowHeadings = headingCursor(headings);
  const sentenceHeadings = headingCursor(headings);
  const drafts: Draft[] = [];

  // Table rows: a table is a run of rows with the same header; its group rows name the year of the rows below.
  let layout: TableLayout | undefined;
  let header: string | undefined;
  let previousEnd = -1;
  let groupYear: number | undefined;
  for (const row of own) {
    if (row.kind !== 'row' || !row.header || !row.cells) continue;
    const key = JSON.stringify(row.header);
    if (key !== header || /\S/.test(text.slice(previousEnd, row.start).replace(/\|/g, ''))) {
      header = key;
      layout = tableLayout(row.header);
      groupYear = undefined;
    }
    previousEnd = row.end;
    if (isGroupRow(row.cells, layout!)) {
      groupYear = yearNamed(row.cells.slice(1).join(' '));
      continue;
    }
    const headingYear = rowHeadings(row.start).reverse().map((h) => yearNamed(h.line)).find(Boolean);
    drafts.push(...rowFacts(row, { layout: layout!, groupYear, headingYear }));
  }

  // Sentences outside tables.
  for (const span of sentenceSpans(softJoined(text))) {
    if (text[span.start] === '|') continue;
    const chunk = chunkAt(span.start);
    drafts.push(
      ...sentenceFacts({
        documentId: document.id,
        text,
        folded,
        start: span.start,
        end: span.end,
        headings: sentenceHeadings(span.start),
        chunkId: chunk?.id,
        section: chunk?.section ?? [],
      }),
    );
  }

  // One by one: a spread of a long document's references would overflow the stack.
  for (const draft of docRefFacts(document, folded, chunkAt)) drafts.push(draft);
  const order = { responsibility: 0, deadline: 1, target: 2, docref: 3 };
  drafts.sort((a, b) => a.start - b.start || order[a.kind] - order[b.kind] || a.highlight.start - b.highlight.start);
  const counters = { target: 0, deadline: 0, responsibility: 0, docref: 0 };
  return drafts.map((d) => ({ ...d, id: `${document.id}~${d.kind}~${++counters[d.kind]}` }) as Fact);
}

/** Facts of every document of an index (used when an older index has no facts.json). */
export function extractAllFacts(documents: Iterable<StoredDocument>, chunks: readonly Chunk[]): Fact[] {
  const byDocument = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const list = byDocument.get(c.documentId);
    if (list) list.push(c);
    else byDocument.set(c.documentId, [c]);
  }
  return [...documents].flatMap((d) => extractFacts(d, byDocument.get(d.id) ?? []));
}
