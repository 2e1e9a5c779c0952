/**
 * `WS /api/ws`: the client sends `{type: "ask", id, question, history}`; the server answers with `delta` messages,
 * then `citations`, then `done` (the verified answer) — or `error` with a stable code. In LLM mode the deltas are
 * the model's tokens as they arrive; `done` carries the verified answer, which replaces the streamed text when the
 * model's answer did not pass verification.
 *
 * `{type: "cancel", id}` stops the question `id` while it is being answered (the model's work is aborted): the server
 * replies `cancelled` and sends nothing more for that id. A cancel for an id not in progress gets no reply.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { Value } from '@sinclair/typebox/value';
import { Type } from '@sinclair/typebox';
import { askStream } from '../../answer/assistant.js';
import { AppError, ERRORS, isAppError } from '../../errors.js';
import { AskBody } from '../schemas.js';

const AskMessage = Type.Composite([Type.Object({ type: Type.Literal('ask'), id: Type.Union([Type.String({ maxLength: 100 }), Type.Number()]) }), AskBody], {
  additionalProperties: false,
});

const CancelMessage = Type.Object({ type: Type.Literal('cancel'), id: Type.Union([Type.String({ maxLength: 100 }), Type.Number()]) }, { additionalProperties: false });

function send(socket: WebSocket, message: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export { deltas } from '../../answer/assistant.js';

export const wsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/ws', { websocket: true }, (socket, request) => {
    // Model work still running when the client goes away, or cancels the question, is stopped.
    const closed = new AbortController();
    const inFlight = new Map<string | number, AbortController>();
    socket.on('close', () => closed.abort(new Error('WebSocket closed')));
    socket.on('message', async (raw) => {
      let id: unknown;
      let cancelled: AbortSignal | undefined;
      try {
        let message: unknown;
        try {
          message = JSON.parse(String(raw));
        } catch {
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
        if (!Value.Check(AskMessage, message)) {
          const q = (message as { question?: unknown })?.question;
          if (typeof q === 'string' && q.length > 2000) throw new AppError('QUESTION_TOO_LONG');
          throw new AppError('BAD_REQUEST', 'Tin nhắn cần dạng {type: "ask", id, question, history?}.');
        }
        if (!message.question.trim()) throw new AppError('QUESTION_EMPTY');
        const controller = new AbortController();
        inFlight.set(message.id, controller);
        cancelled = controller.signal;
        try {
          const result = await askStream(
            app.engines.get(),
            { question: message.question, history: message.history, topK: message.topK, trace: message.trace, mode: message.mode },
            (text) => !controller.signal.aborted && send(socket, { type: 'delta', id, text }),
            { llm: app.llm, log: request.log, signal: AbortSignal.any([closed.signal, controller.signal]) },
          );
          if (controller.signal.aborted) return;
          send(socket, { type: 'citations', id, citations: result.citations });
          send(socket, { type: 'done', id, ...result });
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
