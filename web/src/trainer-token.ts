/**
 * Access to answer traces (the trainer view, the classroom page). Where the server sets `TRAINER_TOKEN`,
 * `GET /api/health` says `trace: "token"` and a traced question must carry the token (`Authorization: Bearer …` over
 * HTTP, a `token` field over the WebSocket); it is asked for once and kept for the tab (sessionStorage). Where health
 * does not say so, nothing changes.
 */

export type TraceAccess = 'open' | 'token' | 'off';

const KEY = 'tro-ly-cong-vu:trainer-token';

/** The token kept for this tab, if any. */
export function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) || undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or, with undefined, forgets) the token for this tab. */
export function storeToken(token: string | undefined): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage blocked: the token is asked again next time */
  }
}

/** The health's answer: the server's mode and whether traces need a token (undefined: the server does not say). */
export async function serverInfo(api: string): Promise<{ trace?: TraceAccess; mode?: 'extractive' | 'llm'; questionLog?: boolean }> {
  try {
    const res = await fetch(`${api}/api/health`);
    const body = (await res.json()) as { trace?: unknown; mode?: unknown; questionLog?: unknown };
    const trace = body.trace === 'open' || body.trace === 'token' || body.trace === 'off' ? body.trace : undefined;
    const mode = body.mode === 'llm' || body.mode === 'extractive' ? body.mode : undefined;
    return { trace, mode, questionLog: body.questionLog === true };
  } catch {
    return {};
  }
}

/**
 * Before the trainer view is turned on: asks for the trainer token once when the server needs one.
 * @param ask how the token is asked for (a prompt by default)
 * @returns whether traces can be shown, and what to tell the user when not
 */
export async function ensureTrainerAccess(
  api: string,
  ask: (question: string) => string | null = (q) => window.prompt(q),
): Promise<{ ok: boolean; message?: string }> {
  const { trace } = await serverInfo(api);
  if (trace === 'off') return { ok: false, message: 'Máy chủ đã tắt phần giải thích cách tạo câu trả lời.' };
  if (trace !== 'token' || storedToken()) return { ok: true };
  const token = ask('Nhập mã giảng viên để xem cách trợ lý tạo câu trả lời:')?.trim();
  if (!token) return { ok: false, message: 'Cần mã giảng viên để bật chế độ giảng dạy.' };
  storeToken(token);
  return { ok: true };
}
