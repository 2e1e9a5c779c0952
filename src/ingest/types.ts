/** Metadata of one source document, from front matter, a sidecar or the text itself. */
export interface DocumentMeta {
  title?: string;
  /** Official number, e.g. "57-NQ/TW", "03/NQ-CP". */
  number?: string;
  /** Issue date, ISO `YYYY-MM-DD`. */
  issued?: string;
  issuer?: string;
  source?: string;
  /** e.g. "official_text", "news", "summary". */
  kind?: string;
  /** Trích yếu: the line under the document type saying what it is about ("Về việc …", "Triển khai …"). */
  subject?: string;
  /** The signer's name, from the signer block ("Nguyễn Văn Thắng"). */
  signer?: string;
  /** The signer's capacity, its lines joined by " / " ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). */
  signerTitle?: string;
}

/** A page's span in the document text (PDF only): `text.slice(start, end)` is page `page` (1-based). */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/**
 * What a loader makes of one file: plain Unicode (NFC) text whose lines keep the document's structure
 * (headings on their own line, one paragraph per line or block, tables as Markdown pipe rows
 * `| a | b |` with the header row first and a `| --- |` separator), plus metadata found in the file.
 */
export interface LoadedDocument {
  text: string;
  meta: DocumentMeta;
  pages?: PageSpan[];
  /** Non-fatal problems worth telling the admin (e.g. "scanned PDF, OCR unavailable"). */
  warnings?: string[];
}

/** Reads one file. Throws an `AppError` with code `INGEST_UNREADABLE` / `INGEST_UNSUPPORTED` / `INGEST_EMPTY` … */
export type Loader = (filePath: string, bytes: Buffer) => Promise<LoadedDocument>;
