/** The widget's pure citation helpers: marker parsing, highlight cutting, dates, word groups. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkWords, citedNumbers, formatDate, highlightParts, parseCitations } from '../web/src/citations.js';
import { DEFAULT_SUGGESTIONS, parseSuggestions } from '../web/src/suggestions.js';
import { refusalText } from '../web/src/reasons.js';

describe('parseCitations', () => {
  it('splits text and [n] markers in order', () => {
    expect(parseCitations('Theo Quyết định 15: làm việc 40 giờ [1]. Thứ Bảy tiếp dân [2].')).toEqual([
      { kind: 'text', text: 'Theo Quyết định 15: làm việc 40 giờ ' },
      { kind: 'cite', n: 1 },
      { kind: 'text', text: '. Thứ Bảy tiếp dân ' },
      { kind: 'cite', n: 2 },
      { kind: 'text', text: '.' },
    ]);
  });

  it('reads grouped and adjacent markers', () => {
    expect(parseCitations('a [1, 2] b [3][4]')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'cite', n: 1 },
      { kind: 'cite', n: 2 },
      { kind: 'text', text: ' b ' },
      { kind: 'cite', n: 3 },
      { kind: 'cite', n: 4 },
    ]);
  });

  it('keeps markers without a known citation as text', () => {
    expect(parseCitations('Điều [3] và [1].', [1])).toEqual([
      { kind: 'text', text: 'Điều [3] và ' },
      { kind: 'cite', n: 1 },
      { kind: 'text', text: '.' },
    ]);
    expect(parseCitations('[1, 9]', [1])).toEqual([{ kind: 'text', text: '[1, 9]' }]);
  });

  it('leaves non-markers and an unfinished marker alone', () => {
    for (const text of ['khoản [a]', 'mục [] trống', 'đang gõ [1', '[12345]', '']) {
      const out = parseCitations(text);
      expect(out.filter((s) => s.kind === 'cite')).toEqual([]);
      expect(out.map((s) => (s.kind === 'text' ? s.text : '')).join('')).toBe(text);
    }
  });

  it('never interprets HTML: it is text like any other', () => {
    expect(parseCitations('<img src=x onerror=alert(1)> [1]')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)> ' },
      { kind: 'cite', n: 1 },
    ]);
  });

  it('lists the cited numbers once, in order of use', () => {
    expect(citedNumbers('x [2] y [1] z [2] [1, 3]')).toEqual([2, 1, 3]);
  });
});

describe('highlightParts', () => {
  const passage = { text: 'Điều 1. Buổi sáng từ 7 giờ 30.', start: 100, end: 130 };

  it('cuts the passage at the highlight, given in document offsets', () => {
    expect(highlightParts({ ...passage, highlight: { start: 108, end: 129 } })).toEqual({
      before: 'Điều 1. ',
      mark: 'Buổi sáng từ 7 giờ 30',
      after: '.',
    });
  });

  it('clamps a highlight that runs outside the passage', () => {
    expect(highlightParts({ ...passage, highlight: { start: 90, end: 107 } })).toEqual({ before: '', mark: 'Điều 1.', after: ' Buổi sáng từ 7 giờ 30.' });
    expect(highlightParts({ ...passage, highlight: { start: 125, end: 999 } }).after).toBe('');
  });

  it('marks nothing without a highlight', () => {
    expect(highlightParts(passage)).toEqual({ before: passage.text, mark: '', after: '' });
  });
});

describe('formatDate and chunkWords', () => {
  it('formats ISO dates the Vietnamese way', () => {
    expect(formatDate('2025-01-09')).toBe('09/01/2025');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('tháng 1')).toBe('tháng 1');
  });

  it('splits text into word groups that join back exactly, markers whole', () => {
    const text = '  Buổi sáng làm việc từ 7 giờ 30 [1]. Hết ';
    const groups = chunkWords(text);
    expect(groups.join('')).toBe(text);
    expect(groups.some((g) => g.includes('[1].'))).toBe(true);
    expect(chunkWords('')).toEqual([]);
  });
});

describe('parseSuggestions (data-suggestions)', () => {
  it('reads a JSON array or a |-separated list, trimmed', () => {
    expect(parseSuggestions('["Câu một?", " Câu hai? ", 3, ""]')).toEqual(['Câu một?', 'Câu hai?']);
    expect(parseSuggestions('Câu một? | Câu hai?|')).toEqual(['Câu một?', 'Câu hai?']);
  });

  it('falls back to the defaults when empty or unreadable', () => {
    for (const value of [null, undefined, '', '  ', '[', '[]', '| |']) expect(parseSuggestions(value)).toEqual(DEFAULT_SUGGESTIONS);
  });
});

describe('widget source', () => {
  it('never writes HTML from strings (no innerHTML, outerHTML, insertAdjacentHTML, document.write)', async () => {
    const dir = path.resolve(import.meta.dirname, '../web/src');
    for (const file of await readdir(dir)) {
      const source = await readFile(path.join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});

describe('trainer view: why an answer was refused', () => {
  it('tells each refusal reason of the server in Vietnamese', () => {
    expect(refusalText('best coverage 0.22 < 0.3')).toBe('đoạn sát nhất chỉ chứa 22% từ khóa của câu hỏi, cần ít nhất 30%');
    expect(refusalText('document nq:99 not in the corpus')).toBe('văn bản nq 99 không có trong kho tài liệu');
    expect(refusalText('no holder named for the office')).toBe('câu hỏi hỏi ai giữ chức vụ, nhưng không câu nào nêu tên người giữ chức vụ này');
    expect(refusalText('own coverage 0.00 < 0.15')).toBe('câu hỏi nối tiếp hỏi điều khác: đoạn sát nhất chỉ chứa 0% từ khóa riêng của câu hỏi, cần ít nhất 15%');
    expect(refusalText('year 2026 in no passage')).toBe('không tài liệu nào nói về năm 2026');
    expect(refusalText('no passage about thanh hoa')).toBe('không tài liệu nào nói về thanh hoa');
    expect(refusalText('out-of-scope request')).toBe('yêu cầu nằm ngoài phạm vi các tài liệu');
    expect(refusalText('no figure for a quantity question')).toContain('con số');
    expect(refusalText('something new')).toBe('');
  });
});
