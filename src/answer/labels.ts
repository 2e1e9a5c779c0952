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

/** How an answer names its source: "Nghị quyết số 57-NQ/TW", else the title in quotes. */
export function documentLabel(meta: DocumentMeta): string {
  if (meta.number) {
    const type = docKeyOfNumber(meta.number)?.split(':')[0];
    const name = type ? TYPE_NAMES[type] : undefined;
    if (name) return `${name} số ${meta.number}`;
    return `văn bản số ${meta.number}`;
  }
  const title = (meta.title ?? 'tài liệu').replace(/\s+/g, ' ').trim();
  return `“${title.length > 70 ? `${title.slice(0, 69).trimEnd()}…` : title}”`;
}
