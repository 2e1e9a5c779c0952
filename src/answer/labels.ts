import type { DocumentMeta } from '../ingest/types.js';
import { docKeyOfNumber } from '../text/docrefs.js';
import { fold } from '../text/normalize.js';
import type { Token } from '../text/tokenize.js';

const TYPE_NAMES: Record<string, string> = {
  nq: 'Nghị quyết',
  kh: 'Kế hoạch',
  ctr: 'Chương trình hành động',
  kl: 'Kết luận',
  qd: 'Quyết định',
  ct: 'Chỉ thị',
  tt: 'Thông tư',
  nd: 'Nghị định',
  cv: 'Công văn',
  da: 'Đề án',
  tb: 'Thông báo',
  bc: 'Báo cáo',
  ttr: 'Tờ trình',
};

/** The type words written just before a document's number in a question ("Kế hoạch", "Nghị quyết số"). */
const TYPE_WRITTEN = /(?:Kế hoạch|Nghị quyết|Chương trình(?: hành động)?|Kết luận|Quyết định|Chỉ thị|Thông tư|Nghị định|Đề án)\s*(?:số\s*)?$/iu;

/**
 * A document a question names, as the question writes it with its type words ("Kế hoạch 538", "Nghị quyết 13"); a
 * bare number typed short ("KH 538") gets the type's name.
 * @param text the question
 * @param ref where the question names the document (findDocRefs)
 */
export function namedAsWritten(text: string, ref: { key: string; start: number; end: number }): string {
  const written = text.slice(ref.start, ref.end);
  const type = TYPE_WRITTEN.exec(text.slice(0, ref.start))?.[0];
  const name = type ?? (/^\d/.test(written) ? `${TYPE_NAMES[ref.key.split(':')[0]!] ?? 'Văn bản'} ` : '');
  return `${name}${written}`.trim();
}

const TITLE_MAX = 50;

/** How an answer names its source: "Nghị quyết số 57-NQ/TW", else the title in quotes. */
export function documentLabel(meta: DocumentMeta): string {
  // A number field without digits ("(không có – tin bài)") is no number.
  if (meta.number && /\d/.test(meta.number)) {
    const type = docKeyOfNumber(meta.number)?.split(':')[0];
    const name = type ? TYPE_NAMES[type] : undefined;
    if (name) return `${name} số ${meta.number}`;
    return `văn bản số ${meta.number}`;
  }
  // Long titles (news headlines) are cut: the answer stays short, the citation shows the whole title.
  const title = (meta.title ?? 'tài liệu').replace(/\s+/g, ' ').trim();
  if (title.length <= TITLE_MAX) return `“${title}”`;
  return `“${cutTitle(title, TITLE_MAX - 1)}…”`;
}

/** A shortened title keeps at least this much (a cut after "Quảng Ninh:" says too little). */
const TITLE_MIN = 20;

/**
 * Words that open a phrase in a Vietnamese title ("… trách nhiệm | trong thực hiện …", "… | về chuyển đổi số"): cut
 * before one, the kept part ends on a whole phrase rather than on the first syllable of a word ("văn" of "văn bản").
 */
const PHRASE_OPENERS = new Set(['về', 'của', 'trong', 'và', 'cho', 'với', 'tại', 'theo', 'đến', 'từ', 'trên', 'nhằm', 'để', 'khi', 'giai', 'năm', 'ngày', 'giữa', 'sau', 'trước', 'thuộc', 'đối']);

/**
 * `title` cut to at most `max` characters where a reader expects a pause: after a clause (":", ";", ",", a dash),
 * else before a word that opens a phrase or a parenthesis, else between two syllables — never inside one.
 */
export function cutTitle(title: string, max: number): string {
  const words = title.split(' ');
  let best: { rank: number; text: string } | undefined;
  let kept = '';
  for (let i = 0; i < words.length - 1; i++) {
    kept = kept ? `${kept} ${words[i]}` : words[i]!;
    if (kept.length > max) break;
    const next = words[i + 1]!;
    const text = kept.replace(/[\s,:;–—-]+$/u, '');
    if (text.length < TITLE_MIN) continue;
    const rank = /[,:;]$/.test(kept) || /^[–—-]$/.test(next) ? 2 : PHRASE_OPENERS.has(next.toLowerCase()) || next.startsWith('(') ? 1 : 0;
    // The highest rank wins; within a rank, the longest.
    if (!best || rank >= best.rank) best = { rank, text };
  }
  if (best) return best.text;
  // Nothing that long between words: the longest part that ends between two syllables, else (one long word) `max`.
  const space = title.lastIndexOf(' ', max);
  return title.slice(0, space > 0 ? space : max).replace(/[\s,:;–—-]+$/u, '');
}

/** A text cut at a word to at most `max` characters, "…" marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 1)).trimEnd()}…`;
}

/**
 * The words of a question besides the document it names and the words that frame a question of its kind ("ban hành
 * ngày nào", "về nội dung gì"): what else it asks. `skip` leaves out more (stopwords, the document's title words …).
 * The three answers about a document itself (document-facts.ts, mentioned.ts) each read their question by it.
 */
export function wordsBesideDocument(
  tokens: readonly Token[],
  ref: { start: number; end: number },
  framing: ReadonlySet<string>,
  skip: (t: Token) => boolean = () => false,
): Token[] {
  return tokens.filter((t) => (t.end <= ref.start || t.start >= ref.end) && !framing.has(t.folded) && !skip(t));
}

/** The folded words of a document's title: words that name the document, not what is asked of it. */
export function titleWords(meta: DocumentMeta): Set<string> {
  return new Set(fold(meta.title ?? '').toLowerCase().split(/[^a-z0-9]+/));
}
