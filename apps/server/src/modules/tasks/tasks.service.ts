/**
 * Background tasks (contracts/src/tasks.ts): a request records a running task for its user, answers 202 with it,
 * and the work goes on in this process after the response, writing its step and progress to the row as it goes.
 * The work's own writes are transactions of their own (audited there); the task row is only its progress report.
 * The runner keeps the tasks in flight so that closing the app waits for them (before the database closes).
 */
import { errorMessage, type Locale, TASK_STALE_SECONDS, type TaskKind, type TaskT } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { TaskRow } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import type { Clock } from '../../lib/clock';
import { DomainError, notFound } from '../../lib/errors';

/** Reports the step in progress and the share done (0–100). */
export type ProgressReport = (step: string, progress: number) => Promise<void>;
export interface TaskResult {
  bulletinId?: string;
}
interface StoredError {
  code: string;
  details?: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The task as its user sees it: a running task whose progress stopped moving long ago reads as interrupted. */
export function presentTask(row: TaskRow, locale: Locale, now: Date): TaskT {
  const stale =
    row.state === 'running' && now.getTime() - new Date(row.updated_at).getTime() > TASK_STALE_SECONDS * 1000;
  const stored = (stale ? { code: 'TASK_INTERRUPTED' } : row.error) as StoredError | null;
  return {
    id: row.id,
    kind: row.kind as TaskKind,
    state: stale ? 'failed' : (row.state as TaskT['state']),
    progress: row.progress,
    step: row.step,
    result: (row.result as TaskResult | null) ?? null,
    error: stored
      ? {
          code: stored.code,
          message: errorMessage(stored.code as never, locale) ?? stored.code,
          ...(stored.details === undefined ? {} : { details: stored.details }),
        }
      : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: row.finished_at ? iso(row.finished_at) : null,
  };
}

export interface TaskLog {
  error(obj: object, msg: string): void;
}

export class TaskRunner {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: () => Db,
    private readonly clock: Clock,
    private readonly log?: TaskLog,
  ) {}

  /**
   * Records a running task of `kind` for the caller and starts `work` once the current request has been answered;
   * returns the task as recorded. A DomainError thrown by the work fails the task with its code and details (shown
   * in the reader's language); anything else fails it as INTERNAL and is logged.
   */
  async start(ctx: AuthedContext, kind: TaskKind, work: (report: ProgressReport) => Promise<TaskResult>) {
    const now = this.clock.now();
    const row = await this.db()
      .insertInto('tasks')
      .values({
        kind,
        state: 'running',
        progress: 0,
        step: 'start',
        result: null,
        error: null,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const run = this.run(row.id, kind, work);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return presentTask(row, ctx.locale, now);
  }

  private async run(id: string, kind: TaskKind, work: (report: ProgressReport) => Promise<TaskResult>) {
    // Let the 202 go out before the work takes the (embedded database's single) connection.
    await new Promise((resolve) => setImmediate(resolve));
    const report: ProgressReport = async (step, progress) => {
      await this.db()
        .updateTable('tasks')
        .set({ step, progress: Math.max(0, Math.min(99, Math.round(progress))), updated_at: this.clock.now() })
        .where('id', '=', id)
        .execute();
    };
    let outcome: { state: 'succeeded'; result: TaskResult } | { state: 'failed'; error: StoredError };
    try {
      outcome = { state: 'succeeded', result: await work(report) };
    } catch (err) {
      if (err instanceof DomainError) {
        outcome = { state: 'failed', error: { code: err.code, details: err.details } };
      } else {
        this.log?.error({ err, taskId: id, kind }, `task ${kind} failed`);
        outcome = { state: 'failed', error: { code: 'INTERNAL' } };
      }
    }
    const finishedAt = this.clock.now();
    try {
      await this.db()
        .updateTable('tasks')
        .set({
          state: outcome.state,
          ...(outcome.state === 'succeeded'
            ? { progress: 100, step: 'done', result: JSON.stringify(outcome.result) }
            : { error: JSON.stringify(outcome.error) }),
          updated_at: finishedAt,
          finished_at: finishedAt,
        })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      // The database went away under the task (it then reads as interrupted once stale).
      this.log?.error({ err, taskId: id, kind }, `task ${kind}: its outcome could not be recorded`);
    }
  }

  /** Waits until no task is in flight (closing the app; tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

/** The caller's own task; anyone else's answers like a missing one. */
export async function getTask(db: Db, ctx: AuthedContext, id: string, now: Date): Promise<TaskT> {
  const row = await db
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return presentTask(row, ctx.locale, now);
}

/** Deletes tasks finished (or abandoned) more than `days` ago; set-based. */
export async function cleanupTasks(db: Db, clock: Clock, days = 7): Promise<{ deleted: number }> {
  const cutoff = new Date(clock.now().getTime() - days * 86_400_000);
  const r = await db
    .deleteFrom('tasks')
    .where((eb) =>
      eb.or([eb('finished_at', '<', cutoff), eb.and([eb('finished_at', 'is', null), eb('updated_at', '<', cutoff)])]),
    )
    .executeTakeFirst();
  return { deleted: Number(r.numDeletedRows) };
}
