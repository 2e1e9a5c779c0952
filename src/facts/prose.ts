/**
 * Facts from sentences. Patterns are read on the accent-folded document (same length, so every match is an exact
 * span of the document text):
 * - targets: "tỷ trọng kinh tế số trong GRDP đạt 30%", "Quy mô kinh tế số đạt tối thiểu 30% GDP", "bố trí ít nhất
 *   3% tổng chi ngân sách…", "Đến hết năm 2025, 80% hồ sơ…" — only where the sentence or its headings look forward
 *   (mục tiêu, chỉ tiêu, đến năm, phấn đấu, tối thiểu…) and the clause does not report a result (đã, hiện nay…);
 * - deadlines: "hoàn thành trong năm 2025", "trước ngày 15/6/2025", "trước năm 2030", "trong tháng 01 năm 2025";
 * - responsibilities: see `responsibilities.ts`.
 */
import { responsibilitiesIn, type ResponsibilityHit } from './responsibilities.js';
import { clausesOf, matchesIn, trimSpan, type Clause, type SentenceContext } from './sentence.js';
import { yearNamed } from './table.js';
import type { DeadlineFact, ResponsibilityFact, TargetFact } from './types.js';
import { squash } from '../text/normalize.js';
import { NUMBER, normalizeDue, parseTargetValue } from './values.js';

export type ProseFact = Omit<TargetFact, 'id'> | Omit<DeadlineFact, 'id'> | Omit<ResponsibilityFact, 'id'>;

const base = (ctx: SentenceContext) => ({
  documentId: ctx.documentId,
  start: ctx.start,
  end: ctx.end,
  chunkId: ctx.chunkId,
  section: ctx.section,
  origin: 'prose' as const,
});

// ---------------------------------------------------------------------------------------------- targets

const COMP = String.raw`toi thieu|it nhat|toi da|khong qua|khong duoi|khong thap hon|khong it hon|tren|hon|duoi|khoang|gan|xap xi|tu|>=|<=|≥|≤|>|<`;
const UNIT_NOUN = String.raw`doanh nghiep|tap doan|to chuc|nguoi|san pham|trung tam|co so|san|nen tang|tuyen|du an|chuong trinh|nhiem vu|ho so|thu tuc|ty dong|trieu dong|nghin ty dong|ty usd|trieu usd|usd|luot|nuoc|quoc gia|bai bao|cong bo|sang che|phong thi nghiem|khu|cum|truong|ky su|tien si|chuyen gia|nha may|do thi`;
const PERCENT_UNIT = String.raw`%(?:\s*\/\s*nam)?(?:\s+(?:gdp|grdp)(?![a-z]))?`;
const PER = String.raw`(?:\s+(?:tren|\/)\s*(?:mot\s+)?(?:van|nghin|tram|trieu)\s+dan)?`;
/** A number or range not followed by more digits, a date or a document code ("57-NQ/TW", "15/1/2025", "30/75"). */
const AMOUNT = String.raw`(${NUMBER}(?:\s*%?\s*(?:-|–|den)\s*${NUMBER})?)(?![\d]|[.,]\d|\s*\/\s*\d|\s*-\s*[a-z])`;
const UNIT = String.raw`(?:\s*(${PERCENT_UNIT})|\s+((?:${UNIT_NOUN})(?![a-z])${PER}))?`;
const TRIGGER = String.raw`dat(?:\s+muc)?|bao\s+dam|dam\s+bao|o\s+muc|chiem|duy\s+tri(?:\s+o\s+muc)?|tang(?:\s+trung\s+binh|\s+binh\s+quan)?|giam(?:\s+xuong)?(?:\s+con)?|len|danh|bo\s+tri|co|thu\s+hut(?:\s+them)?|moi\s+goi(?:\s+them)?|phan\s+dau(?:\s+dat)?|la|(?:thuoc|vao|trong)\s+(?:nhom|top)`;
/** Groups: 1 trigger, 2 comparator, 3 amount, 4 percent unit, 5 noun unit. */
const TARGET_AFTER_VERB = new RegExp(String.raw`(?<![a-z0-9])(${TRIGGER})\s+(?:(${COMP})\s+(?:co\s+)?)?${AMOUNT}${UNIT}`, 'gd');
/** Groups: 1 comparator, 2 amount, 3 percent unit, 4 noun unit ("Tối thiểu có 5 doanh nghiệp…"). */
const TARGET_COMPARED = new RegExp(String.raw`(?<![a-z0-9])(${COMP})\s+(?:(?:co|dat|la|bang|o muc)\s+)?${AMOUNT}${UNIT}`, 'gd');
/** Groups: 1 comparator, 2 amount, 3 "%" ("Đến hết năm 2025, 80% hồ sơ…"). */
const TARGET_LEADING = new RegExp(String.raw`^(?:(?:den|toi)\s+(?:het\s+)?nam\s+\d{4},?\s*)?(?:(${COMP})\s+)?(${NUMBER})\s*(%)`, 'd');

