#!/usr/bin/env node
// A throwaway PostgreSQL server for tests: initdb in a temp dir, start on 127.0.0.1:<port>, print the URL.
// Usage: node scripts/pg-throwaway.mjs start [port]  → prints DATABASE_URL and the data dir (stop with `stop <dir>`)
//        node scripts/pg-throwaway.mjs stop <dir>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function run(bin, args) {
  // initdb refuses to run as root: run the server as the postgres user then.
  if (asRoot)
    execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  else execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function startPg(port = 55432) {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  fs.chmodSync(dir, 0o700);
  run(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(path.join(bin, 'pg_ctl'), [
    '-D',
    dir,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`,
    'start',
  ]);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir };
}

export function stopPg(dir) {
  const bin = findPgBin();
  if (!bin || !fs.existsSync(dir)) return;
  try {
    run(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', 'fast', '-w', 'stop']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'start') {
    const { url, dir } = startPg(arg ? Number(arg) : 55432);
    process.stdout.write(`${url} ${dir}\n`);
  } else if (cmd === 'stop' && arg) {
    stopPg(arg);
  } else {
    process.stderr.write('usage: pg-throwaway.mjs start [port] | stop <dir>\n');
    process.exit(2);
  }
}
