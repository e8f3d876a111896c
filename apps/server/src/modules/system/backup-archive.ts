/**
 * The backup archive (format 2): one gzipped tar, written and read as a stream, entry by entry.
 *
 *   zaitun-backup.json     first: { format: 'zaitun-backup', version: 2, database: 'embedded' | 'postgres', createdAt }
 *   db/database.tar.gz     embedded: PGlite's dump of the data directory
 *   db/database.dump       PostgreSQL: pg_dump --format=custom
 *   files/<key>            every stored file of FILES_DIR, under its storage key (YYYY/MM/<uuid>)
 *   manifest.json          last: the database entry and every file with its size and SHA-256, and the totals
 *
 * Reading accepts nothing else: only regular files, only those names, no `..`, no absolute path, no link, no
 * directory entry, a bounded number of entries and of unpacked bytes, and every checksum must match the manifest.
 * Backups made before format 2 are a bare PGlite dump (.tar.gz) or a bare pg_dump file (.dump); `probeArchive`
 * tells them apart so that they still restore.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Header, Parser, Pax, type ReadEntry } from 'tar';

export const ARCHIVE_FORMAT = 'zaitun-backup';
export const ARCHIVE_VERSION = 2;
const HEAD = 'zaitun-backup.json';
const MANIFEST = 'manifest.json';
const DB_ENTRY = { embedded: 'db/database.tar.gz', postgres: 'db/database.dump' } as const;
const BLOCK = 512;
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export type DatabaseKind = 'embedded' | 'postgres';

export interface ArchiveHead {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  database: DatabaseKind;
  createdAt: string;
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ArchiveManifest {
  database: ManifestEntry;
  files: { count: number; bytes: number };
  entries: ManifestEntry[];
}

/** Why an archive was refused; the caller words it for the operator in both languages. */
export type ArchiveProblem =
  | { kind: 'foreign' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'unsafe-entry'; entry: string }
  | { kind: 'too-large'; limitBytes: number }
  | { kind: 'too-many-entries'; limit: number }
  | { kind: 'newer-format'; version: number }
  | { kind: 'wrong-database'; database: DatabaseKind };

export class ArchiveError extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(`backup archive refused: ${JSON.stringify(problem)}`);
  }
}

