/**
 * The second half of both figure layouts: the planned cells (column by column), duplicates, the comparison with the
 * stored figures, the payload kept between preview and commit, and the commit through `writeFiguresCounted`.
 *
 * Memory (issue 5: a 100k-row import within 400 MB): a cell is a position in typed arrays, not an object; the stored
 * figures are read per (indicator, year) sets in chunks, only the columns the comparison needs, and compared chunk by
 * chunk; the commit decodes and writes the payload in chunks inside its one transaction (all or nothing still). What
 * lives across an `await` is small, so V8 collects the rest young instead of growing its old space.
 */
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError } from '../../lib/errors';
import type { ChangeCounts, ImportPlan, StoredRowError } from '../imports/imports.types';
import type { IndicatorRef, Scope, UnitRef } from './figures-refs.import';
import { periodLabel, rowError, scopeFor } from './figures-refs.import';
import { type FigureInput, writeFiguresCounted } from './indicators.repository';
import { reportDeadline } from './indicators.service';

/** Cells compared or written per statement. */
const CHUNK = 10_000;
/** A cell key's period part: year × 12 + month − 1 stays below this for any year under 10 000. */
const PERIODS = 120_000;

/** The figures of a file as planned, column by column (as objects, 100k cells cost tens of MB more). */
export class PlannedCells {
  readonly units: UnitRef[] = [];
  readonly indicators: IndicatorRef[] = [];
  private readonly unitAt = new Map<string, number>();
  private readonly indicatorAt = new Map<string, number>();
  length = 0;
  unit = new Int32Array(256);
  indicator = new Int32Array(256);
  year = new Int32Array(256);
  month = new Int32Array(256);
  row = new Int32Array(256);
  value = new Float64Array(256);
  /** NaN: no reported YoY. */
  yoy = new Float64Array(256);

  push(
    unit: UnitRef,
    indicator: IndicatorRef,
    year: number,
    month: number,
    value: number,
    yoy: number | null,
    row: number,
  ) {
    if (this.length === this.unit.length) this.grow(this.length * 2);
    const i = this.length++;
    this.unit[i] = position(this.unitAt, this.units, unit);
    this.indicator[i] = position(this.indicatorAt, this.indicators, indicator);
    this.year[i] = year;
    this.month[i] = month;
    this.row[i] = row;
    this.value[i] = value;
    this.yoy[i] = yoy ?? Number.NaN;
  }

  yoyAt(i: number): number | null {
    const v = this.yoy[i] as number;
    return Number.isNaN(v) ? null : v;
  }

  /** One number per (indicator, unit, period): equal for two cells exactly when they are the same cell. */
  key(i: number): number {
    const period = (this.year[i] as number) * 12 + (this.month[i] as number) - 1;
    return ((this.indicator[i] as number) * this.units.length + (this.unit[i] as number)) * PERIODS + period;
  }

  private grow(size: number) {
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.unit = i32(this.unit);
    this.indicator = i32(this.indicator);
    this.year = i32(this.year);
    this.month = i32(this.month);
    this.row = i32(this.row);
    this.value = f64(this.value);
    this.yoy = f64(this.yoy);
  }
}

function position<T extends { id: string }>(at: Map<string, number>, list: T[], item: T): number {
  let n = at.get(item.id);
  if (n === undefined) {
    n = list.length;
    list.push(item);
    at.set(item.id, n);
  }
  return n;
}

/**
 * The payload kept between preview and commit. A 100k-row import as 100k JSON arrays with two uuids each cost
 * seconds to store as jsonb and read back; as one string of short lines it is a third of the size and one scalar.
 */
export interface Payload {
  /** The ids the rows refer to by position. */
  indicators: string[];
  units: string[];
  /** One line per figure: `indicator unit year month value yoy row` (list positions; yoy `-` when absent). */
  rows: string;
}

function encodePayload(cells: PlannedCells, kept: (i: number) => boolean): Payload {
  const parts: string[] = [];
  let lines: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (!kept(i)) continue;
    lines.push(
      `${cells.indicator[i]} ${cells.unit[i]} ${cells.year[i]} ${cells.month[i]} ${cells.value[i]} ${cells.yoyAt(i) ?? '-'} ${cells.row[i]}`,
    );
    if (lines.length === CHUNK) {
      parts.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) parts.push(lines.join('\n'));
  return {
    indicators: cells.indicators.map((i) => i.id),
    units: cells.units.map((u) => u.id),
    rows: parts.join('\n'),
  };
}

