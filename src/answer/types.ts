/** The public answer contract of `POST /api/ask` (kept stable: other tools depend on it). */
export interface Citation {
  n: number;
  documentId: string;
  title: string;
  number?: string;
  issued?: string;
  section?: string;
  page?: number;
  /** The passage exactly as it stands in the document: `document.text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  score: number;
  /** The words the answer took from the passage, as offsets in the document text. */
  highlight?: { start: number; end: number };
}

/**
 * Why a question was refused, for machines (the widget, the trainer view, the question log): a stable code and, where
 * the question named something the corpus does not hold, what it was, as the question wrote it.
 */
export const REFUSAL_CODES = [
  /** Not a question about the documents: a poem, the weather, a password, "bỏ qua hướng dẫn…". */
  'OUT_OF_SCOPE',
  /** A document the question names (by number) is not in the corpus. */
  'DOCUMENT_MISSING',
  /** A place (province, city) the question names is not one any document covers. */
  'PLACE_MISSING',
  /** A year or period the question names is not one the documents speak of. */
  'YEAR_MISSING',
  /** A person, agency or other name the question names appears in no document. */
  'NAME_MISSING',
  /** An ordinal the question names ("phiên họp thứ năm", "lần thứ 8") is not in the documents. */
  'ORDINAL_MISSING',
  /** What the question names is in the corpus, but nothing there states what is asked of it. */
  'NOT_STATED',
  /** A follow-up whose own words no passage about the conversation's subject holds. */
  'FOLLOWUP_UNRELATED',
  /** No passage holds enough of the question: the generic last resort. */
  'NO_EVIDENCE',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** What the question named that the corpus lacks, as written in the question ("88/2026/QH15", "Điện Biên"). */
  missing?: string[];
  /** What the corpus has instead, where it helps (nearest document numbers, the places covered). */
  available?: string[];
  /** For a document the corpus holds no text of: the documents that mention it (they do not state what is asked). */
  mentionedIn?: string[];
}

export interface Answer {
  answer: string;
  notFound: boolean;
  /** Present exactly when `notFound` is true. */
  refusal?: Refusal;
  mode: 'extractive' | 'llm';
  citations: Citation[];
  /** How the answer was made (for the trainer view): present when asked for. */
  trace?: Record<string, unknown>;
  /** A list answer's items beyond those it shows ("Xem thêm …"), each cited. */
  more?: MoreItems;
}

/** The rest of a capped list: `total` items in all; `items` those the answer leaves out (each with its citation). */
export interface MoreItems {
  total: number;
  /** How many items the answer itself shows (the first of `items` is item `shown + 1`). */
  shown: number;
  items: Array<{ text: string; citation: Citation }>;
}
