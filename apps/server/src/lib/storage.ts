/**
 * Where uploaded files live: outside the web root, under keys the server makes up (never the user's file name).
 * Local disk now; an object store later implements the same interface.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** Stores the bytes under a new key and returns it. */
  put(bytes: Buffer): Promise<string>;
  /** A stream of a stored file; throws when it is missing. */
  get(key: string): Readable;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9]{4}\/[0-9]{2}\/[0-9a-f-]{36}$/;

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async put(bytes: Buffer): Promise<string> {
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const file = this.file(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Write to a temporary name first so a crash never leaves a half file under a real key.
    await fs.promises.writeFile(`${file}.part`, bytes, { flag: 'wx' });
    await fs.promises.rename(`${file}.part`, file);
    return key;
  }

  get(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  private file(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }
}

/** File types accepted as attachments, recognised by their first bytes (the name and the browser's type are not trusted). */
export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'jpg' | 'png';
export const FILE_KIND_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** The kind of a file from its magic bytes and extension (a zip must be named .docx or .xlsx and contain its part). */
export function detectFileKind(bytes: Buffer, fileName: string): FileKind | null {
  const ext = path.extname(fileName).toLowerCase().replace('.', '');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return ext === 'pdf' ? 'pdf' : null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return ext === 'jpg' || ext === 'jpeg' ? 'jpg' : null;
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return ext === 'png' ? 'png' : null;
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const text = bytes.toString('latin1');
    if (ext === 'docx' && text.includes('word/')) return 'docx';
    if (ext === 'xlsx' && text.includes('xl/')) return 'xlsx';
  }
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no path parts, no control or reserved
 * characters, at most 100 characters (the extension kept).
 */
export function sanitizeFileName(name: string, kind: FileKind): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim();
  const ext = `.${kind === 'jpg' && /\.jpeg$/i.test(cleaned) ? 'jpeg' : kind}`;
  const stem = cleaned.replace(/\.[^.]*$/, '').slice(0, 100 - ext.length) || 'file';
  return `${stem}${ext}`;
}

/** Content-Disposition for a download with a non-ASCII name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
