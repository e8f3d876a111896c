/** The server: `npm start`. Embedded PGlite in DATA_DIR unless DATABASE_URL is set. */
import { openAndMigrate, seedIfEmpty } from './boot';
import { loadConfig } from './config';
import { startControlServer } from './control';
import { DataDirLockedError } from './db/data-dir-lock';
import { buildApp } from './http/app';
import { startJobRunner } from './jobs/runner';
import { systemClock } from './lib/clock';
import { closePdfRenderer, warmPdfRenderer } from './lib/documents/pdf';

const started = Date.now();
const config = loadConfig();
const say = (msg: string) => process.stdout.write(`[zaitun] ${msg}\n`);
const log = { info: say, warn: (m: string) => process.stderr.write(`[zaitun] warning: ${m}\n`) };

let database: Awaited<ReturnType<typeof openAndMigrate>>;
try {
  say(config.databaseUrl ? 'database: PostgreSQL (DATABASE_URL)' : `database: embedded PGlite in ${config.dataDir}`);
  database = await openAndMigrate(config, log);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
await seedIfEmpty(database, config, systemClock, log);

const app = await buildApp({ database, config });
const control = database.kind === 'embedded' ? await startControlServer(app, config) : null;
await app.listen({ host: config.host, port: config.port });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
// Periodic jobs (SLA sweep, robot deliveries, stale import previews); any number of processes may run them side by side.
const jobs = config.jobsEnabled
  ? startJobRunner({
      db: database.db,
      clock: systemClock,
      pollSeconds: config.jobsPollSeconds,
      importPreviewTtlHours: config.importPreviewTtlHours,
      log: { info: (m) => app.log.info(m), error: (m) => app.log.error(m) },
    })
  : null;
say(
  `ready in ${((Date.now() - started) / 1000).toFixed(1)} s — open http://${config.host}:${port}  (API docs: /api/docs)`,
);

let stopping = false;
// The PDF renderer (Chromium + subset fonts) warms up in the background a few seconds after start, so the first
// "下载 PDF" does not pay the launch (3–7 s); PDF_WARMUP=false turns it off.
if (config.pdfWarmup) {
  setTimeout(() => {
    if (!stopping) void warmPdfRenderer();
  }, 3000).unref();
}

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: finishing in-flight requests and closing the database`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  try {
    await jobs?.stop();
    await control?.close();
    await app.close();
    await closePdfRenderer();
    await database.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
