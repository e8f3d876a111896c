/**
 * Background tasks: work a request starts and the caller follows (e.g. generating a bulletin's figures). The
 * request answers 202 with the task; `GET /api/v1/tasks/:id` reports its state, progress (0–100) and step until it
 * has succeeded (with its result) or failed (with an error in the reader's language). Only the user who started a
 * task sees it. A task runs in the server process that accepted it; if that process stops, the task reads as failed
 * (`TASK_INTERRUPTED`) once it has made no progress for `TASK_STALE_SECONDS`.
 */
import { type Static, Type } from 'typebox';
import { DateTime, IdParams, Nullable, StringEnum, Uuid } from './common';
import type { RouteDef } from './route-def';

export const TASK_STATES = ['running', 'succeeded', 'failed'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_KINDS = ['bulletin.create', 'bulletin.refresh'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** A running task that has not reported progress for this long is shown as failed (its process is gone). */
export const TASK_STALE_SECONDS = 600;

/**
 * The steps of a bulletin's generation, in order (the UI names them): the period's units and figures, the items
 * opened, the overdue list, the red cards, the default text, saving the draft.
 */
export const BULLETIN_TASK_STEPS = [
  'start',
  'figures',
  'opened',
  'overdue',
  'redCards',
  'text',
  'saving',
  'done',
] as const;
export type BulletinTaskStep = (typeof BULLETIN_TASK_STEPS)[number];

export const Task = Type.Object({
  id: Uuid,
  kind: StringEnum(TASK_KINDS),
  state: StringEnum(TASK_STATES),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  /** The step in progress (for bulletins one of BULLETIN_TASK_STEPS). */
  step: Type.String(),
  /** What the task made, once it has succeeded. */
  result: Nullable(Type.Object({ bulletinId: Type.Optional(Uuid) })),
  /** Why it failed, in the reader's language (the same shape as an error response's `error`). */
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) })),
  createdAt: DateTime,
  updatedAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type TaskT = Static<typeof Task>;

export const taskRoutes = {
  getTask: {
    method: 'GET',
    path: '/api/v1/tasks/:id',
    summary: 'A background task the caller started: state, progress, step, then its result or error',
    tag: 'system',
    auth: 'user',
    permission: null,
    params: IdParams,
    status: 200,
    response: Task,
  },
} as const satisfies Record<string, RouteDef>;
