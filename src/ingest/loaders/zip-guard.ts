/**
 * A DOCX is a ZIP: a 300 KB file can inflate to gigabytes of XML that mammoth would parse into memory. Before it is
 * inflated, the ZIP's central directory (which states every entry's uncompressed size) is read and the file refused
 * when its XML parts add up to more than the cap. The directory is read here (40 lines) rather than by a ZIP library
 * because only the sizes are needed and nothing may be inflated.
 */
import { AppError } from '../../errors.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** The entries of a ZIP's central directory: name and uncompressed size (ZIP64 sizes read from the extra field). */
export function zipEntries(bytes: Buffer): { name: string; size: number }[] {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (its comment is at most 64 KB).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('không phải tệp ZIP (không có thư mục trung tâm)');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: { name: string; size: number }[] = [];
  // A ZIP64 archive marks the count 0xffff: the entries are read until the signature ends.
  for (let n = 0; (count === 0xffff || n < count) && at + 46 <= bytes.length && bytes.readUInt32LE(at) === CENTRAL; n++) {
    let size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (size === 0xffffffff) {
      // ZIP64 extended information (header id 1): the uncompressed size is its first 8 bytes.
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
        const id = bytes.readUInt16LE(x);
        const len = bytes.readUInt16LE(x + 2);
        if (id === 1 && len >= 8) size = Number(bytes.readBigUInt64LE(x + 4));
        x += 4 + len;
      }
    }
    entries.push({ name, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * @throws AppError INGEST_ZIP_BOMB when the XML parts of the ZIP inflate to more than `maxXmlBytes`
 * @throws AppError INGEST_UNREADABLE when it is not a ZIP
 */
export function assertZipWithin(bytes: Buffer, maxXmlBytes: number, label: string): void {
  let entries: { name: string; size: number }[];
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    throw new AppError('INGEST_UNREADABLE', `${label}: tệp Word (.docx) bị hỏng hoặc không đúng định dạng (${(error as Error).message}).`);
  }
  const xml = entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.size, 0);
  if (xml > maxXmlBytes) {
    const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(0)} MB` : `${Math.ceil(n / 1024)} KB`);
    throw new AppError(
      'INGEST_ZIP_BOMB',
      `${label}: ${size(bytes.length)} giải nén ra ${size(xml)} XML, giới hạn ${size(maxXmlBytes)} (INGEST_DOCX_MAX_XML_MB).`,
    );
  }
}
