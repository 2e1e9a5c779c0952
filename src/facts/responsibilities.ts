/**
 * Who does what, read from sentences:
 * - "giao Sở KH&CN chủ trì, phối hợp với …", "Bộ X, Bộ Y chủ trì, phối hợp với các bộ, ngành … <task>";
 * - a "Chủ trì …" item under a heading that names the agency ("a) Tổ đảng ở Thường trực Ủy ban KH,CN&MT");
 * - "do Bí thư Tỉnh ủy làm Trưởng ban", "X làm Tổ trưởng";
 * - "X chịu trách nhiệm / có trách nhiệm …", "giao X <task>", "X phối hợp với Y <task>";
 * - "Bộ X lãnh đạo, chỉ đạo …" where the section organises implementation ("Tổ chức thực hiện", "Phân công").
 * The subject must read as a list of agencies (known names, or names starting like one: Bộ, Sở, Ban, Ủy ban…);
 * the task starts at the first lower-case verb after it (agency names capitalise their words).
 */
import { squash } from '../text/normalize.js';
import { agencyNamed, foldSameLength, locateAgencies, splitAgencies, startsLikeAgency, type AgencyRef, type LocatedAgency } from './agencies.js';
import { MARKER, trimSpan, type Clause, type SentenceContext } from './sentence.js';

export interface ResponsibilityHit {
  kind: 'responsibility';
  highlight: { start: number; end: number };
  task: string;
  lead: AgencyRef[];
  partners: AgencyRef[];
  role?: string;
}

const VERB =
  /(?<![a-z])(?:xay dung|ban hanh|to chuc|theo doi|huong dan|bao dam|dam bao|trien khai|ra soat|tham muu|giup|thuc hien|nghien cuu|de xuat|bao cao|hoan thien|kiem tra|don doc|tong hop|trinh|sua doi|lap|tham dinh|tham tra|danh gia|phat trien|so hoa|van hanh|cap nhat|quan triet|tuyen truyen|chi dao|lanh dao|giam sat|cung cap|bo tri|huy dong|chuan bi|tiep tuc|khan truong|pho bien|ho tro|thuc day|day manh|tang cuong|ung dung|cai cach|kien toan|thanh lap|xac dinh|cong bo|dao tao|boi duong|dieu chinh|thong nhat|ket noi|chia se|dau tu|quan ly|xu ly|giai quyet|tiep nhan|thu thap|tap trung|chu dong|de|nham|trong|ve|tai|theo)(?![a-z])/g;

/** Where the first lower-case verb in `[from, to)` starts, outside known agency names; -1 when there is none. */
export function verbAt(text: string, folded: string, from: number, to: number, strict = false): number {
  // The agency names are read only when a verb candidate is met, and split into entries only when one lies inside
  // a name (a known entry is always a located name): most clauses need neither.
  let located: LocatedAgency[] | undefined;
  let known: AgencyRef[] | undefined;
  const insideKnown = (at: number): boolean => {
    located ??= locateAgencies(text.slice(from, to), folded.slice(from, to));
    if (!located.some((l) => at - from >= l.start && at - from < l.end)) return false;
    known ??= splitAgencies(text.slice(from, to), from, located).filter((r) => r.known);
    return known.some((k) => at >= k.start && at < k.end);
  };
  for (const m of folded.slice(from, to).matchAll(VERB)) {
    const at = from + m.index;
    if (text[at] !== text[at]!.toLowerCase()) continue;
    if (insideKnown(at)) continue;
    // "các tổ chức", "những đơn vị": a noun here, not the verb.
    if (/(?:cac|nhung|moi)\s+$/.test(folded.slice(Math.max(from, at - 6), at))) continue;
    if (m[0] === 'to chuc' && TO_CHUC_NOUN.test(folded.slice(at + 7, at + 30))) continue;
    if (strict && PREPOSITIONS.has(m[0])) return -1;
    return at;
  }
  return -1;
}

/** "tổ chức" followed by these is the noun (organisation), not the verb (organise). */
const TO_CHUC_NOUN = /^(?:\s*,\s*ca nhan|\s+(?:dang|chinh tri|xa hoi|khoa hoc|quoc te|huu quan|lien quan|co lien quan|su nghiep|ton giao|kinh te|tai chinh|tin dung|doan the|cong doan))(?![a-z])/;
/** Words that start a phrase but not a task; a task read without a "chủ trì" must start with a verb. */
const PREPOSITIONS = new Set(['de', 'nham', 'trong', 've', 'tai', 'theo']);

const TRAILING_ADVERBS = /(?:\s+(?:cũng|sẽ|đã|đang|vừa|được|cần|phải|tiếp tục|đồng thời|trực tiếp|chủ động|có))+$/u;

