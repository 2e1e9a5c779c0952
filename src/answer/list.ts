/**
 * List questions answered across passages: "Những nhiệm vụ nào do Bộ Nội vụ chủ trì?", "Nhiệm vụ nào hết hạn trong
 * năm 2025?", "Các chỉ tiêu đến năm 2030 về dịch vụ công trực tuyến?". Rows of action-plan tables are filtered by
 * the question's constraints (lead agency, deadline, year, document); each item is cited; the count is told and
 * long lists are capped with a pointer to the rest.
 */
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { AGENCIES, mentionsAgency, type Agency } from '../facts/agencies.js';
import { fold } from '../text/normalize.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { DOC_TYPE_WORDS } from '../retrieve/frames.js';
import { citationOf } from './extractive.js';
import { clip, documentLabel } from './labels.js';
import { moreOf } from './more.js';
import { columnRole } from '../facts/table.js';
import { isGroupRow, rowFields, type RowFields } from './rows.js';
import type { Answer, Citation } from './types.js';

const MAX_ITEMS = 5;
interface Item {
  passage: Passage;
  fields: RowFields;
}

/** Deadlines written as a manner rather than a date ("Thường xuyên", "Hằng năm"), folded. */
const STANDING_DUE = /\b(thuong xuyen|hang nam|hang quy|dinh ky)\b/;

/** Does a deadline cell say the standing deadline asked ("thuong xuyen"), or fall in the month or year the question names? */
function dueMatches(due: string, analysis: QueryAnalysis, standing: string | undefined): boolean {
  if (standing) return fold(due).toLowerCase().includes(standing);
  const f = fold(due).toLowerCase().replace(/\s+/g, '');
  const months = analysis.dates.filter((d) => d.kind === 'month').map((d) => d.key);
  if (months.length) return months.some((m) => new RegExp(`(^|[^\\d])0?${m.replace('/', '\\/')}($|[^\\d])`).test(f));
  if (analysis.years.length) return analysis.years.some((y) => f.includes(y));
  return true;
}

/** Words that say which rows and of what document, not which of them: "Nghị quyết 03 có bao nhiêu nhiệm vụ?". */
const WHOLE_TABLE_WORDS = new Set('nhiem vu chi tieu viec de an cong phu luc bang danh muc tat ca gom bao nhieu co trong cua nao gi la nhung cac neu liet ke'.split(' '));

/** True when a question narrows the rows by year, date or topic words ("… đến năm 2030 về dịch vụ công …"). */
function narrowed(analysis: QueryAnalysis): boolean {
  if (analysis.years.length || analysis.dates.length) return true;
  let text = analysis.text;
  for (const ref of [...analysis.docRefs].sort((a, b) => b.start - a.start)) text = `${text.slice(0, ref.start)} ${text.slice(ref.end)}`;
  return tokens(text).some((t) => !isStopword(t.text) && !WHOLE_TABLE_WORDS.has(t.folded) && !DOC_TYPE_WORDS.has(t.folded) && !/^[ivx\d]+$/.test(t.folded));
}

