/**
 * Background tasks on the real database: a task's step and progress are visible while it runs and only to the
 * user who started it (anyone else gets the 404 of a missing task); it ends succeeded with its result, or failed
 * with the error of the work in the reader's language (INTERNAL for an unexpected one); a task whose process went
 * away reads as interrupted once it has made no progress for TASK_STALE_SECONDS; closing the app waits for the
 * tasks in flight; the cleanup job deletes tasks finished more than a week ago.
 */
import { TASK_STALE_SECONDS, type TaskT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthedContext } from '../src/http/context';
import { runJob } from '../src/jobs/runner';
import { DomainError } from '../src/lib/errors';
import type { ProgressReport } from '../src/modules/tasks/tasks.service';
import { type Client, createTestApp, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string } };
let t: TestApp;
let hq: Client;
let leader: Client;
let ctx: AuthedContext;
const NOBODY = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  hq = await signIn(t.app, 'hq');
  leader = await signIn(t.app, 'leader');
  const me = await hq.get<{ id: string }>('/api/v1/me');
  ctx = { actor: { userId: me.body.id }, locale: 'zh-CN' } as unknown as AuthedContext;
});
afterAll(() => t?.close());

/** A controllable piece of work: `started` once it runs, reports what it is told, ends when released. */
function gate() {
  type Result = { bulletinId?: string };
  let release: (result: Result) => void = () => {};
  const ended = new Promise<Result>((resolve) => {
    release = resolve;
  });
  let reporter: ProgressReport = async () => {};
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const work = async (report: ProgressReport): Promise<Result> => {
    reporter = report;
    markStarted();
    return ended;
  };
  return { work, started, report: (step: string, p: number) => reporter(step, p), release: (r: Result) => release(r) };
}

const read = (by: Client, id: string) => by.get<TaskT & Err>(`/api/v1/tasks/${id}`);

describe('a task', () => {
  it('shows its step and progress while it runs, to its user only, then its result', async () => {
    const g = gate();
    const task = await t.app.services.tasks.start(ctx, 'bulletin.create', g.work);
    expect(task).toMatchObject({ state: 'running', progress: 0, step: 'start', result: null, error: null });
    await g.started;
    await g.report('overdue', 55);
    expect((await read(hq, task.id)).body).toMatchObject({ state: 'running', step: 'overdue', progress: 55 });
    const other = await read(leader, task.id);
    expect(other.status).toBe(404);
    expect(other.body).toEqual((await read(leader, NOBODY)).body);
    g.release({ bulletinId: NOBODY });
    await t.app.services.tasks.drain();
    const done = (await read(hq, task.id)).body;
    expect(done).toMatchObject({ state: 'succeeded', progress: 100, step: 'done', result: { bulletinId: NOBODY } });
    expect(done.finishedAt).not.toBeNull();
  });

  it('fails with the work’s error in the reader’s language, or INTERNAL for an unexpected one', async () => {
    const refused = await t.app.services.tasks.start(ctx, 'bulletin.refresh', async () => {
      throw new DomainError('VERSION_CONFLICT', { current: 3 });
    });
    const broken = await t.app.services.tasks.start(ctx, 'bulletin.refresh', async () => {
      throw new Error('boom');
    });
    await t.app.services.tasks.drain();
    const zh = (await read(hq, refused.id)).body;
    expect(zh).toMatchObject({ state: 'failed', error: { code: 'VERSION_CONFLICT', details: { current: 3 } } });
    expect(zh.error?.message).toBe('数据已被他人修改，请刷新后重试');
    const en = (await read(hq.withLocale('en-US'), refused.id)).body;
    expect(en.error?.message).toBe('Someone else changed this; reload and try again');
    const internal = (await read(hq, broken.id)).body;
    expect(internal.error).toMatchObject({ code: 'INTERNAL' });
    expect(JSON.stringify(internal)).not.toContain('boom');
  });

  it('reads as interrupted when its process went away (no progress for TASK_STALE_SECONDS)', async () => {
    const g = gate();
    const task = await t.app.services.tasks.start(ctx, 'bulletin.create', g.work);
    await g.started;
    t.clock.set(new Date(t.clock.now().getTime() + (TASK_STALE_SECONDS - 1) * 1000));
    expect((await read(hq, task.id)).body.state).toBe('running');
    t.clock.set(new Date(t.clock.now().getTime() + 2000));
    const stale = (await read(hq, task.id)).body;
    expect(stale).toMatchObject({ state: 'failed', error: { code: 'TASK_INTERRUPTED' } });
    expect(stale.error?.message).toContain('中断');
    g.release({});
    await t.app.services.tasks.drain();
  });

  it('is deleted by the cleanup job a week after it finished', async () => {
    const count = async () =>
      Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM tasks')).rows[0]?.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    t.clock.set(new Date(t.clock.now().getTime() + 6 * 86_400_000));
    expect(await runJob('task_cleanup', { db: t.database.db, clock: t.clock })).toEqual({ deleted: 0 });
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 86_400_000));
    expect(await runJob('task_cleanup', { db: t.database.db, clock: t.clock })).toEqual({ deleted: before });
  });

  it('keeps the app from closing until the tasks in flight are done', async () => {
    const other = await createTestApp();
    const me = await (await signIn(other.app, 'hq')).get<{ id: string }>('/api/v1/me');
    let finished = false;
    const task = await other.app.services.tasks.start(
      { ...ctx, actor: { userId: me.body.id } } as AuthedContext,
      'bulletin.create',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        finished = true;
        return {};
      },
    );
    await other.app.close();
    expect(finished).toBe(true);
    const row = await other.database.pool.query<{ state: string }>('SELECT state FROM tasks WHERE id = $1', [task.id]);
    expect(row.rows[0]?.state).toBe('succeeded');
    await other.close();
  });
});
