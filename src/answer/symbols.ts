/**
 * "HPTCHL nghĩa là gì trong công thức …?", "CLC và CTTT là gì?": what an abbreviation or a formula's symbol stands for.
 * Regulations define them in a legend ("Trong đó: HPHK: học phí học kỳ, HPTCHL: mức học phí …") or a list of
 * abbreviations ("CLC là viết tắt của …"); the answer quotes the definition itself, not the sentence around it.
 */
import type { Passage, SearchEngine } from '../retrieve/engine.js';
import type { QueryAnalysis } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';
import { isStopword, tokens } from '../text/tokenize.js';
import { abbreviationDefinitions } from '../text/abbreviations.js';
import { citationOf } from './extractive.js';
import { documentLabel } from './labels.js';
import type { Answer } from './types.js';

/** A symbol: two or more capitals, digits, "_", "&" or "-" ("HPTCHL", "ĐTBHK", "CB-VC", "KH&CN"). */
export const SYMBOL = /(?<![\p{L}\d])\p{Lu}[\p{Lu}\d_&-]*\p{Lu}[\p{Lu}\d_]*(?![\p{L}\d])/gu;

/** Words asking what something stands for (folded). */
const MEANING_ASKED = /\b(la gi|nghia la gi|co nghia la|nghia la|y nghia|viet tat|duoc hieu la|la chu gi|la tu gi|ky hieu|chac la|co phai la)\b/;

/** The words of a question asking what letters stand for, folded ("ý nghĩa của X" asks what X is for). */
const MEANING_WORDS = /\b(?:la gi|nghia la gi|co nghia la|nghia la|viet tat|duoc hieu la|chu gi|tu gi|chac la|co phai la|cua)\b/g;

/** Passages read for a definition, from the top of the ranking. */
const READ = 5;

/** How far apart two definitions may stand to be quoted as one span ("CLC là …. CTTT là …"). */
const JOIN_GAP = 20;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The symbols a question asks the meaning of, in the order it names them. */
export function symbolsAsked(question: string): string[] {
  if (!MEANING_ASKED.test(fold(question).toLowerCase())) return [];
  return [...new Set(question.match(SYMBOL) ?? [])];
}

/**
 * The span of a text defining `symbol`: "SYM: definition" up to the next legend entry (", SYM2:") or the end of the
 * sentence, "SYM là (viết tắt của) …" to the end of the sentence, or, with `spelled` (what the letters stand for is
 * asked), "the words (SYM)".
 */
export function definitionOf(text: string, symbol: string, from = 0, spelled = false): { start: number; end: number } | undefined {
  const head = new RegExp(`(?<![\\p{L}\\d])${escape(symbol)}(?![\\p{L}\\d])\\s*(?:\\([^)]{1,80}\\)\\s*)?(?::|là viết tắt của|được hiểu là|là)\\s+`, 'gu');
  head.lastIndex = from;
  const m = head.exec(text);
  if (!m) {
    if (!spelled) return undefined;
    // "Ủy ban Thường vụ Quốc hội (UBTVQH)": the words it stands for, before it.
    // Or in a list of them ("khoa học, công nghệ, đổi mới sáng tạo (KH,CN,ĐMST)" for "ĐMST").
    const defined = abbreviationDefinitions(text.slice(from)).find((d) => d.abbreviation === symbol || d.abbreviation.split(/,\s*/).includes(symbol));
    return defined && { start: from + defined.start, end: from + defined.end };
  }
  const rest = text.slice(m.index + m[0].length);
  // The next legend entry ("…, TCHPHL: …"), a sentence end, or a line end.
  const next = rest.search(/,\s*(?=\p{Lu}[\p{Lu}\d_&-]*\p{Lu}[\p{Lu}\d_]*\s*:)|[.;](?=\s|$)|\n/u);
  const length = next < 0 ? rest.length : next;
  if (length < 2) return undefined;
  return { start: m.index, end: m.index + m[0].length + length };
}

/**
 * Answers a question about what symbols stand for from the first passage that defines them all: among the top
 * passages, else anywhere in the corpus (a list of abbreviations shares no other word with "ĐHQG có nghĩa là gì?").
 */
export function answerSymbols(analysis: QueryAnalysis, passages: Passage[], engine: SearchEngine): Answer | undefined {
  const symbols = symbolsAsked(analysis.typed);
  if (!symbols.length) return undefined;
  // "UBTVQH là viết tắt của gì?" asks what the letters stand for; "Trọng số của ĐTBCTL là gì?" asks about something else.
  const rest = tokens(fold(analysis.typed.replace(SYMBOL, ' ')).toLowerCase().replace(MEANING_WORDS, ' ')).filter((t) => !isStopword(t.text));
  const spelled = rest.length === 0;
  // The top passages first; the rest of the corpus only when none of them defines the symbols.
  function* readable(): Generator<Passage> {
    yield* passages.slice(0, READ);
    for (const [position, chunk] of engine.chunks.entries()) if (symbols.every((s) => chunk.text.includes(s))) yield engine.passage(position);
  }
  for (const passage of readable()) {
    const { text } = passage.document;
    // Each definition within the passage, as offsets in the document.
    const spans = symbols.map((s) => definitionOf(text.slice(0, passage.chunk.end), s, passage.chunk.start, spelled));
    if (spans.some((s) => !s)) continue;
    const found = (spans as Array<{ start: number; end: number }>).sort((a, b) => a.start - b.start);
    // Definitions side by side are quoted as the document writes them; apart, each on its own.
    const joined = found.every((s, i) => i === 0 || s.start - found[i - 1]!.end <= JOIN_GAP);
    const parts = joined ? [{ start: found[0]!.start, end: found[found.length - 1]!.end }] : found;
    const quote = parts.map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' ').trim()).join('; ');
    const highlight = { start: parts[0]!.start, end: parts[parts.length - 1]!.end };
    return {
      answer: `Theo ${documentLabel(passage.document.meta)}: ${quote.replace(/[.;,]$/, '')} [1].`,
      notFound: false,
      mode: 'extractive',
      citations: [citationOf(1, passage, highlight)],
      trace: { chosen: [{ n: 1, documentId: passage.document.id, start: highlight.start, end: highlight.end, score: 1, coverage: 1, kind: 'definition' }] },
    };
  }
  return undefined;
}