/** The payload's figures, `size` at a time, in file order. */
export function* payloadChunks(payload: Payload, size = CHUNK): Generator<FigureInput[]> {
  const text = payload.rows;
  let chunk: FigureInput[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const [i, u, year, month, value, yoy, row] = text.slice(start, end).split(' ');
    start = end + 1;
    chunk.push({
      indicatorId: payload.indicators[Number(i)] as string,
      unitId: payload.units[Number(u)] as string,
      year: Number(year),
      month: Number(month),
      value: Number(value),
      reportedYoy: yoy === '-' ? null : Number(yoy),
      importRow: Number(row),
    });
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** What a cell of the file will do; DROPPED: refused (a duplicate, or a verified figure a county may not change). */
const CREATE = 0;
const UPDATE = 1;
const UNCHANGED = 2;
const DROPPED = 3;
const CHANGE_NAMES = ['create', 'update', 'unchanged'] as const;

/** A stored figure as the comparison reads it: positions in the file's lists, numbers and flags (no strings). */
interface StoredCell {
  ind: number;
  unit: number;
  year: number;
  month: number;
  value: number;
  reported_yoy: number | null;
  verified: boolean;
  reported: boolean;
}

/**
 * Duplicates, the stored data (changes; a unit's own staff cannot overwrite a figure HQ verified), the sample and
 * the payload. As writeFigures decides, a cell is left alone when its value, reported YoY and state (reported) are
 * the same.
 */
export async function finishPlan(
  db: DbOrTx,
  scope: Scope,
  cells: PlannedCells,
  errors: StoredRowError[],
  duplicateColumn: string,
): Promise<ImportPlan<Payload>> {
  const n = cells.length;
  const status = new Uint8Array(n).fill(CREATE); // until a stored figure says otherwise
  const previous = new Float64Array(n).fill(Number.NaN);
  const unitName = (i: number) => (cells.units[cells.unit[i] as number] as UnitRef).nameZh;
  const indicatorName = (i: number) => (cells.indicators[cells.indicator[i] as number] as IndicatorRef).nameZh;
  const describe = (i: number) => ({
    unit: unitName(i),
    indicator: indicatorName(i),
    year: cells.year[i] as number,
    month: cells.month[i] as number,
  });

  // Duplicates: the first row of a cell stands, a later one is refused naming it.
  const first = new Map<number, number>();
  const perSet = new Map<number, number>(); // (indicator, year) → cells of the file in it
  for (let i = 0; i < n; i++) {
    const key = cells.key(i);
    const seen = first.get(key);
    if (seen !== undefined) {
      const d = describe(i);
      errors.push(
        rowError(cells.row[i] as number, duplicateColumn, 'DUPLICATE', {
          'zh-CN': `与第 ${cells.row[seen]} 行重复：「${d.unit}」「${d.indicator}」${d.year} 年 ${d.month} 月出现了两次`,
          'en-US': `Repeats row ${cells.row[seen]}: "${d.unit}", "${d.indicator}", ${periodLabel(d.year, d.month)} appears twice`,
        }),
      );
      status[i] = DROPPED;
      continue;
    }
    first.set(key, i);
    const set = (cells.indicator[i] as number) * 10_000 + (cells.year[i] as number);
    perSet.set(set, (perSet.get(set) ?? 0) + 1);
  }

  // The stored figures of the file's (indicator, year) sets, a chunk of sets at a time, compared as they come.
  const compare = (stored: StoredCell) => {
    const key = (stored.ind * cells.units.length + stored.unit) * PERIODS + stored.year * 12 + stored.month - 1;
    const i = first.get(key);
    if (i === undefined) return;
    const value = cells.value[i] as number;
    if (stored.verified && !scope.all && stored.value !== value) {
      const d = describe(i);
      errors.push(
        rowError(cells.row[i] as number, 'unit', 'FIGURE_VERIFIED', {
          'zh-CN': `「${d.unit}」「${d.indicator}」${d.year} 年 ${d.month} 月的数据已由指挥部办公室核定，不能再修改`,
          'en-US': `The HQ office has verified "${d.unit}", "${d.indicator}", ${periodLabel(d.year, d.month)}; it can no longer be changed here`,
        }),
      );
      status[i] = DROPPED;
      return;
    }
    previous[i] = stored.value;
    status[i] =
      stored.value === value && stored.reported_yoy === cells.yoyAt(i) && stored.reported ? UNCHANGED : UPDATE;
  };
  // Units by their position in the file's list, so a stored row comes back as numbers only.
  const unitIds = cells.units.map((u) => u.id);
  let ids: string[] = [];
  let positions: number[] = [];
  let years: number[] = [];
  let pending = 0;
  const readChunk = async () => {
    const result = await sql<StoredCell>`
      SELECT k.ind::int AS ind, (u.n - 1)::int AS unit, f.year, f.month, f.value, f.reported_yoy,
             f.state = 'verified' AS verified, f.state = 'reported' AS reported
        FROM unnest(${ids}::uuid[], ${positions}::int[], ${years}::int[]) AS k(indicator_id, ind, year)
        JOIN indicator_figures f ON f.indicator_id = k.indicator_id AND f.year = k.year
        JOIN unnest(${unitIds}::uuid[]) WITH ORDINALITY AS u(id, n) ON u.id = f.unit_id`.execute(db);
    for (const stored of result.rows) compare(stored);
    ids = [];
    positions = [];
    years = [];
    pending = 0;
  };
  for (const [set, count] of perSet) {
    const ind = Math.floor(set / 10_000);
    ids.push((cells.indicators[ind] as IndicatorRef).id);
    positions.push(ind);
    years.push(set % 10_000);
    pending += count;
    if (pending >= CHUNK) await readChunk();
  }
  if (pending > 0) await readChunk();

  const changes: ChangeCounts = { create: 0, update: 0, unchanged: 0 };
  const sample: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const s = status[i] as number;
    if (s === DROPPED) continue;
    const change = CHANGE_NAMES[s as 0 | 1 | 2];
    changes[change]++;
    if (sample.length < 10) {
      const d = describe(i);
      const before = previous[i] as number;
      sample.push({
        row: cells.row[i],
        unit: d.unit,
        indicator: d.indicator,
        period: periodLabel(d.year, d.month),
        value: cells.value[i],
        reportedYoy: cells.yoyAt(i),
        previous: Number.isNaN(before) ? null : before,
        change,
      });
    }
  }
  return { errors, payload: encodePayload(cells, (i) => status[i] !== DROPPED), changes, groups: [], sample };
}

/** The stored figures of the given cells, locked (a unit's own staff commits: deadlines and verifications again). */
async function lockedFigures(tx: Tx, rows: readonly FigureInput[]) {
  const result = await sql<{
    indicator_id: string;
    unit_id: string;
    year: number;
    month: number;
    value: number;
    state: string;
  }>`
    SELECT f.indicator_id, f.unit_id, f.year, f.month, f.value, f.state
      FROM unnest(${rows.map((r) => r.indicatorId)}::uuid[], ${rows.map((r) => r.unitId)}::uuid[],
                  ${rows.map((r) => r.year)}::int[], ${rows.map((r) => r.month)}::int[]) AS k(indicator_id, unit_id, year, month)
      JOIN indicator_figures f
        ON f.indicator_id = k.indicator_id AND f.unit_id = k.unit_id AND f.year = k.year AND f.month = k.month
      FOR UPDATE OF f`.execute(tx);
  return new Map(result.rows.map((f) => [`${f.indicator_id}|${f.unit_id}|${f.year}|${f.month}`, f]));
}

/**
 * Commit: the same checks again under the transaction (data and deadlines may have moved), then the writes, a chunk
 * at a time in the commit's one transaction (an error in any chunk undoes them all).
 */
export async function applyFigures(
  tx: Tx,
  ctx: AuthedContext,
  payload: Payload,
  importId: string,
): Promise<{ changes: ChangeCounts; groups: [] }> {
  const now = ctx.audit.clock.now();
  const scope = await scopeFor(tx, { ctx, now });
  const written = { created: 0, updated: 0, conflicts: 0, rows: 0 };
  const periods = new Set<string>();
  for (const rows of payloadChunks(payload)) {
    if (!scope.all) {
      // A unit's own staff: the deadline and HQ's verifications again, the cells locked (HQ may write over anything;
      // writeFigures decides cell by cell under its own row locks).
      const stored = await lockedFigures(tx, rows);
      for (const r of rows) {
        if (scope.today > reportDeadline(r.year, r.month, scope.reportDay)) {
          throw new DomainError('FIGURE_DEADLINE_PASSED', { year: r.year, month: r.month, row: r.importRow });
        }
        const before = stored.get(`${r.indicatorId}|${r.unitId}|${r.year}|${r.month}`);
        if (before?.state === 'verified' && before.value !== r.value) {
          throw new DomainError('FIGURE_VERIFIED', { row: r.importRow });
        }
      }
    }
    const counted = await writeFiguresCounted(tx, rows, {
      source: 'import',
      importId,
      state: 'reported',
      byUser: ctx.actor.userId,
      now,
    });
    written.created += counted.created;
    written.updated += counted.updated;
    written.conflicts += counted.conflicts;
    written.rows += rows.length;
    for (const r of rows) if (periods.size < 50) periods.add(periodLabel(r.year, r.month));
  }
  const { created, updated, conflicts } = written;
  const changes = { create: created, update: updated, unchanged: written.rows - created - updated };
  if (created + updated > 0) {
    await appendAudit(tx, ctx.audit, {
      action: 'figure.import',
      entityType: 'import',
      entityId: importId,
      unitId: scope.all ? null : (ctx.actor.unitId ?? null),
      after: { ...changes, conflicts, periods: [...periods] },
    });
  }
  return { changes, groups: [] };
}
