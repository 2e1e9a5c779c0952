/**
 * How long a question may be, as the server checks it (`question` 1..2000 characters), and what the composer tells
 * the user about it: a counter once the text nears the limit, and a refusal to send a longer one. Nothing typed or
 * pasted is ever cut: the user decides what to remove.
 */

/** The server's limit (`POST /api/ask` and the WebSocket both refuse a longer question). */
export const MAX_QUESTION = 2000;
/** The counter is shown from this length on. */
export const COUNT_FROM = 1800;

const num = (n: number) => n.toLocaleString('vi-VN');

/** The counter's text for a question of `length` characters, or '' while it is far from the limit. */
export function counterText(length: number): string {
  if (length < COUNT_FROM) return '';
  if (length > MAX_QUESTION) return `${num(length)}/${num(MAX_QUESTION)} ký tự — dài hơn ${num(length - MAX_QUESTION)} ký tự`;
  return `${num(length)}/${num(MAX_QUESTION)} ký tự`;
}

/** Why a question of `length` characters is not sent. */
export function tooLongMessage(length: number): string {
  return (
    `Câu hỏi dài ${num(length)} ký tự, vượt giới hạn ${num(MAX_QUESTION)} ký tự nên chưa được gửi. ` +
    `Hãy rút gọn hoặc chỉ giữ phần câu hỏi (bớt ít nhất ${num(length - MAX_QUESTION)} ký tự); nội dung đã nhập vẫn được giữ nguyên.`
  );
}