const FORWARD = /(?:den|toi) (?:het )?nam \d{4}|muc tieu|chi tieu|phan dau|tam nhin|dinh huong|du kien|(?<![a-z])se |huong toi|can dat|phai dat|bao dam|toi thieu|it nhat/;
const FORWARD_HEADING = /muc tieu|chi tieu|(?:den|toi) (?:het )?nam \d{4}|tam nhin|nhiem vu|ke hoach/;
const PAST = /(?<![a-z])(?:da|dat duoc|hoan thanh vuot|tinh den|den nay|hien nay|hien co|vua|xep thu|so voi)(?![a-z])/;
/** "đạt 95%, vượt mục tiêu": a result. */
const PAST_AFTER = /(?<![a-z])vuot (?:muc|muc tieu|chi tieu|ke hoach)(?![a-z])/;
/** Words before an indicator that are not part of it. */
const YEAR_AFTER = /^\s*(?:vao|trong|den|toi)?\s*(?:het\s+)?nam\s+((?:19|20)\d{2})(?!\d)/;
const LEAD_IN = /^(?:(?:(?:(?:den|toi|vao)\s+)?(?:het\s+)?nam\s+\d{4}|trong do|dong thoi|dac biet|ngoai ra|ben canh do|va|phan dau|viet nam co|(?:tinh|toan tinh|ca nuoc|quang ninh)(?:\s+se)?(?:\s+uu tien)?)(?:[\s,]+|$))+/;
/** A verb ending the words before a value ("Quy mô kinh tế số đạt"): not part of the indicator. */
const TRAILING_TRIGGER = new RegExp(String.raw`(?:^|\s)(?:${TRIGGER})$`);
/** Where what follows a value stops being its indicator. */
const AFTER_STOP = /,\s*(?:dong thoi|trong do|va|nhung|song|con)(?![a-z])/;

interface ValueHit {
  /** Where the pattern starts (trigger or comparator) and where the value starts and ends. */
  s: number;
  vs: number;
  e: number;
  unit?: [number, number];
  comparator?: [number, number];
  /** "thuộc nhóm 30 nước dẫn đầu …": a rank, whose indicator is what follows it. */
  rank?: boolean;
}

function valueHits(ctx: SentenceContext, clause: Clause, forward: boolean): ValueHit[] {
  const hits: ValueHit[] = [];
  const add = (hit: ValueHit) => {
    if (!hits.some((h) => hit.vs < h.e && h.vs < hit.e)) hits.push(hit);
  };
  // A comparator binds closer than a verb: "Tối thiểu có 5 doanh nghiệp", "đạt tối thiểu 30% GDP".
  for (const [re, comp, amount, pct, noun] of [
    [TARGET_COMPARED, 1, 2, 3, 4],
    [TARGET_AFTER_VERB, 2, 3, 4, 5],
  ] as const) {
    for (const { m, at } of matchesIn(re, ctx.folded, clause.start, clause.end)) {
      const unit = at(pct) ?? at(noun);
      const c = at(comp);
      // A bare number is a value only with a comparator or a unit ("Phiên họp thứ 4", "năm 2025" are not).
      if (!c && !unit) continue;
      if (!unit && /^(?:19|20)\d{2}$/.test(m[amount]!)) continue;
      let [vs] = c ?? at(amount)!;
      // "thuộc nhóm 30 nước dẫn đầu": the value is a rank, "nhóm 30 nước".
      const rank = re === TARGET_AFTER_VERB && !c ? /(?:nhom|top)$/.exec(ctx.folded.slice(at(1)![0], at(1)![1])) : null;
      if (rank) vs = at(1)![1] - rank[0].length;
      add({ s: at(0)![0], vs, e: unit ? unit[1] : at(amount)![1], unit, comparator: c, rank: !!rank });
    }
  }
  const lead = forward ? TARGET_LEADING.exec(ctx.folded.slice(clause.start, clause.end)) : null;
  if (lead) {
    const g = (n: number) => (lead.indices![n] ? [clause.start + lead.indices![n]![0], clause.start + lead.indices![n]![1]] as [number, number] : undefined);
    const c = g(1);
    add({ s: clause.start, vs: (c ?? g(2)!)[0], e: g(3)![1], unit: g(3), comparator: c });
  }
  return hits.sort((a, b) => a.vs - b.vs);
}

