import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Header } from 'tar';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ArchiveError,
  type ArchiveProblem,
  checkLegacyImage,
  extractBackupArchive,
  isSafeRelativePath,
  probeArchive,
  writeBackupArchive,
} from './backup-archive';

let root: string;
beforeEach(() => {
  extractions = 0;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-archive-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const limits = { maxUnpackedBytes: 100 * 1024 * 1024, maxEntries: 1000 };

/** A store like LocalDiskStorage leaves it: YYYY/MM/<uuid>, plus a half-written `.part`. */
function makeStore(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [month, size] of [
    ['2026/10', 0],
    ['2026/11', 1],
    ['2026/11', 511],
    ['2026/11', 512],
    ['2026/11', 300_000],
  ] as const) {
    const rel = `${month}/${randomUUID()}`;
    const bytes = randomBytes(size);
    fs.mkdirSync(path.join(dir, month), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
    files.set(rel, bytes);
  }
  fs.writeFileSync(path.join(dir, '2026/11', `${randomUUID()}.part`), 'half a file');
  return files;
}

async function backup(files: string, database: 'embedded' | 'postgres' = 'embedded') {
  const target = path.join(root, 'backup.tar.gz');
  const dump = randomBytes(70_000);
  const manifest = await writeBackupArchive({
    target,
    database,
    createdAt: new Date('2026-11-27T10:00:00Z'),
    dump: { bytes: dump },
    filesDir: files,
  });
  return { target, dump, manifest };
}

let extractions = 0;
/** Unpacks into out.db / out-files the first time in a test, into new places after that. */
function extract(file: string, options: Partial<Parameters<typeof extractBackupArchive>[1]> = {}) {
  const n = extractions++ || '';
  return extractBackupArchive(file, {
    database: 'embedded',
    databaseFile: path.join(root, `out${n}.db`),
    filesDir: path.join(root, `out${n}-files`),
    ...limits,
    ...options,
  });
}

async function problem(promise: Promise<unknown>): Promise<ArchiveProblem> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ArchiveError) return err.problem;
    throw err;
  }
  throw new Error('expected the archive to be refused');
}

interface RawEntry {
  path: string;
  body?: Buffer;
  type?: 'File' | 'SymbolicLink' | 'Link' | 'Directory';
  linkpath?: string;
}

