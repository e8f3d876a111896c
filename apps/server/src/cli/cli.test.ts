/**
 * The `zaitun` CLI end to end, as an operator runs it, on a real embedded data directory, a real server holding it,
 * and (when ZAITUN_TEST_DATABASE_URL is set) a real PostgreSQL. A few commands run as `node bin/zaitun.js …` child
 * processes (help, migrate, a refusal while the server runs, restore --yes): the command line as shipped, exit
 * codes included. The others call the same `run()` in this process (`cli()`), with the environment a child would
 * get: a child process costs ~3 s of CPU for tsx and the imports alone, on top of the command's own work.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { Header } from 'tar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, REPO_ROOT } from '../config';
import { openDatabase } from '../db/database';
import { buildApp } from '../http/app';
import { verifyPassword } from '../lib/password';
import { run } from './main';
import { consoleOutput } from './output';

const DEMO_PASSWORD = 'Demo-Pass-2026!';
const BIN = path.join(REPO_ROOT, 'bin/zaitun.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  all: string;
}

function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ZAITUN_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'warn', ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

/** `node bin/zaitun.js …` in a child process. */
function zaitun(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: cliEnv(env) }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr, all: `${stdout}\n${stderr}` });
    });
  });
}

/**
 * The app on the CLI's database (no server process), signed in as the demo account hq, for what a user does:
 * register an item, attach a file, download it.
 */
async function asHq<T>(
  env: Record<string, string>,
  work: (call: (o: InjectOptions) => Promise<LightMyRequestResponse>) => Promise<T>,
) {
  const config = loadConfig({ ...cliEnv(env), JOBS_ENABLED: 'false' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const app = await buildApp({ database, config, logger: false });
  try {
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'hq', password: DEMO_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'zaitun_session')?.value;
    const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
    return await work((o) =>
      app.inject({ ...o, headers: { cookie: `zaitun_session=${cookie}`, 'x-csrf-token': csrf, ...o.headers } }),
    );
  } finally {
    await app.close();
    await database.close();
  }
}

interface StoredAttachment {
  url: string;
  bytes: Buffer;
}

/** Registers an item and attaches a PDF to it; returns where to download it and the bytes it must have. */
function attachFile(env: Record<string, string>): Promise<StoredAttachment> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
  return asHq(env, async (call) => {
    const item = await call({
      method: 'POST',
      url: '/api/v1/items',
      payload: {
        title: '备份附件检查',
        description: '备份须含附件。',
        category: 'policy',
        source: 'unit_report',
        priority: 'normal',
        submit: true,
      },
    });
    expect(item.statusCode, item.body).toBe(201);
    const itemId = (JSON.parse(item.body) as { item: { id: string } }).item.id;
    const boundary = '----zaitun-cli';
    const upload = await call({
      method: 'POST',
      url: `/api/v1/items/${itemId}/attachments`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="材料.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentId = (JSON.parse(upload.body) as { id: string }).id;
    return { url: `/api/v1/items/${itemId}/attachments/${attachmentId}`, bytes };
  });
}

/** Downloads an attachment as hq: its status and bytes. */
function download(env: Record<string, string>, attachment: StoredAttachment) {
  return asHq(env, async (call) => {
    const res = await call({ method: 'GET', url: attachment.url });
    return { status: res.statusCode, bytes: res.rawPayload };
  });
}

/** Every file under a directory with its bytes, to show that a refused restore changed nothing. */
function snapshotDir(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) out[rel] = fs.readFileSync(abs).toString('base64');
  }
  return out;
}