/** The year a target sentence names ("Đến năm 2030, …", "giai đoạn 2025-2030", "… vào năm 2030"). */
function sentenceYear(folded: string): number | undefined {
  const m =
    /(?:den|toi)\s+(?:het\s+)?nam\s+((?:19|20)\d{2})/.exec(folded) ??
    /giai doan\s+(?:19|20)\d{2}\s*-\s*((?:19|20)\d{2})/.exec(folded) ??
    /nam\s+((?:19|20)\d{2})/.exec(folded);
  return m ? Number(m[1]) : undefined;
}

/**
 * Targets in a clause. `label` is the clause before a colon ("Quy mô kinh tế số: đạt tối thiểu 30% GDP"), the
 * indicator of a value the clause starts with.
 */
function targetsIn(ctx: SentenceContext, clause: Clause, forward: boolean, year: number | undefined, label?: Clause): Array<Omit<TargetFact, 'id'>> {
  const { text, folded } = ctx;
  if (!forward || PAST_AFTER.test(folded.slice(clause.start, clause.end))) return [];
  const hits = valueHits(ctx, clause, forward);
  const out: Array<Omit<TargetFact, 'id'>> = [];
  let segment = clause.start;
  let previous: [number, number] | undefined;
  hits.forEach((hit, n) => {
    const from = segment;
    // "… đạt 1,5% GDP vào năm 2015, trên 2% GDP vào năm 2020": the year after a value is that value's.
    const after = YEAR_AFTER.exec(folded.slice(hit.e, hit.e + 24));
    const valueEnd = hit.e + (after ? after[0].length : 0);
    segment = valueEnd;
    if (PAST.test(folded.slice(from, hit.vs))) return;
    let [is, ie] = trimSpan(text, from, hit.s);
    const lead = LEAD_IN.exec(folded.slice(is, ie));
    if (lead) [is, ie] = trimSpan(text, is + lead[0].length, ie);
    const verb = TRAILING_TRIGGER.exec(folded.slice(is, ie));
    if (verb) [is, ie] = trimSpan(text, is, ie - verb[0].length);
    if (previous && /^[\s,;]*(?:(?:va|hoac)[\s,]*)?$/.test(folded.slice(from, hit.s))) {
      [is, ie] = previous;
    } else if (label && n === 0 && ie - is < 3 && label.end - label.start < 200) {
      [is, ie] = [label.start, label.end];
    } else if (hit.rank || ie - is < 8 || !/\s/.test(text.slice(is, ie))) {
      // "bố trí ít nhất 3% tổng chi ngân sách…", "Tối thiểu có 5 doanh nghiệp…": what is counted follows the value.
      const nounUnit = hit.unit && !text.slice(hit.unit[0], hit.unit[1]).startsWith('%');
      const start = nounUnit ? hit.unit![0] : valueEnd;
      let end = hits[n + 1]?.s ?? clause.end;
      const stop = AFTER_STOP.exec(folded.slice(start, end));
      if (stop) end = start + stop.index;
      [is, ie] = trimSpan(text, start, end);
      segment = Math.max(segment, ie);
    }
    if (ie - is < 3) return;
    previous = [is, ie];
    const value = text.slice(hit.vs, hit.e);
    const targetYear = after ? Number(after[1]) : year;
    out.push({
      ...base(ctx),
      kind: 'target',
      highlight: { start: hit.vs, end: hit.e },
      indicator: squash(text.slice(is, ie)),
      value: squash(value),
      ...parseTargetValue(value),
      ...(hit.comparator ? { comparator: text.slice(hit.comparator[0], hit.comparator[1]) } : {}),
      ...(hit.unit ? { unit: squash(text.slice(hit.unit[0], hit.unit[1])) } : {}),
      ...(targetYear ? { year: targetYear } : {}),
    });
  });
  return out;
}

// -------------------------------------------------------------------------------------------- deadlines

