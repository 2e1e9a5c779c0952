/**
 * `POST /api/feedback`: a user's rating of one answer (thumbs up/down, optional comment), appended as one JSON line
 * with a timestamp to `${DATA_DIR}/feedback.jsonl` for the team that curates the corpus.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
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
  const file = path.join(app.config.DATA_DIR, 'feedback.jsonl');
  const errors = { 400: ErrorReply, 413: ErrorReply, 429: ErrorReply, 500: ErrorReply };

  app.post(
    '/feedback',
    { schema: { body: FeedbackBody, response: { 201: Type.Object({ ok: Type.Literal(true) }), ...errors } } },
    async (request, reply) => {
      const record: FeedbackRecord = { at: new Date().toISOString(), ...request.body };
      await mkdir(path.dirname(file), { recursive: true });
      // One write per line with O_APPEND: concurrent requests never interleave within a line.
      await appendFile(file, `${JSON.stringify(record)}\n`, 'utf8');
      return reply.status(201).send({ ok: true as const });
    },
  );
};
