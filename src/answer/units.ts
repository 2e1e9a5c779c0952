/**
 * Reading one sentence or table row for the kind of fact a question asks: a date, a figure, a body or person, a
 * definition. Pure functions of text, used to choose and trim the unit an extractive answer quotes.
 */
import type { Passage } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { canonSyllable, fold, hasDiacritics } from '../text/normalize.js';
import { PROVINCE_KEYS } from '../text/places.js';

/** fold(question).toLowerCase(), remembered: the same question is read again for every sentence weighed. */
const askedForms = new Map<string, string>();
function askedForm(question: string): string {
  let form = askedForms.get(question);
  if (form === undefined) {
    form = fold(question).toLowerCase();
    if (askedForms.size >= 256) askedForms.clear();
    askedForms.set(question, form);
  }
  return form;
}

/** countsNoun's pattern for each noun (made once). */
const COUNTS = new Map<string, RegExp>();
import { isStopword } from '../text/tokenize.js';

/** The words asking when a document was issued, signed, adopted or came out, as written (read by phraseReader, text/normalize.ts). */
export const ISSUE_WORDS: readonly string[] = ['ban hành', 'ký', 'thông qua', 'ra đời', 'ra ngày'];

/** A day and month ("24/6"), not a share of a count ("24/31 nhiệm vụ"): a day of 1–31, a month of 1–12. */
export const DAY_MONTH = String.raw`\b(?:0?[1-9]|[12]\d|3[01])\/(?:0?[1-9]|1[0-2])\b`;
/** A month and year ("12/2025"). */
export const MONTH_YEAR = String.raw`\b(?:0?[1-9]|1[0-2])\/(?:19|20)\d{2}\b`;
export const DATE_LIKE = new RegExp(String.raw`${DAY_MONTH}(?!\/)|${MONTH_YEAR}|${DAY_MONTH}\/\d{4}\b|\b(19|20)\d{2}\b|quý\s+[IVX1-4]+|hằng năm|thường xuyên|tháng\s+\d`, 'iu');
/** A named body (Bộ …, Sở …, Ủy ban …) or a person's title and name. */
const AGENCY_OR_PERSON = /(?:Bộ|Sở|Ủy ban|Uỷ ban|UBND|Ban|Văn phòng|Cục|Tổng cục|Viện|Trung tâm|Tổ|Đảng ủy|Đảng đoàn|Hội đồng|Thủ tướng|Bí thư|Chủ tịch|Giám đốc|Phòng|Khoa|ông|bà)(?:\s+\p{Lu}[\p{L}&.]*)+|Chính phủ|Quốc hội|Ủy ban nhân dân|Hội đồng nhân dân|Tòa án nhân dân|Viện kiểm sát nhân dân|Kiểm toán nhà nước|Hiệu trưởng|Thủ trưởng|Trưởng khoa|Trưởng phòng|Người đứng đầu|người đứng đầu/gu;

/** True when the text names a body or person the question did not already name (the "who" of the answer). */
export function namesSomeoneNew(text: string, question: string): boolean {
  const asked = askedForm(question);
  return [...text.matchAll(AGENCY_OR_PERSON)].some((m) => !asked.includes(fold(m[0]).toLowerCase()));
}
const RESPONSIBLE = /chủ trì|phối hợp|trưởng ban|phó trưởng ban|tổ trưởng|phụ trách|chịu trách nhiệm|giao\s|đứng đầu|thường trực|\bdo\b/iu;

/** Text without document numbers and dates, so that "138/KH-UBND" or "21/5/2025" do not pass for a figure. */
export function figuresOnly(text: string): string {
  return text
    // A table row's number ("| 128. |", "| 11.6. |") says which row, not how many.
    .replace(/(?:^|\n)\s*\|\s*(?:\d+\.)+\d*\s*\|/g, ' |')
    .replace(/\d+\s?[-/]\s?[\p{Lu}Đ][\p{L}Đđ&/-]*/gu, ' ')
    .replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b\d{1,2}\/\d{4}\b/g, ' ')
    // A reporting period ("9 tháng năm 2025", "6 tháng đầu năm 2024") says when, not how many.
    .replace(/\b\d{1,2}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm(?:\s+\d{4})?/giu, ' ')
    // A quarter, month or day named by its number ("trong quý 1", "tháng 6", "ngày 20"), or a time of day ("19:33"),
    // says when, not how many.
    .replace(/\b\d{1,2}:\d{2}\b/g, ' ')
    .replace(/(?<![\p{L}])(?:quý|tháng|ngày)\s+(?:[IV]+|\d{1,2})(?![\p{L}\d])/gu, ' ')
    .replace(/(?:Nghị quyết|Kế hoạch|Chương trình|Kết luận|Quyết định|Chỉ thị|Thông tư|Nghị định|Đề án|Luật|Điều|Khoản|Phụ lục|số)\s+(?:số\s+)?\d+/giu, ' ');
}

const QUANTITY = /\b(bao nhieu|bao nhieu phan tram|phan tram|ty le|ti le|ty trong|ti trong)\b/;
/** Number words that are not also common other words ("một trong những", "năm" the year, "đầu tư"). */
const NUMBER_WORDS = /(?<![\p{L}])(hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|nửa)(?![\p{L}])/iu;

/** True for a question asking how many or how much ("bao nhiêu", "tỷ lệ", "phần trăm"). */
export function asksQuantity(question: string): boolean {
  const form = askedForm(question);
  return QUANTITY.test(form) && !TIME_AMOUNT.test(form);
}

/** "hạn là bao nhiêu?", "thời hạn bao nhiêu": how much of a time is a time, asked as a date (folded). */
const TIME_AMOUNT = /\b(?:thoi han|han chot|han|ngay|thang)(?: la)? (?:bao nhieu|bn)\b(?! (?:phan tram|%))/;

