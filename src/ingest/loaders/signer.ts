/**
 * The signer block at the end of an official document (Nghị định 30/2020/NĐ-CP layout), right of "Nơi nhận:": the
 * capacity in caps ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"), then the signer's name. Works on loader
 * output: lines of their own (plain text, PDF), or one table cell with the block's lines run together (DOCX, HTML).
 */

const TAIL_LINES = 40;
/** "TM.", "KT.", "T/M", "K/T", "TL.", "TUQ.", "Q." before a capacity. */
const MARK = String.raw`(?:T\/M|K\/T|TM\.|KT\.|TL\.|TUQ\.|Q\.)`;
const MARK_RE = new RegExp(`^${MARK}\\s*\\p{Lu}`, 'u');
const SPLIT_MARK_RE = new RegExp(`\\s+(?=${MARK}\\s*\\p{Lu})`, 'u');
/** Office titles a capacity line may be, or end with. */
const TITLES = [
  'PHÓ THỦ TƯỚNG', 'THỦ TƯỚNG', 'PHÓ CHỦ TỊCH', 'CHỦ TỊCH', 'THỨ TRƯỞNG', 'BỘ TRƯỞNG', 'PHÓ GIÁM ĐỐC', 'GIÁM ĐỐC',
  'TỔNG BÍ THƯ', 'PHÓ BÍ THƯ', 'BÍ THƯ', 'PHÓ CHÁNH VĂN PHÒNG', 'CHÁNH VĂN PHÒNG', 'PHÓ TRƯỞNG BAN', 'TRƯỞNG BAN',
  'PHÓ CHỦ NHIỆM', 'CHỦ NHIỆM', 'PHÓ TỔNG CỤC TRƯỞNG', 'TỔNG CỤC TRƯỞNG', 'PHÓ CỤC TRƯỞNG', 'CỤC TRƯỞNG',
  'PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG PHÒNG', 'PHÓ VIỆN TRƯỞNG', 'VIỆN TRƯỞNG', 'PHÓ HIỆU TRƯỞNG', 'HIỆU TRƯỞNG',
];
const MARK_ANYWHERE_RE = new RegExp(`(?:^|(?<=\\s))${MARK}\\s*\\p{Lu}{2}`, 'u');
const TRAILING_TITLE_ONLY_RE = new RegExp(`\\s((?:${TITLES.join('|')}))$`, 'u');
const TITLE_LINE_RE = new RegExp(`^(?:${TITLES.join('|')})$`, 'u');
/** A title after the body a capacity stands for: "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" → "… / CHỦ TỊCH". */
const TRAILING_TITLE_RE = new RegExp(`^(.+?\\S)\\s+((?:${TITLES.join('|')}))$`, 'u');
/** A person's name: two to six capitalised syllables. */
const NAME = String.raw`\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,5}`;
const NAME_RE = new RegExp(`^${NAME}$`, 'u');
const TRAILING_NAME_RE = new RegExp(`^(.*?\\p{Lu}{2}[^\\p{Ll}]*?)\\s+(?:\\([^)]*ký[^)]*\\)\\s*)?(${NAME})$`, 'u');
const SIGNED_RE = /^\(?(?:đã ký|ký(?:, ghi rõ họ tên)?|chữ ký[^)]*|ký tên[^)]*)\)?$/iu;

const isCaps = (t: string) => (t.match(/\p{L}/gu)?.length ?? 0) >= 2 && !/\p{Ll}/u.test(t);

export interface Signer {
  /** The signer's name, "Nguyễn Văn Thắng". */
  signer?: string;
  /** The capacity, lines joined by " / ": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
  signerTitle?: string;
}

/** Cells of a line: pipe-table cells, tab- or wide-gap-separated parts. */
function cellsOf(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\||\t| {3,}/)
    .map((c) => c.replace(/\\\|/g, '|').replace(/\s+/g, ' ').trim())
    .filter((c) => c && !/^:?-{3,}:?$/.test(c));
}

/** What of a cell belongs to the signer block: from a capacity mark on, or an office title ending it. */
function signerSide(cell: string): string {
  const mark = cell.search(MARK_ANYWHERE_RE);
  if (mark > 0) return cell.slice(mark).trim();
  if (mark === 0 || isCaps(cell)) return cell;
  const title = TRAILING_TITLE_ONLY_RE.exec(cell);
  return title ? title[1]! : cell;
}

/** A run of caps capacity text cut into its lines: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
function capacityLines(caps: string): string[] {
  return caps.split(SPLIT_MARK_RE).flatMap((part) => {
    const out: string[] = [];
    let rest = part.trim();
    for (let m = TRAILING_TITLE_RE.exec(rest); m && MARK_RE.test(rest) && !TITLE_LINE_RE.test(rest.replace(new RegExp(`^${MARK}\\s*`, 'u'), '')); m = TRAILING_TITLE_RE.exec(rest)) {
      out.unshift(m[2]!);
      rest = m[1]!;
    }
    return [rest, ...out];
  });
}

/**
 * Finds the signer block in the last lines of a document.
 * @returns the name and capacity found (either may be missing); empty when there is no signer block
 */
export function detectSigner(text: string): Signer {
  // A PDF read line by line runs the two columns together ("- Lưu: VT. PHÓ CHỦ TỊCH"): keep the signer side.
  const cells = text.normalize('NFC').split('\n').slice(-TAIL_LINES).flatMap(cellsOf).map(signerSide);
  // The block starts at the first of the last run of capacity marks ("TM.", "KT.") or, without one, the last title.
  let first = cells.findLastIndex((c) => MARK_RE.test(c));
  if (first < 0) first = cells.findLastIndex((c) => TITLE_LINE_RE.test(c));
  if (first < 0) return {};
  while (first > 0 && MARK_RE.test(cells[first - 1]!) && isCaps(cells[first - 1]!)) first--;
  // Everyone who signs "TM./KT." does so in caps on the lines before the name.
  const lines: string[] = [];
  let signer: string | undefined;
  for (const cell of cells.slice(first, first + 12)) {
    // "(Đã ký)", and the recipients' list of the left column when the columns are read line by line.
    if (SIGNED_RE.test(cell) || /^(?:[-+•–]|Lưu\b)/u.test(cell)) continue;
    if (isCaps(cell)) {
      lines.push(...capacityLines(cell));
      continue;
    }
    // Bounded: a long paragraph is not a signer block (and the pattern stays linear in practice).
    const merged = cell.length <= 300 ? TRAILING_NAME_RE.exec(cell) : null;
    if (merged && isCaps(merged[1]!)) {
      lines.push(...capacityLines(merged[1]!.trim()));
      signer = merged[2];
    } else if (NAME_RE.test(cell) && lines.length) {
      signer = cell;
    }
    break;
  }
  if (!lines.length) return {};
  return { signerTitle: lines.join(' / '), ...(signer ? { signer } : {}) };
}