/** A gzipped tar written header by header, so that it can hold what Zaitun's writer never would. */
function rawArchive(file: string, entries: { path: string; body: Buffer }[]): void {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const header = new Header({ path: e.path, size: e.body.length, mode: 0o644, mtime: new Date(), type: 'File' });
    header.encode();
    blocks.push(header.block as Buffer, e.body, Buffer.alloc((512 - (e.body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  fs.writeFileSync(file, zlib.gzipSync(Buffer.concat(blocks)));
}

const temporaryPassword = (run: Run) => /Temporary password \(shown once\): (\S+)/.exec(run.stdout)?.[1] ?? '';

/** Starts the real server on the data directory and resolves once it says it is ready. */
function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    // No PDF renderer warming up in the background (Chromium, fonts): these tests print no document.
    env: cliEnv({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PDF_WARMUP: 'false' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server not ready in 60 s:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/ready in/.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs the CLI in this process with its output captured, in the process's environment. */
async function runInProcess(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await run(
    argv,
    consoleOutput(
      sink((s) => {
        stdout += s;
      }),
      sink((s) => {
        stderr += s;
      }),
    ),
  );
  return { code, stdout, stderr, all: `${stdout}\n${stderr}` };
}

/**
 * Runs the CLI in this process (`run()`, as bin/zaitun.js calls it) with the environment `zaitun()` gives a child:
 * the configuration is read from process.env when the command starts, so it is set for the call and put back
 * after. Calls at the same time must use the same `env`.
 */
let inProcessCalls = 0;
let envBefore: NodeJS.ProcessEnv | null = null;
async function cli(args: string[], env: Record<string, string>): Promise<Run> {
  if (inProcessCalls++ === 0) {
    envBefore = { ...process.env };
    const wanted = cliEnv(env);
    for (const key of Object.keys(process.env)) if (!(key in wanted)) delete process.env[key];
    Object.assign(process.env, wanted);
  }
  try {
    return await runInProcess(args);
  } finally {
    if (--inProcessCalls === 0 && envBefore) {
      for (const key of Object.keys(process.env)) if (!(key in envBefore)) delete process.env[key];
      Object.assign(process.env, envBefore);
      envBefore = null;
    }
  }
}

describe('zaitun CLI usage', () => {
  test('bin/zaitun.js prints the help in both languages', async () => {
    const help = await zaitun(['help'], { DATA_DIR: path.join(os.tmpdir(), 'zaitun-cli-never-created') });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法 / usage');
    expect(help.stdout).toContain('create-admin --username U --display-name N');
    expect((await runInProcess(['--help'])).stdout).toBe(help.stdout);
  }, 30_000);

  test.each([
    [['frobnicate'], 'Unknown command: frobnicate'],
    [['create-admin', '--username', 'ops'], '--display-name is required'],
    [['reset-password'], '--username is required'],
    [['migrate', '--yes'], 'migrate does not take --yes'],
    [['restore'], 'Wrong number of arguments'],
    [['audit'], 'usage: zaitun audit verify'],
    [['backup', '--bogus'], "Unknown option '--bogus'"],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await runInProcess(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});

describe.sequential('zaitun CLI on the embedded database', () => {
  let root: string;
  let dataDir: string;
  let env: Record<string, string>;
  let server: ChildProcess | null = null;
  let resetPassword = '';
  let attachment: StoredAttachment;
  const cliBackup = () => path.join(root, 'cli-backup.tar.gz');
  const serverBackup = () => path.join(root, 'server-backup.tar.gz');

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-cli-'));
    dataDir = path.join(root, 'data');
    env = { DATA_DIR: dataDir };
  });
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('migrate, then seed-demo once', async () => {
    const migrated = await zaitun(['migrate'], env);
    expect(migrated.code, migrated.all).toBe(0);
    expect(migrated.stdout).toContain('applying migration 0001_foundation');

    const seeded = await cli(['seed-demo'], env);
    expect(seeded.code, seeded.all).toBe(0);
    expect(seeded.stdout).toContain('use the password from ZAITUN_DEMO_PASSWORD');

    const again = await cli(['seed-demo'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only seeded into an empty database');
  }, 120_000);

  test('an item with an attachment, stored under FILES_DIR', async () => {
    attachment = await attachFile(env);
    const stored = Object.values(snapshotDir(path.join(dataDir, 'files')));
    expect(stored.map((b) => Buffer.from(b, 'base64').equals(attachment.bytes))).toEqual([true]);
  }, 60_000);

  test('create-admin prints a temporary password once; a taken name is refused', async () => {
    const created = await cli(['create-admin', '--username', 'ops', '--display-name', '运维管理员'], env);
    expect(created.code, created.all).toBe(0);
    expect(created.stdout).toContain('Created system administrator ops');
    expect(created.stdout).toContain('(OFFICE)');
    expect(temporaryPassword(created)).toMatch(/^\S{14}$/);

    const taken = await cli(['create-admin', '--username', 'ops', '--display-name', 'Other'], env);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('is taken');
  }, 60_000);

  test('reset-password: new temporary password, sign-in lock cleared, sessions ended', async () => {
    // Put the account in the state an operator would rescue it from: locked out, with a live session.
    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      const ops = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'ops')
        .executeTakeFirstOrThrow();
      const now = new Date();
      await database.db
        .updateTable('users')
        .set({ failed_logins: 4, locked_until: new Date(now.getTime() + 3_600_000) })
        .where('id', '=', ops.id)
        .execute();
      await database.db
        .insertInto('sessions')
        .values({
          token_hash: randomBytes(32).toString('hex'),
          user_id: ops.id,
          csrf_token: 'x',
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + 3_600_000),
        })
        .execute();
    } finally {
      await database.close();
    }
    const reset = await cli(['reset-password', '--username', 'ops'], env);
    expect(reset.code, reset.all).toBe(0);
    expect(reset.stdout).toContain('1 session(s) ended');
    resetPassword = temporaryPassword(reset);
    expect(resetPassword).toMatch(/^\S{14}$/);

    const unknown = await cli(['reset-password', '--username', 'nobody'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user named nobody');
  }, 60_000);

  test('audit verify says the chain is intact; backup writes an archive', async () => {
    const verified = await cli(['audit', 'verify'], env);
    expect(verified.code, verified.all).toBe(0);
    expect(verified.stdout).toMatch(/^chain intact \(\d+ events\)$/m);

    const backup = await cli(['backup', cliBackup()], env);
    expect(backup.code, backup.all).toBe(0);
    expect(backup.stdout).toContain(`backup written to ${cliBackup()}`);
    expect(backup.stdout).toContain('the database and 1 stored file(s)');
    const head = fs.readFileSync(cliBackup()).subarray(0, 2);
    expect([...head]).toEqual([0x1f, 0x8b]);

    const overwrite = await cli(['backup', cliBackup()], env);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('already exists');
  }, 60_000);

  test('while a server holds the data directory: changes are refused, verify and backup go through it', async () => {
    server = await startServer(dataDir);
    const pid = String(server.pid);

    const [migrate, createAdmin, restore] = await Promise.all([
      zaitun(['migrate'], env),
      cli(['create-admin', '--username', 'ops2', '--display-name', 'x'], env),
      cli(['restore', cliBackup(), '--yes'], env),
    ]);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(`in use by process ${pid}`);
    expect(migrate.stderr).toContain('正被进程');
    expect(createAdmin.code).toBe(1);
    expect(createAdmin.stderr).toContain(`in use by process ${pid}`);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('Stop the server first');

    const verified = await cli(['audit', 'verify'], env);
    expect(verified.code, verified.all).toBe(0);
    expect(verified.stderr).toContain(`through the running server (pid ${pid})`);
    expect(verified.stdout).toMatch(/^chain intact \(\d+ events\)$/m);

    const backup = await cli(['backup', serverBackup()], env);
    expect(backup.code, backup.all).toBe(0);
    expect(backup.stderr).toContain('through the running server');
    expect(backup.stdout).toContain('the database and 1 stored file(s)');
    expect(fs.statSync(serverBackup()).size).toBeGreaterThan(100_000);

    await stopServer(server);
    server = null;
  }, 120_000);

  test('restore --yes brings back the backup, keeps the old data aside, and records itself', async () => {
    // A change after the backup, which the restore must undo.
    const later = await cli(['create-admin', '--username', 'later', '--display-name', 'Later'], env);
    expect(later.code, later.all).toBe(0);

    const unconfirmed = await cli(['restore', serverBackup()], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('Add --yes to confirm');

    // The stored file is damaged after the backup, and a stray one appears: the restore puts the store back.
    const filesDir = path.join(dataDir, 'files');
    const [stored] = Object.keys(snapshotDir(filesDir));
    fs.writeFileSync(path.join(filesDir, stored as string), 'damaged');
    fs.writeFileSync(path.join(filesDir, path.dirname(stored as string), 'stray'), 'stray');
    expect((await download(env, attachment)).bytes.equals(attachment.bytes)).toBe(false);

    const restored = await zaitun(['restore', serverBackup(), '--yes'], env);
    expect(restored.code, restored.all).toBe(0);
    expect(restored.stderr).toContain('checksums match');
    expect(restored.stderr).toContain('1 file(s) put back');
    expect(restored.stdout).toContain('The previous files are kept in');
    expect(Object.keys(snapshotDir(filesDir))).toEqual([stored]);
    const down = await download(env, attachment);
    expect(down.status).toBe(200);
    expect(down.bytes.equals(attachment.bytes)).toBe(true);
    const filesAside = fs.readdirSync(dataDir).filter((f) => f.startsWith('files.before-restore-'));
    expect(filesAside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, filesAside[0] as string, stored as string), 'utf8')).toBe('damaged');
    // Every migration of the code base is in the restored database.
    const migrations = fs
      .readdirSync(path.join(import.meta.dirname, '../db/migrations'))
      .filter((f) => f.endsWith('.sql'));
    expect(restored.stdout).toMatch(
      new RegExp(`Restored from .*: ${migrations.length} migration\\(s\\), 9 user\\(s\\); audit chain intact`),
    );
    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith('pgdata.before-restore-'));
    expect(aside).toHaveLength(1);

    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      const users = await database.db
        .selectFrom('users')
        .select([
          'username',
          'roles',
          'status',
          'must_change_password',
          'locked_until',
          'failed_logins',
          'password_hash',
        ])
        .where('username', 'in', ['ops', 'later'])
        .execute();
      expect(users.map((u) => u.username)).toEqual(['ops']);
      const ops = users[0];
      expect(ops?.roles).toEqual(['sysadmin']);
      expect(ops?.status).toBe('pending');
      expect(ops?.must_change_password).toBe(true);
      expect(ops?.locked_until).toBeNull();
      expect(ops?.failed_logins).toBe(0);
      expect(await verifyPassword(ops?.password_hash ?? '', resetPassword)).toBe(true);
      const sessions = await database.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.revoked_at')
        .where('users.username', '=', 'ops')
        .execute();
      expect(sessions.map((s) => s.revoked_at !== null)).toEqual([true]);
      const cliEvents = await database.db
        .selectFrom('audit_events')
        .select('action')
        .where('actor_name', '=', 'cli')
        .orderBy('id', 'desc')
        .limit(4)
        .execute();
      expect(cliEvents.map((e) => e.action).reverse()).toEqual([
        'user.create',
        'user.password_reset',
        'system.backup',
        'system.restore',
      ]);
    } finally {
      await database.close();
    }
  }, 120_000);

  test('a traversal entry, a damaged or a foreign file is refused, and nothing changes', async () => {
    const listing = () =>
      fs
        .readdirSync(dataDir, { recursive: true })
        .map((f) => String(f))
        .sort();
    const before = { listing: listing(), files: snapshotDir(path.join(dataDir, 'files')) };

    const evil = path.join(root, 'evil.tar.gz');
    rawArchive(evil, [
      {
        path: 'zaitun-backup.json',
        body: Buffer.from(JSON.stringify({ format: 'zaitun-backup', version: 2, database: 'embedded', createdAt: '' })),
      },
      { path: 'db/database.tar.gz', body: Buffer.from('x') },
      { path: 'files/../../escaped', body: Buffer.from('evil') },
    ]);
    const traversal = await cli(['restore', evil, '--yes'], env);
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toContain('holds a disallowed entry "files/../../escaped"');
    expect(traversal.stderr).toContain('不允许的条目');
    expect(traversal.stderr).toContain('Nothing was changed');

    const whole = fs.readFileSync(serverBackup());
    const truncated = path.join(root, 'truncated.tar.gz');
    fs.writeFileSync(truncated, whole.subarray(0, whole.length - 2000));
    const damaged = await cli(['restore', truncated, '--yes'], env);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain('is damaged or incomplete');

    const notes = path.join(root, 'notes.txt');
    fs.writeFileSync(notes, 'not a backup');
    const foreign = await cli(['restore', notes, '--yes'], env);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('is not a Zaitun backup');
    expect(foreign.stderr).toContain('不是 Zaitun 备份');

    for (const escaped of [
      path.join(root, 'escaped'),
      path.join(dataDir, 'escaped'),
      path.join(root, '..', 'escaped'),
    ]) {
      expect(fs.existsSync(escaped), escaped).toBe(false);
    }
    expect(listing()).toEqual(before.listing);
    expect(snapshotDir(path.join(dataDir, 'files'))).toEqual(before.files);
  }, 120_000);

  test('a backup from before attachments were included (the bare PGlite dump) still restores', async () => {
    const database = await openDatabase({ databaseUrl: null, dataDir });
    const old = path.join(root, 'old-format.tar.gz');
    try {
      fs.writeFileSync(old, await (database.dump as () => Promise<Uint8Array>)());
    } finally {
      await database.close();
    }
    const files = snapshotDir(path.join(dataDir, 'files'));
    const restored = await cli(['restore', old, '--yes'], env);
    expect(restored.code, restored.all).toBe(0);
    expect(restored.stderr).toContain('this backup is in the old format (the database only, no files)');
    expect(restored.stdout).toMatch(/user\(s\); audit chain intact/);
    expect(snapshotDir(path.join(dataDir, 'files'))).toEqual(files);
    expect((await download(env, attachment)).bytes.equals(attachment.bytes)).toBe(true);
  }, 120_000);

  test('audit verify names the first altered event and fails', async () => {
    // An attacker with database access: the append-only trigger is switched off and one event rewritten.
    const database = await openDatabase({ databaseUrl: null, dataDir });
    let alteredId: string;
    try {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(database.db);
      const altered = await sql<{ id: string }>`
        UPDATE audit_events SET after = '{"roles":["unit_staff"]}'::jsonb
        WHERE id = (SELECT id FROM audit_events WHERE action = 'user.create' AND entity_type = 'user' AND after->>'username' = 'ops')
        RETURNING id`.execute(database.db);
      alteredId = altered.rows[0]?.id ?? '';
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(database.db);
    } finally {
      await database.close();
    }
    const verified = await cli(['audit', 'verify'], env);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain(`chain broken at event ${alteredId}: content altered`);
  }, 60_000);
});

const postgresUrl = process.env.ZAITUN_TEST_DATABASE_URL;
// Registered only when a PostgreSQL server is provided (CI sets ZAITUN_TEST_DATABASE_URL).
if (postgresUrl) {
  describe.sequential('zaitun CLI on PostgreSQL', () => {
    const name = `zaitun_cli_${randomBytes(6).toString('hex')}`;
    let env: Record<string, string>;
    let root: string;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      await admin.end();
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-cli-pg-'));
      env = { DATABASE_URL: url.toString(), DATA_DIR: path.join(root, 'data') };
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('migrate, seed-demo, create-admin, audit verify, backup (pg_dump), restore (pg_restore)', async () => {
      const migrated = await zaitun(['migrate'], env);
      expect(migrated.code, migrated.all).toBe(0);
      expect(migrated.stdout).toContain('applying migration 0001_foundation');
      expect((await cli(['seed-demo'], env)).code).toBe(0);

      const created = await cli(
        ['create-admin', '--username', 'ops', '--display-name', 'Ops', '--unit', 'jinjiang'],
        env,
      );
      expect(created.code, created.all).toBe(0);
      expect(created.stdout).toContain('(JINJIANG)');

      const verified = await cli(['audit', 'verify'], env);
      expect(verified.code, verified.all).toBe(0);
      expect(verified.stdout).toMatch(/^chain intact \(\d+ events\)$/m);

      const attachment = await attachFile(env);
      const file = path.join(root, 'backup.tar.gz');
      const backup = await cli(['backup', file], env);
      expect(backup.code, backup.all).toBe(0);
      expect(backup.stdout).toContain('the database and 1 stored file(s)');
      expect([...fs.readFileSync(file).subarray(0, 2)]).toEqual([0x1f, 0x8b]);

      // After the backup: a new account, and the files directory lost.
      expect((await cli(['create-admin', '--username', 'later', '--display-name', 'L'], env)).code).toBe(0);
      const filesDir = path.join(env.DATA_DIR as string, 'files');
      fs.rmSync(filesDir, { recursive: true });
      expect((await download(env, attachment)).status).not.toBe(200);

      const restored = await cli(['restore', file, '--yes'], env);
      expect(restored.code, restored.all).toBe(0);
      expect(restored.stderr).toContain('checksums match');
      expect(restored.stdout).toMatch(/9 user\(s\); audit chain intact/);
      const down = await download(env, attachment);
      expect(down.status).toBe(200);
      expect(down.bytes.equals(attachment.bytes)).toBe(true);

      // A traversal entry is refused before pg_restore runs: the database and the files stay as they are.
      const files = snapshotDir(filesDir);
      const evil = path.join(root, 'evil.tar.gz');
      rawArchive(evil, [
        {
          path: 'zaitun-backup.json',
          body: Buffer.from(
            JSON.stringify({ format: 'zaitun-backup', version: 2, database: 'postgres', createdAt: '' }),
          ),
        },
        { path: 'files/../../escaped', body: Buffer.from('evil') },
      ]);
      const refused = await cli(['restore', evil, '--yes'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('disallowed entry');
      expect(snapshotDir(filesDir)).toEqual(files);
      expect(fs.existsSync(path.join(root, 'escaped'))).toBe(false);

      // A backup from before attachments were included (a bare pg_dump file) still restores; the files stay.
      const old = path.join(root, 'old-format.dump');
      const dumped = spawnSync('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${old}`,
        env.DATABASE_URL as string,
      ]);
      expect(dumped.status, String(dumped.stderr)).toBe(0);
      const legacy = await cli(['restore', old, '--yes'], env);
      expect(legacy.code, legacy.all).toBe(0);
      expect(legacy.stderr).toContain('the database only, no files');
      expect(snapshotDir(filesDir)).toEqual(files);
      expect((await download(env, attachment)).bytes.equals(attachment.bytes)).toBe(true);
    }, 180_000);
  });
}