/** One path segment as the storage makes them (`2026`, `11`, a uuid): no dot files, no `..`, no separators. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** A relative path of plain segments, at most 8 deep; everything else (absolute, `..`, `\`, empty parts) is not. */
export function isSafeRelativePath(rel: string): boolean {
  const parts = rel.split('/');
  return parts.length <= 8 && parts.every((p) => SEGMENT.test(p) && p !== '..' && p !== '.');
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function writeHeader(out: Writable, entryPath: string, size: number, mtime: Date): Promise<void> {
  const data = { path: entryPath, size, mode: 0o600, mtime, type: 'File' as const, uid: 0, gid: 0 };
  const header = new Header(data);
  if (header.encode()) {
    // A path or size the old ustar fields cannot hold goes in a PAX extended header first.
    await write(out, new Pax(data).encode());
    header.encode();
  }
  await write(out, header.block as Buffer);
}

async function writePadding(out: Writable, size: number): Promise<void> {
  const rest = size % BLOCK;
  if (rest) await write(out, Buffer.alloc(BLOCK - rest));
}

async function writeBuffer(out: Writable, entryPath: string, bytes: Buffer, mtime: Date): Promise<ManifestEntry> {
  await writeHeader(out, entryPath, bytes.length, mtime);
  await write(out, bytes);
  await writePadding(out, bytes.length);
  return { path: entryPath, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Streams one file from disk into the archive; the size in its header is the one it had when listed. */
async function writeFile(out: Writable, entryPath: string, file: string, size: number, mtime: Date) {
  await writeHeader(out, entryPath, size, mtime);
  const hash = createHash('sha256');
  let written = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const buf = chunk as Buffer;
    if (written + buf.length > size) throw new Error(`${file} grew while it was backed up`);
    hash.update(buf);
    await write(out, buf);
    written += buf.length;
  }
  if (written !== size) throw new Error(`${file} shrank while it was backed up`);
  await writePadding(out, size);
  return { path: entryPath, bytes: size, sha256: hash.digest('hex') };
}

interface StoredFile {
  rel: string;
  abs: string;
  size: number;
  mtime: Date;
}

/** Every stored file under `root` (a missing root is an empty store). Half-written `.part` files are left out. */
async function* storedFiles(root: string, rel = ''): AsyncGenerator<StoredFile> {
  let dir: fs.Dir;
  try {
    dir = await fs.promises.opendir(path.join(root, rel));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return;
    throw err;
  }
  for await (const dirent of dir) {
    const childRel = rel ? `${rel}/${dirent.name}` : dirent.name;
    if (dirent.isDirectory()) {
      if (SEGMENT.test(dirent.name)) yield* storedFiles(root, childRel);
    } else if (dirent.isFile() && !dirent.name.endsWith('.part') && isSafeRelativePath(childRel)) {
      const abs = path.join(root, childRel);
      const st = await fs.promises.stat(abs).catch(() => null);
      if (st?.isFile()) yield { rel: childRel, abs, size: st.size, mtime: st.mtime };
    }
  }
}

export interface WriteArchiveOptions {
  target: string;
  database: DatabaseKind;
  createdAt: Date;
  /** The database dump: PGlite's image in memory, or the pg_dump file on disk. */
  dump: { bytes: Uint8Array } | { file: string };
  filesDir: string;
}

/** Writes a format-2 archive to `target` (created with mode 0600, never overwritten). Returns the manifest. */
export async function writeBackupArchive(options: WriteArchiveOptions): Promise<ArchiveManifest> {
  const { target, database, createdAt, dump, filesDir } = options;
  const gzip = zlib.createGzip({ level: 6 });
  const done = pipeline(gzip, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  // A failure of the file stream surfaces through `done`; keep it from being unhandled meanwhile.
  done.catch(() => {});
  try {
    const head: ArchiveHead = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      database,
      createdAt: createdAt.toISOString(),
    };
    await writeBuffer(gzip, HEAD, Buffer.from(JSON.stringify(head)), createdAt);
    let databaseEntry: ManifestEntry;
    if ('bytes' in dump) {
      const bytes = Buffer.from(dump.bytes.buffer, dump.bytes.byteOffset, dump.bytes.byteLength);
      databaseEntry = await writeBuffer(gzip, DB_ENTRY[database], bytes, createdAt);
    } else {
      const st = fs.statSync(dump.file);
      databaseEntry = await writeFile(gzip, DB_ENTRY[database], dump.file, st.size, createdAt);
    }
    const entries: ManifestEntry[] = [];
    let bytes = 0;
    for await (const f of storedFiles(filesDir)) {
      const entry = await writeFile(gzip, `files/${f.rel}`, f.abs, f.size, f.mtime);
      entries.push({ ...entry, path: f.rel });
      bytes += f.size;
    }
    const manifest: ArchiveManifest = { database: databaseEntry, files: { count: entries.length, bytes }, entries };
    await writeBuffer(gzip, MANIFEST, Buffer.from(JSON.stringify(manifest)), createdAt);
    await write(gzip, Buffer.alloc(BLOCK * 2));
    gzip.end();
    await done;
    return manifest;
  } catch (err) {
    gzip.destroy();
    await done.catch(() => {});
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export type ArchiveKind = 'archive' | 'legacy-image' | 'legacy-pgdump';

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

interface ParseLimits {
  maxUnpackedBytes: number;
  maxEntries: number;
}

/**
 * Runs a tar parser over `file`, handing each entry to `onEntry` one at a time (the parser waits for the entry to
 * be consumed, so nothing is buffered whole). The first error stops the parse and is the one thrown.
 */
function parseArchive(
  file: string,
  limits: ParseLimits,
  onEntry: (entry: ReadEntry, index: number) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = fs.createReadStream(file);
    // Node's gunzip, not the parser's own: it holds back when an entry is consumed slowly, so a highly compressible
    // file never inflates into memory ahead of the disk.
    const gunzip = zlib.createGunzip();
    const parser = new Parser({ strict: true });
    let failed = false;
    let index = 0;
    let unpacked = 0;
    let chain = Promise.resolve();
    // Errors of our own (a full disk) are passed on as they are; what the parser or gunzip says is a damaged file.
    const stop = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      gunzip.destroy();
      reject(err);
    };
    const fail = (err: unknown) =>
      stop(
        err instanceof ArchiveError
          ? err
          : new ArchiveError({ kind: 'corrupt', detail: err instanceof Error ? err.message : String(err) }),
      );
    parser.on('entry', (entry: ReadEntry) => {
      if (failed) {
        entry.resume();
        return;
      }
      const i = index++;
      unpacked += entry.size;
      if (i >= limits.maxEntries) {
        entry.resume();
        return fail(new ArchiveError({ kind: 'too-many-entries', limit: limits.maxEntries }));
      }
      if (unpacked > limits.maxUnpackedBytes) {
        entry.resume();
        return fail(new ArchiveError({ kind: 'too-large', limitBytes: limits.maxUnpackedBytes }));
      }
      chain = chain
        .then(() => {
          if (failed) entry.resume();
          else return onEntry(entry, i);
        })
        .catch(stop);
    });
    parser.on('error', fail);
    parser.on('abort', fail);
    parser.on('end', () => {
      chain.then(() => {
        if (!failed) resolve();
      }, stop);
    });
    input.on('error', stop);
    gunzip.on('error', fail);
    input.pipe(gunzip).pipe(parser as unknown as Writable);
  });
}

async function readSmall(entry: ReadEntry, max: number): Promise<Buffer> {
  if (entry.size > max) throw new ArchiveError({ kind: 'corrupt', detail: `${entry.path} is too large` });
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readJson<T>(entry: ReadEntry, max: number): Promise<T> {
  const bytes = await readSmall(entry, max);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new ArchiveError({ kind: 'corrupt', detail: `${entry.path} is not JSON` });
  }
}

/** Writes one entry's bytes to `dest` (a new file) and returns their SHA-256. */
async function saveEntry(entry: ReadEntry, dest: string): Promise<string> {
  const hash = createHash('sha256');
  const out = fs.createWriteStream(dest, { flags: 'wx', mode: 0o600 });
  const finished = once(out, 'close');
  try {
    for await (const chunk of entry) {
      hash.update(chunk as Buffer);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await finished;
  }
  return hash.digest('hex');
}

const isRegularFile = (entry: ReadEntry) => entry.type === 'File' || entry.type === 'OldFile';

/**
 * What kind of backup `file` is: a format-2 archive, a bare PGlite dump (embedded, before format 2), or a bare
 * pg_dump file (PostgreSQL, before format 2). Anything else is refused as foreign.
 */
export async function probeArchive(file: string): Promise<ArchiveKind> {
  const head = await readHead(file, 5);
  if (head.toString('latin1') === 'PGDMP') return 'legacy-pgdump';
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw new ArchiveError({ kind: 'foreign' });
  let first: string | null = null;
  try {
    await parseArchive(file, { maxUnpackedBytes: Number.POSITIVE_INFINITY, maxEntries: 1 }, async (entry) => {
      first = entry.path;
      entry.resume();
    });
  } catch (err) {
    // Stopping at the second entry is how this probe ends on any real archive; a gzip that is no tar is foreign.
    if (first === null) throw new ArchiveError({ kind: 'foreign' });
    if (!(err instanceof ArchiveError && err.problem.kind === 'too-many-entries')) throw err;
  }
  if (first === null) throw new ArchiveError({ kind: 'foreign' });
  return first === HEAD ? 'archive' : 'legacy-image';
}

/**
 * Checks a bare PGlite dump (a backup from before format 2) before it is handed to PGlite: regular files and
 * directories only, no `..`, within the limits. PGlite names its entries from the root of its data directory
 * (`/PG_VERSION`), so a leading `/` is taken as that root.
 */
export async function checkLegacyImage(file: string, limits: ParseLimits): Promise<void> {
  await parseArchive(file, limits, async (entry) => {
    const parts = entry.path.split('/');
    const unsafe =
      parts.some((s) => s === '..' || s.includes('\\')) || !(isRegularFile(entry) || entry.type === 'Directory');
    entry.resume();
    if (unsafe) throw new ArchiveError({ kind: 'unsafe-entry', entry: entry.path });
  });
}

export interface ExtractOptions extends ParseLimits {
  /** The database this archive must hold a dump of (the one being restored into). */
  database: DatabaseKind;
  /** A new file that receives the database dump. */
  databaseFile: string;
  /** A new, empty directory that receives the stored files. */
  filesDir: string;
}

export interface ExtractedArchive {
  head: ArchiveHead;
  manifest: ArchiveManifest;
}

/**
 * Unpacks a format-2 archive: the database dump to `databaseFile`, the stored files under `filesDir`, and checks
 * every byte against the manifest. On failure what was unpacked is left for the caller to remove.
 */
export async function extractBackupArchive(file: string, options: ExtractOptions): Promise<ExtractedArchive> {
  let head: ArchiveHead | null = null;
  let manifest: ArchiveManifest | null = null;
  let database: ManifestEntry | null = null;
  const files = new Map<string, ManifestEntry>();
  const dirs = new Set<string>();
  fs.mkdirSync(options.filesDir, { recursive: true, mode: 0o700 });

  await parseArchive(file, options, async (entry, index) => {
    const name = entry.path;
    if (!isRegularFile(entry)) {
      entry.resume();
      throw new ArchiveError({ kind: 'unsafe-entry', entry: name });
    }
    if (index === 0) {
      if (name !== HEAD) throw new ArchiveError({ kind: 'foreign' });
      const h = await readJson<ArchiveHead>(entry, MAX_HEAD_BYTES);
      if (h?.format !== ARCHIVE_FORMAT) throw new ArchiveError({ kind: 'foreign' });
      if (h.version > ARCHIVE_VERSION) throw new ArchiveError({ kind: 'newer-format', version: h.version });
      if (h.database !== 'embedded' && h.database !== 'postgres') throw new ArchiveError({ kind: 'foreign' });
      if (h.database !== options.database) throw new ArchiveError({ kind: 'wrong-database', database: h.database });
      head = h;
      return;
    }
    if (!head || manifest) {
      // Nothing may follow the manifest.
      entry.resume();
      throw new ArchiveError({ kind: 'unsafe-entry', entry: name });
    }
    if (name === MANIFEST) {
      manifest = await readJson<ArchiveManifest>(entry, MAX_MANIFEST_BYTES);
      return;
    }
    if (name === DB_ENTRY[(head as ArchiveHead).database] && !database) {
      database = { path: name, bytes: entry.size, sha256: await saveEntry(entry, options.databaseFile) };
      return;
    }
    const rel = name.startsWith('files/') ? name.slice('files/'.length) : null;
    if (rel === null || !isSafeRelativePath(rel) || files.has(rel)) {
      entry.resume();
      throw new ArchiveError({ kind: 'unsafe-entry', entry: name });
    }
    const dest = path.join(options.filesDir, ...rel.split('/'));
    const dir = path.dirname(dest);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      dirs.add(dir);
    }
    files.set(rel, { path: rel, bytes: entry.size, sha256: await saveEntry(entry, dest) });
  });

  const h = head as ArchiveHead | null;
  const m = manifest as ArchiveManifest | null;
  const d = database as ManifestEntry | null;
  if (!h) throw new ArchiveError({ kind: 'foreign' });
  if (!m || !Array.isArray(m.entries) || !m.database || !m.files) {
    throw new ArchiveError({ kind: 'corrupt', detail: 'the manifest is missing (incomplete archive?)' });
  }
  if (!d || d.sha256 !== m.database.sha256 || d.bytes !== m.database.bytes) {
    throw new ArchiveError({ kind: 'corrupt', detail: 'the database dump does not match the manifest' });
  }
  let bytes = 0;
  for (const listed of m.entries) {
    const got = files.get(listed.path);
    if (!got || got.sha256 !== listed.sha256 || got.bytes !== listed.bytes) {
      throw new ArchiveError({ kind: 'corrupt', detail: `files/${listed.path} does not match the manifest` });
    }
    bytes += got.bytes;
  }
  if (m.entries.length !== files.size || m.files.count !== files.size || m.files.bytes !== bytes) {
    throw new ArchiveError({ kind: 'corrupt', detail: 'the files do not match the manifest' });
  }
  return { head: h, manifest: m };
}
