/**
 * The one place that talks to the robots' HTTP endpoints (the outside world): one POST with a 5-second timeout.
 * Never throws: every outcome comes back as { ok, status, error } for the delivery record.
 */
import { robotAccepted, robotBody, signedUrl, type WebhookKind } from './webhooks.domain';

export interface RobotTarget {
  kind: WebhookKind;
  url: string;
  secret: string | null;
}

export interface RobotResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export const ROBOT_TIMEOUT_MS = 5_000;

export async function sendToRobot(target: RobotTarget, content: string, now: Date): Promise<RobotResult> {
  try {
    const res = await fetch(signedUrl(target.kind, target.url, target.secret, now.getTime()), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(robotBody(target.kind, content)),
      signal: AbortSignal.timeout(ROBOT_TIMEOUT_MS),
      redirect: 'error',
    });
    const text = await res.text();
    const verdict = robotAccepted(res.status, text);
    return { ok: verdict.ok, status: res.status, error: verdict.error };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const reason = e.name === 'TimeoutError' ? `timeout after ${ROBOT_TIMEOUT_MS} ms` : (e.cause?.code ?? e.message);
    return { ok: false, status: null, error: String(reason).slice(0, 300) };
  }
}
