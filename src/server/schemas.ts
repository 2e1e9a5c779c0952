/** TypeBox schemas of the public API: the contract other tools depend on. Types come from these. */
import { Type, type Static } from '@sinclair/typebox';

export const Turn = Type.Object(
  { role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]), content: Type.String({ maxLength: 4000 }) },
  { additionalProperties: false },
);

export const AskBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 2000 }),
    history: Type.Optional(Type.Array(Turn, { maxItems: 20 })),
    topK: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    trace: Type.Optional(Type.Boolean()),
    /** "extractive": answer offline even in LLM mode (to compare the two); "llm" (the default) uses the model where one is configured. */
    mode: Type.Optional(Type.Union([Type.Literal('extractive'), Type.Literal('llm')])),
  },
  { additionalProperties: false },
);
export type AskBody = Static<typeof AskBody>;

export const Citation = Type.Object({
  n: Type.Integer(),
  documentId: Type.String(),
  title: Type.String(),
  number: Type.Optional(Type.String()),
  issued: Type.Optional(Type.String()),
  section: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer()),
  text: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  score: Type.Number(),
  highlight: Type.Optional(Type.Object({ start: Type.Integer(), end: Type.Integer() })),
});

export const Timings = Type.Object({ retrieveMs: Type.Number(), answerMs: Type.Number(), totalMs: Type.Number() });

export const AskReply = Type.Object({
  answer: Type.String(),
  notFound: Type.Boolean(),
  refusal: Type.Optional(
    Type.Object({
      code: Type.String(),
      missing: Type.Optional(Type.Array(Type.String())),
      available: Type.Optional(Type.Array(Type.String())),
      mentionedIn: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  mode: Type.Union([Type.Literal('extractive'), Type.Literal('llm')]),
  citations: Type.Array(Citation),
  timings: Timings,
  trace: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** True when `trace` was asked without the right to it (TRAINER_TOKEN): the answer is given, the trace is not. */
  traceDenied: Type.Optional(Type.Boolean()),
  /** A capped list's other items ("Xem thêm …"), each with its own citation numbered after the answer's. */
  more: Type.Optional(Type.Object({ total: Type.Integer(), shown: Type.Integer(), items: Type.Array(Type.Object({ text: Type.String(), citation: Citation })) })),
});

export const ErrorReply = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

export const DocumentSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  number: Type.Optional(Type.String()),
  issued: Type.Optional(Type.String()),
  issuer: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  file: Type.String(),
  chars: Type.Integer(),
  pages: Type.Optional(Type.Integer()),
  /** Trích yếu, from the official layout (or front matter). */
  subject: Type.Optional(Type.String()),
  /** The signer's name and capacity ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), from the signer block. */
  signer: Type.Optional(Type.String()),
  signerTitle: Type.Optional(Type.String()),
});

export const DocumentFull = Type.Composite([
  DocumentSummary,
  Type.Object({
    text: Type.String(),
    pageSpans: Type.Optional(Type.Array(Type.Object({ page: Type.Integer(), start: Type.Integer(), end: Type.Integer() }))),
  }),
]);
