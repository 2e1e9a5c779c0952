/**
 * One registry of operational errors with stable codes. The message is Vietnamese: it is what users read.
 * Routes and scripts throw `AppError`s; one error handler turns them into `{error: {code, message}}`.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'Yêu cầu không hợp lệ.' },
  QUESTION_EMPTY: { status: 400, message: 'Câu hỏi không được để trống.' },
  QUESTION_TOO_LONG: { status: 413, message: 'Câu hỏi quá dài (tối đa 2000 ký tự).' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Dữ liệu gửi lên quá lớn.' },
  NOT_FOUND: { status: 404, message: 'Không tìm thấy tài nguyên được yêu cầu.' },
  DOCUMENT_NOT_FOUND: { status: 404, message: 'Không tìm thấy văn bản.' },
  RATE_LIMITED: { status: 429, message: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút.' },
  UNAUTHORIZED: { status: 401, message: 'Cần mã quản trị hợp lệ.' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: 'Trang này chưa được phép dùng trợ lý (WIDGET_ORIGINS).' },
  INDEX_NOT_READY: { status: 503, message: 'Chỉ mục tài liệu chưa sẵn sàng, vui lòng thử lại sau.' },
  INDEX_EMBEDDER_MISMATCH: {
    status: 503,
    message: 'Chỉ mục được xây bằng bộ nhúng (embeddings) khác với cấu hình hiện tại; hãy chạy lại npm run ingest.',
  },
  INDEX_CORRUPT: { status: 503, message: 'Chỉ mục tài liệu bị hỏng hoặc không đọc được; hãy chạy lại npm run ingest.' },
  INGEST_UNSUPPORTED: { status: 400, message: 'Định dạng tệp không được hỗ trợ.' },
  INGEST_UNREADABLE: { status: 400, message: 'Không đọc được tệp.' },
  INGEST_EMPTY: { status: 400, message: 'Tệp không có nội dung văn bản.' },
  INGEST_TOO_LARGE: { status: 413, message: 'Tệp quá lớn.' },
  INGEST_STRICT: { status: 400, message: 'Có tệp bị bỏ qua khi chạy ở chế độ --strict; chỉ mục cũ được giữ nguyên.' },
  INGEST_LOCKED: { status: 409, message: 'Một lần lập chỉ mục khác đang chạy.' },
  CONFIG_INVALID: { status: 500, message: 'Cấu hình không hợp lệ.' },
  LLM_FAILED: { status: 502, message: 'Mô hình ngôn ngữ không trả lời được.' },
  INTERNAL: { status: 500, message: 'Lỗi hệ thống, vui lòng thử lại sau.' },
  INGEST_SHRINK: {
    status: 409,
    message: 'Lần lập chỉ mục này sẽ bỏ mất phần lớn văn bản đang phục vụ; chỉ mục cũ được giữ nguyên (kiểm tra thư mục tài liệu, hoặc chạy lại với --allow-shrink nếu đúng là muốn vậy).',
  },
  INGEST_FILE_BUDGET: { status: 413, message: 'Tệp vượt quá ngân sách thời gian hoặc bộ nhớ khi đọc, đã bỏ qua.' },
  INGEST_ZIP_BOMB: { status: 413, message: 'Tệp nén giải ra quá lớn (nghi là "bom nén"), đã bỏ qua.' },
  INGEST_SYMLINK: { status: 400, message: 'Liên kết tượng trưng (symlink) không được đọc.' },
  INGEST_HIDDEN: { status: 400, message: 'Tệp hoặc thư mục ẩn (tên bắt đầu bằng dấu chấm) không được đọc.' },
  INDEX_EMPTY: { status: 503, message: 'Chỉ mục không có văn bản nào nên không được dùng.' },
  WS_TOO_MANY: { status: 503, message: 'Quá nhiều kết nối đang mở, vui lòng thử lại sau.' },
  WS_IDLE: { status: 408, message: 'Kết nối đã đóng vì lâu không hoạt động.' },
  REQUEST_TIMEOUT: { status: 408, message: 'Yêu cầu gửi quá chậm, đã hết thời gian chờ.' },
  FEEDBACK_DISK_FULL: { status: 507, message: 'Ổ đĩa lưu góp ý đã đầy; góp ý chưa được lưu, vui lòng báo quản trị viên.' },
  FEEDBACK_UNAVAILABLE: { status: 503, message: 'Chưa lưu được góp ý (thư mục dữ liệu không ghi được); vui lòng thử lại sau.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An operational error: expected, reported to the user with a stable code, never a crash. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  /**
   * @param code stable code from `ERRORS`
   * @param detail optional Vietnamese detail appended to the standard message (e.g. the file name and reason)
   */
  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = ERRORS[code].message;
    super(detail ? `${base} ${detail}` : base, options);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
  }
}

/** True for errors of this registry. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
