import type { DocumentMeta } from '../ingest/types.js';
import { docKeyOfNumber } from '../text/docrefs.js';

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
};

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
  // Long titles (news headlines) are cut at a word: the answer stays short, the citation shows the whole title.
  const title = (meta.title ?? 'tài liệu').replace(/\s+/g, ' ').trim();
  if (title.length <= TITLE_MAX) return `“${title}”`;
  const cut = title.lastIndexOf(' ', TITLE_MAX - 1);
  return `“${title.slice(0, cut > 20 ? cut : TITLE_MAX - 1).replace(/[\s,:;–-]+$/u, '')}…”`;
}

/** A text cut at a word to at most `max` characters, "…" marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 1)).trimEnd()}…`;
}
