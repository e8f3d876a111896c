/**
 * The cockpit on the real database, over the demo figures (seedDemoIndicators with the clock at 2026-11-05, so the
 * latest published month is September 2026 and October's deadline, 10 November, is still ahead): the city
 * headline matches the seed (2025 retail 6416.06 亿元 +4.1 %, trade 2363.8 亿元) and the sum of the counties; the
 * indicator table ranks and shares; the planted YoY mismatch is flagged; the league table scores and exports;
 * counties enter their own figures before the deadline and only theirs; HQ verifies; an import over an entry is
 * flagged; drill-down shows the history within scope; targets are versioned and confirmed.
 */
import type {
  CockpitSettingsT,
  EntryFormT,
  FigureDetailT,
  IndicatorT,
  IndicatorTableT,
  LeagueT,
  TargetT,
  UnitT,
} from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../src/jobs/runner';
import { systemContext } from '../src/lib/audit';
import { writeFigures } from '../src/modules/indicators/indicators.repository';
import { seedDemoIndicators } from '../src/seed/demo-indicators';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string } };
type CockpitT = {
  year: number;
  month: number;
  timeProgress: number;
  headline: {
    indicator: { code: string };
    city: { value: number | null; yoy: number | null; completion: number | null; light: string | null };
    consistency: { ok: boolean; sumOfCounties: number; city: number | null } | null;
  }[];
  dispatch: { open: number; red: number; onTimeRate: number | null };
  conflicts: number;
};

let t: TestApp;
let hq: Client;
let leader: Client;
let jinjiang: Client;
let shishi: Client;
let indicators: Map<string, IndicatorT>;
let units: Map<string, UnitT>;
const ind = (code: string) => (indicators.get(code) as IndicatorT).id;
const unit = (code: string) => (units.get(code) as UnitT).id;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-05T10:00:00+08:00'));
  const seeded = await seedDemoIndicators(t.database.db, systemContext(t.clock, 'seed'));
  expect(seeded.indicators).toBe(10);
  hq = await signIn(t.app, 'hq');
  leader = await signIn(t.app, 'leader');
  jinjiang = await signIn(t.app, 'jinjiang');
  shishi = await signIn(t.app, 'shishi');
  const list = await leader.get<{ items: IndicatorT[] }>('/api/v1/indicators');
  indicators = new Map(list.body.items.map((i) => [i.code, i]));
  const u = await hq.get<{ items: UnitT[] }>('/api/v1/units?pageSize=100');
  units = new Map(u.body.items.map((x) => [x.code, x]));
}, 120_000);
afterAll(() => t?.close());