const DAY = String.raw`ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|ngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?`;
const MONTH = String.raw`thang\s+\d{1,2}(?:\s*\/\s*|\s+nam\s+)\d{4}|\d{1,2}\s*\/\s*\d{4}|quy\s+(?:[ivx]+|\d)\s*(?:\/\s*|\s+nam\s+)\d{4}`;
/** "trước ngày 15/6/2025", "chậm nhất tháng 6/2025", "trước năm 2030". */
const DUE_BEFORE = new RegExp(String.raw`(?<![a-z])(?:truoc|cham nhat(?:\s+la)?|muon nhat(?:\s+la)?|han chot(?:\s+la)?)\s+(?:${DAY}|${MONTH}|nam\s+\d{4})(?!\d)`, 'gd');
/** "trong tháng 01 năm 2025", "trong quý II/2025". */
const DUE_WITHIN = new RegExp(String.raw`(?<![a-z])trong\s+(?:${DAY}|${MONTH})(?!\d)`, 'gd');
/** "hoàn thành trong năm 2025": a year alone is a deadline only after a verb of completion. */
const DUE_YEAR = /(?<![a-z])(?:hoan thanh|xong|ban hanh|trinh|thuc hien|trien khai|phe duyet|dua vao (?:su dung|van hanh|khai thac))\s+(trong\s+nam\s+\d{4})(?!\d)/dg;

function deadlinesIn(ctx: SentenceContext, clause: Clause): Array<Omit<DeadlineFact, 'id'>> {
  const { text, folded } = ctx;
  const spans: Array<[number, number]> = [];
  for (const re of [DUE_BEFORE, DUE_WITHIN]) for (const { at } of matchesIn(re, folded, clause.start, clause.end)) spans.push(at(0)!);
  for (const { at } of matchesIn(DUE_YEAR, folded, clause.start, clause.end)) spans.push(at(1)!);
  spans.sort((a, b) => a[0] - b[0]);
  const out: Array<Omit<DeadlineFact, 'id'>> = [];
  let taskStart = clause.start;
  for (const [s, e] of spans) {
    if (out.some((o) => s < o.highlight.end && o.highlight.start < e)) continue;
    // A result ("đã hoàn thành trước …") is not a deadline.
    if (/(?<![a-z])(?:da|vua|tinh den)(?![a-z])/.test(folded.slice(clause.start, s))) continue;
    let [ts, te] = trimSpan(text, taskStart, s);
    if (te - ts < 12) [ts, te] = trimSpan(text, clause.start, s);
    if (te - ts < 12) [ts, te] = trimSpan(text, ctx.start, s);
    if (te - ts < 3) continue;
    const due = text.slice(s, e);
    out.push({
      ...base(ctx),
      kind: 'deadline',
      highlight: { start: s, end: e },
      task: squash(text.slice(ts, te).replace(/^(?:và|hoặc)\s+/u, '')),
      due: squash(due),
      normalized: normalizeDue(due) ?? {},
    });
    taskStart = e;
  }
  return out;
}

// ------------------------------------------------------------------------------------------- sentences

/** The facts one sentence states. */
export function sentenceFacts(ctx: SentenceContext): ProseFact[] {
  const folded = ctx.folded.slice(ctx.start, ctx.end);
  const forward = FORWARD.test(folded) || ctx.headings.some((h) => FORWARD_HEADING.test(ctx.folded.slice(h.start, h.start + h.line.length)));
  const year = sentenceYear(folded) ?? [...ctx.headings].reverse().map((h) => yearNamed(h.line)).find(Boolean);
  const out: ProseFact[] = [];
  let sentenceLead: ResponsibilityHit | undefined;
  let before: Clause | undefined;
  for (const clause of clausesOf(ctx.text, ctx.start, ctx.end)) {
    const label = before && ctx.text.slice(before.end, clause.start).includes(':') ? before : undefined;
    before = clause;
    const responsibilities = responsibilitiesIn(ctx, clause).map((r) => ({ ...base(ctx), ...r }));
    const deadlines = deadlinesIn(ctx, clause);
    // A clause without a subject ("…; phối hợp với …, hoàn thành trong năm 2025") keeps the sentence's lead.
    const r = responsibilities[0] ?? sentenceLead;
    sentenceLead ??= responsibilities[0];
    const d = deadlines[0];
    if (r) for (const dl of deadlines) Object.assign(dl, { lead: r.lead }, r.partners.length ? { partners: r.partners } : {});
    if (d) for (const rs of responsibilities) Object.assign(rs, { due: d.due, normalized: d.normalized });
    out.push(...responsibilities, ...deadlines, ...targetsIn(ctx, clause, forward, year, label));
  }
  return out;
}
