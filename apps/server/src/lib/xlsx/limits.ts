/**
 * Size and shape checks on an uploaded .xlsx, run on the zip container before any XML is parsed.
 *
 * ExcelJS has no limits of its own: a 1.2 MB upload whose sharedStrings unpack to 420 MB costs ~600 MB of memory.
 * So, with yauzl over the central directory:
 *  - the file size, entry count, sum of declared uncompressed sizes and worksheet count are bounded;
 *  - the parts every xlsx has must be there;
 *  - declared sizes are not trusted: every entry is inflated once into a byte counter (yauzl fails an entry that
 *    inflates to more than it declares), so the total that can ever be inflated is bounded by `maxUnpackedBytes`;
 *  - a zip can hide local entries the central directory does not list, between entries, inside the central
 *    directory, or behind a fake data-descriptor signature; programs that stream local headers from the start of
 *    the file (unzipper's `Parse`, which ExcelJS's own driver uses) would parse them. `parseXlsx` reads through the
 *    central directory, and the layout walk below still refuses any byte that does not belong to a listed entry,
 *    so the file is the same whichever way another program reads it.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { XlsxError } from './errors';

export interface XlsxLimits {
  /** Size of the uploaded file. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of all zip entries (the zip-bomb bound). */
  maxUnpackedBytes: number;
  /** Number of worksheet parts (`xl/worksheets/sheetN.xml`). */
  maxSheets: number;
  /** Number of zip entries (pictures, comments and the like each add some). */
  maxEntries: number;
}

const MiB = 1024 * 1024;

/**
 * Generous for registers of up to ~100k rows × 10 columns (≈ 4 MB zipped, ≈ 40 MB unpacked), and small enough that
 * a hostile file costs at most a few hundred MB while parsing.
 */
export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxFileBytes: 10 * MiB,
  maxUnpackedBytes: 100 * MiB,
  maxSheets: 20,
  maxEntries: 1000,
});

/** What the checks measured; handy for logs. */
export interface XlsxInspection {
  fileBytes: number;
  entries: number;
  sheets: number;
  unpackedBytes: number;
}

/** The pattern ExcelJS's stream reader emits worksheets for (unanchored, as there), so the count bounds what it parses. */
const WORKSHEET_PART = /xl\/worksheets\/sheet\d+[.]xml/;
const REQUIRED_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'] as const;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
/** An .xls file, or an .xlsx saved with a password (both are OLE compound files, not zips). */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const notXlsx = (reason: string, cause?: unknown, extra: Record<string, unknown> = {}) =>
  new XlsxError('XLSX_NOT_XLSX', { reason, ...extra }, cause === undefined ? undefined : { cause });

/**
 * Throws `XlsxError` unless `buffer` is an xlsx within `limits`. Cheap for small files; for large ones the cost is
 * one inflate pass (no XML parsing, nothing kept in memory).
 */
export async function checkXlsxLimits(buffer: Buffer, limits: XlsxLimits): Promise<XlsxInspection> {
  if (buffer.length > limits.maxFileBytes) {
    throw new XlsxError('XLSX_TOO_LARGE', { measure: 'bytes', limit: limits.maxFileBytes, actual: buffer.length });
  }
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== SIG_LOCAL) {
    throw notXlsx(buffer.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC) ? 'ole-compound-file' : 'not-zip');
  }

  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw notXlsx('corrupt-zip', error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new XlsxError('XLSX_TOO_LARGE', { measure: 'entries', limit: limits.maxEntries, actual: zip.entryCount });
    }
    const entries = await readCentralDirectory(zip);

    const names = new Set<string>();
    let unpackedBytes = 0;
    let sheets = 0;
    for (const entry of entries) {
      if (names.has(entry.fileName)) throw notXlsx('duplicate-entry');
      names.add(entry.fileName);
      if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
        throw notXlsx('unsupported-entry');
      }
      unpackedBytes += entry.uncompressedSize;
      if (WORKSHEET_PART.test(entry.fileName)) sheets++;
    }
    const missing = REQUIRED_PARTS.filter((part) => !names.has(part));
    if (missing.length > 0) throw notXlsx('missing-parts', undefined, { missing });
    if (unpackedBytes > limits.maxUnpackedBytes) {
      throw new XlsxError('XLSX_UNPACKED_TOO_LARGE', { limit: limits.maxUnpackedBytes, actual: unpackedBytes });
    }
    if (sheets === 0) throw new XlsxError('XLSX_NO_SHEET');
    if (sheets > limits.maxSheets) {
      throw new XlsxError('XLSX_TOO_MANY_SHEETS', { limit: limits.maxSheets, actual: sheets });
    }

    assertNothingHidden(buffer, entries);
    await inflateAndCount(zip, entries, limits.maxUnpackedBytes);
    return { fileBytes: buffer.length, entries: entries.length, sheets, unpackedBytes };
  } finally {
    zip.close();
  }
}

