/**
 * LLM mode: a model's rewrite of a follow-up ("condensed" question) is held to the conversation the rules read. It
 * may name only documents, agencies, places and years that the question or the conversation holds, and must keep
 * those the question itself names; otherwise the rules' reading is used (see assistant.ts).
 */
import { findDocRefs } from '../text/docrefs.js';
import { fold } from '../text/normalize.js';
import { SLOT_KINDS, spansOf, type SlotKind } from './conversation.js';

/** A slot's value compared across spellings: a document by its key, a year by its digits, else folded words. */
function slotKey(kind: SlotKind, value: string): string {
  if (kind === 'document') return findDocRefs(value)[0]?.key ?? fold(value).toLowerCase();
  if (kind === 'year') return (value.match(/(?:19|20)\d{2}/g) ?? []).join('-');
  return fold(value).toLowerCase().replace(/^(?:tinh|thanh pho|tp)\.?\s+/, '').replace(/\s+/g, ' ').trim();
}

/** Every value of each kind a text names (all its spans): its slot key and how the text writes it. */
function slotKeys(text: string): Map<SlotKind, Map<string, string>> {
  const spans = spansOf(text);
  return new Map(SLOT_KINDS.map((k) => [k, new Map((spans[k] ?? []).map((s) => [slotKey(k, text.slice(s.start, s.end)), text.slice(s.start, s.end)]))]));
}

/** True when a slot key is among the keys, or one holds the other ("quang ninh" and "tinh quang ninh"). */
const among = (key: string, keys: Map<string, string>) => !key || keys.has(key) || [...keys.keys()].some((k) => k.includes(key) || key.includes(k));

/**
 * Checks a model's rewrite of a follow-up against the conversation: it may name only documents, agencies, places
 * and years that the question or the conversation holds, and it must keep those the question itself names.
 * @returns undefined when the rewrite holds to them, else what it got wrong (for the trace and the log)
 */
export function checkCondensed(condensed: string, question: string, history: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>): string | undefined {
  const known = slotKeys([question, ...history.map((t) => t.content)].join('\n'));
  const own = slotKeys(question);
  const rewrite = slotKeys(condensed);
  for (const kind of SLOT_KINDS) {
    const invented = [...rewrite.get(kind)!].filter(([key]) => !among(key, known.get(kind)!)).map(([, written]) => written);
    if (invented.length) return `names ${kind} ${invented.join(', ')} that neither the question nor the conversation holds`;
    const dropped = [...own.get(kind)!].filter(([key]) => !among(key, rewrite.get(kind)!)).map(([, written]) => written);
    if (dropped.length) return `leaves out the ${kind} ${dropped.join(', ')} the question names`;
  }
  return undefined;
}

