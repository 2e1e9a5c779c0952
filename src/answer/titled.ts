/**
 * A document named by the opening of its title rather than its number: "chương trình hành động của Chính phủ" is
 * Nghị quyết 03/NQ-CP ("Nghị quyết ban hành Chương trình hành động của Chính phủ thực hiện …"), "kết luận của Bộ Chính
 * trị" the one conclusion the corpus holds. Where exactly one document's title holds the phrase, the question is read
 * with that document's number, so retrieval and the answer's checks hold it as if it were typed.
 */
import type { SearchEngine } from '../retrieve/engine.js';
import { findDocRefs } from '../text/docrefs.js';
import { fold } from '../text/normalize.js';

/** "<kind> của <issuer>", folded: the kind and the issuer a title opens with. */
const TITLED = /\b(chuong trinh hanh dong|chuong trinh|ke hoach|nghi quyet|ket luan|quyet dinh|de an|chi thi) cua ((?:[a-z&]+ ){0,3}?[a-z&]+)(?= (?:thi|ve|co|da|duoc|giao|de|nham|tai|nao|gi)\b|[,.?]|$)/;
/** Words before a title's phrase that make it a document carrying the named one out, folded. */
const CARRIES_OUT = /\b(?:thuc hien|trien khai|quan triet|cu the hoa|thi hanh) $/;
/** Issuers written short in questions, folded. */
const ISSUERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^cp$/, 'chinh phu'],
  [/^bct$/, 'bo chinh tri'],
  [/^qh$/, 'quoc hoi'],
  [/^tw$/, 'trung uong'],
  [/^ubnd( tinh)?$/, 'uy ban nhan dan tinh'],
];

const words = (text: string) => ` ${fold(text).toLowerCase().replace(/[^a-z0-9&]+/g, ' ')} `;

/**
 * The question with the number of the document its words name by title, when exactly one document's title holds them.
 * @returns the question unchanged where it names a number, or the phrase fits no title or several
 */
export function withTitledDocument(question: string, engine: SearchEngine): string {
  if (findDocRefs(question).length) return question;
  const m = TITLED.exec(fold(question).toLowerCase());
  if (!m) return question;
  const issuer = ISSUERS.find(([short]) => short.test(m[2]!))?.[1] ?? m[2]!;
  const phrase = ` ${m[1]} cua ${issuer} `;
  // A title that carries the document out ("Kế hoạch thực hiện Chương trình hành động của Chính phủ …") names it, is not it.
  const titled = numberedTitles(engine).filter(({ title }) => {
    const at = title.indexOf(phrase);
    return at >= 0 && !CARRIES_OUT.test(title.slice(0, at + 1));
  });
  if (titled.length !== 1) return question;
  return `${question.replace(/[?.\s]+$/u, '')} (${titled[0]!.number})?`;
}

/** Each numbered document's title as whole folded words, read once per engine (not per question). */
const TITLES = new WeakMap<SearchEngine, Array<{ title: string; number: string }>>();

function numberedTitles(engine: SearchEngine): Array<{ title: string; number: string }> {
  let titles = TITLES.get(engine);
  if (!titles) {
    titles = [...engine.allDocuments()].filter((d) => d.meta.number).map((d) => ({ title: words(d.meta.title ?? ''), number: d.meta.number! }));
    TITLES.set(engine, titles);
  }
  return titles;
}