/** The agency list that is a clause's subject ("Định kỳ, Bộ X cũng" → [Bộ X]), or undefined. */
function subjectAgencies(text: string, folded: string, start: number, end: number): AgencyRef[] | undefined {
  let [s, e] = trimSpan(text, start, end);
  // Short adverbials before the subject: "Định kỳ,", "Trước mắt,", "Đồng thời,".
  for (let guard = 0; guard < 3; guard++) {
    const comma = text.indexOf(',', s);
    if (comma < 0 || comma >= e || startsLikeAgency(text.slice(s, comma))) break;
    if (text.slice(s, comma).trim().split(/\s+/).length > 4) return undefined;
    [s, e] = trimSpan(text, comma + 1, e);
  }
  const adverbs = TRAILING_ADVERBS.exec(text.slice(s, e).toLowerCase());
  if (adverbs) e -= adverbs[0].length;
  if (e - s < 3 || e - s > 250 || !startsLikeAgency(text.slice(s, e)) || verbAt(text, folded, s, e) >= 0) return undefined;
  if ((text.slice(s, e).match(/\(/g) ?? []).length !== (text.slice(s, e).match(/\)/g) ?? []).length) return undefined;
  const refs = splitAgencies(text.slice(s, e), s);
  if (!refs.length || refs.some((r) => !r.known && !startsLikeAgency(r.written))) return undefined;
  return refs;
}

/** A person or body named as a whole ("đồng chí Nguyễn Mạnh Cường - …, Giám đốc Sở KH&CN"). */
function wholeRef(text: string, s: number, e: number): AgencyRef {
  const title = /^(?:đồng chí|ông|bà)\s+/iu.exec(text.slice(s, e));
  if (title) s += title[0].length;
  const written = text.slice(s, e);
  const agency = agencyNamed(written);
  return agency
    ? { name: agency.name, written, known: true, mergedInto: agency.mergedInto, start: s, end: e }
    : { name: written, written, known: false, start: s, end: e };
}

/** Partners after "phối hợp với", up to the task's first verb. */
function partnersFrom(text: string, folded: string, from: number, end: number): { partners: AgencyRef[]; taskStart: number } {
  const verb = verbAt(text, folded, from, end);
  const stop = verb >= 0 ? verb : end;
  return { partners: splitAgencies(text.slice(from, stop), from), taskStart: stop };
}

const CHU_TRI = /(?<![a-z])(?:lam\s+)?chu tri(?![a-z])/g;
const GIAO = /(?<![a-z])giao(?:\s+cho)?\s+/g;
/** "giao" (assign) as written, not "giáo" (Ban Tuyên giáo) that folds to the same letters. */
const isGiao = (text: string, at: number) => text.slice(at, at + 4).toLowerCase() === 'giao';
const COOP = /^\s*,?\s*(?:va\s+)?phoi hop (?:voi|cung)\s+/;
const CHIEF_ROLE = String.raw`(truong ban|pho truong ban(?: thuong truc)?|to truong|to pho|truong doan|chu tich hoi dong|chu nhiem|truong tieu ban)(?![a-z])`;
const CHIEF_BY = new RegExp(String.raw`(?<![a-z])do\s+(.{3,200}?)\s+lam\s+${CHIEF_ROLE}`, 'd');
const CHIEF_SUBJECT = new RegExp(String.raw`^(.{3,200}?)\s+lam\s+${CHIEF_ROLE}`, 'd');
const DUTY = /(?<![a-z])(?:chiu|co) trach nhiem(?![a-z])/;
const PLANNING_HEADING = /to chuc thuc hien|phan cong|trach nhiem/;
/** Is a heading line one that organises implementation? Remembered per line: every clause under it asks. */
function isPlanningHeading(line: string): boolean {
  let planning = PLANNING_LINES.get(line);
  if (planning === undefined) {
    planning = PLANNING_HEADING.test(foldSameLength(line));
    if (PLANNING_LINES.size > 10_000) PLANNING_LINES.clear();
    PLANNING_LINES.set(line, planning);
  }
  return planning;
}
const PLANNING_LINES = new Map<string, boolean>();
const PAST = /(?<![a-z])(?:da|vua|tinh den|den nay)(?![a-z])/;

