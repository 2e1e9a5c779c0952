/**
 * `WS /api/ws`: the client sends `{type: "ask", id, question, history}`; the server answers with `delta` messages,
 * then `citations`, then `done` (the verified answer) — or `error` with a stable code. In LLM mode the deltas are
 * the model's tokens as they arrive; `done` carries the verified answer, which replaces the streamed text when the
 * model's answer did not pass verification.
 *
 * `{type: "cancel", id}` stops the question `id` while it is being answered (the model's work is aborted): the server
 * replies `cancelled` and sends nothing more for that id. A cancel for an id not in progress gets no reply.
 *
 * Bounds (`ws-guard.ts`): messages past WS_MESSAGES_PER_MINUTE per socket (or the client's RATE_LIMIT_PER_MINUTE)
 * get an `error` frame RATE_LIMITED and are not answered; a socket that keeps flooding is closed (1008). Sockets past
 * WS_MAX_PER_CLIENT / WS_MAX_SOCKETS get `error` WS_TOO_MANY and close 1013; an idle one `error` WS_IDLE and 4408.
 * `trace: true` is honoured for trainers only: a `token` field (TRAINER_TOKEN) in the ask message or `?trainer=` on
 * the upgrade; otherwise the answer comes without trace and with `traceDenied: true`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { Value } from '@sinclair/typebox/value';
import { Type } from '@sinclair/typebox';
import { askStream } from '../../answer/assistant.js';
import { AppError, ERRORS, isAppError } from '../../errors.js';
import { AskBody } from '../schemas.js';
import { traceAllowed } from '../access.js';
import { logQuestion } from '../question-log.js';
import { WS_CLOSE, type SocketTicket } from '../ws-guard.js';

const AskMessage = Type.Composite(
  [
    Type.Object({
      type: Type.Literal('ask'),
      id: Type.Union([Type.String({ maxLength: 100 }), Type.Number()]),
      token: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    AskBody,
  ],
  { additionalProperties: false },
);

const CancelMessage = Type.Object({ type: Type.Literal('cancel'), id: Type.Union([Type.String({ maxLength: 100 }), Type.Number()]) }, { additionalProperties: false });

function send(socket: WebSocket, message: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export { deltas } from '../../answer/assistant.js';

/** Sends an error frame and closes the socket with `code`. */
function refuse(socket: WebSocket, error: AppError, code: number): void {
  send(socket, { type: 'error', id: null, code: error.code, message: error.message });
  socket.close(code, error.code);
}

export const wsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/ws', { websocket: true }, (socket, request) => {
    const admitted = app.wsGuard.admit(socket, request.ip, () => refuse(socket, new AppError('WS_IDLE'), WS_CLOSE.IDLE));
    if (typeof admitted === 'string') {
      request.log.warn({ client: request.ip, cap: admitted, open: app.wsGuard.open }, 'websocket refused: too many sockets');
      return refuse(socket, new AppError('WS_TOO_MANY'), WS_CLOSE.TOO_MANY);
    }
    const ticket: SocketTicket = admitted;
    const upgradeToken = (request.query as { trainer?: unknown } | undefined)?.trainer;
    // Model work still running when the client goes away, or cancels the question, is stopped.
    const closed = new AbortController();
    const inFlight = new Map<string | number, AbortController>();
    let malformedLogged = false;
    socket.on('close', () => {
      ticket.release();
      closed.abort(new Error('WebSocket closed'));
    });
    /** @throws AppError RATE_LIMITED past the socket's or the client's budget; a flooding socket is closed. */
    const limit = () => {
      if (ticket.allowMessage()) return;
      if (ticket.flooding() && socket.readyState === socket.OPEN) {
        request.log.warn({ client: request.ip }, 'websocket closed: message flood');
        socket.close(WS_CLOSE.FLOOD, 'RATE_LIMITED');
      }
      throw new AppError('RATE_LIMITED');
    };
    socket.on('message', async (raw) => {
      let id: unknown;
      let cancelled: AbortSignal | undefined;
      ticket.touch();
      try {
        let message: unknown;
        try {
          message = JSON.parse(String(raw));
        } catch {
          limit();
          // Logged once per socket, without a stack: a client sending garbage must not flood the log.
          if (!malformedLogged) request.log.info({ client: request.ip }, 'websocket: message is not JSON');
          malformedLogged = true;
          throw new AppError('BAD_REQUEST', 'Tin nhắn không phải JSON.');
        }
        id = (message as { id?: unknown })?.id;
        if (Value.Check(CancelMessage, message)) {
          const running = inFlight.get(message.id);
          if (running) {
            running.abort(new Error('cancelled by the client'));
            send(socket, { type: 'cancelled', id: message.id });
          }
          return;
        }
        // Counted after parsing so that the refusal names the question it refuses (a cancel is always let through).
        limit();
        if (!Value.Check(AskMessage, message)) {
          const q = (message as { question?: unknown })?.question;
          if (typeof q === 'string' && q.length > 2000) throw new AppError('QUESTION_TOO_LONG');
          throw new AppError('BAD_REQUEST', 'Tin nhắn cần dạng {type: "ask", id, question, history?}.');
        }
        if (!message.question.trim()) throw new AppError('QUESTION_EMPTY');
        const token = message.token ?? (typeof upgradeToken === 'string' ? upgradeToken : undefined);
        const trace = message.trace === true && traceAllowed(app.config, token);
        const traceDenied = message.trace === true && !trace;
        const controller = new AbortController();
        inFlight.set(message.id, controller);
        cancelled = controller.signal;
        try {
          const result = await askStream(
            app.engines.get(),
            { question: message.question, history: message.history, topK: message.topK, trace, mode: message.mode },
            (text) => !controller.signal.aborted && send(socket, { type: 'delta', id, text }),
            { llm: app.llm, log: request.log, signal: AbortSignal.any([closed.signal, controller.signal]) },
          );
          if (controller.signal.aborted) return;
          logQuestion(app, message.question, result, request.log);
          send(socket, { type: 'citations', id, citations: result.citations });
          send(socket, { type: 'done', id, ...result, ...(traceDenied ? { traceDenied: true } : {}) });
        } finally {
          if (inFlight.get(message.id) === controller) inFlight.delete(message.id);
        }
      } catch (error) {
        if (cancelled?.aborted) return;
        const appError = isAppError(error) ? error : new AppError('INTERNAL', undefined, { cause: error });
        if (appError.status >= 500) request.log.error({ err: error }, 'ws ask failed');
        const text = appError.code === 'INTERNAL' ? ERRORS.INTERNAL.message : appError.message;
        send(socket, { type: 'error', id, code: appError.code, message: text });
      }
    });
  });
};
