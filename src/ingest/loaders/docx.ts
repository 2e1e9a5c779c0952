/** DOCX: mammoth → HTML → the HTML converter (headings, lists and tables kept). */
import mammoth from 'mammoth';
import { AppError } from '../../errors.js';
import type { Loader } from '../types.js';
import { htmlToText } from './html.js';
import { fileLabel } from './normalize.js';

/** Images are dropped (no data URIs in the HTML); only the text matters. */
const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));

/** `.docx`. A file that is not a Word document (not a ZIP, no document part) → INGEST_UNREADABLE. */
export const loadDocx: Loader = async (filePath, bytes) => {
  const label = fileLabel(filePath);
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: bytes }, { convertImage: dropImages }));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('INGEST_UNREADABLE', `${label}: tệp Word (.docx) bị hỏng hoặc không đúng định dạng (${reason}).`, {
      cause: error,
    });
  }
  // The first h1 of a Word file is a real heading; the document title comes from the text (detectMeta).
  const { text } = htmlToText(`<body>${html}</body>`);
  return { text, meta: {} };
};
