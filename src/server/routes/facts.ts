/**
 * `GET /api/facts`: the facts registry (targets, deadlines, responsibilities, document references) filtered by kind,
 * words, agency (aliases and 2025 mergers resolved), document and year, each fact with its exact source span.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { AppError } from '../../errors.js';
import { findFacts } from '../../facts/registry.js';
import { FACT_KINDS, type Fact } from '../../facts/types.js';
import type { StoredDocument } from '../../index/store.js';
import { ErrorReply } from '../schemas.js';

/** Query strings arrive as strings (no type coercion): numbers are checked by pattern, then range. */
export const FactsQuery = Type.Object(
  {
    kind: Type.Optional(Type.Union(FACT_KINDS.map((k) => Type.Literal(k)))),
    q: Type.Optional(Type.String({ maxLength: 300 })),
    agency: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    document: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    year: Type.Optional(Type.String({ pattern: '^(19|20)\\d{2}$' })),
    merged: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })),
    offset: Type.Optional(Type.String({ pattern: '^\\d{1,7}$' })),
  },
  { additionalProperties: false },
);
export type FactsQuery = Static<typeof FactsQuery>;

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });
const AgencyRefReply = Type.Object({
  name: Type.String(),
  written: Type.String(),
  known: Type.Boolean(),
  mergedInto: Type.Optional(Type.String()),
  start: Type.Integer(),
  end: Type.Integer(),
});
const DueReply = Type.Object({
  year: Type.Optional(Type.Integer()),
  month: Type.Optional(Type.Integer()),
  quarter: Type.Optional(Type.Integer()),
  day: Type.Optional(Type.Integer()),
  fromYear: Type.Optional(Type.Integer()),
  before: Type.Optional(Type.Boolean()),
  recurring: Type.Optional(Type.Boolean()),
});

/** One fact as the API returns it: the fact's own fields (by kind), its source text and its document. */
export const FactReply = Type.Object({
  id: Type.String(),
  kind: Type.Union(FACT_KINDS.map((k) => Type.Literal(k))),
  documentId: Type.String(),
  document: Type.Object({ id: Type.String(), title: Type.String(), number: Type.Optional(Type.String()), issued: Type.Optional(Type.String()) }),
  /** `document.text.slice(start, end)`: the table row or sentence the fact was read from. */
  text: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  highlight: Span,
  chunkId: Type.Optional(Type.String()),
  section: Type.Array(Type.String()),
  origin: Type.Union([Type.Literal('table'), Type.Literal('prose')]),
  item: Type.Optional(Type.String()),
  // target
  indicator: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  comparator: Type.Optional(Type.String()),
  op: Type.Optional(Type.String()),
  amount: Type.Optional(Type.Number()),
  amountMax: Type.Optional(Type.Number()),
  unit: Type.Optional(Type.String()),
  year: Type.Optional(Type.Integer()),
  // deadline, responsibility
  task: Type.Optional(Type.String()),
  due: Type.Optional(Type.String()),
  normalized: Type.Optional(DueReply),
  lead: Type.Optional(Type.Array(AgencyRefReply)),
  partners: Type.Optional(Type.Array(AgencyRefReply)),
  role: Type.Optional(Type.String()),
  output: Type.Optional(Type.String()),
  // docref
  key: Type.Optional(Type.String()),
  number: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  written: Type.Optional(Type.String()),
  issuer: Type.Optional(Type.String()),
  date: Type.Optional(Type.String()),
  mentions: Type.Optional(Type.Integer()),
});

export const FactsReply = Type.Object({ total: Type.Integer(), facts: Type.Array(FactReply) });

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function present(fact: Fact, document: StoredDocument | undefined) {
  return {
    ...fact,
    document: {
      id: fact.documentId,
      title: document?.meta.title ?? fact.documentId,
      number: document?.meta.number,
      issued: document?.meta.issued,
    },
    text: document ? document.text.slice(fact.start, fact.end) : '',
  };
}

export const factRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/facts',
    { schema: { querystring: FactsQuery, response: { 200: FactsReply, 400: ErrorReply, 429: ErrorReply, 503: ErrorReply } } },
    async (request) => {
      const query = request.query;
      const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
      const offset = query.offset === undefined ? 0 : Number(query.offset);
      if (limit < 1 || limit > MAX_LIMIT) throw new AppError('BAD_REQUEST', `Tham số "limit" phải từ 1 đến ${MAX_LIMIT}.`);
      const engine = app.engines.get();
      const found = findFacts(
        engine.facts,
        {
          kind: query.kind,
          q: query.q,
          agency: query.agency,
          includeMerged: query.merged === 'true',
          document: query.document,
          year: query.year === undefined ? undefined : Number(query.year),
        },
        engine.documents,
      );
      return { total: found.length, facts: found.slice(offset, offset + limit).map((f) => present(f, engine.documents.get(f.documentId))) };
    },
  );
};
