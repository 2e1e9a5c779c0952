/**
 * `POST /api/feedback`: a user's rating of one answer (thumbs up/down, optional comment), appended as one JSON line
 * with a timestamp to `${DATA_DIR}/feedback.jsonl` for the team that curates the corpus (`feedback-store.ts`: whole
 * records only, a cap with rotation; 507 FEEDBACK_DISK_FULL, 503 FEEDBACK_UNAVAILABLE).
 */
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { ErrorReply } from '../schemas.js';
import { FeedbackStore } from '../feedback-store.js';

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
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

/** One line of `feedback.jsonl`. */
export interface FeedbackRecord extends FeedbackBody {
  /** ISO 8601 time the server received it. */
  at: string;
}

export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const store = new FeedbackStore(path.join(app.config.DATA_DIR, 'feedback.jsonl'), {
    maxBytes: app.config.FEEDBACK_MAX_MB * 1048576,
    keep: app.config.FEEDBACK_KEEP_FILES,
  });
  // Told at start-up, not first by a user: a read-only or missing DATA_DIR.
  const problem = await store.problem();
  if (problem) app.log.warn({ dataDir: app.config.DATA_DIR, problem }, 'feedback cannot be stored: DATA_DIR is not writable (POST /api/feedback answers 503 FEEDBACK_UNAVAILABLE)');
  const errors = { 400: ErrorReply, 413: ErrorReply, 429: ErrorReply, 500: ErrorReply, 503: ErrorReply, 507: ErrorReply };

  app.post(
    '/feedback',
    { schema: { body: FeedbackBody, response: { 201: Type.Object({ ok: Type.Literal(true) }), ...errors } } },
    async (request, reply) => {
      const record: FeedbackRecord = { at: new Date().toISOString(), ...request.body };
      await store.append(record);
      return reply.status(201).send({ ok: true as const });
    },
  );
};
