/** Starter questions: configurable by `data-suggestions`, with defaults about the sample corpus (corpus/). */

export const DEFAULT_SUGGESTIONS: readonly string[] = [
  'Đến năm 2030, kinh tế số chiếm bao nhiêu phần trăm GDP?',
  'Nghị quyết 03/NQ-CP được ban hành ngày nào?',
  'Ai là Trưởng Ban Chỉ đạo tỉnh Quảng Ninh về Nghị quyết 57?',
  'Tỷ lệ cán bộ có chuyên môn khoa học kỹ thuật trong lãnh đạo cơ quan phải đạt bao nhiêu?',
];

/**
 * Reads `data-suggestions`: a JSON array of strings or a `|`-separated list.
 * @returns at most 8 trimmed questions; the defaults when the value is empty or holds none
 */
export function parseSuggestions(value: string | null | undefined): string[] {
  const text = value?.trim();
  if (!text) return [...DEFAULT_SUGGESTIONS];
  let items: unknown[] = [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) items = parsed;
    } catch {
      items = [];
    }
  } else {
    items = text.split('|');
  }
  const out = items
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim().slice(0, 300))
    .filter(Boolean)
    .slice(0, 8);
  return out.length ? out : [...DEFAULT_SUGGESTIONS];
}