async function readCentralDirectory(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    throw notXlsx('corrupt-zip', error);
  }
  return entries;
}

/**
 * Walks the file as unzipper's streaming `Parse` will (local headers back to back from offset 0, then the central
 * directory record by record) and requires each step to land on what the central directory lists.
 */
function assertNothingHidden(buffer: Buffer, entries: readonly Entry[]): void {
  const u16 = (at: number) => {
    if (at + 2 > buffer.length) throw notXlsx('truncated');
    return buffer.readUInt16LE(at);
  };
  const u32 = (at: number) => {
    if (at + 4 > buffer.length) throw notXlsx('truncated');
    return buffer.readUInt32LE(at);
  };

  let pos = 0;
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (const entry of byOffset) {
    if (entry.relativeOffsetOfLocalHeader !== pos || u32(pos) !== SIG_LOCAL) throw notXlsx('unlisted-data');
    const flags = u16(pos + 6);
    const method = u16(pos + 8);
    const localCompressedSize = u32(pos + 18);
    const nameStart = pos + 30;
    const nameEnd = nameStart + u16(pos + 26);
    const dataStart = nameEnd + u16(pos + 28);
    if (dataStart > buffer.length) throw notXlsx('truncated');
    // unzipper takes the name and the method from the local header, yauzl from the central directory.
    if (method !== entry.compressionMethod || !buffer.subarray(nameStart, nameEnd).equals(entry.fileNameRaw)) {
      throw notXlsx('local-header-mismatch');
    }
    if ((flags & 0x08) !== 0 && localCompressedSize === 0) {
      // Size in a trailing data descriptor: unzipper reads up to the first descriptor signature, then 16 bytes.
      const descriptorAt = buffer.indexOf(DATA_DESCRIPTOR, dataStart);
      if (descriptorAt !== dataStart + entry.compressedSize) throw notXlsx('ambiguous-entry-end');
      pos = descriptorAt + 16;
    } else {
      if (localCompressedSize !== entry.compressedSize) throw notXlsx('local-header-mismatch');
      pos = dataStart + localCompressedSize;
    }
  }
  // unzipper would also parse a local entry placed between central directory records.
  for (let i = 0; i < entries.length; i++) {
    if (u32(pos) !== SIG_CENTRAL) throw notXlsx('unlisted-data');
    pos += 46 + u16(pos + 28) + u16(pos + 30) + u16(pos + 32);
  }
  const end = u32(pos);
  if (end !== SIG_END && end !== SIG_END64) throw notXlsx('unlisted-data');
}

async function inflateAndCount(zip: ZipFile, entries: readonly Entry[], limit: number): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    if (entry.compressedSize === 0) continue;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > limit) {
          stream.destroy();
          throw new XlsxError('XLSX_UNPACKED_TOO_LARGE', { limit, actual: total, measured: true });
        }
      }
    } catch (error) {
      if (error instanceof XlsxError) throw error;
      // Includes "too many bytes in the stream": the entry inflates to more than its declared size.
      throw notXlsx('corrupt-zip', error);
    }
  }
}
