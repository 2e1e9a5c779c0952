/** The trainer view's words for the server's trace codes (a pure module, tested without a browser). */

/** Why the assistant did not answer, told in Vietnamese from the server's reason code (`trace.refusal`). */
export function refusalText(reason: string): string {
  const pct = (v: string) => `${Math.round(Number(v) * 100)}%`;
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [/^best coverage ([\d.]+) < ([\d.]+)/, (m) => `đoạn sát nhất chỉ chứa ${pct(m[1]!)} từ khóa của câu hỏi, cần ít nhất ${pct(m[2]!)}`],
    [/^own coverage ([\d.]+) < ([\d.]+)/, (m) => `câu hỏi nối tiếp hỏi điều khác: đoạn sát nhất chỉ chứa ${pct(m[1]!)} từ khóa riêng của câu hỏi, cần ít nhất ${pct(m[2]!)}`],
    [/^out-of-scope request/, () => 'yêu cầu nằm ngoài phạm vi các tài liệu'],
    [/^document (\S+) not in the corpus/, (m) => `văn bản ${m[1]!.replace(':', ' ')} không có trong kho tài liệu`],
    [/^year (.+) in no passage/, (m) => `không tài liệu nào nói về năm ${m[1]}`],
    [/^no passage about (.+)/, (m) => `không tài liệu nào nói về ${m[1]}`],
    [/^no figure for a quantity question/, () => 'câu hỏi cần một con số, nhưng không câu nào nêu con số về nội dung này'],
    [/^no holder named for the office/, () => 'câu hỏi hỏi ai giữ chức vụ, nhưng không câu nào nêu tên người giữ chức vụ này'],
    [/^no (passage|unit)$/, () => 'không tìm thấy đoạn văn phù hợp'],
    [/^no signature in (.+)/, (m) => `văn bản ${m[1]} trong kho không có phần chữ ký`],
  ];
  for (const [pattern, say] of rules) {
    const m = reason.match(pattern);
    if (m) return say(m);
  }
  return '';
}
