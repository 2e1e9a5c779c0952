/**
 * List questions answered across passages: "Những nhiệm vụ nào do Bộ Nội vụ chủ trì?", "Nhiệm vụ nào hết hạn trong
 * năm 2025?", "Các chỉ tiêu đến năm 2030 về dịch vụ công trực tuyến?". Rows of action-plan tables are filtered by
 * the question's constraints (lead agency, deadline, year, document); each item is cited; the count is told and
 * long lists are capped with a pointer to the rest.
 */
import { askedMembers } from './units.js';
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { AGENCIES, locateAgencies, mentionsAgency, type Agency } from '../facts/agencies.js';
import { fold } from '../text/normalize.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { DOC_TYPE_WORDS } from '../retrieve/frames.js';
import { citationOf } from './extractive.js';
import { clip, documentLabel } from './labels.js';
import { moreOf } from './more.js';
import { columnRole } from '../facts/table.js';
import { isGroupRow, officeHolder, rowFields, type RowFields } from './rows.js';
import { leftOutNote, otherDeadlines, periodOf, splitByPeriod, type Period } from './list-scope.js';
import { yearNamed } from '../facts/table.js';
import { refusalMessage } from './refusals.js';
import type { Answer, Citation } from './types.js';

const MAX_ITEMS = 5;
interface Item {
  passage: Passage;
  fields: RowFields;
  /** The year the group row above names ("II | Năm 2026 |", "I | Đến năm 2030 |"). */
  groupYear?: number;
  /** The row names an office and its holder ("Trưởng Ban … | Bí thư Tỉnh ủy"), not a task. */
  office: boolean;
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

/** Words that name a period ("trong năm 2026", "giai đoạn 2026-2030", "đến năm 2030"), folded. */
const PERIOD_WORDS = new Set('nam giai doan den toi truoc tu'.split(' '));

/**
 * True when a question narrows the rows by year, date or topic words ("… đến năm 2030 về dịch vụ công …"); with
 * `byPeriod`, by topic words beside the period it names.
 */
function narrowed(analysis: QueryAnalysis, byPeriod = false): boolean {
  if (!byPeriod && (analysis.years.length || analysis.dates.length)) return true;
  let text = analysis.text;
  for (const ref of [...analysis.docRefs].sort((a, b) => b.start - a.start)) text = `${text.slice(0, ref.start)} ${text.slice(ref.end)}`;
  return tokens(text).some(
    (t) => !isStopword(t.text) && !WHOLE_TABLE_WORDS.has(t.folded) && !DOC_TYPE_WORDS.has(t.folded) && !/^[ivx\d-]+$/.test(t.folded) && !(byPeriod && PERIOD_WORDS.has(t.folded)),
  );
}

/** What a list of rows lists: tasks, targets, schemes, contents (folded). */
const ITEM_WORDS = 'nhiem vu|chi tieu|viec|de an|cong viec|noi dung';
const ITEM_NOUN = new RegExp(`^(?:${ITEM_WORDS})\\b`);
/** "cơ quan nào", "đơn vị nào", "bộ nào": a body is asked (folded). */
const BODY_ASKED = /\b(?:co quan|don vi|bo|so|ban|nganh) nao\b/;

/** True when every body of the agency list a question names is named as its minister ("Bộ trưởng Bộ Tài chính"). */
function namesMinistersOnly(question: string): boolean {
  const found = locateAgencies(question);
  return found.length > 0 && found.every((a) => /(?<![\p{L}])Bộ trưởng\s+$/u.test(question.slice(Math.max(0, a.start - 12), a.start)));
}

/** Answers a list question from table rows, or undefined when the question is not one this can answer. */
export function answerList(analysis: QueryAnalysis, engine: SearchEngine): Answer | undefined {
  const folded = fold(analysis.text).toLowerCase();
  // "Bộ Công an chủ trì bao nhiêu nhiệm vụ?" is answered by the same list, whose count comes first.
  const asksCount = /\bbao nhieu (nhiem vu|chi tieu|viec|de an|cong viec)\b/.test(folded);
  // "Nhiệm vụ nào hết hạn trong năm 2025?": a singular "which" asks for all that fit.
  const asksWhich = /\b(nhiem vu|chi tieu|viec|de an|cong viec) (nao|gi)\b/.test(folded);
  if (!analysis.wantsList && !asksCount && !asksWhich) return undefined;
  if (!new RegExp(`\\b(?:${ITEM_WORDS})\\b`).test(folded)) return undefined;
  // "… nhiệm vụ X do Bộ Công an chủ trì thì những cơ quan nào phối hợp?" asks bodies, not a list of tasks.
  const members = askedMembers(analysis.text);
  if ((members && !ITEM_NOUN.test(members)) || BODY_ASKED.test(folded)) return undefined;
  // "Bộ trưởng Bộ Công an được giao chỉ đạo việc gì?" asks what the minister was given, not the tasks the ministry
  // leads in a table.
  if (analysis.agencies.length && namesMinistersOnly(analysis.text)) return undefined;
  // "Bộ Công an phối hợp thực hiện những nhiệm vụ nào?": the rows it works on with the lead, not those it leads.
  const asksPartner = analysis.agencies.length > 0 && /phoi hop/.test(folded) && !/chu tri/.test(folded);
  // "Sở Nội vụ có nhiệm vụ gì?": an agency's own tasks are those it leads.
  const ownTasks = analysis.agencies.length > 0 && /^(?:.*\s)?co (nhung |cac )?(nhiem vu|viec|cong viec) (nao|gi)\b/.test(folded);
  const asksLeadWords = analysis.agencies.length > 0 && !asksPartner && (ownTasks || /chu tri|\bgiao\b|phu trach|theo doi/.test(folded));
  // "Hoàn thành bao nhiêu nhiệm vụ?" asks for progress, not for the tasks due: only a list question reads it as a due date.
  const dueWords = analysis.wantsList || asksWhich ? /thoi han|het han|hoan thanh|den han/ : /thoi han|het han|den han/;
  // "Những nhiệm vụ nào thực hiện thường xuyên?" (not "bao nhiêu nhiệm vụ thường xuyên đang được duy trì?", progress).
  const standing = analysis.wantsList || asksWhich ? STANDING_DUE.exec(folded)?.[1] : undefined;
  const asksDue = !!standing || (dueWords.test(folded) && (analysis.years.length > 0 || analysis.dates.some((d) => d.kind === 'month')));
  // "Những nhiệm vụ nào của Bộ Y tế hết hạn trong năm 2025?": an agency named without a role is the one that leads.
  const asksLead = asksLeadWords || (analysis.agencies.length > 0 && !asksPartner && asksDue);
  const docKeys = new Set(analysis.docRefs.map((r) => r.key));
  // "Nghị quyết 03/NQ-CP có bao nhiêu nhiệm vụ?": all the rows of that kind in the document named.
  const asksAll = !asksLead && !asksPartner && !asksDue && docKeys.size > 0 && (asksCount || analysis.wantsList) && !narrowed(analysis);
  const asksTasks = /\b(nhiem vu|viec|de an|cong viec)\b/.test(folded);
  const asksTargets = /\bchi tieu\b/.test(folded);
  // "Những nhiệm vụ nào trong năm 2026?", "Nghị quyết 03 có bao nhiêu nhiệm vụ giai đoạn 2026-2030?": the tasks of the
  // period, when nothing else narrows them (targets of a year are the facts registry's, target-list.ts).
  const asksPeriod =
    !asksLead && !asksPartner && !asksDue && !asksAll && asksTasks && !asksTargets && !!periodOf(analysis) && (asksCount || analysis.wantsList || asksWhich) && !narrowed(analysis, true);
  if (!asksLead && !asksPartner && !asksDue && !asksAll && !asksPeriod) return undefined;
  const kindOk = (item: Item) => {
    const { fields } = item;
    if (!fields.task && !fields.indicator) return false;
    // A row naming an office and its holder ("Cơ quan thường trực Ban Chỉ đạo | Sở …") is no task of the holder.
    if (item.office) return false;
    // "nhiệm vụ" asked: task rows (Phụ lục II); "chỉ tiêu" asked: target rows (Phụ lục I); both or neither: all.
    if (asksTasks && !asksTargets && !fields.task) return false;
    return !(asksTargets && !asksTasks && !fields.indicator);
  };
  const ledBy = (fields: RowFields, agency: Agency) => !!fields.lead && mentionsAgency(fields.lead, agency);
  const partnerOf = (fields: RowFields, agency: Agency) => !!fields.partners && mentionsAgency(fields.partners, agency);
  const agencyOk = ({ fields }: Item) =>
    asksLead ? analysis.agencies.some((a) => ledBy(fields, a)) : !asksPartner || analysis.agencies.some((a) => partnerOf(fields, a));
  const dueOk = (fields: RowFields) => !asksDue || (!!fields.due && dueMatches(fields.due, analysis, standing));
  // The period the question names ("trong năm 2026", "đến năm 2030") holds the rows whose deadline, or group, is in it.
  const period = asksDue ? undefined : periodOf(analysis);
  const inTime = (list: Item[]) => splitByPeriod(list.filter((i) => dueOk(i.fields)), period, (i) => ({ due: i.fields.due, year: i.groupYear }));
  const what0 = asksTargets && !asksTasks ? 'chỉ tiêu' : 'nhiệm vụ';
  let rows = tableRows(engine, docKeys).filter(kindOk);
  // "Những nhiệm vụ Bộ Công an chủ trì theo Nghị quyết 57": a resolution without a task table is carried out by the
  // documents whose title says they implement it (Nghị quyết 03/NQ-CP: "… thực hiện Nghị quyết số 57-NQ/TW"): their rows.
  const implementing = !rows.length && !asksAll ? implementingRows(engine, docKeys).filter(kindOk) : [];
  if (implementing.length) rows = implementing;
  const scoped = rows.filter(agencyOk);
  const split = inTime(scoped);
  const items = split.in;
  if (!items.length) return noneInScope({ analysis, engine, docKeys, what: what0, rows, scoped, split, period, asksDue, elsewhere: () => inTime(tableRows(engine, new Set()).filter((i) => kindOk(i) && agencyOk(i))).in, role: asksPartner ? 'phối hợp' : 'chủ trì' });

  const shown = items.slice(0, MAX_ITEMS);
  const what = items.every((i) => i.fields.indicator && !i.fields.task) ? 'chỉ tiêu' : 'nhiệm vụ';
  // Rows whose lead cell names several bodies ("Bộ TT&TT, Bộ Quốc phòng, Bộ Công an") are led jointly: say how many.
  const joint = asksLead ? items.filter((i) => (i.fields.lead ?? '').split(/[,;]/).filter((p) => p.trim()).length > 1).length : 0;
  const jointly = !joint ? '' : joint === items.length ? ' (cùng chủ trì với cơ quan khác)' : ` (${items.length - joint} chủ trì riêng, ${joint} cùng chủ trì với cơ quan khác)`;
  const base = asksLead || asksPartner || asksDue;
  const when = period ? `${what === 'chỉ tiêu' ? '' : base ? ', thời hạn' : 'có thời hạn'} ${period.said}${leftOutNote(split, what)}` : '';
  const due = !asksDue
    ? ''
    : standing
      ? `có thời hạn “${items[0]!.fields.due}”`
      : `có thời hạn ${[...analysis.dates.filter((d) => d.kind !== 'year').map((d) => d.key), ...analysis.years][0]}`;
  const constraint = (
    (asksLead ? `do ${analysis.agencies[0]!.name} chủ trì${jointly}${due ? ` ${due}` : ''}` : asksPartner ? `có ${analysis.agencies[0]!.name} phối hợp` : due) + when
  ).trim();
  const named = [...docKeys].map((k) => engine.documentByKey(k)).find((d) => !!d);
  const sources = [...new Set(items.map((i) => documentLabel(i.passage.document.meta)))].map((label) =>
    implementing.length ? `${label} (văn bản thực hiện ${named ? documentLabel(named.meta) : analysis.text.slice(analysis.docRefs[0]!.start, analysis.docRefs[0]!.end)})` : label,
  );
  // A whole table counted as the document numbers it ("41 chỉ tiêu", items 11.1, 11.2 … inside item 11).
  const numbered = new Set(items.map((i) => /^\s*(\d+)/.exec(i.fields.item ?? '')?.[1]).filter(Boolean)).size;
  const count = asksAll && numbered && numbered < items.length ? `${numbered} ${what} được đánh số trong bảng (${items.length} dòng)` : `${items.length} ${what}`;
  const label = (item: Item) => {
    const f = item.fields;
    const detail = asksLead ? (f.due ? ` (thời hạn: ${f.due})` : '') : f.lead ? ` (${clip(f.lead, 60)} chủ trì${(asksAll || period) && f.due ? `, thời hạn: ${f.due}` : ''})` : '';
    return `${clip(f.task ?? f.indicator ?? '', 110)}${detail}`;
  };
  const lines = shown.map((item, i) => `(${i + 1}) ${label(item)} [${i + 1}]`);
  const more = items.length > shown.length ? ` Xem thêm ${items.length - shown.length} ${what} khác trong ${sources[0]}.` : '';
  const merged = asksLead ? mergerNote(analysis.agencies[0]!, inTime(rows.filter((r) => !items.includes(r))).in, what, ledBy) : '';
  return {
    answer: `Theo ${sources.join(', ')}, có ${[count, constraint].filter(Boolean).join(' ')}: ${lines.join('; ')}.${more}${merged}`,
    notFound: false,
    mode: 'extractive',
    citations: rowCitations(shown),
    trace: { list: { total: items.length, shown: shown.length, constraint }, chosen: chosenRows(shown) },
    more: restOf(items.slice(shown.length), label, items.length),
  };
}

/** Each engine's table rows with a header (not group rows): position, document key, fields and group year, read once. */
const rowIndexes = new WeakMap<SearchEngine, Array<{ position: number; key?: string; fields: RowFields; groupYear?: number; office: boolean }>>();

/** Every table row with a header, of the documents named (all documents when none is). */
function tableRows(engine: SearchEngine, docKeys: ReadonlySet<string>): Item[] {
  let rows = rowIndexes.get(engine);
  if (!rows) {
    rows = [];
    // A table is a run of rows with the same header; a group row names the year of the rows below it.
    let table = '';
    let groupYear: number | undefined;
    // A target row's year as the facts registry read it (its group row, its value column "Năm 2030", its headings).
    const targetYears = new Map<string, number>();
    for (const f of engine.facts) if (f.kind === 'target' && f.year && f.chunkId && !targetYears.has(f.chunkId)) targetYears.set(f.chunkId, f.year);
    engine.chunks.forEach((chunk, position) => {
      if (chunk.kind !== 'row' || !chunk.header) return;
      const key = `${chunk.documentId}\u0000${JSON.stringify(chunk.header)}`;
      if (key !== table) {
        table = key;
        groupYear = undefined;
      }
      if (isGroupRow(chunk)) {
        groupYear = yearNamed((chunk.cells ?? []).slice(1).join(' '));
        return;
      }
      const fields = rowFields(chunk);
      const year = groupYear ?? (fields.indicator ? targetYears.get(chunk.id) : undefined);
      rows!.push({ position, key: engine.keyOfDocument(chunk.documentId), fields, groupYear: year, office: !!officeHolder(chunk) });
    });
    rowIndexes.set(engine, rows);
  }
  const items: Item[] = [];
  for (const { position, key, fields, groupYear, office } of rows) {
    if (docKeys.size && (!key || !docKeys.has(key))) continue;
    items.push({ fields: { ...fields }, passage: engine.passage(position), groupYear, office });
  }
  return items;
}

/** The rows of the documents whose title says they carry out one of the documents named (and are not named themselves). */
function implementingRows(engine: SearchEngine, docKeys: ReadonlySet<string>): Item[] {
  const keys = new Set<string>();
  for (const doc of engine.allDocuments()) {
    const key = engine.keyOfDocument(doc.id);
    if (key && !docKeys.has(key) && [...docKeys].some((k) => engine.namesDocument(doc.meta.title ?? '', k))) keys.add(key);
  }
  return keys.size ? tableRows(engine, keys) : [];
}

interface Unmatched {
  analysis: QueryAnalysis;
  engine: SearchEngine;
  docKeys: ReadonlySet<string>;
  what: string;
  /** The rows of the kind asked, in the documents named. */
  rows: Item[];
  /** Of those, the rows of the agency named. */
  scoped: Item[];
  split: { out: Item[]; undated: Item[] };
  period?: Period;
  asksDue: boolean;
  /** Rows of the agency and period named in any document (for "… are in another document"). */
  elsewhere: () => Item[];
  role: string;
}

/**
 * When the question's document, agency and period leave no row although the rows it asks about exist: said
 * specifically ("… không nêu nhiệm vụ nào do Sở … chủ trì có thời hạn trong năm 2026. Các nhiệm vụ do Sở … chủ
 * trì ghi thời hạn: 2025, 6/2025.") instead of a list of other rows. Undefined when no row of the kind is there to
 * judge by (the named document's prose may still answer).
 */
function noneInScope(u: Unmatched): Answer | undefined {
  const { analysis, engine, what } = u;
  const agency = analysis.agencies[0];
  const whose = agency ? ` do ${agency.name} ${u.role}` : '';
  const named = [...u.docKeys].map((k) => engine.documentByKey(k)).filter((d) => !!d);
  const holding = new Set(u.scoped.map((i) => i.passage.document.id));
  const subject = named.length === 1 ? documentLabel(named[0]!.meta) : holding.size === 1 ? documentLabel(u.scoped[0]!.passage.document.meta) : undefined;
  let missing: string;
  let detail = '';
  if (u.scoped.length && (u.period || u.asksDue)) {
    // The agency's rows are there, none in the period asked.
    const asked = u.period?.said ?? [...analysis.dates.filter((d) => d.kind !== 'year').map((d) => d.key), ...analysis.years][0] ?? '';
    missing = `${what} nào${whose}${what === 'chỉ tiêu' ? '' : ' có thời hạn'} ${asked}`.replace(/\s+/g, ' ').trim();
    const dues = otherDeadlines(u.split.out.map((i) => ({ due: i.fields.due })));
    const source = subject ? ' trong văn bản này' : '';
    const undated = u.split.undated.length;
    if (dues) detail = ` Các ${what}${whose}${source} ghi thời hạn: ${dues}${undated ? `; ${undated} ${what} khác không ghi thời hạn` : ''}.`;
    else if (undated) detail = ` ${subject ? 'Văn bản này' : 'Các văn bản trong kho'} ghi ${undated} ${what}${whose}, đều không ghi thời hạn.`;
  } else if (agency && u.docKeys.size && u.rows.length && u.elsewhere().length) {
    // The document named has such rows, none of the agency's; another document has them.
    missing = `${what} nào${whose}`;
    const counts = new Map<string, number>();
    for (const i of u.elsewhere()) {
      const label = documentLabel(i.passage.document.meta);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    detail = ` Các ${what}${whose} có trong: ${[...counts].map(([label, n]) => `${label} (${n})`).join(', ')}.`;
  } else {
    return undefined;
  }
  const refusal = { code: 'NOT_STATED' as const, missing: [missing] };
  return {
    answer: `${refusalMessage(refusal, subject)}${detail}`,
    notFound: true,
    refusal,
    mode: 'extractive',
    citations: [],
    trace: { refusal: `list: no row in scope (${missing})`, refusalCode: 'NOT_STATED', list: { total: 0, outOfPeriod: u.split.out.length, undated: u.split.undated.length } },
  };
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
