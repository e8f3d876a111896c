import { inflateRawSync } from 'node:zlib';
import { expect } from '@playwright/test';

/** One entry of a zip file (a .docx), read through its central directory (stored or deflated). */
export function zipEntry(zip: Buffer, name: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, 'a zip file').toBeGreaterThanOrEqual(0);
  let at = zip.readUInt32LE(end + 16);
  const entries = zip.readUInt16LE(end + 10);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + skip;
  }
  throw new Error(`${name} not in the zip`);
}

/** The text of a .docx body: word/document.xml without its tags. */
export function docxText(docx: Buffer): string {
  expect(docx.subarray(0, 2).toString(), 'a zip file').toBe('PK');
  return zipEntry(docx, 'word/document.xml')
    .toString('utf8')
    .replace(/<[^>]+>/g, '');
}