/** Answers a list question from table rows, or undefined when the question is not one this can answer. */
export function answerList(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const folded = fold(analysis.text).toLowerCase();
  // "Bộ Công an chủ trì bao nhiêu nhiệm vụ?" is answered by the same list, whose count comes first.
  const asksCount = /\bbao nhieu (nhiem vu|chi tieu|viec|de an|cong viec)\b/.test(folded);
  // "Nhiệm vụ nào hết hạn trong năm 2025?": a singular "which" asks for all that fit.
  const asksWhich = /\b(nhiem vu|chi tieu|viec|de an|cong viec) (nao|gi)\b/.test(folded);
  if (!analysis.wantsList && !asksCount && !asksWhich) return undefined;
  if (!/\b(nhiem vu|chi tieu|viec|de an|cong viec|noi dung)\b/.test(folded)) return undefined;
  // "Bộ Công an phối hợp thực hiện những nhiệm vụ nào?": the rows it works on with the lead, not those it leads.
  const asksPartner = analysis.agencies.length > 0 && /phoi hop/.test(folded) && !/chu tri/.test(folded);
  // "Sở Nội vụ có nhiệm vụ gì?": an agency's own tasks are those it leads.
  const ownTasks = analysis.agencies.length > 0 && /^(?:.*\s)?co (nhung |cac )?(nhiem vu|viec|cong viec) (nao|gi)\b/.test(folded);
  const asksLead = analysis.agencies.length > 0 && !asksPartner && (ownTasks || /chu tri|\bgiao\b|phu trach|theo doi/.test(folded));
  // "Hoàn thành bao nhiêu nhiệm vụ?" asks for progress, not for the tasks due: only a list question reads it as a due date.
  const dueWords = analysis.wantsList || asksWhich ? /thoi han|het han|hoan thanh|den han/ : /thoi han|het han|den han/;
  // "Những nhiệm vụ nào thực hiện thường xuyên?" (not "bao nhiêu nhiệm vụ thường xuyên đang được duy trì?", progress).
  const standing = analysis.wantsList || asksWhich ? STANDING_DUE.exec(folded)?.[1] : undefined;
  const asksDue = !!standing || (dueWords.test(folded) && (analysis.years.length > 0 || analysis.dates.some((d) => d.kind === 'month')));
  const docKeys = new Set(analysis.docRefs.map((r) => r.key));
  // "Nghị quyết 03/NQ-CP có bao nhiêu nhiệm vụ?": all the rows of that kind in the document named.
  const asksAll = !asksLead && !asksPartner && !asksDue && docKeys.size > 0 && (asksCount || analysis.wantsList) && !narrowed(analysis);
  if (!asksLead && !asksPartner && !asksDue && !asksAll) return undefined;
  const asksTasks = /\b(nhiem vu|viec|de an|cong viec)\b/.test(folded);
  const asksTargets = /\bchi tieu\b/.test(folded);
  const kindOk = (fields: RowFields) => {
    if (!fields.task && !fields.indicator) return false;
    // "nhiệm vụ" asked: task rows (Phụ lục II); "chỉ tiêu" asked: target rows (Phụ lục I); both or neither: all.
    if (asksTasks && !asksTargets && !fields.task) return false;
    return !(asksTargets && !asksTasks && !fields.indicator);
  };
  const ledBy = (fields: RowFields, agency: Agency) => !!fields.lead && mentionsAgency(fields.lead, agency);
  const rows = tableRows(engine, docKeys).filter((item) => kindOk(item.fields));
  const dueOk = (fields: RowFields) => !asksDue || (!!fields.due && dueMatches(fields.due, analysis, standing));
  const partnerOf = (fields: RowFields, agency: Agency) => !!fields.partners && mentionsAgency(fields.partners, agency);
  const items = rows.filter(
    ({ fields }) =>
      (!asksLead || analysis.agencies.some((a) => ledBy(fields, a))) && (!asksPartner || analysis.agencies.some((a) => partnerOf(fields, a))) && dueOk(fields),
  );
  if (!items.length) return undefined;

  const shown = items.slice(0, MAX_ITEMS);
  const what = items.every((i) => i.fields.indicator && !i.fields.task) ? 'chỉ tiêu' : 'nhiệm vụ';
  // Rows whose lead cell names several bodies ("Bộ TT&TT, Bộ Quốc phòng, Bộ Công an") are led jointly: say how many.
  const joint = asksLead ? items.filter((i) => (i.fields.lead ?? '').split(/[,;]/).filter((p) => p.trim()).length > 1).length : 0;
  const jointly = joint ? ` (${items.length - joint} chủ trì riêng, ${joint} cùng chủ trì với cơ quan khác)` : '';
  const constraint = asksLead
    ? `do ${analysis.agencies[0]!.name} chủ trì${jointly}`
    : asksPartner
      ? `có ${analysis.agencies[0]!.name} phối hợp`
      : asksDue
        ? standing
          ? `có thời hạn “${items[0]!.fields.due}”`
          : `có thời hạn ${[...analysis.dates.filter((d) => d.kind !== 'year').map((d) => d.key), ...analysis.years][0]}`
        : '';
  const sources = [...new Set(items.map((i) => documentLabel(i.passage.document.meta)))];
  // A whole table counted as the document numbers it ("41 chỉ tiêu", items 11.1, 11.2 … inside item 11).
  const numbered = new Set(items.map((i) => /^\s*(\d+)/.exec(i.fields.item ?? '')?.[1]).filter(Boolean)).size;
  const count = asksAll && numbered && numbered < items.length ? `${numbered} ${what} được đánh số trong bảng (${items.length} dòng)` : `${items.length} ${what}`;
  const label = (item: Item) => {
    const f = item.fields;
    const detail = asksLead ? (f.due ? ` (thời hạn: ${f.due})` : '') : f.lead ? ` (${clip(f.lead, 60)} chủ trì${asksAll && f.due ? `, thời hạn: ${f.due}` : ''})` : '';
    return `${clip(f.task ?? f.indicator ?? '', 110)}${detail}`;
  };
  const lines = shown.map((item, i) => `(${i + 1}) ${label(item)} [${i + 1}]`);
  const more = items.length > shown.length ? ` Xem thêm ${items.length - shown.length} ${what} khác trong ${sources[0]}.` : '';
  const merged = asksLead ? mergerNote(analysis.agencies[0]!, rows.filter((r) => !items.includes(r) && dueOk(r.fields)), what, ledBy) : '';
  return {
    answer: `Theo ${sources.join(', ')}, có ${[count, constraint].filter(Boolean).join(' ')}: ${lines.join('; ')}.${more}${merged}`,
    notFound: false,
    mode: 'extractive',
    citations: rowCitations(shown),
    trace: { list: { total: items.length, shown: shown.length, constraint }, chosen: chosenRows(shown) },
    more: restOf(items.slice(shown.length), label, items.length),
  };
}

/** Each engine's table rows with a header (not group rows): position, document key and fields, read once. */
const rowIndexes = new WeakMap<SearchEngine, Array<{ position: number; key?: string; fields: RowFields }>>();