/** A tar.gz written header by header, so that it can hold what our writer never would. */
function rawArchive(entries: RawEntry[], name = 'raw.tar.gz'): string {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = e.body ?? Buffer.alloc(0);
    const header = new Header({
      path: e.path,
      size: body.length,
      mode: 0o644,
      mtime: new Date(),
      type: e.type ?? 'File',
      ...(e.linkpath ? { linkpath: e.linkpath } : {}),
    });
    header.encode();
    blocks.push(header.block as Buffer, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  const file = path.join(root, name);
  fs.writeFileSync(file, zlib.gzipSync(Buffer.concat(blocks)));
  return file;
}

const head = (database = 'embedded') =>
  Buffer.from(JSON.stringify({ format: 'zaitun-backup', version: 2, database, createdAt: new Date().toISOString() }));

describe('backup archive', () => {
  test('round trip: the dump and every stored file come back byte for byte, checked against the manifest', async () => {
    const store = path.join(root, 'files');
    const files = makeStore(store);
    const { target, dump, manifest } = await backup(store);
    expect(manifest.files.count).toBe(files.size);
    expect(manifest.files.bytes).toBe([...files.values()].reduce((n, b) => n + b.length, 0));
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(await probeArchive(target)).toBe('archive');

    const { head: h } = await extract(target);
    expect(h).toMatchObject({ format: 'zaitun-backup', version: 2, database: 'embedded' });
    expect(fs.readFileSync(path.join(root, 'out.db')).equals(dump)).toBe(true);
    for (const [rel, bytes] of files) {
      expect(fs.readFileSync(path.join(root, 'out-files', rel)).equals(bytes)).toBe(true);
    }
    const restored = fs.readdirSync(path.join(root, 'out-files'), { recursive: true, withFileTypes: true });
    expect(restored.filter((d) => d.isFile())).toHaveLength(files.size);
  });

  test('a missing files directory is an empty store; a PostgreSQL dump is refused by an embedded restore', async () => {
    const { target, manifest } = await backup(path.join(root, 'nowhere'), 'postgres');
    expect(manifest.files).toEqual({ count: 0, bytes: 0 });
    expect(await problem(extract(target))).toEqual({ kind: 'wrong-database', database: 'postgres' });
    await extract(target, { database: 'postgres' });
  });

  test('the unpacked size and the number of entries are bounded', async () => {
    const store = path.join(root, 'files');
    makeStore(store);
    const { target } = await backup(store);
    expect(await problem(extract(target, { maxUnpackedBytes: 200_000 }))).toEqual({
      kind: 'too-large',
      limitBytes: 200_000,
    });
    expect(await problem(extract(target, { maxEntries: 4 }))).toEqual({
      kind: 'too-many-entries',
      limit: 4,
    });
  });

  test.each([['files/../../evil'], ['files//etc/passwd'], ['/etc/evil'], ['files/2026/11/.hidden'], ['other/file']])(
    'an entry named %s is refused',
    async (name) => {
      const file = rawArchive([
        { path: 'zaitun-backup.json', body: head() },
        { path: 'db/database.tar.gz', body: Buffer.from('x') },
        { path: name, body: Buffer.from('evil') },
      ]);
      const got = await problem(extract(file));
      expect(got.kind).toBe('unsafe-entry');
      expect(fs.existsSync(path.join(root, 'evil'))).toBe(false);
      expect(fs.existsSync(path.join(os.tmpdir(), 'evil'))).toBe(false);
    },
  );

  test.each([
    ['SymbolicLink' as const, '/etc/passwd'],
    ['Link' as const, 'db/database.tar.gz'],
    ['Directory' as const, undefined],
  ])('a %s entry is refused', async (type, linkpath) => {
    const file = rawArchive([
      { path: 'zaitun-backup.json', body: head() },
      { path: 'files/2026/11/x', type, ...(linkpath ? { linkpath } : {}) },
    ]);
    expect(await problem(extract(file))).toEqual({ kind: 'unsafe-entry', entry: 'files/2026/11/x' });
    expect(fs.existsSync(path.join(root, 'out-files/2026/11/x'))).toBe(false);
  });

  test('a file that does not match the manifest, a missing manifest, a truncated archive: corrupt', async () => {
    const store = path.join(root, 'files');
    makeStore(store);
    const { target, manifest } = await backup(store);
    const entry = manifest.entries[0];
    if (!entry) throw new Error('no entry');

    const forged = rawArchive([
      { path: 'zaitun-backup.json', body: head() },
      { path: 'db/database.tar.gz', body: Buffer.from('db') },
      { path: `files/${entry.path}`, body: Buffer.alloc(entry.bytes, 1) },
      {
        path: 'manifest.json',
        body: Buffer.from(
          JSON.stringify({
            ...manifest,
            database: { ...manifest.database, bytes: 2 },
            files: { count: 1, bytes: entry.bytes },
            entries: [entry],
          }),
        ),
      },
    ]);
    expect((await problem(extract(forged))).kind).toBe('corrupt');

    const noManifest = rawArchive([
      { path: 'zaitun-backup.json', body: head() },
      { path: 'db/database.tar.gz', body: Buffer.from('db') },
    ]);
    expect(await problem(extract(noManifest))).toMatchObject({ kind: 'corrupt' });

    const bytes = fs.readFileSync(target);
    const truncated = path.join(root, 'truncated.tar.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await problem(extract(truncated))).kind).toBe('corrupt');
  });

  test('probe: format 2, an old PGlite dump, an old pg_dump file, anything else foreign', async () => {
    // PGlite names its entries from the root of its data directory.
    const legacy = rawArchive([
      { path: '/PG_VERSION', body: Buffer.from('18\n') },
      { path: '/base/1/1259', body: randomBytes(1000) },
    ]);
    expect(await probeArchive(legacy)).toBe('legacy-image');
    await checkLegacyImage(legacy, limits);

    const pgDump = path.join(root, 'old.dump');
    fs.writeFileSync(pgDump, Buffer.concat([Buffer.from('PGDMP'), randomBytes(100)]));
    expect(await probeArchive(pgDump)).toBe('legacy-pgdump');

    const text = path.join(root, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    expect(await problem(probeArchive(text))).toEqual({ kind: 'foreign' });
    const gzipped = path.join(root, 'notes.txt.gz');
    fs.writeFileSync(gzipped, zlib.gzipSync(randomBytes(5000)));
    expect(await problem(probeArchive(gzipped))).toEqual({ kind: 'foreign' });

    const foreignHead = rawArchive([{ path: 'zaitun-backup.json', body: Buffer.from('{"format":"other"}') }]);
    expect(await problem(extract(foreignHead))).toEqual({ kind: 'foreign' });
  });

  test('an old PGlite dump with a traversal or a link is refused before PGlite sees it', async () => {
    const traversal = rawArchive([{ path: '/../../evil', body: Buffer.from('x') }], 'a.tar.gz');
    expect(await problem(checkLegacyImage(traversal, limits))).toMatchObject({ kind: 'unsafe-entry' });
    const link = rawArchive([{ path: 'pgdata/x', type: 'SymbolicLink', linkpath: '/etc' }], 'b.tar.gz');
    expect(await problem(checkLegacyImage(link, limits))).toMatchObject({ kind: 'unsafe-entry' });
  });

  test('safe relative paths', () => {
    expect(isSafeRelativePath('2026/11/2b1c4a5e-0c1d-4b7e-9a7f-0b1c2d3e4f50')).toBe(true);
    for (const bad of ['', '..', 'a/../b', '/a', 'a//b', 'a/', '.x', 'a\\b', 'a/b/c/d/e/f/g/h/i']) {
      expect(isSafeRelativePath(bad), bad).toBe(false);
    }
  });
});
