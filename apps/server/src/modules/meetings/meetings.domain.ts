/**
 * Pure rules of the dispatch meeting (调度会): its number, why an item belongs on the agenda, and the order of the
 * agenda (grouped by unit, red before yellow before flagged before coordination). No I/O; `now` is passed in.
 */
import type { AgendaReason, ItemState, MeetingState } from '@zaitun/contracts';

/** `2026年第3次调度会`. */
export function formatMeetingNumber(year: number, seq: number): string {
  return `${year}年第${seq}次调度会`;
}

/** What an item created by a decision of this meeting names as its source (source_ref): `第3次调度会`. */
export function meetingSourceRef(seq: number): string {
  return `第${seq}次调度会`;
}

export const REASON_RANK: Record<AgendaReason, number> = { red: 0, yellow: 1, flagged: 2, coordination: 3, manual: 4 };

export interface AgendaCandidate {
  id: string;
  state: ItemState;
  source: string;
  flagged: boolean;
  deadline: Date | null;
  yellowAt: Date | null;
  leadUnitId: string | null;
  raisedByUnitId: string | null;
  year: number;
  seq: number;
}

const FINISHED: readonly ItemState[] = ['closed', 'cancelled', 'draft'];
const CLOCK: readonly ItemState[] = ['assigned', 'in_progress'];

/**
 * Why an item goes on the agenda now, the most pressing reason first: red (its deadline has passed), yellow
 * (yellow_at ≤ now ≤ deadline), flagged for a meeting, a coordination request; null when it does not.
 */
export function agendaReason(item: AgendaCandidate, now: Date): Exclude<AgendaReason, 'manual'> | null {
  if (FINISHED.includes(item.state)) return null;
  const t = now.getTime();
  if (CLOCK.includes(item.state) && item.deadline) {
    if (t > item.deadline.getTime()) return 'red';
    if (item.yellowAt && t >= item.yellowAt.getTime()) return 'yellow';
  }
  if (item.flagged) return 'flagged';
  if (item.source === 'coordination') return 'coordination';
  return null;
}

/** The unit an entry is grouped under: the lead unit, or the raising unit while the item is not dispatched. */
export const agendaUnitOf = (item: Pick<AgendaCandidate, 'leadUnitId' | 'raisedByUnitId'>) =>
  item.leadUnitId ?? item.raisedByUnitId;

export interface AgendaLine {
  id: string;
  unitId: string | null;
  reason: AgendaReason;
  /** For a stable order within a reason: the item's deadline, then its number. */
  deadline: Date | null;
  year: number | null;
  seq: number | null;
  /** The current position (manual entries keep their relative order). */
  position: number;
}

/**
 * The agenda's order. Prepared entries are grouped by unit; a group's rank is its most pressing entry (a unit
 * with a red item comes before a unit with only yellow ones), ties by the unit's order in `unitOrder`. Within a
 * group: red → yellow → flagged → coordination, then the earliest deadline, then the number. Manual entries
 * follow, in the order they were added.
 */
export function orderAgenda(lines: readonly AgendaLine[], unitOrder: readonly string[]): AgendaLine[] {
  const unitRank = new Map(unitOrder.map((u, i) => [u, i]));
  const prepared = lines.filter((l) => l.reason !== 'manual');
  const manual = lines.filter((l) => l.reason === 'manual').sort((a, b) => a.position - b.position);
  const groupRank = new Map<string, number>();
  for (const l of prepared) {
    const key = l.unitId ?? '';
    groupRank.set(key, Math.min(groupRank.get(key) ?? 99, REASON_RANK[l.reason]));
  }
  const rankOfUnit = (u: string | null) => (u === null ? Number.MAX_SAFE_INTEGER : (unitRank.get(u) ?? 1e9));
  const time = (d: Date | null) => (d ? d.getTime() : Number.MAX_SAFE_INTEGER);
  const sorted = [...prepared].sort(
    (a, b) =>
      (groupRank.get(a.unitId ?? '') ?? 99) - (groupRank.get(b.unitId ?? '') ?? 99) ||
      rankOfUnit(a.unitId) - rankOfUnit(b.unitId) ||
      (a.unitId ?? '').localeCompare(b.unitId ?? '') ||
      REASON_RANK[a.reason] - REASON_RANK[b.reason] ||
      time(a.deadline) - time(b.deadline) ||
      (a.year ?? 0) - (b.year ?? 0) ||
      (a.seq ?? 0) - (b.seq ?? 0),
  );
  return [...sorted, ...manual];
}

/** What a meeting's state allows. The agenda is settled once the meeting is held; decisions and minutes are not. */
export function canChangeAgenda(state: MeetingState): boolean {
  return state === 'planned';
}

/**
 * May a decision be recorded (or changed) on an entry? Its text may always change; its kind not once it produced
 * something (an item, a place in an order).
 */
export function decisionChange(
  entry: { decisionKind: string | null; createdItemId: string | null; orderId: string | null; itemId: string | null },
  kind: 'item' | 'order' | 'note',
): 'ok' | 'kind_locked' | 'no_item' {
  if ((entry.createdItemId || entry.orderId) && entry.decisionKind !== kind) return 'kind_locked';
  if (kind === 'order' && !entry.itemId) return 'no_item';
  return 'ok';
}