/** Every table row with a header, of the documents named (all documents when none is). */
function tableRows(engine: SearchEngine, docKeys: ReadonlySet<string>): Item[] {
  let rows = rowIndexes.get(engine);
  if (!rows) {
    rows = [];
    engine.chunks.forEach((chunk, position) => {
      if (chunk.kind !== 'row' || !chunk.header || isGroupRow(chunk)) return;
      rows!.push({ position, key: engine.keyOfDocument(chunk.documentId), fields: rowFields(chunk) });
    });
    rowIndexes.set(engine, rows);
  }
  const items: Item[] = [];
  for (const { position, key, fields } of rows) {
    if (docKeys.size && (!key || !docKeys.has(key))) continue;
    items.push({ fields: { ...fields }, passage: engine.passage(position) });
  }
  return items;
}

/** Each shown row cited whole, numbered in order. */
function rowCitations(shown: Item[]): Citation[] {
  return shown.map((item, i) => citationOf(i + 1, item.passage, { start: item.passage.chunk.start, end: item.passage.chunk.end }));
}

/** The rows a list leaves out, each cited whole (see more.ts). */
function restOf(rest: Item[], label: (item: Item) => string, total: number) {
  return moreOf(rest.map((item) => ({ text: label(item), passage: item.passage, highlight: { start: item.passage.chunk.start, end: item.passage.chunk.end } })), total - rest.length, total);
}

/** The trace's record of the rows a list answer took. */
function chosenRows(shown: Item[]): Array<Record<string, unknown>> {
  return shown.map((item, i) => ({ n: i + 1, documentId: item.passage.document.id, start: item.passage.chunk.start, end: item.passage.chunk.end, score: 1, coverage: 1, kind: 'row' }));
}

/**
 * The 2025 mergers, told where they matter: a body merged into another ("Bộ Thông tin và Truyền thông, nay hợp nhất
 * vào Bộ Khoa học và Công nghệ"), and the rows its predecessors lead when a successor is asked about.
 */
function mergerNote(asked: Agency, others: Item[], what: string, ledBy: (fields: RowFields, agency: Agency) => boolean): string {
  if (asked.mergedInto) return ` (${asked.name} nay đã hợp nhất vào ${asked.mergedInto}.)`;
  const notes = AGENCIES.filter((a) => a.mergedInto === asked.name).flatMap((predecessor) => {
    const count = others.filter((item) => ledBy(item.fields, predecessor)).length;
    return count ? [`${predecessor.name} (nay hợp nhất vào ${asked.name}) chủ trì ${count} ${what}`] : [];
  });
  return notes.length ? ` Ngoài ra, ${notes.join('; ')}.` : '';
}

/**
 * "Ban Thường vụ Tỉnh ủy đã ban hành những văn bản nào …?": the rows of tables of documents ("Văn bản | Cơ quan ban
 * hành | Ngày ban hành") whose issuer is the body the question names, each cited.
 */
export function answerIssuedList(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const folded = fold(analysis.text).toLowerCase();
  const asked = folded.match(/^(?:theo [^,]+,\s*)?(.+?)\s+(?:da\s+)?ban hanh\s+(?:nhung|cac|bao nhieu)\b/);
  if (!asked) return undefined;
  const subject = asked[1]!;
  const items = tableRows(engine, new Set()).filter(({ fields }) => {
    const issuer = fields.issuer && fold(fields.issuer).toLowerCase().trim();
    return issuer && (subject.includes(issuer) || analysis.agencies.some((a) => mentionsAgency(fields.issuer!, a)));
  });
  if (!items.length) return undefined;
  const shown = items.slice(0, MAX_ITEMS);
  const name = (item: Item) => {
    const { chunk } = item.passage;
    const first = chunk.cells?.find((cell, i) => cell.trim() && !['item', 'issuer', 'issued'].includes(columnRole(chunk.header?.[i] ?? '') ?? ''));
    return clip(first ?? chunk.text, 110);
  };
  const lines = shown.map((item, i) => `(${i + 1}) ${name(item)}${item.fields.issued ? ` (ngày ${item.fields.issued})` : ''} [${i + 1}]`);
  const sources = [...new Set(items.map((i) => documentLabel(i.passage.document.meta)))];
  const issuerName = items[0]!.fields.issuer!;
  const more = items.length > shown.length ? ` Xem thêm ${items.length - shown.length} văn bản khác trong ${sources[0]}.` : '';
  return {
    answer: `Theo ${sources.join(', ')}, ${issuerName} đã ban hành ${items.length} văn bản: ${lines.join('; ')}.${more}`,
    notFound: false,
    mode: 'extractive',
    citations: rowCitations(shown),
    more: restOf(items.slice(shown.length), (item) => `${name(item)}${item.fields.issued ? ` (ngày ${item.fields.issued})` : ''}`, items.length),
    trace: { list: { kind: 'issued', total: items.length, shown: shown.length, issuer: issuerName }, chosen: chosenRows(shown) },
  };
}
