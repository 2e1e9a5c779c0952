import path from 'node:path';
import type { PageSpan } from '../types.js';

/** Separator put between pages (and other top-level blocks) in a loader's text. */
export const BLOCK_SEPARATOR = '\n\n';

/**
 * The text clean-up every loader's output goes through (idempotent): NFC, `\r\n`/`\r` → `\n`, no-break and odd spaces
 * → space, invisible characters (BOM, soft hyphen, zero-width) and control characters removed, trailing spaces trimmed,
 * runs of three or more blank lines collapsed to two, leading and trailing blank lines removed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    // eslint-disable-next-line no-control-regex -- control characters left by converters are removed on purpose
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

/**
 * Joins page texts into one document text, each page normalised, separated by a blank line.
 * @returns the text and each page's span in it (`text.slice(start, end)` is that page; empty pages get `start === end`)
 */
export function assemblePages(pageTexts: readonly string[]): { text: string; pages: PageSpan[] } {
  let text = '';
  const pages: PageSpan[] = [];
  pageTexts.forEach((raw, i) => {
    const body = normalizeText(raw);
    if (body && text) text += BLOCK_SEPARATOR;
    const start = text.length;
    text += body;
    pages.push({ page: i + 1, start: body ? start : text.length, end: text.length });
  });
  return { text, pages };
}

/** The file's base name, used at the start of error details ("tên tệp: lý do"). */
export function fileLabel(filePath: string): string {
  return printableName(path.basename(filePath));
}

/**
 * A file name safe to print: control characters and the invisible bidi/format marks that can make a terminal or log
 * show another name than the real one ("invoice\u202Efdp.exe") are written as `\u{…}`.
 */
export function printableName(name: string): string {
  return name.replace(/[\p{Cc}\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