describe('the city headline', () => {
  it('shows 2025 as the seed says: retail 6416.06 亿元 +4.1 %, trade 2363.8 亿元, equal to the sum of the counties', async () => {
    const res = await leader.get<CockpitT>('/api/v1/cockpit?year=2025&month=12');
    expect(res.status).toBe(200);
    const retail = res.body.headline.find((h) => h.indicator.code === 'retail_sales');
    expect(retail?.city.value).toBeCloseTo(6416.06, 2);
    expect(retail?.city.yoy).toBeCloseTo(4.1, 1);
    expect(retail?.consistency?.ok).toBe(true);
    expect(retail?.consistency?.sumOfCounties).toBeCloseTo(6416.06, 1);
    const trade = res.body.headline.find((h) => h.indicator.code === 'trade_total');
    expect(trade?.city.value).toBeCloseTo(2363.8, 1);
    expect(res.body.timeProgress).toBe(100);
  });

  it('defaults to the latest published month, with time progress and completion against the target', async () => {
    const res = await leader.get<CockpitT>('/api/v1/cockpit');
    expect(res.status).toBe(200);
    expect([res.body.year, res.body.month]).toEqual([2026, 9]);
    expect(res.body.timeProgress).toBeCloseTo(75, 5);
    const retail = res.body.headline.find((h) => h.indicator.code === 'retail_sales');
    expect(retail?.city.completion).toBeGreaterThan(50);
    expect(retail?.city.completion).toBeLessThan(100);
    expect(['green', 'yellow', 'red']).toContain(retail?.city.light);
    expect(res.body.dispatch.open).toBeGreaterThanOrEqual(0);
  });

  it('refuses a month out of range with a 400 naming it', async () => {
    const res = await leader.get<Err>('/api/v1/cockpit?year=2026&month=13');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('one indicator across the counties', () => {
  it('ranks the 13 counties by value, their shares add up to the city, and flags the planted YoY mismatch', async () => {
    const res = await leader.get<IndicatorTableT>(
      `/api/v1/cockpit/indicator?indicatorId=${ind('retail_sales')}&year=2026&month=3`,
    );
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(13);
    const ranks = res.body.rows.map((r) => r.cell.rank).sort((a, b) => (a ?? 99) - (b ?? 99));
    expect(ranks[0]).toBe(1);
    const byRank = [...res.body.rows].sort((a, b) => (a.cell.rank ?? 99) - (b.cell.rank ?? 99));
    for (let n = 1; n < byRank.length; n += 1) {
      expect(byRank[n - 1]?.cell.value ?? 0).toBeGreaterThanOrEqual(byRank[n]?.cell.value ?? 0);
    }
    const shares = res.body.rows.reduce((s, r) => s + (r.cell.share ?? 0), 0);
    expect(shares).toBeCloseTo(100, 1);
    const flagged = res.body.rows.filter((r) => r.cell.yoyMismatch).map((r) => r.unit.code);
    expect(flagged).toEqual(['JINJIANG']);
  });

  it('answers 404 for an unknown indicator', async () => {
    const res = await leader.get<Err>('/api/v1/cockpit/indicator?indicatorId=00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });
});

describe('the league table', () => {
  it('scores the 13 counties from the configured components, best first, and exports them', async () => {
    const res = await leader.get<LeagueT>('/api/v1/cockpit/league?board=county&year=2026&month=9');
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(13);
    expect(res.body.columns.length).toBeGreaterThanOrEqual(6);
    expect(res.body.rows[0]?.rank).toBe(1);
    const scores = res.body.rows.map((r) => r.score ?? -1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeLessThanOrEqual(100);
    const xlsx = await leader.get(`/api/v1/cockpit/league.xlsx?board=county&year=2026&month=9`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });

  it('ranks the working groups by delivery metrics', async () => {
    const res = await leader.get<LeagueT>('/api/v1/cockpit/league?board=working_group&year=2026&month=9');
    expect(res.status).toBe(200);
    expect(res.body.rows.length).toBe(8);
    expect(res.body.columns.every((c) => c.kind === 'metric')).toBe(true);
  });

  it('takes its weights from the settings, which refuse an unknown indicator', async () => {
    const current = await hq.get<{ settings: CockpitSettingsT; version: number }>('/api/v1/settings/cockpit');
    const bad = {
      ...current.body.settings,
      leagues: {
        ...current.body.settings.leagues,
        county: [{ kind: 'indicator', indicator: 'no_such', measure: 'value', weight: 10 }],
      },
    };
    const refused = await hq.put<Err>('/api/v1/settings/cockpit', { settings: bad, version: current.body.version });
    expect(refused.status).toBe(400);
    const only = {
      ...current.body.settings,
      leagues: {
        ...current.body.settings.leagues,
        county: [{ kind: 'indicator', indicator: 'exports', measure: 'value', weight: 1 }],
      },
    };
    const saved = await hq.put('/api/v1/settings/cockpit', { settings: only, version: current.body.version });
    expect(saved.status).toBe(200);
    const league = await leader.get<LeagueT>('/api/v1/cockpit/league?board=county&year=2026&month=9');
    expect(league.body.columns.map((c) => c.key)).toEqual(['exports.value']);
    const table = await leader.get<IndicatorTableT>(
      `/api/v1/cockpit/indicator?indicatorId=${ind('exports')}&year=2026&month=9`,
    );
    const best = table.body.rows.find((r) => r.cell.rank === 1);
    expect(league.body.rows[0]?.unit.code).toBe(best?.unit.code);
    const stale = await hq.put<Err>('/api/v1/settings/cockpit', { settings: only, version: current.body.version });
    expect(stale.status).toBe(409);
    const back = await hq.put('/api/v1/settings/cockpit', {
      settings: current.body.settings,
      version: current.body.version + 1,
    });
    expect(back.status).toBe(200);
    const leaderTries = await leader.put<Err>('/api/v1/settings/cockpit', {
      settings: current.body.settings,
      version: current.body.version + 2,
    });
    expect(leaderTries.status).toBe(403);
  });
});

describe('time progress by working days', () => {
  it('counts the working days of the calendar (holidays, make-up days) instead of months when so configured', async () => {
    const current = await hq.get<{ settings: CockpitSettingsT; version: number }>('/api/v1/settings/cockpit');
    const set = await hq.put('/api/v1/settings/cockpit', {
      settings: { ...current.body.settings, timeProgress: 'working_days' },
      version: current.body.version,
    });
    expect(set.status).toBe(200);
    const sept = await leader.get<CockpitT>('/api/v1/cockpit?year=2025&month=9');
    const dec = await leader.get<CockpitT>('/api/v1/cockpit?year=2025&month=12');
    expect(dec.body.timeProgress).toBe(100);
    // 2025 under the State Council's notice: 261 weekdays − 18 holidays on weekdays + 5 make-up Sundays/Saturdays
    // = 248 working days, 187 of them by 30 September (Sep 28 a make-up day, October's holidays after) — not 75 %.
    expect(sept.body.timeProgress).toBeCloseTo((187 / 248) * 100, 6);
    await hq.put('/api/v1/settings/cockpit', {
      settings: current.body.settings,
      version: current.body.version + 1,
    });
  });
});

describe('figure entry', () => {
  it('lets a county enter its own October figures before the deadline, versioned and all or nothing', async () => {
    const form = await jinjiang.get<EntryFormT>(`/api/v1/figure-entry?unitId=${unit('JINJIANG')}&year=2026&month=10`);
    expect(form.status).toBe(200);
    expect(form.body.deadline).toBe('2026-11-10');
    // Quarterly indicators are not due in October.
    expect(form.body.rows.map((r) => r.indicator.code)).not.toContain('overseas_warehouses');
    const retail = form.body.rows.find((r) => r.indicator.code === 'retail_sales');
    expect(retail?.figure).toBeNull();
    expect(retail?.lastYearValue).toBeGreaterThan(0);
    expect(retail?.locked).toBeNull();

    const before = await domainSnapshot(t.database);
    const notDue = await jinjiang.put<Err>('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 10,
      entries: [
        { indicatorId: ind('retail_sales'), value: 1500 },
        { indicatorId: ind('overseas_warehouses'), value: 40 },
      ],
    });
    expect(notDue.status).toBe(400);
    expect(notDue.body.error.code).toBe('INDICATOR_NOT_DUE');
    expect(await domainSnapshot(t.database)).toEqual(before);

    const saved = await jinjiang.put<EntryFormT>('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 10,
      entries: [{ indicatorId: ind('retail_sales'), value: 1500.5, reportedYoy: 4.2 }],
    });
    expect(saved.status).toBe(200);
    const fig = saved.body.rows.find((r) => r.indicator.code === 'retail_sales')?.figure;
    expect(fig).toMatchObject({ value: 1500.5, reportedYoy: 4.2, source: 'entry', state: 'reported', version: 1 });

    const stale = await jinjiang.put<Err>('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 10,
      entries: [{ indicatorId: ind('retail_sales'), value: 1501 }],
    });
    expect(stale.status).toBe(409);
  });

  it('refuses another county’s form (404), a month not ended, and a late entry; HQ may still correct', async () => {
    const other = await shishi.get(`/api/v1/figure-entry?unitId=${unit('JINJIANG')}&year=2026&month=10`);
    expect(other.status).toBe(404);
    const future = await jinjiang.put<Err>('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 11,
      entries: [{ indicatorId: ind('retail_sales'), value: 1 }],
    });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('PERIOD_IN_FUTURE');
    const late = await jinjiang.withLocale('en-US').put<Err>('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 8,
      entries: [{ indicatorId: ind('exports'), value: 1, version: 1 }],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('FIGURE_DEADLINE_PASSED');
    expect(late.body.error.message).toMatch(/deadline/);
  });

  it('HQ verifies the month; the county can no longer change a verified figure', async () => {
    const verified = await hq.post<{ changed: number }>('/api/v1/indicator-figures/verify', {
      year: 2026,
      month: 10,
      unitId: unit('JINJIANG'),
    });
    expect(verified.status).toBe(200);
    expect(verified.body.changed).toBe(1);
    const form = await jinjiang.get<EntryFormT>(`/api/v1/figure-entry?unitId=${unit('JINJIANG')}&year=2026&month=10`);
    const row = form.body.rows.find((r) => r.indicator.code === 'retail_sales');
    expect(row?.locked).toBe('verified');
    const refused = await jinjiang.put<Err>('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 10,
      entries: [{ indicatorId: ind('retail_sales'), value: 1400, version: row?.figure?.version }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('FIGURE_VERIFIED');
    const county = await jinjiang.post('/api/v1/indicator-figures/verify', { year: 2026, month: 10 });
    expect(county.status).toBe(403);
  });

  it('flags an import that differs from the entry, and drill-down shows the whole history within scope', async () => {
    const now = t.clock.now();
    await t.database.db.transaction().execute(async (tx) => {
      const entered = await writeFigures(
        tx,
        [
          {
            indicatorId: ind('exports'),
            unitId: unit('JINJIANG'),
            year: 2026,
            month: 10,
            value: 300,
            reportedYoy: null,
          },
        ],
        { source: 'entry', importId: null, state: 'reported', byUser: null, now },
      );
      expect(entered).toHaveLength(1);
      const imported = await writeFigures(
        tx,
        [{ indicatorId: ind('exports'), unitId: unit('JINJIANG'), year: 2026, month: 10, value: 310, reportedYoy: 5 }],
        { source: 'import', importId: null, state: 'reported', byUser: null, now },
      );
      expect(imported[0]).toMatchObject({ value: 310, conflictValue: 300, version: 2 });
      const again = await writeFigures(
        tx,
        [{ indicatorId: ind('exports'), unitId: unit('JINJIANG'), year: 2026, month: 10, value: 310, reportedYoy: 5 }],
        { source: 'import', importId: null, state: 'reported', byUser: null, now },
      );
      expect(again).toHaveLength(0);
    });
    const cockpit = await leader.get<CockpitT>('/api/v1/cockpit?year=2026&month=10');
    expect(cockpit.body.conflicts).toBe(1);
    const list = await jinjiang.get<{ items: { id: string; conflictValue: number | null }[]; total: number }>(
      '/api/v1/indicator-figures?year=2026&month=10&conflict=true',
    );
    expect(list.body.total).toBe(1);
    const id = list.body.items[0]?.id as string;
    const detail = await leader.get<FigureDetailT>(`/api/v1/indicator-figures/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((h) => [h.version, h.source, h.value])).toEqual([
      [2, 'import', 310],
      [1, 'entry', 300],
    ]);
    expect((await shishi.get(`/api/v1/indicator-figures/${id}`)).status).toBe(404);
    const own = await shishi.get<{ items: { unitId: string }[] }>('/api/v1/indicator-figures?year=2026&month=9');
    expect(own.body.items.every((f) => f.unitId === unit('SHISHI'))).toBe(true);
  });
});

describe('indicators and targets', () => {
  it('creates an indicator (code unique), changes it with its version, and refuses others', async () => {
    const body = {
      code: 'exhibitions',
      nameZh: '境外展会参展数',
      nameEn: 'Overseas exhibitions attended',
      measureUnit: '个',
      frequency: 'quarterly',
      kind: 'ytd_cumulative',
      direction: 'higher',
      decimals: 0,
      additive: true,
      responsibleUnitId: null,
    };
    const created = await hq.post<IndicatorT>('/api/v1/indicators', body);
    expect(created.status).toBe(201);
    const dup = await hq.post<Err>('/api/v1/indicators', body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('INDICATOR_CODE_TAKEN');
    const changed = await hq.patch<IndicatorT>(`/api/v1/indicators/${created.body.id}`, {
      version: 1,
      nameEn: 'Exhibitions abroad',
    });
    expect(changed.body).toMatchObject({ version: 2, nameEn: 'Exhibitions abroad', code: 'exhibitions' });
    const stale = await hq.patch(`/api/v1/indicators/${created.body.id}`, { version: 1, nameEn: 'x' });
    expect(stale.status).toBe(409);
    expect((await jinjiang.post('/api/v1/indicators', { ...body, code: 'other' })).status).toBe(403);
  });

  it('sets a target (growth → its value from last year), keeps its history, confirms the drafts', async () => {
    const put = await hq.put<TargetT>('/api/v1/indicator-targets', {
      indicatorId: ind('imports'),
      unitId: unit('LUOJIANG'),
      year: 2027,
      kind: 'growth',
      value: 3,
    });
    expect(put.status).toBe(200);
    expect(put.body.state).toBe('draft');
    const exists = await hq.put<Err>('/api/v1/indicator-targets', {
      indicatorId: ind('imports'),
      unitId: unit('LUOJIANG'),
      year: 2027,
      kind: 'value',
      value: 10,
    });
    expect(exists.status).toBe(409);
    const this2026 = await leader.get<{ items: TargetT[] }>(
      `/api/v1/indicator-targets?year=2026&indicatorId=${ind('retail_sales')}`,
    );
    const city = this2026.body.items.find((x) => x.unitId === unit('HQ'));
    expect(city?.kind).toBe('growth');
    expect(city?.targetValue).toBeCloseTo(6416.06 * 1.05, 1);
    const confirmed = await hq.post<{ changed: number }>('/api/v1/indicator-targets/confirm', { year: 2027 });
    expect(confirmed.body.changed).toBe(1);
    const history = await leader.get<{ items: { version: number; state: string }[] }>(
      `/api/v1/indicator-targets/${put.body.id}/changes`,
    );
    expect(history.body.items.map((h) => [h.version, h.state])).toEqual([
      [2, 'confirmed'],
      [1, 'draft'],
    ]);
  });
});

describe('the bulletin', () => {
  it('carries the county league table of the latest month with figures up to its period', async () => {
    const started = await hq.post<{ id: string }>('/api/v1/bulletins', { periodKind: 'month', anchor: '2026-10-15' });
    expect(started.status).toBe(202);
    await t.app.services.tasks.drain();
    const task = await hq.get<{ state: string; result: { bulletinId: string } }>(`/api/v1/tasks/${started.body.id}`);
    expect(task.body.state).toBe('succeeded');
    const detail = await hq.get<{ sections: { league?: LeagueT | null } }>(
      `/api/v1/bulletins/${task.body.result.bulletinId}`,
    );
    const league = detail.body.sections.league;
    // October has only 晋江市's entries (above): September is the latest month the counties have reported.
    expect([league?.year, league?.month]).toEqual([2026, 9]);
    expect(league?.rows).toHaveLength(13);
    const early = await hq.post<{ id: string }>('/api/v1/bulletins', {
      periodKind: 'custom',
      from: '2023-03-01',
      to: '2023-03-31',
    });
    await t.app.services.tasks.drain();
    const earlyTask = await hq.get<{ result: { bulletinId: string } }>(`/api/v1/tasks/${early.body.id}`);
    const none = await hq.get<{ sections: { league?: LeagueT | null } }>(
      `/api/v1/bulletins/${earlyTask.body.result.bulletinId}`,
    );
    expect(none.body.sections.league).toBeNull();
  });
});

describe('reminders before the deadline', () => {
  it('tell each county still missing figures, in the last days before the deadline, once per month', async () => {
    const deps = { db: t.database.db, clock: t.clock };
    const real = t.clock.now();
    const count = async (username: string) =>
      (
        await t.database.pool.query<{ n: number; missing: number }>(
          `SELECT count(*)::int AS n, max((params->>'missing')::int) AS missing FROM notifications
            WHERE event_type = 'figures_due' AND user_id = (SELECT id FROM users WHERE username = $1)`,
          [username],
        )
      ).rows[0];
    try {
      t.clock.set(new Date('2026-11-05T10:00:00+08:00')); // 5 days before 10 November: not yet
      expect(await runJob('figure_reminders', deps)).toEqual({ period: null, notified: 0 });
      t.clock.set(new Date('2026-11-08T10:00:00+08:00'));
      const first = (await runJob('figure_reminders', deps)) as { period: string; notified: number };
      expect(first.period).toBe('2026-10');
      const countyUsers = (
        await t.database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM users u JOIN units c ON c.id = u.unit_id AND c.type = 'county'
            WHERE u.status IN ('active', 'pending') AND u.roles && ARRAY['unit_admin', 'unit_staff']::text[]`,
        )
      ).rows[0]?.n;
      expect(first.notified).toBe(countyUsers);
      // Three days on, the sessions of the other tests have timed out: sign in again.
      const shishiNow = await signIn(t.app, 'shishi');
      const form = await shishiNow.get<EntryFormT>(`/api/v1/figure-entry?unitId=${unit('SHISHI')}&year=2026&month=10`);
      expect(await count('shishi')).toEqual({ n: 1, missing: form.body.rows.length });
      // 晋江市 entered two figures above: it is told of the rest.
      expect((await count('jinjiang'))?.missing).toBe(form.body.rows.length - 2);
      expect(await runJob('figure_reminders', deps)).toEqual({ period: '2026-10', notified: 0 });
      const seen = await shishiNow.get<{ items: { eventType: string; text: string }[] }>('/api/v1/notifications');
      expect(seen.body.items.find((n) => n.eventType === 'figures_due')?.text).toBe(
        `请于 2026-11-10 前报送 2026 年 10 月统计数据（尚缺 ${form.body.rows.length} 项）`,
      );
    } finally {
      t.clock.set(real);
    }
  });
});
