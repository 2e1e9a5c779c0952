/** The report as the terminal prints it (Vietnamese, plain text, aligned columns). */
import type { Counted, Report } from './report.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function counted(title: string, rows: Counted[], empty = '(không có)'): string[] {
  const out = [title];
  if (!rows.length) out.push(`  ${empty}`);
  for (const r of rows) out.push(`  ${String(r.count).padStart(4)}  ${r.text}`);
  return out;
}

/** Renders the report for a terminal. */
export function formatReport(r: Report): string {
  const lines: string[] = [];
  lines.push(`BÁO CÁO SỬ DỤNG — ${r.since ? `từ ${r.since}` : 'toàn bộ nhật ký'} (lập lúc ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC)`);
  lines.push('');
  const t = r.totals;
  lines.push(`Câu hỏi: ${t.questions} · trả lời được ${t.answered} · từ chối ${t.refused} (${pct(t.refusedShare)})`);
  lines.push(`Thời gian trả lời: trung vị ${r.latency.p50} ms · p95 ${r.latency.p95} ms · lâu nhất ${r.latency.max} ms`);
  lines.push('');
  lines.push('Theo ngày            trả lời  từ chối');
  for (const d of r.perDay) {
    const bar = '█'.repeat(Math.round(d.answered / 2)) + '░'.repeat(Math.round(d.refused / 2));
    lines.push(`  ${d.day}  ${String(d.answered).padStart(8)} ${String(d.refused).padStart(8)}  ${bar}`);
  }
  lines.push('');
  lines.push(...counted('Lý do từ chối (mã):', r.refusalCodes));
  lines.push('');
  lines.push('CẦN BỔ SUNG (điều người dùng hỏi mà kho văn bản không có):');
  lines.push(...counted(' Số văn bản được hỏi đến (như người hỏi viết):', r.missing.documents));
  lines.push(...counted(' Địa phương:', r.missing.places));
  lines.push(...counted(' Tên, lần/khóa, năm khác:', r.missing.names));
  lines.push(...counted(' Chủ đề không tìm thấy căn cứ:', r.missing.topics));
  lines.push('');
  lines.push('Câu hỏi bị từ chối nhiều nhất (gom theo từ khóa):');
  if (!r.refusedClusters.length) lines.push('  (không có)');
  for (const c of r.refusedClusters) {
    lines.push(`  ${String(c.count).padStart(4)}  [${c.terms.join(' ') || '—'}] ${c.codes.join(', ')}`);
    for (const q of c.questions.slice(0, 3)) lines.push(`          ${String(q.count).padStart(3)} × ${cut(q.text, 90)}`);
  }
  lines.push('');
  lines.push(`Góp ý: ${r.feedback.up} hữu ích · ${r.feedback.down} chưa đúng (${r.feedback.downUnhandled} chưa xử lý)`);
  for (const f of r.thumbsDown) {
    lines.push(`  ${f.handledAt ? '✓' : '•'} ${f.at.slice(0, 10)}  ${cut(f.question, 80)}`);
    if (f.comment) lines.push(`      góp ý: ${cut(f.comment, 100)}`);
    if (f.passage) lines.push(`      đoạn trích dẫn [${f.passage.title ?? f.passage.documentId}]: ${cut(f.passage.text.replace(/\s+/g, ' '), 100) || '(không còn trong chỉ mục)'}`);
  }
  lines.push('');
  lines.push('Câu hỏi chậm nhất:');
  for (const s of r.slowest) lines.push(`  ${String(s.latencyMs).padStart(6)} ms  ${s.at.slice(0, 10)}  ${s.outcome === 'refused' ? 'từ chối ' : 'trả lời '} ${cut(s.question, 80)}`);
  return lines.join('\n');
}
