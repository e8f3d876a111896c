/** Configuration comes only from environment variables; every one is documented in docs/operations.md. */
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** Set: a PostgreSQL server. Unset: embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: string;
  /** Cookies get `Secure` and responses HSTS when the site is served over HTTPS (behind a proxy). */
  secureCookies: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginIpMaxFailures: number;
  temporaryPasswordDays: number;
  bodyLimitBytes: number;
  demoPassword: string | null;
  /** Seed the demo accounts along with the unit tree into an empty database (turn off for production). */
  seedDemoAccounts: boolean;
  webDist: string;
  /** Uploaded files (attachments), outside the web root. */
  filesDir: string;
  attachmentMaxBytes: number;
  /** Spreadsheet imports: file size, unpacked size and row limits, checked before parsing. */
  importMaxBytes: number;
  importMaxUnpackedBytes: number;
  importMaxRows: number;
  /** A preview never committed is deleted by the cleanup job after this many hours. */
  importPreviewTtlHours: number;
  /** `zaitun restore`: a backup whose contents unpack to more than this is refused before anything changes. */
  restoreMaxUnpackedBytes: number;
  /** Run the periodic jobs (SLA sweep, robot deliveries) in this process. */
  jobsEnabled: boolean;
  jobsPollSeconds: number;
  /** Start the PDF printer (Chromium + subset fonts) in the background a few seconds after start-up. */
  pdfWarmup: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`Environment variable ${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`Environment variable ${name} must be true or false, got "${raw}"`);
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR || path.join(REPO_ROOT, 'data')),
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: bool(env, 'SECURE_COOKIES', false),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginIpMaxFailures: int(env, 'LOGIN_IP_MAX_FAILURES', 30, 1, 10000),
    temporaryPasswordDays: int(env, 'TEMPORARY_PASSWORD_DAYS', 7, 1, 365),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    demoPassword: env.ZAITUN_DEMO_PASSWORD || null,
    seedDemoAccounts: bool(env, 'SEED_DEMO_ACCOUNTS', true),
    webDist: path.resolve(env.WEB_DIST || path.join(REPO_ROOT, 'apps/web/dist')),
    filesDir: path.resolve(env.FILES_DIR || path.join(env.DATA_DIR || path.join(REPO_ROOT, 'data'), 'files')),
    attachmentMaxBytes: int(env, 'ATTACHMENT_MAX_MB', 20, 1, 1024) * 1024 * 1024,
    importMaxBytes: int(env, 'IMPORT_MAX_MB', 20, 1, 512) * 1024 * 1024,
    importMaxUnpackedBytes: int(env, 'IMPORT_MAX_UNPACKED_MB', 200, 1, 4096) * 1024 * 1024,
    importMaxRows: int(env, 'IMPORT_MAX_ROWS', 100000, 1, 2000000),
    importPreviewTtlHours: int(env, 'IMPORT_PREVIEW_TTL_HOURS', 24, 1, 24 * 365),
    restoreMaxUnpackedBytes: int(env, 'RESTORE_MAX_UNPACKED_GB', 100, 1, 100_000) * 1024 * 1024 * 1024,
    jobsEnabled: bool(env, 'JOBS_ENABLED', true),
    jobsPollSeconds: int(env, 'JOBS_POLL_SECONDS', 30, 1, 3600),
    pdfWarmup: bool(env, 'PDF_WARMUP', true),
  };
}