/** True when a text states a figure (digits or number words) other than dates, document numbers and the question's own. */
export function holdsFigure(text: string, question: string): boolean {
  const asked = new Set(question.match(/\d+(?:[.,]\d+)*/g) ?? []);
  // "Bao nhiêu phần trăm?" is answered by a percentage (a row's unit column "%" then its value counts).
  if (/\bphan tram\b|%/.test(askedForm(question)) && !/%|phần trăm/iu.test(text)) return false;
  // An ordinal ("Phiên họp thứ 4", "lần thứ hai") says which one, not how many, unless the question asks which one.
  if (!/\bthu bao nhieu\b/.test(askedForm(question))) text = text.replace(/(?<![\p{L}])thứ\s+(?:\d+|\p{L}+)/giu, ' ');
  // "Năm thứ bao nhiêu?", "lần thứ bao nhiêu?" are answered by an ordinal ("năm thứ nhất", "lần thứ hai").
  else if (/(?<![\p{L}])thứ\s+(?:nhất|nhì|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|\d+)(?![\p{L}])/iu.test(text)) return true;
  const numbers = (figuresOnly(text).match(/\d+(?:[.,]\d+)*/g) ?? []).filter((n) => !/^(19|20)\d{2}$/.test(n));
  return numbers.some((n) => !asked.has(n)) || NUMBER_WORDS.test(text.replace(/\bnăm\s+\d{4}\b/giu, ''));
}

/**
 * Units of measure a "bao nhiêu …?" question may name (folded, longest first): a figure in another unit does not
 * answer it ("17 thành viên" for "bao nhiêu tỷ đồng").
 */
const MEASURE_UNITS = ['lan', 'tien', 'nghin ty dong', 'ty dong', 'trieu dong', 'nghin dong', 'ty usd', 'trieu usd', 'usd', 'dong', 'hec ta', 'hecta', 'ha', 'km2', 'km', 'tan', 'mw', 'kwh'];

/** The measure of an amount of money: a figure in đồng, tỷ, triệu, USD, or a percentage of a budget. */
export const MONEY = 'tien';
/** Money asked for by what it is ("vốn", "kinh phí", "ngân sách") before a closing "bao nhiêu" (not "bao nhiêu X"), folded. */
const MONEY_ASKED = /\b(?:von|kinh phi|ngan sach|chi phi|so tien|muc dau tu|muc ho tro|muc chi)\b.* bao nhieu$/;
/**
 * An amount of money as written: a figure, then its unit ("1.000 tỷ đồng", "5 triệu USD", "200 nghìn đồng"), or a
 * share ("%", "phần trăm"). Accented: "đồng" folds as "động" does ("hoạt động"), "tỷ" also opens "tỷ lệ"; and a unit
 * word without its figure is another word ("đồng bộ dữ liệu").
 */
const MONEY_WRITTEN = /\d(?:[.,]?\d)*\s*(?:(?:nghìn|ngàn)\s+)?(?:đồng|tỷ(?!\s+(?:lệ|trọng))|tỉ(?!\s+(?:lệ|trọng))|triệu|USD)(?!\p{L})|%|phần trăm/iu;

/** Words after "phần trăm" that are not its base ("bao nhiêu phần trăm vào năm 2030", "… phần trăm?"), folded. */
const NOT_A_BASE = /^(?:vao|den|trong|nam|la|thi|cua|tai|o|khi|va|hay|con)$/;

/**
 * The measure a quantity question names, folded: the unit after "bao nhiêu" ("bao nhiêu tỷ đồng" → "ty dong"), or
 * the base of a percentage ("bao nhiêu phần trăm dân số" → "dan so", "… phần trăm GRDP" → "grdp").
 */
export function askedMeasure(question: string): string | undefined {
  const q = fold(question).toLowerCase().replace(/[?.!,;:]/g, ' ').replace(/\s+/g, ' ');
  // "Quy mô vốn bao nhiêu?", "kinh phí là bao nhiêu?": an amount of money (or a share) answers it, not a count.
  if (MONEY_ASKED.test(q.trim())) return MONEY;
  const after = /\bbao nhieu (.+)$/.exec(q)?.[1];
  if (!after) return undefined;
  const unit = MEASURE_UNITS.find((u) => after === u || after.startsWith(`${u} `));
  if (unit) return unit;
  // The base as typed: initials ("GDP") stand alone, else its first two syllables ("dân số").
  const typed = /(?:phần trăm|phan tram|%)\s+([\p{L}\p{N}&]+)(?:\s+([\p{L}\p{N}&]+))?/iu.exec(question.replace(/[?.!,;:]/g, ' '));
  if (!typed || !/\bbao nhieu (?:phan tram|%)/.test(q)) return undefined;
  const [first, second] = [fold(typed[1]!).toLowerCase(), typed[2] ? fold(typed[2]).toLowerCase() : undefined];
  // "… phần trăm so với năm trước": a change, with no base.
  if (NOT_A_BASE.test(first) || isStopword(typed[1]!) || /^\d/.test(first) || (first === 'so' && second === 'voi')) return undefined;
  if (/^\p{Lu}{2,}$/u.test(typed[1]!) || !second || NOT_A_BASE.test(second) || isStopword(typed[2]!) || /^\d/.test(second)) return first;
  return `${first} ${second}`;
}

/** Words that end what "bao nhiêu …" counts: a time, a place, a verb or a link ("… năm 2025", "… đã", "… của"), folded. */
const COUNTED_END = /^(?:nam|den|vao|trong|tai|o|cua|da|duoc|co|la|se|can|phai|thi|khi|tu|theo|cho|va|hay|hoac|roi|nua|tren|duoi|moi|de|nham|ma|so|voi|neu|sau|truoc|\d.*)$/;

