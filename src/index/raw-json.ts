/**
 * A JSON array file written by `JSON.stringify` read as bytes, item by item: a patched version writes the items it
 * keeps as the bytes they were, instead of decoding, parsing, stringifying and encoding them again. `JSON.stringify`
 * of a value parsed from its own output gives that output back, so the file written is the one stringifying would
 * write.
 */

/** The byte ranges of the items of a JSON array (`[` item `,` item … `]`, no white space between them). */
export interface RawItems {
  bytes: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = [0x5b, 0x7b]; // [ {
const CLOSE = [0x5d, 0x7d]; // ] }

/** The items of a compact JSON array, or undefined when the bytes are not one, or hold another count of items. */
export function rawItems(bytes: Uint8Array, count: number): RawItems | undefined {
  if (bytes[0] !== OPEN[0] || bytes[bytes.length - 1] !== CLOSE[0]) return undefined;
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let n = 0;
  let depth = 0;
  let start = 1;
  const last = bytes.length - 1;
  for (let i = 1; i < last; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      // Skip the string (found natively): its closing quote is the first not escaped by an odd run of backslashes.
      for (;;) {
        i = bytes.indexOf(QUOTE, i + 1);
        if (i < 0 || i >= last) return undefined;
        let slashes = 0;
        while (bytes[i - 1 - slashes] === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
      }
    } else if (b === OPEN[0] || b === OPEN[1]) depth++;
    else if (b === CLOSE[0] || b === CLOSE[1]) depth--;
    else if (b === COMMA && depth === 0) {
      if (n >= count) return undefined;
      starts[n] = start;
      ends[n++] = i;
      start = i + 1;
    }
  }
  if (last > 1) {
    if (n >= count || depth !== 0) return undefined;
    starts[n] = start;
    ends[n++] = last;
  }
  return n === count ? { bytes, starts, ends } : undefined;
}

/**
 * The bytes of a JSON array of items, each the bytes of a kept item (`{ raw: index }`) or a value to stringify.
 */
export function joinItems(raw: RawItems, items: ReadonlyArray<{ raw: number } | { value: unknown }>): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 2 + Math.max(0, items.length - 1);
  for (const item of items) {
    const part = 'raw' in item ? raw.bytes.subarray(raw.starts[item.raw]!, raw.ends[item.raw]!) : encoder.encode(JSON.stringify(item.value));
    parts.push(part);
    size += part.length;
  }
  const out = new Uint8Array(size);
  out[0] = OPEN[0]!;
  let at = 1;
  parts.forEach((part, i) => {
    if (i) out[at++] = COMMA;
    out.set(part, at);
    at += part.length;
  });
  out[at] = CLOSE[0]!;
  return out;
}
