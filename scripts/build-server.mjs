#!/usr/bin/env node
// The server bundled ahead of time (ADR 0015): `npm start` runs apps/server/dist/main.mjs, rebuilt here by esbuild
// (≈ 1 s) when missing or older than its sources. Running the TypeScript through tsx at run time cost ≈ 70 MB of
// resident memory (the loader's own thread and its transpiled copies). Tests and the CLI still run the sources.
// Usage: node scripts/build-server.mjs   (builds when stale; --force: always)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverSrc = path.join(root, 'apps/server/src');
const outDir = path.join(root, 'apps/server/dist');
export const SERVER_BUNDLE = path.join(outDir, 'main.mjs');
const sources = [
  serverSrc,
  path.join(root, 'packages/contracts/src'),
  path.join(root, 'package-lock.json'),
  fileURLToPath(import.meta.url),
];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, f) => Math.max(m, newest(path.join(p, f))), st.mtimeMs);
}

/** Builds the bundle when missing or stale; answers its path. */
export async function ensureServerBundle({ force = false, log = (m) => process.stdout.write(`${m}\n`) } = {}) {
  const built = fs.existsSync(SERVER_BUNDLE) ? fs.statSync(SERVER_BUNDLE).mtimeMs : 0;
  if (!force && built >= Math.max(...sources.map(newest))) {
    log('[zaitun] server bundle is up to date');
    return SERVER_BUNDLE;
  }
  log('[zaitun] building the server bundle …');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(serverSrc, 'main.ts')],
    outfile: SERVER_BUNDLE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // npm packages stay in node_modules (loaded as they are, lazily where the code imports them on first use);
        // only the workspace's TypeScript (the server, @zaitun/contracts) goes into the bundle.
        name: 'external-packages',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@zaitun/') ? undefined : { path: args.path, external: true },
          );
        },
      },
      {
        // A module's files next to it (migrations, the embedded database's worker, the repository root) are found
        // from its own directory: `import.meta.dirname` becomes that directory, relative to the bundle.
        name: 'source-dirname',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            let contents = await fs.promises.readFile(args.path, 'utf8');
            if (contents.includes('import.meta.dirname')) {
              const rel = JSON.stringify(path.relative(outDir, path.dirname(args.path)));
              contents = contents.replaceAll(
                'import.meta.dirname',
                `__zaitunPath.resolve(import.meta.dirname, ${rel})`,
              );
              contents = `import __zaitunPath from 'node:path';\n${contents}`;
            }
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
  // Written beside and renamed (the map first), so two starts at once (the browser tests) never run a half-written
  // file.
  fs.mkdirSync(outDir, { recursive: true });
  const files = [...result.outputFiles].sort(
    (a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')),
  );
  for (const file of files) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return SERVER_BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureServerBundle({ force: process.argv.includes('--force') });
}