/**
 * What a "bao nhiêu …?" question counts, as folded syllables without function words: "bao nhiêu doanh nghiệp công
 * nghệ số năm 2025" → ["doanh", "nghiep", "cong", "nghe", "so"]; undefined for a measure, a percentage or a length of time.
 */
export function countedPhrase(question: string, places: readonly string[] = []): string[] | undefined {
  if (askedMeasure(question) || asksDuration(question)) return undefined;
  const words = question.replace(/[?.!,;:()]/g, ' ').split(/\s+/).filter(Boolean);
  const accented = hasDiacritics(question);
  const at = words.findIndex((w, i) => fold(w).toLowerCase() === 'bao' && fold(words[i + 1] ?? '').toLowerCase() === 'nhieu');
  if (at < 0) return undefined;
  const out: string[] = [];
  const rest = words.slice(at + 2);
  for (const [i, w] of rest.entries()) {
    const f = fold(w).toLowerCase();
    if (COUNTED_END.test(f) || out.length >= 6) break;
    // A place the question names says where, not what is counted ("bao nhieu xa phuong quang ninh …").
    const ahead = ` ${rest.slice(i).map((x) => fold(x).toLowerCase()).join(' ')} `;
    if (places.some((p) => ahead.startsWith(` ${p} `))) break;
    // Typed with its accents, a syllable is compared with them ("tiền" is not "tiên" of "tiên tiến").
    if (!isStopword(w)) out.push(accented ? canonSyllable(w.normalize('NFC').toLowerCase()) : f);
  }
  // A score or rank is told by its number alone ("IELTS bao nhiêu chấm" is answered by "IELTS[5.0]").
  return out.length && !SCALE_WORDS.test(fold(out[0]!)) ? out : undefined;
}

/** Words that ask a point on a scale, not a count of things: "phần trăm", "chấm", "điểm", "bậc", "mức" (folded). */
const SCALE_WORDS = /^(?:phan|%|cham|diem|bac|muc|hang|cap|tuoi)$/;

/**
 * True when a text holds every syllable of what is counted (see countedPhrase), or for one the question's synonyms
 * can stand for (an abbreviation and the words it spells: "CSDL", "cơ sở dữ liệu"), all syllables of one of them.
 */
export function holdsCounted(text: string, counted: string[], synonyms: ReadonlyMap<string, string[][]> = new Map()): boolean {
  const words = new Set(fold(text).toLowerCase().split(/[^a-z0-9]+/));
  // Syllables as written, each spelt one way ("hoá" = "hóa"), for what was typed with accents.
  const written = new Set(text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).map(canonSyllable));
  const alternatives = new Map<string, string[][]>();
  for (const [term, sets] of synonyms) alternatives.set(fold(term).toLowerCase(), sets);
  return counted.every(
    (w) =>
      (w === fold(w) ? words.has(w) : written.has(w)) ||
      (alternatives.get(fold(w)) ?? []).some((set) => set.filter((t) => !t.includes('_')).every((t) => words.has(fold(t).toLowerCase()))),
  );
}

/** True when a text holds the measure asked (see askedMeasure) as whole folded words. */
export function holdsMeasure(text: string, measure: string): boolean {
  if (measure === MONEY) return MONEY_WRITTEN.test(text);
  return ` ${fold(text).toLowerCase().replace(/[^a-z0-9%]+/g, ' ')} `.includes(` ${measure} `);
}

/** "những luật nào", "văn bản nào", "kế hoạch nào" (folded): the kind of document the answer must name. */
const WHICH_DOCUMENT = /\b(luat|nghi quyet|nghi dinh|quyet dinh|thong tu|chi thi|ke hoach|chuong trinh|de an|van ban|ket luan) nao\b/;
/** The type words of each kind of document, folded: "van ban" (a document) is any of them. */
const DOCUMENT_KINDS = ['luat', 'nghi quyet', 'nghi dinh', 'quyet dinh', 'thong tu', 'chi thi', 'ke hoach', 'chuong trinh', 'de an', 'ket luan'];

/** The kind of document a "… nào?" question asks for ("luat"), folded, if it asks for one. */
export function askedDocumentKind(question: string): string | undefined {
  const q = fold(question).toLowerCase();
  const m = WHICH_DOCUMENT.exec(q);
  // "Nó thuộc văn bản nào?", "… được nêu trong kế hoạch nào?" ask which document holds it: the answer's own source.
  if (!m || HELD_IN.test(q.slice(0, m.index))) return undefined;
  return m[1];
}

/** Words before "văn bản nào" that ask where something is written, not which documents something names (folded). */
const HELD_IN = /\b(?:thuoc|nam trong|nam o|co trong|neu trong|neu o|quy dinh trong|quy dinh o|ghi trong|ghi o|trong|theo|cua|tai|o)\s*(?:(?:nhung|cac)\s+)?$/;

/** Accents removed, capitals kept ("Luật Đầu tư" → "Luat Dau tu"). */
const foldKeepCase = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/**
 * True when a text names a document of that kind: its type words, then a name with a capital or a number ("Luật Đầu
 * tư", "Nghị quyết số 57"); for "van ban", a document of any kind.
 */
