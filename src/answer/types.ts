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

export interface Answer {
  answer: string;
  notFound: boolean;
  mode: 'extractive' | 'llm';
  citations: Citation[];
  /** How the answer was made (for the trainer view): present when asked for. */
  trace?: Record<string, unknown>;
}
