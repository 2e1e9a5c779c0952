/**
 * `POST /api/feedback`: a user's rating of one answer (thumbs up/down, optional comment), stored as one record in
 * the store (SQLite or PostgreSQL) for the team that curates the corpus. The reply carries the record's `id`; a
 * later POST with that `id` (the comment after a thumbs-down, a changed rating) updates the same record, so one
 * feedback action is one record. A full or read-only store answers 507 STORE_FULL / 503 STORE_READ_ONLY and writes
 * nothing.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { AppError } from '../../errors.js';
import { ErrorReply } from '../schemas.js';

export const FeedbackCitation = Type.Object(
  {
    n: Type.Integer({ minimum: 0 }),
    documentId: Type.String({ maxLength: 300 }),
    start: Type.Optional(Type.Integer({ minimum: 0 })),
    end: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const FeedbackBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 2000 }),
    answer: Type.String({ maxLength: 10_000 }),
    rating: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    citations: Type.Optional(Type.Array(FeedbackCitation, { maxItems: 20 })),
    /** The id an earlier POST returned: this one updates that record (rating, comment) instead of adding one. */
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** How the rated answer was made. */
    mode: Type.Optional(Type.Union([Type.Literal('extractive'), Type.Literal('llm')])),
    /** The rated answer's refusal code, when it was a refusal. */
    refusalCode: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

const FeedbackReply = Type.Object({ ok: Type.Literal(true), id: Type.String() });

export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const errors = { 400: ErrorReply, 404: ErrorReply, 413: ErrorReply, 429: ErrorReply, 500: ErrorReply, 503: ErrorReply, 507: ErrorReply };

  app.post('/feedback', { schema: { body: FeedbackBody, response: { 200: FeedbackReply, 201: FeedbackReply, ...errors } } }, async (request, reply) => {
    const { id, ...body } = request.body;
    if (id) {
      const updated = await app.store.updateFeedback(id, { rating: body.rating, ...(body.comment ? { comment: body.comment } : {}) });
      if (!updated) throw new AppError('FEEDBACK_NOT_FOUND');
      return reply.status(200).send({ ok: true as const, id: updated.id });
    }
    let indexVersion: string | undefined;
    try {
      indexVersion = app.engines.get().version;
    } catch {
      indexVersion = undefined; // no index loaded: the feedback is still worth keeping
    }
    const record = await app.store.addFeedback({ ...body, indexVersion });
    return reply.status(201).send({ ok: true as const, id: record.id });
  });
};