export function namesDocumentOfKind(text: string, kind: string): boolean {
  const kinds = kind === 'van ban' ? DOCUMENT_KINDS : [kind];
  const types = kinds.map((k) => k.split(' ').map((w, i) => (i ? w : `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)).join('\\s+'));
  return new RegExp(`(?<![A-Za-z])(?:${types.join('|')})\\s+(?:so\\s+)?(?:[A-Z]|\\d)`).test(foldKeepCase(text));
}

/** Offices a person holds (folded): "Bộ trưởng", "Giám đốc", "Trưởng ban" … */
const OFFICE = String.raw`(?:tong bi thu|bi thu|bo truong|thu truong|thu tuong|pho thu tuong|chu tich|pho chu tich|giam doc|pho giam doc|truong ban|pho truong ban|hieu truong|vien truong|cuc truong|chanh van phong|thong doc|pho thong doc|tong giam doc|tong kiem toan|chanh an|vien truong|truong doan|tong cuc truong)`;

/** "Ai là Bộ trưởng …?", "Giám đốc Sở … hiện nay là ai?", "… do ai làm Chủ tịch?": the office whose holder is asked, folded. */
export function officeAsked(question: string): string | undefined {
  const q = askedForm(question).replace(/[?.!]+\s*$/, '').trim().replace(FOLLOW_UP_OPENING, '');
  const m =
    new RegExp(String.raw`^ai (?:la|lam|dang la|dang lam|dang giu chuc|giu chuc) (${OFFICE})\b`).exec(q) ??
    new RegExp(String.raw`^(${OFFICE})\b.*\b(?:la ai|la nguoi nao)$`).exec(q) ??
    // "Bộ trưởng Công an lúc đó tên là gì?": the holder's name.
    new RegExp(String.raw`^(${OFFICE})\b.*\bten (?:la )?gi$`).exec(q) ??
    // "Ủy ban … do ai làm Chủ tịch?", "Ban đó ai là Trưởng ban?": the office at the end.
    new RegExp(String.raw`\b(?:do )?ai (?:la|lam|dang la|dang lam|giu chuc) (${OFFICE})(?: [a-z ]{0,40})?$`).exec(q);
  return m?.[1];
}

/** "Còn …", "thế còn …", "vậy …" opening a follow-up (folded), before the office it asks of. */
const FOLLOW_UP_OPENING = /^(?:(?:the|vay)\s+)?(?:con\s+)?/;

/** A body's head word after an office ("Giám đốc Sở …", "Bộ trưởng Bộ …", "Bí thư Tỉnh ủy"), folded. */
const BODY_HEAD = String.raw`(?:so|bo|uy ban|ubnd|ban|vien|cuc|tong cuc|van phong|tinh uy|thanh uy|huyen uy|dang uy|hoi dong|truong|dai hoc|ngan hang|kiem toan|toa an|doan)`;
/** Words that end a body's name in a question: the word before its place, the time, the asking words. */
const BODY_END = /^(?:tinh|thanh|pho|huyen|xa|hien|nay|la|ai|cua|thuoc|truoc|dang|luc|do|giu|ten|o|tai)$/;

/** True where a body's name ends at folded word `i` of `words`: a word of BODY_END, or a province named from there. */
function endsBody(words: readonly string[], i: number): boolean {
  if (BODY_END.test(words[i]!)) return true;
  const rest = words.slice(i, i + 4).join(' ');
  return PROVINCE_KEYS.some((k) => rest === k || rest.startsWith(`${k} `));
}

/**
 * The distinctive words of the body whose office is asked ("Giám đốc Sở Thông tin và Truyền thông tỉnh Quảng Ninh hiện
 * nay là ai?" → "thong tin"), folded: the holder must be named with that body, not with another ("Giám đốc Sở Khoa
 * học và Công nghệ"). Undefined where the office names no body.
 */
export function officeBodyAsked(question: string, office: string): string | undefined {
  const q = askedForm(question).replace(/[?.!]+\s*$/, '');
  const m = new RegExp(String.raw`\b${office} ${BODY_HEAD} ((?:[a-z&,]+ ?){1,2})`).exec(q);
  if (!m) return undefined;
  const after = q.slice(m.index + m[0].length - m[1]!.length).split(/\s+/).filter(Boolean);
  const kept: string[] = [];
  for (const [i, w] of m[1]!.trim().split(' ').filter(Boolean).entries()) {
    if (endsBody(after, i)) break;
    kept.push(w);
  }
  return kept.length ? kept.join(' ') : undefined;
}

/** The office asked as the question writes it, up to its place or the asking words ("Giám đốc Sở Thông tin và Truyền thông"). */
export function officeWritten(question: string, office: string): string | undefined {
  const folded = fold(question).toLowerCase();
  const at = folded.search(new RegExp(String.raw`\b${office}\b`));
  if (at < 0) return undefined;
  const words = [...question.slice(at).matchAll(/[^\s?.!,]+/gu)];
  const foldedWords = words.map((w) => fold(w[0]).toLowerCase());
  let end = at + office.length;
  for (const [i, w] of words.entries()) {
    // A capitalised word is part of the name ("Bộ Tài chính"), whatever function word it folds to ("tại").
    if (i >= office.split(' ').length && ((endsBody(foldedWords, i) && !/^\p{Lu}/u.test(w[0])) || i >= 12)) break;
    end = at + w.index + w[0].length;
  }
  return question.slice(at, end);
}

/** A personal name: a common family name, or "ông"/"bà", then a capitalised syllable ("Nguyễn Mạnh Cường", "ông Thắng"). */
const PERSON = /(?<![\p{L}])(?:(?:Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Tô|Trương|Đinh|Mai|Lâm|Đào|Đoàn|Cao|Hà|Lương|Trịnh|Chu|Tạ|Thái)|ông|bà)\s+\p{Lu}/gu;

/** How near the office a name must stand to be its holder ("Tổng Bí thư Tô Lâm", "ông …, Giám đốc Sở …"). */
const HOLDER_REACH = 60;

/**
 * True when a text says who holds the office: a person named beside it ("ông Nguyễn Mạnh Cường - Giám đốc Sở …",
 * "Tổng Bí thư Tô Lâm"), or a holder by title ("do Bí thư Tỉnh ủy làm Trưởng ban", "Trưởng Ban là Tổng Bí thư").
 */
export function namesHolder(text: string, office: string, body?: string): boolean {
  const folded = fold(text).toLowerCase();
  // The office of the body asked: its distinctive words just after the office ("Giám đốc Sở Thông tin …").
  const ofBody = (at: number) => !body || folded.slice(at, at + office.length + 12 + body.length).includes(body);
  // A holder by title ("Ban Chỉ đạo … do Bí thư Tỉnh ủy làm Trưởng ban") names the body anywhere in its sentence.
  if (new RegExp(String.raw`\blam ${office}\b|\b${office}\b[^.;]{0,60}\bla\s+\S`).test(folded) && /\b(?:do|la)\b/.test(folded) && (!body || folded.includes(body))) return true;
  const offices = [...folded.matchAll(new RegExp(String.raw`\b${office}\b`, 'g'))].map((m) => m.index).filter(ofBody);
  return [...text.matchAll(PERSON)].some((name) => offices.some((at) => Math.abs(at - name.index) <= HOLDER_REACH));
}

/** What a "bao nhiêu …?" question counts ("bao nhiêu khối kiến thức" → "khoi"), folded; not a percentage. */
export function countedNoun(question: string): string | undefined {
  const m = /\bbao nhieu (\p{L}+)/u.exec(askedForm(question));
  return m && !isStopword(m[1]!) && !/^(phan|nam|ngay)$/.test(m[1]!) ? m[1] : undefined;
}

/** True when a text gives a number of what the question counts ("… gồm hai khối kiến thức", "17 thành viên"). */
export function countsNoun(text: string, noun: string): boolean {
  let pattern = COUNTS.get(noun);
  if (!pattern) {
    pattern = new RegExp(`(?:\\d+(?:[.,]\\d+)*|\\b(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|nghin|trieu))\\s+(?:\\p{L}+\\s+)?${noun}\\b`, 'u');
    if (COUNTS.size >= 256) COUNTS.clear();
    COUNTS.set(noun, pattern);
  }
  return pattern.test(fold(text).toLowerCase());
}

/** "Kinh tế số là gì?", "Thế nào là điểm bảo lưu?": the term a question asks to define (folded), if it asks that. */
export function definedTerm(question: string): string | undefined {
  const q = askedForm(question).replace(/[?.!]+\s*$/, '').replace(/\s+/g, ' ').trim();
  const m =
    /^(?:the nao la|dinh nghia(?: cua)?|khai niem(?: ve)?|hieu the nao ve)\s+(.+)$/.exec(q) ??
    /^(.+?)\s+(?:la gi|la the nao|duoc hieu (?:la gi|nhu the nao|the nao)|duoc dinh nghia (?:nhu )?the nao|nghia la gi|co nghia la gi)$/.exec(q);
  // "Thế nào là một học kỳ?" asks what "học kỳ" is.
  const term = m?.[1]?.replace(/^(?:theo [^,]+,\s*)/, '').replace(/^(?:mot|cac|nhung|moi)\s+/, '').trim();
  return term && term.split(' ').length <= 8 ? term : undefined;
}

/**
 * The terms a sentence may define to answer a definition question: the term asked, and the head before a
 * qualifier ("trọng số trong ĐTBHK" → also "trọng số": "… với trọng số là số tín chỉ").
 */
export function definedTerms(question: string): string[] {
  const term = definedTerm(question);
  if (!term) return [];
  const head = /^(.+?)\s+(?:trong|cua|o|cho|ve|doi voi)\s/.exec(term)?.[1];
  return head ? [term, head] : [term];
}

/** A sentence defining `term`: "<term> là …", "<term> được hiểu là …", "<term>: …". */
export const DEFINES = (term: string) => new RegExp(` ${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(?:\\([^)]*\\)\\s*)?(?:la|duoc hieu la|duoc goi la|:)\\s`);

export const sameText = (a: string, b: string | undefined) => !!b && fold(a).toLowerCase().replace(/\W+/g, ' ').trim() === fold(b).toLowerCase().replace(/\W+/g, ' ').trim();

/** Intent fit of a unit: does it hold the kind of fact asked for? 0..1 */
export function intentFit(analysis: QueryAnalysis, text: string, passage: Passage): number {
  const header = passage.chunk.header?.join(' ') ?? '';
  const figures = figuresOnly(text);
  switch (analysis.intent) {
    case 'target':
      return /\d+(?:[.,]\d+)?\s*%/.test(figures) ? 1 : /\d/.test(figures) ? 0.6 : 0;
    case 'progress':
      return /\d+\/\d+/.test(figures) || /\d+(?:[.,]\d+)?\s*%/.test(figures) ? 1 : /\d/.test(figures) ? 0.5 : 0;
    case 'count':
      return /\d/.test(figures) ? 1 : 0;
    case 'deadline':
      // "Thường xuyên" is a deadline in a task table's column, not in a sentence ("… nhiệm vụ thường xuyên").
      return DATE_LIKE.test(passage.chunk.kind === 'row' ? text : text.replace(/thường xuyên/giu, ' ')) || /thời (gian|hạn)/iu.test(header) ? 1 : 0;
    case 'location':
      // A place, not a provision ("tại Khoản 2 Điều 6", "ở Điều 10") or a document ("tại Quyết định số …").
      return /(?:^|\s)(?:tại|ở)\s+(?!(?:Khoản|Điều|Điểm|Chương|Mục|Phụ lục|Quy chế|Quyết định|Nghị quyết|Nghị định|Thông tư|Luật|Kế hoạch)(?!\p{L}))(?:\p{Lu}|trụ sở|hội trường)/u.test(text) ||
        /(?<!\p{L})(?:tại|ở|trên|qua)\s+(?:các\s+)?(?:website|trang (?:web|thông tin)|cổng (?:thông tin|dịch vụ)|bảng tin|bản tin|sổ tay|hệ thống)(?!\p{L})/iu.test(text)
        ? 1
        : 0;
    case 'responsibility': {
      // Who: a body or a person named next to the duty.
      const duty = RESPONSIBLE.test(text) || /chủ trì/iu.test(header);
      const who = namesSomeoneNew(text, analysis.text);
      return duty && who ? 1 : who ? 0.7 : duty ? 0.4 : 0;
    }
    default:
      return 0.5;
  }
}

/** A time told against an event rather than a date: "hai tuần trước khi bắt đầu học kỳ", "sau khi tốt nghiệp". */
const RELATIVE_TIME = /(?<![\p{L}])(?:trước khi|sau khi|ngay sau|trong vòng|chậm nhất|kể từ|khi|đầu (?:khóa|khoá|học kỳ|năm học)|cuối (?:khóa|khoá|học kỳ|năm học))(?![\p{L}])/iu;

/** True when a text tells a time against an event ("sau khi tốt nghiệp"): what a "khi nào?" asks where no date is given. */
export function tellsWhen(text: string): boolean {
  return RELATIVE_TIME.test(text);
}

/**
 * A question for a calendar time, folded: "ngày nào", "tháng mấy", "năm nào", "quý mấy", "trước ngày
 * nào" — answered by a date or period only, where "khi nào?" may also be answered by a condition or an event.
 */
const CALENDAR_ASKED = /\b(ngay nao|ngay bao nhieu|ngay may|thang nao|thang may|nam nao|nam may|quy nao|quy may)\b/;

/** True when a question asks for a calendar time (see CALENDAR_ASKED). */
export function asksCalendar(question: string): boolean {
  return CALENDAR_ASKED.test(fold(question).toLowerCase());
}

/** "ngày nào", "tháng mấy": a day or a month is asked, which a year alone does not tell (folded). */
const DAY_OR_MONTH_ASKED = /\b(ngay nao|ngay bao nhieu|ngay may|thang nao|thang may)\b/;

/** True when a question asks a day or a month (see DAY_OR_MONTH_ASKED), not a year or a quarter. */
export function asksDayOrMonth(question: string): boolean {
  return DAY_OR_MONTH_ASKED.test(fold(question).toLowerCase());
}

/** "… đã làm xong chưa?", "đã hoàn thành chưa", "đến nay đã triển khai đến đâu" (folded): how far something got. */
const STATUS_ASKED = /\bda\b[^?]{0,60}\bchua\s*\??\s*$|\b(?:tien do|ket qua) (?:thuc hien )?(?:den nay|hien nay|hien tai)\b|\bden (?:nay|gio)\b[^?]{0,40}\b(?:da|duoc)\b/;
/** A report of how far something got: done, under way, not yet, or a count done of a total. */
const STATUS_WRITTEN = /(?<![\p{L}])(?:đã hoàn thành|hoàn thành \d|đang (?:thực hiện|triển khai|xây dựng|hoàn thiện)|chưa (?:hoàn thành|thực hiện|triển khai)|đã (?:xây dựng|ban hành|triển khai|đưa vào)|\d+\/\d+\s+(?:nhiệm vụ|chỉ tiêu))(?![\p{L}])/iu;

/** True when a question asks how far something got (see STATUS_ASKED). */
export function asksStatus(question: string): boolean {
  return STATUS_ASKED.test(fold(question).toLowerCase());
}

/** True when a text reports how far something got (see STATUS_WRITTEN). */
export function reportsStatus(text: string): boolean {
  return STATUS_WRITTEN.test(text);
}

/**
 * "Hiện nay …", "hiện giờ … đã … rồi?", "đến nay đã có mấy …?" (folded): what has been reached by now, not what is to
 * be reached. Not "thực hiện", "thể hiện", "phát hiện", "xuất hiện".
 */
const PRESENT_ASKED = /(?<!\b(?:thuc|the|phat|xuat|bieu) )\bhien (?:nay|gio|tai|da|co|dang)\b|(?<!\b(?:thuc|the|phat|xuat|bieu) )\bhien\b(?: [^ ?]+){1,3} da\b|\b(?:den nay|den gio|bay gio|cho den nay)\b|\bda\b[^?]{0,60}\broi\s*\??\s*$/;
/** A question that itself asks about a target or a year ("chỉ tiêu hiện nay là bao nhiêu", "năm 2024 đã đạt …"). */
const TARGET_OR_YEAR_ASKED = /\b(?:muc tieu|chi tieu|phan dau|dat ra|de ra|tam nhin|dinh huong|ke hoach dat)\b|\b(?:19|20)\d{2}\b/;
/** What a text sets as a target or a plan: a goal, an indicator to reach, a vision, a milestone year ahead, "sẽ". */
const TARGET_WRITTEN = /(?<![\p{L}])(?:mục tiêu|chỉ tiêu|phấn đấu|tầm nhìn|định hướng|sẽ|dự kiến|đến năm (?:20|19)\d{2}|vào năm (?:20|19)\d{2})(?![\p{L}])/iu;
/** What a text reports as reached: "đã đạt", "đạt được", "hoàn thành", "ước đạt", "đến nay", "tính đến", "hiện có". */
const REACHED_WRITTEN = /(?<![\p{L}])(?:đã (?:đạt|có|chiếm|tăng|giảm)|đạt được|hoàn thành|ước đạt|ước tính|đến nay|tính đến|hiện (?:nay|có|đã|đang))(?![\p{L}])/iu;

/**
 * "… đã được Quốc hội thông qua vào ngày nào?", "đã được phê duyệt khi nào?" (folded): when something was done,
 * which a plan's deadline does not tell ("các môn học đã đăng ký" is no such question).
 */
const DONE_WHEN_ASKED = /\bda duoc\b[^?,]{0,60}?\b(?:vao )?(?:ngay nao|khi nao|bao gio|luc nao|thoi gian nao|thang nao|nam nao)\b/;

/** True when a question asks when something was done (see DONE_WHEN_ASKED), naming no target. */
export function asksWhenDone(question: string): boolean {
  const folded = fold(question).toLowerCase();
  return DONE_WHEN_ASKED.test(folded) && !/\b(?:muc tieu|chi tieu|thoi han|han chot|ke hoach dat)\b/.test(folded);
}

/** True when a question asks what has been reached by now, and names no target or year (see PRESENT_ASKED). */
export function asksPresent(question: string): boolean {
  const folded = fold(question).toLowerCase();
  // "Thực tế năm 2020 … đạt được bao nhiêu?": what was reached in that year, a year named or not.
  if (ACTUAL_ASKED.test(folded) && !TARGET_ASKED.test(folded)) return true;
  return PRESENT_ASKED.test(folded) && !TARGET_OR_YEAR_ASKED.test(folded);
}

/** "Thực tế …", "trên thực tế", "thực đạt" (folded): what was reached, not what was set. */
const ACTUAL_ASKED = /\b(?:thuc te|thuc dat)\b/;
/** A question that itself asks a target (folded). */
const TARGET_ASKED = /\b(?:muc tieu|chi tieu|phan dau|dat ra|de ra|tam nhin|dinh huong|ke hoach dat)\b/;

/**
 * True when a unit states only a target: it, or what it stands under (`framing`: its headings, its table's header),
 * sets a goal or a milestone, and it reports nothing reached.
 */
export function statesTargetOnly(text: string, framing: string): boolean {
  return TARGET_WRITTEN.test(`${framing}\n${text}`) && !REACHED_WRITTEN.test(text) && !reportsStatus(text);
}

/** "Đứng thứ mấy?", "xếp hạng bao nhiêu?", "thứ hạng mấy?" (folded): a rank. */
const RANK_ASKED = /\b(?:xep|dung|nam|vuon len)(?: hang)?\s+thu\s+(?:may|bao nhieu)\b|\b(?:thu hang|xep hang|hang)\s+(?:may|bao nhieu|thu may)\b/;
/** A rank written: "thứ 3", "thứ ba", "hạng 5", "top 10", "dẫn đầu". */
const RANK_WRITTEN = /(?<![\p{L}])(?:(?:thứ|hạng)\s+(?:\d+|nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)|top\s*\d+|dẫn đầu|đứng đầu)(?![\p{L}])/iu;

/** True when a question asks a rank (see RANK_ASKED). */
export function asksRank(question: string): boolean {
  return RANK_ASKED.test(fold(question).toLowerCase());
}

/** True when a text writes a rank (see RANK_WRITTEN). */
export function writesRank(text: string): boolean {
  return RANK_WRITTEN.test(text);
}

/** "doanh nghiệp nào", "công ty nào", "tập đoàn nào" (folded): which enterprise. */
const ENTERPRISE_ASKED = /\b(?:doanh nghiep|cong ty|tap doan|tong cong ty) nao\b/;
/** An enterprise by its kind and name: "Tập đoàn …", "Công ty CP …", "Tổng công ty …", "Ngân hàng …". */
const ENTERPRISE_NAMED = /(?<![\p{L}])(?:Tập đoàn|Tổng công ty|Công ty(?: cổ phần| CP| TNHH)?|Ngân hàng)\s+\p{Lu}/u;
/** Capitalised names that are the country, the state or a public body, not an enterprise. */
const NOT_AN_ENTERPRISE = /^(?:Việt Nam|Nhà nước|Chính phủ|Trung ương|Quốc hội|(?:Tỉnh|Thành phố|Huyện|Xã|Bộ|Sở|Ủy ban|Uỷ ban|Ban|Văn phòng|Tỉnh ủy|Tỉnh uỷ|Đảng|Hội đồng|Bệnh viện|Trường|Viện|Cục)(?:\s|$))/u;
/** A name of two or more capitalised words, or capitals ("Viettel Quảng Ninh", "VNPT"). */
const CAPITALISED_NAME = /(?<![\p{L}])(?:\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)+|\p{Lu}{3,})/gu;

/** True when a question asks which enterprise (see ENTERPRISE_ASKED). */
export function asksEnterprise(question: string): boolean {
  return ENTERPRISE_ASKED.test(fold(question).toLowerCase());
}

/** True when a text names an enterprise (see ENTERPRISE_NAMED). */
export function namesEnterprise(text: string): boolean {
  if (ENTERPRISE_NAMED.test(text)) return true;
  // "Viettel Quảng Ninh và Viễn thông Quảng Ninh là hai doanh nghiệp …": a name in a sentence about enterprises,
  // other than a place's ("tỉnh Bắc Ninh").
  if (!/(?<![\p{L}])doanh nghiệp(?![\p{L}])/iu.test(text)) return false;
  return [...text.matchAll(CAPITALISED_NAME)].some((m) => !PROVINCE_KEYS.includes(fold(m[0]).toLowerCase()) && !NOT_AN_ENTERPRISE.test(m[0]));
}

/** "Quyết định ban hành bộ tiêu chí đó số mấy?", "tờ trình số bao nhiêu" (folded): the number of a document of a kind. */
const DOCUMENT_NUMBER_ASKED = /\b(quyet dinh|nghi quyet|ke hoach|thong tu|nghi dinh|chi thi|cong van|to trinh|chuong trinh|de an)\b[^?]{0,80}?\bso (?:may|bao nhieu|hieu (?:la )?(?:gi|bao nhieu))\b/;

/** The kind of document whose number a question asks (folded type words), if it asks one. */
export function askedDocumentNumber(question: string): string | undefined {
  return DOCUMENT_NUMBER_ASKED.exec(fold(question).toLowerCase())?.[1];
}

/**
 * True when a text writes a number for a document of that kind ("Tờ trình số 04/TTr-…", "Quyết định số
 * 37/2018/QĐ-TTg", "Chương trình hành động số 46-CTr/TU": up to two words between the kind and "số").
 */
export function writesDocumentNumber(text: string, kind: string): boolean {
  return new RegExp(`\\b${kind}\\s+(?:so\\s*)?:?\\s*\\d|\\b${kind}(?:\\s+[a-z]+){1,2}\\s+so\\s*:?\\s*\\d`).test(fold(text).toLowerCase());
}

/** A question for a length of time ("bao lâu?", "mấy năm?"), folded. */
const DURATION_ASKED = /\b(bao (?:nhieu )?lau|(may|bao nhieu) (nam|thang|tuan|ngay|hoc ky|hoc ki))\b/;
/** A length of time: "5 tuần", "02 năm", "hai học kỳ" (not a date: "ngày 15 tháng 11 năm 2017"). */
const DURATION = /(?<![\p{L}\d/])(?:\d+|một|hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+(?:năm|tháng|tuần|ngày|giờ|học kỳ|học kì)(?![\p{L}])(?!\s*\d)/giu;
/** Characters read on each side of a length of time for what it is the length of. */
const DURATION_REACH = 60;

/**
 * The text around each length of time a unit gives ("… học kỳ hè có tối thiểu 5 tuần thực học …"), leaving out one
 * the question itself names ("Một học kỳ hè diễn ra trong bao lâu?"): what is near says what it is the length of.
 */
export function durationWindows(question: string, text: string): string[] {
  const asked = askedForm(question);
  return [...text.matchAll(DURATION)]
    .filter((m) => !asked.includes(fold(m[0]).toLowerCase()))
    .map((m) => text.slice(Math.max(0, m.index - DURATION_REACH), m.index + m[0].length + DURATION_REACH));
}

/** A question for a purpose ("để làm gì?", "mục đích của …", "tại sao …"), folded. */
const PURPOSE_ASKED = /\b(muc dich|de lam gi|dung de|nham muc dich|tai sao|vi sao|y nghia|vai tro)\b/;
/** Words that state a purpose: "nhằm", "để", "giúp", "phục vụ". */
const PURPOSE = /(?<![\p{L}])(?:nhằm|dùng để|giúp|mục đích|phục vụ)(?![\p{L}])/iu;

/** True for a question asking how long ("Học kỳ hè diễn ra trong bao lâu?"). */
export function asksDuration(question: string): boolean {
  return DURATION_ASKED.test(askedForm(question));
}

/**
 * Fit of a unit to the form of answer a question asks beyond its intent: a length of time for "bao lâu?", a purpose
 * for "để làm gì?". 1 when asked and held, 0 otherwise.
 */
export function formFit(question: string, text: string): number {
  const q = askedForm(question);
  if (DURATION_ASKED.test(q)) return durationWindows(question, text).length ? 1 : 0;
  if (PURPOSE_ASKED.test(q)) return PURPOSE.test(text) ? 1 : 0;
  return 0;
}

/**
 * "… cụ thể gồm những chỉ tiêu nào?", "những nhiệm vụ chậm tiến độ là những nhiệm vụ nào?", "những tỉnh, thành
 * nào?": the members of a set are asked, by the noun naming them (one to four syllables, folded, without commas:
 * "chi tieu", "tinh thanh"); undefined where no such noun is asked.
 */
export function askedMembers(question: string): string | undefined {
  const m = /\b(?:nhung|cac) ([a-z]+(?:,? [a-z]+){0,3}) (?:nao|gi)\b/.exec(askedForm(question));
  return m?.[1]!.replace(/,/g, '');
}

/** A list written in a sentence: "gồm: A, B, C", "(1) …; (2) …", "a) …", items after a colon. */
const LISTS = /:\s*[^:]+[;,][^:]+[;,]|\(\d{1,2}\)|(?:^|\s)[a-zđ]\)\s|(?:^|\n)\s*[-–•+]\s/u;

/**
 * Words before a noun that say how many of it there are without naming any (folded): a number, a number word, or a
 * vague quantity ("một số tỉnh", "nhiều nhiệm vụ", "mọi xã"). Not "các" or "những": "các trường hợp quy định tại
 * khoản 1", "A, B và C là những nội dung trọng tâm" point to the members or follow them.
 */
const QUANTIFYING = /^(?:\d+(?:\/\d+)?|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|so|nhieu|moi)$/;

/**
 * True when a text names the members asked (see askedMembers) only by how many there are ("hoàn thành 16/16 chỉ
 * tiêu", "chậm tiến độ 21/71 nhiệm vụ", "một số tỉnh, thành phố") and lists none: it does not tell which they are.
 * A mention followed by a name ("các tỉnh Bắc Ninh, Bình Dương") names them.
 */
export function countsMembersOnly(text: string, noun: string): boolean {
  // A list, or a sentence opening one ("… bao gồm:"), names them.
  if (LISTS.test(text) || /:\s*$/.test(text)) return false;
  // A clause's number ("2. Nội dung …") counts nothing. Folding keeps the text's length, so offsets stay the text's.
  const plain = text.normalize('NFC').replace(/(?:^|\s)\d{1,2}\.\s/g, (m) => ' '.repeat(m.length));
  const folded = fold(plain).toLowerCase().replace(/[^a-z0-9/]/g, ' ');
  const mentions = [...folded.matchAll(new RegExp(`(\\S+) +${noun.replace(/ /g, ' +')}(?= |$)`, 'g'))];
  const named = (m: RegExpMatchArray) => /^[\s,]*(?:\p{Lu}|[“"])/u.test(plain.slice(m.index! + m[0].length, m.index! + m[0].length + 4));
  return mentions.length > 0 && mentions.every((m) => QUANTIFYING.test(m[1]!) && !named(m));
}
