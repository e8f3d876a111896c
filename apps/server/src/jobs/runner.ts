/**
 * The job runner: periodic jobs whose schedule lives in `job_schedules`, so any number of server processes on one
 * database share the work. Every `jobsPollSeconds` each process claims one due job at a time
 * (`SELECT … FOR UPDATE SKIP LOCKED LIMIT 1`) and, in the same short transaction, moves its `next_run_at` one
 * interval on — a lease: no other process sees it due again until then. The job then runs outside that
 * transaction (it opens its own; the delivery job must not hold a transaction over HTTP calls, and the embedded
 * database has a single connection), and its outcome is written to `last_*`. A job that fails is logged and
 * recorded; it never stops the runner or the process.
 *
 * The schedule only keeps processes from doing the same work twice in a row; correctness does not rest on it —
 * each job is safe to run concurrently (row locks with SKIP LOCKED, flags re-checked under the lock).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { figureReminders } from '../modules/indicators/figure-reminders';
import { cleanupTasks } from '../modules/tasks/tasks.service';
import { cleanupImportPreviews, DEFAULT_IMPORT_PREVIEW_TTL_HOURS } from './import-cleanup';
import { slaSweep } from './sla-sweep';
import { deliverWebhooks } from './webhooks';

export interface JobLog {
  info(msg: string): void;
  error(msg: string): void;
}

export interface JobDeps {
  db: Db;
  clock: Clock;
  log?: JobLog;
  /** How long an import preview nobody commits is kept (config `IMPORT_PREVIEW_TTL_HOURS`; default 24). */
  importPreviewTtlHours?: number;
}

interface JobDef {
  intervalSecs: number;
  run(deps: JobDeps): Promise<object>;
}

export const JOBS = {
  sla_sweep: { intervalSecs: 60, run: (d: JobDeps) => slaSweep(d.db, d.clock) },
  webhook_deliveries: { intervalSecs: 15, run: (d: JobDeps) => deliverWebhooks(d.db, d.clock) },
  import_preview_cleanup: {
    intervalSecs: 3600,
    run: (d: JobDeps) =>
      cleanupImportPreviews(d.db, d.clock, d.importPreviewTtlHours ?? DEFAULT_IMPORT_PREVIEW_TTL_HOURS),
  },
  /** Background tasks finished (or abandoned) more than a week ago. */
  task_cleanup: { intervalSecs: 3600, run: (d: JobDeps) => cleanupTasks(d.db, d.clock) },
  /** Counties still missing a month's figures, in the days before its reporting deadline (once per month). */
  figure_reminders: { intervalSecs: 3600, run: (d: JobDeps) => figureReminders(d.db, d.clock) },
} as const satisfies Record<string, JobDef>;
export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** Runs one job now, whatever its schedule (tests, and the runner after claiming it). */
export async function runJob(name: JobName, deps: JobDeps): Promise<object> {
  return JOBS[name].run(deps);
}

/** Inserts the schedule rows (idempotent); a changed interval in the code is taken over, the next run kept. */
export async function ensureSchedules(db: Db, now: Date): Promise<void> {
  for (const name of JOB_NAMES) {
    await db
      .insertInto('job_schedules')
      .values({ name, interval_secs: JOBS[name].intervalSecs, next_run_at: now, last_summary: null })
      .onConflict((oc) => oc.column('name').doUpdateSet({ interval_secs: JOBS[name].intervalSecs }))
      .execute();
  }
}

/** Claims one due job (lease: next_run_at moves one interval on), or null when none is due. */
async function claimDue(db: Db, now: Date): Promise<JobName | null> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('job_schedules')
      .select(['name', 'interval_secs'])
      .where('next_run_at', '<=', now)
      .where('name', 'in', JOB_NAMES)
      .orderBy('next_run_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) return null;
    await tx
      .updateTable('job_schedules')
      .set({
        next_run_at: new Date(now.getTime() + row.interval_secs * 1000),
        last_run_at: now,
        runs: sql`runs + 1`,
      })
      .where('name', '=', row.name)
      .execute();
    return row.name as JobName;
  });
}

async function recordOutcome(db: Db, name: JobName, ok: boolean, summary: object | null, error: string | null) {
  await db
    .updateTable('job_schedules')
    .set({
      last_ok: ok,
      last_error: error,
      last_summary: summary === null ? null : JSON.stringify(summary),
    })
    .where('name', '=', name)
    .execute();
}

/** Runs every job that is due now, one claim at a time; returns the names run. Never throws for a job's failure. */
export async function runDueJobs(deps: JobDeps): Promise<JobName[]> {
  const ran: JobName[] = [];
  // Each job is claimed at most once per pass (its lease moves it out of reach).
  for (let i = 0; i < JOB_NAMES.length; i++) {
    const name = await claimDue(deps.db, deps.clock.now());
    if (!name) break;
    ran.push(name);
    const started = Date.now();
    try {
      const summary = await runJob(name, deps);
      await recordOutcome(deps.db, name, true, summary, null);
      if (Object.values(summary).some((v) => typeof v === 'number' && v > 0)) {
        deps.log?.info(`job ${name}: ${JSON.stringify(summary)} in ${Date.now() - started} ms`);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.log?.error(`job ${name} failed: ${message}`);
      await recordOutcome(deps.db, name, false, null, message.slice(0, 1000)).catch(() => {});
    }
  }
  return ran;
}

export interface JobRunner {
  /** Stops polling and waits for the job in progress to finish. */
  stop(): Promise<void>;
}

/** Starts polling in this process (main.ts, when JOBS_ENABLED). */
export function startJobRunner(deps: JobDeps & { pollSeconds: number }): JobRunner {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  let ready = false;

  const tick = async () => {
    try {
      if (!ready) {
        await ensureSchedules(deps.db, deps.clock.now());
        ready = true;
      }
      await runDueJobs(deps);
    } catch (err) {
      // The database may be briefly unreachable; try again at the next poll.
      deps.log?.error(`job runner: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(() => schedule(deps.pollSeconds * 1000));
    }, ms);
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
