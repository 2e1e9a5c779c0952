/** HTTP API: ask, health, documents. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ask } from '../../answer/assistant.js';
import { AppError } from '../../errors.js';
import type { StoredDocument } from '../../index/store.js';
import { AskBody, AskReply, DocumentFull, DocumentSummary, ErrorReply } from '../schemas.js';
import { bearer, traceAllowed, traceMode } from '../access.js';
import { logQuestion } from '../question-log.js';

function summary(d: StoredDocument) {
  return {
    id: d.id,
    title: d.meta.title ?? d.id,
    number: d.meta.number,
    issued: d.meta.issued,
    issuer: d.meta.issuer,
    source: d.meta.source,
    kind: d.meta.kind,
    file: d.file,
    chars: d.text.length,
    pages: d.pages?.length,
    subject: d.meta.subject,
    signer: d.meta.signer,
    signerTitle: d.meta.signerTitle,
  };
}

export const apiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const errors = { 400: ErrorReply, 404: ErrorReply, 413: ErrorReply, 429: ErrorReply, 500: ErrorReply, 503: ErrorReply };

  app.post('/ask', { schema: { body: AskBody, response: { 200: AskReply, ...errors } } }, async (request) => {
    const { question, history, topK, mode } = request.body;
    if (!question.trim()) throw new AppError('QUESTION_EMPTY');
    // The trace shows the internals of retrieval: trainers only. Asked without the right, the question is still answered.
    const trace = request.body.trace === true && traceAllowed(app.config, bearer(request.headers.authorization));
    const result = await ask(app.engines.get(), { question, history, topK, trace, mode }, { llm: app.llm, log: request.log });
    logQuestion(app, question, result, request.log);
    return request.body.trace === true && !trace ? { ...result, traceDenied: true } : result;
  });

  app.get(
    '/health',
    {
      schema: {
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
            /** Why the service is degraded: an empty index, or a newer version that was rejected. */
            reason: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), version: Type.Optional(Type.String()) })),
            documents: Type.Integer(),
            chunks: Type.Integer(),
            index: Type.Object({ builtAt: Type.String(), embeddings: Type.String(), version: Type.String() }),
            /** How questions are answered: "llm" where a chat model is configured, else "extractive" (offline). */
            mode: Type.Union([Type.Literal('extractive'), Type.Literal('llm')]),
            /** Who gets `trace`: anyone (loopback demo), holders of TRAINER_TOKEN, or nobody. */
            trace: Type.Union([Type.Literal('open'), Type.Literal('token'), Type.Literal('off')]),
            /** Questions are logged (QUESTION_LOG=on), which the widget tells its users. */
            questionLog: Type.Boolean(),
          }),
          503: ErrorReply,
        },
      },
    },
    async () => {
      const engine = app.engines.get();
      const reason = app.engines.degraded();
      return {
        status: reason ? ('degraded' as const) : ('ok' as const),
        ...(reason ? { reason } : {}),
        trace: traceMode(app.config),
        questionLog: app.config.QUESTION_LOG === 'on',
        documents: engine.documents.size,
        chunks: engine.chunks.length,
        index: { builtAt: engine.manifest.builtAt, embeddings: engine.manifest.embeddings, version: engine.version },
        mode: app.llm ? ('llm' as const) : ('extractive' as const),
      };
    },
  );

  app.get(
    '/documents',
    { schema: { response: { 200: Type.Object({ documents: Type.Array(DocumentSummary) }), 503: ErrorReply } } },
    async () => ({ documents: [...app.engines.get().documents.values()].map(summary) }),
  );

  app.get(
    '/documents/:id',
    { schema: { params: Type.Object({ id: Type.String({ maxLength: 300 }) }), response: { 200: DocumentFull, 404: ErrorReply, 503: ErrorReply } } },
    async (request) => {
      const doc = app.engines.get().documents.get(request.params.id);
      if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', `Mã: ${request.params.id}.`);
      return { ...summary(doc), text: doc.text, pageSpans: doc.pages };
    },
  );
};
