/**
 * Delivering the queued robot messages. Due deliveries are claimed with `FOR UPDATE SKIP LOCKED` and leased by
 * moving `next_attempt_at` forward (committed at once), then sent outside any transaction — so two processes never
 * send the same message, and a process that dies mid-send leaves the message to be retried when the lease ends.
 * The outcomes are written back in one set-based UPDATE.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Clock } from '../lib/clock';
import { sendToRobot } from '../modules/notifications/robot-client';
import { retryDelayMs, robotText, type WebhookKind } from '../modules/notifications/webhooks.domain';

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
}

const BATCH = 50;
const MAX_BATCHES = 10;
const CONCURRENCY = 8;
/** Longer than a batch can take (timeouts of 5 s, 8 at a time). */
const LEASE_MS = 5 * 60_000;

interface Claimed {
  id: string;
  attempts: number;
  payload: { event?: string; params?: Record<string, unknown>; text?: string } | null;
  kind: WebhookKind;
  url: string;
  secret: string | null;
  active: boolean;
}

async function claim(db: Db, now: Date): Promise<Claimed[]> {
  const { rows } = await sql<Claimed>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.state = 'pending' AND d.next_attempt_at <= ${now}
      ORDER BY d.next_attempt_at
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}, attempts = d.attempts + 1
    FROM due, unit_webhooks w
    WHERE d.id = due.id AND w.id = d.webhook_id
    RETURNING d.id::text AS id, d.attempts, d.payload, w.kind, w.url, w.secret, w.active`.execute(db);
  return rows;
}

interface Outcome {
  id: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  /** Null: give up (failed) — or sent, when ok. */
  next: Date | null;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function record(db: Db, outcomes: readonly Outcome[], now: Date): Promise<void> {
  if (!outcomes.length) return;
  await sql`
    UPDATE webhook_deliveries d
    SET state = CASE WHEN r.ok THEN 'sent' WHEN r.next IS NULL THEN 'failed' ELSE 'pending' END,
        sent_at = CASE WHEN r.ok THEN ${now}::timestamptz ELSE d.sent_at END,
        next_attempt_at = coalesce(r.next, d.next_attempt_at),
        last_status = r.status,
        last_error = CASE WHEN r.ok THEN NULL ELSE r.error END
    FROM unnest(${outcomes.map((o) => o.id)}::bigint[], ${outcomes.map((o) => o.ok)}::boolean[],
                ${outcomes.map((o) => o.status)}::integer[], ${outcomes.map((o) => o.error)}::text[],
                ${outcomes.map((o) => o.next)}::timestamptz[]) AS r(id, ok, status, error, next)
    WHERE d.id = r.id AND d.state = 'pending'`.execute(db);
}

/** Sends what is due now, batch after batch (bounded per run). */
export async function deliverWebhooks(db: Db, clock: Clock): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const claimed = await claim(db, clock.now());
    if (!claimed.length) break;
    const outcomes = await mapLimited(claimed, CONCURRENCY, async (d): Promise<Outcome> => {
      if (!d.active) return { id: d.id, ok: false, status: null, error: 'robot switched off', next: null };
      const p = d.payload ?? {};
      const text = typeof p.text === 'string' ? p.text : robotText(p.event ?? '', p.params ?? {});
      const result = await sendToRobot({ kind: d.kind, url: d.url, secret: d.secret }, text, clock.now());
      if (result.ok) return { id: d.id, ...result, next: null };
      const delay = retryDelayMs(d.attempts);
      return { id: d.id, ...result, next: delay === null ? null : new Date(clock.now().getTime() + delay) };
    });
    await record(db, outcomes, clock.now());
    for (const o of outcomes) {
      if (o.ok) summary.sent++;
      else if (o.next) summary.retrying++;
      else summary.failed++;
    }
    if (claimed.length < BATCH) break;
  }
  return summary;
}
