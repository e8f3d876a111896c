#!/usr/bin/env node
// `npm start`: build the web bundle and the server's bundle when missing or older than their sources, then run the
// server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');
const stamp = path.join(web, 'dist/index.html');
const sources = [
  path.join(web, 'src'),
  path.join(web, 'index.html'),
  path.join(web, 'public'),
  path.join(web, 'vite.config.ts'),
  path.join(root, 'packages/contracts/src'),
  path.join(root, 'package-lock.json'),
];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newest(path.join(p, f))), st.mtimeMs);
}

if (fs.existsSync(path.join(web, 'index.html'))) {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built < Math.max(...sources.map(newest))) {
    process.stdout.write('[zaitun] building the web bundle …\n');
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: web,
      stdio: 'inherit',
    });
  } else {
    process.stdout.write('[zaitun] web bundle is up to date\n');
  }
}

// The server runs from its ahead-of-time bundle (ADR 0015), rebuilt here when its sources changed;
// ZAITUN_FROM_SOURCE=1 runs the TypeScript through tsx instead (more memory, no build).
if (process.env.ZAITUN_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(path.join(root, 'apps/server/src/main.ts'));
} else {
  const { ensureServerBundle } = await import('./build-server.mjs');
  await import(await ensureServerBundle());
}
