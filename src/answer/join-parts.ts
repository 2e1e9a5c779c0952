/**
 * The answers to the parts of a compound question ("… về việc gì, giai đoạn nào?") told as one: each quote once (a
 * quote another part's quote holds whole is told by the fuller one, where the first was), "Theo <văn bản>: " once
 * for consecutive parts from one document, a part not found said plainly, citations numbered in the order told.
 */
import type { Answer, Citation } from './types.js';

interface Piece {
  /** The quote as told, with its markers as the part's own answer numbers them. */
  text: string;
  /** The quote without its source label, markers and ellipses: what two parts may share. */
  body: string;
  part: number;
  /** The table rows it tells ("document:start-end"): a row told once is not told again in another order. */
  rows: string[];
}

/** A part's answer cut after each run of citation markers: "Theo X: … [1]. Y ghi: … [2][3]." → two pieces. */
const PIECE = /[^]*?(?:\[\d+\])+[.;]?(?=\s|$)/gu;
const LABEL = /^(?:Theo (?:“[^”]*”|[^:“]+): |(?:“[^”]*”|[^:“]{1,80}) ghi: )/u;

/** What an answer's trace says it quoted for each marker (extractive.ts `chosen`). */
interface Chosen {
  n: number;
  documentId: string;
  start: number;
  end: number;
  kind?: string;
}

const pieceOf = (p: Piece | string): p is Piece => typeof p !== 'string';

const bodyOf = (text: string) => text.replace(LABEL, '').replace(/\[\d+\]/g, '').replace(/^…|[….;\s]+$/gu, '').trim();

/**
 * Joins the parts' answers.
 * @param parts the parts as asked, for a part not found
 * @returns the joined answer, or undefined when no part is answered
 */
export function joinParts(parts: string[], answers: Answer[]): Answer | undefined {
  if (answers.every((a) => a.notFound)) return undefined;
  const told: Array<Piece | string> = [];
  for (const [i, answer] of answers.entries()) {
    if (answer.notFound) {
      told.push(`Không tìm thấy thông tin cho câu “${parts[i]}” trong các tài liệu hiện có.`);
      continue;
    }
    const matches = [...answer.answer.matchAll(PIECE)];
    const pieces = matches.map((m) => m[0].trim());
    const last = matches.at(-1);
    const rest = answer.answer.slice(last ? last.index + last[0].length : 0).trim();
    const chosen = (answer.trace?.chosen as Chosen[] | undefined) ?? [];
    for (const text of rest ? [...pieces, rest] : pieces) {
      const markers = [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      const rows = markers.flatMap((n) => chosen.filter((c) => c.n === n && c.kind === 'row').map((c) => `${c.documentId}:${c.start}-${c.end}`));
      const piece: Piece = { text, body: bodyOf(text), part: i, rows: rows.length === markers.length ? rows : [] };
      if (told.some((p) => pieceOf(p) && p.body.includes(piece.body))) continue;
      if (piece.rows.length && piece.rows.every((r) => told.some((p) => pieceOf(p) && p.rows.includes(r)))) continue;
      const held = told.findIndex((p) => pieceOf(p) && piece.body.includes(p.body));
      if (held >= 0) told[held] = piece;
      else told.push(piece);
    }
  }
  // Markers renumbered in the order told; a label repeated by the next piece of the same document is left out.
  const citations: Citation[] = [];
  const chosen: unknown[] = [];
  const numbers = new Map<string, number>();
  const sentences: string[] = [];
  let lead: string | undefined;
  for (const piece of told) {
    if (typeof piece === 'string') {
      sentences.push(piece);
      continue;
    }
    const answer = answers[piece.part]!;
    const text = piece.text.replace(/\[(\d+)\]/g, (_, n: string) => {
      const key = `${piece.part}:${n}`;
      if (!numbers.has(key)) {
        const citation = answer.citations.find((c) => c.n === Number(n));
        if (!citation) return '';
        numbers.set(key, citations.length + 1);
        citations.push({ ...citation, n: citations.length + 1 });
        const pick = (answer.trace?.chosen as Chosen[] | undefined)?.find((c) => c.n === Number(n));
        if (pick) chosen.push({ ...pick, n: citations.length });
      }
      return `[${numbers.get(key)}]`;
    });
    const own = /^Theo (?:“[^”]*”|[^:“]+): /u.exec(text)?.[0];
    sentences.push(own && own === lead ? text.slice(own.length).replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : text);
    lead = own ?? lead;
  }
  const found = answers.filter((a) => !a.notFound);
  if (found.length === 1 && answers.length === 1) return found[0];
  return { answer: sentences.join(' '), notFound: false, mode: 'extractive', citations, trace: { compound: parts, chosen } };
}
