/** HTTP API: ask, health, documents. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ask } from '../../answer/assistant.js';
import { AppError } from '../../errors.js';
import type { StoredDocument } from '../../index/store.js';
import { AskBody, AskReply, DocumentFull, DocumentSummary, ErrorReply } from '../schemas.js';

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
    const { question, history, topK, trace } = request.body;
    if (!question.trim()) throw new AppError('QUESTION_EMPTY');
    return ask(app.engines.get(), { question, history, topK, trace }, { llm: app.llm, log: request.log });
  });

  app.get(
    '/health',
    {
      schema: {
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            documents: Type.Integer(),
            chunks: Type.Integer(),
            index: Type.Object({ builtAt: Type.String(), embeddings: Type.String(), version: Type.String() }),
          }),
          503: ErrorReply,
        },
      },
    },
    async () => {
      const engine = app.engines.get();
      return {
        status: 'ok' as const,
        documents: engine.documents.size,
        chunks: engine.chunks.length,
        index: { builtAt: engine.manifest.builtAt, embeddings: engine.manifest.embeddings, version: engine.version },
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