/** The responsibility a clause states, if any (at most one per clause). */
export function responsibilitiesIn(ctx: SentenceContext, clause: Clause): ResponsibilityHit[] {
  const { text, folded } = ctx;
  const local = folded.slice(clause.start, clause.end);
  const make = (lead: AgencyRef[] | undefined, partners: AgencyRef[], task: [number, number], role?: string, mark?: [number, number]): ResponsibilityHit[] => {
    const [ts, te] = trimSpan(text, task[0], task[1]);
    if (!lead?.length || te - ts < 3) return [];
    const highlight = mark ?? [lead[0]!.start, lead[lead.length - 1]!.end];
    return [{ kind: 'responsibility', highlight: { start: highlight[0], end: highlight[1] }, task: squash(text.slice(ts, te)), lead, partners, ...(role ? { role } : {}) }];
  };

  // "giao X chủ trì, phối hợp với Y …" / "X chủ trì, phối hợp với Y …" / "- Chủ trì …" under an agency heading.
  for (const m of local.matchAll(CHU_TRI)) {
    const at = clause.start + m.index;
    const after = at + m[0].length;
    let subjectStart = clause.start;
    for (const g of folded.slice(clause.start, at).matchAll(GIAO)) if (isGiao(text, clause.start + g.index)) subjectStart = clause.start + g.index + g[0].length;
    let lead = subjectAgencies(text, folded, subjectStart, at);
    let mark: [number, number] | undefined;
    if (!lead && at === clause.start) {
      const heading = ctx.headings[ctx.headings.length - 1];
      const marker = heading ? MARKER.exec(heading.line) : null;
      if (heading && marker) {
        const [hs, he] = trimSpan(text, heading.start + marker[0].length, heading.start + heading.line.length, /[\s.:]/);
        if (startsLikeAgency(text.slice(hs, he)) && verbAt(text, folded, hs, he) < 0) {
          lead = [wholeRef(text, hs, he)];
          mark = [at, after];
        }
      }
    }
    if (!lead) continue;
    const coop = COOP.exec(folded.slice(after, clause.end));
    const { partners, taskStart } = coop ? partnersFrom(text, folded, after + coop[0].length, clause.end) : { partners: [], taskStart: after };
    const hit = make(lead, partners, [taskStart, clause.end], 'chủ trì', mark);
    if (hit.length) return hit;
  }

  // "do Bí thư Tỉnh ủy làm Trưởng ban" (the task is what comes before), "X làm Tổ trưởng …".
  const by = CHIEF_BY.exec(local);
  const subject = by ? null : CHIEF_SUBJECT.exec(local);
  const chief = by ?? subject;
  if (chief) {
    const who = chief.indices![1]!.map((i) => clause.start + i) as [number, number];
    const role = chief.indices![2]!.map((i) => clause.start + i) as [number, number];
    const task: [number, number] = by ? [clause.start, clause.start + chief.index] : [role[1], clause.end];
    const lead = by ? [wholeRef(text, who[0], who[1])] : subjectAgencies(text, folded, who[0], who[1]);
    const hit = make(lead, [], task, text.slice(role[0], role[1]));
    if (hit.length) return hit;
  }

  // "X chịu trách nhiệm …", "X có trách nhiệm …".
  const duty = DUTY.exec(local);
  if (duty) {
    const at = clause.start + duty.index;
    const hit = make(subjectAgencies(text, folded, clause.start, at), [], [at + duty[0].length, clause.end], text.slice(at, at + duty[0].length));
    if (hit.length) return hit;
  }

  // "giao X <task>" ("Bộ Chính trị giao Đảng đoàn Quốc hội lãnh đạo, chỉ đạo rà soát …").
  for (const g of local.matchAll(GIAO)) {
    if (!isGiao(text, clause.start + g.index)) continue;
    const from = clause.start + g.index + g[0].length;
    const verb = verbAt(text, folded, from, clause.end, true);
    if (verb < 0) continue;
    const hit = make(subjectAgencies(text, folded, from, verb), [], [verb, clause.end], 'được giao');
    if (hit.length) return hit;
  }

  // "X phối hợp với Y …"; "Bộ X lãnh đạo, chỉ đạo …" where the section organises implementation.
  if (PAST.test(local)) return [];
  const planning = ctx.headings.some((h) => isPlanningHeading(h.line));
  const coopAt = /(?<![a-z])phoi hop (?:voi|cung)\s+/.exec(local);
  const verb = verbAt(text, folded, clause.start, clause.end, true);
  if (coopAt && (verb < 0 || clause.start + coopAt.index < verb)) {
    const at = clause.start + coopAt.index;
    const { partners, taskStart } = partnersFrom(text, folded, at + coopAt[0].length, clause.end);
    return make(subjectAgencies(text, folded, clause.start, at), partners, [taskStart, clause.end]);
  }
  if (planning && verb > clause.start) return make(subjectAgencies(text, folded, clause.start, verb), [], [verb, clause.end]);
  return [];
}
