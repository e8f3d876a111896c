import { describe, expect, it } from 'vitest';
import { yoyGrowth, yoyMismatch } from '../modules/indicators/indicators.domain';
import { CITY, COUNTIES, type DemoFigure, planDemoIndicators } from './demo-indicators.plan';

const now = new Date('2026-11-28T09:00:00+08:00');
const plan = planDemoIndicators(now);
const fig = (indicator: string, unit: string, year: number, month: number) =>
  plan.figures.find((f) => f.indicator === indicator && f.unit === unit && f.year === year && f.month === month);

describe('the demo cockpit figures', () => {
  it('hold the seed’s city totals for 2025: retail 6416.06 亿元 (+4.1 %), imports + exports 2363.8 亿元', () => {
    expect(fig('retail_sales', CITY, 2025, 12)?.value).toBe(6416.06);
    expect(fig('retail_sales', CITY, 2024, 12)?.value).toBe(6163.36);
    expect(fig('retail_sales', CITY, 2025, 12)?.reportedYoy).toBe(4.1);
    expect(fig('trade_total', CITY, 2025, 12)?.value).toBe(2363.8);
  });

  it('make every additive city figure the sum of its 13 counties', () => {
    const byCell = new Map<string, DemoFigure[]>();
    for (const f of plan.figures) {
      const key = `${f.indicator}:${f.year}:${f.month}`;
      byCell.set(key, [...(byCell.get(key) ?? []), f]);
    }
    expect(byCell.size).toBeGreaterThan(200);
    for (const [key, cell] of byCell) {
      const city = cell.find((f) => f.unit === CITY);
      const counties = cell.filter((f) => f.unit !== CITY);
      expect(counties.length, key).toBe(COUNTIES.length);
      const sum = counties.reduce((s, f) => s + f.value, 0);
      expect(Math.abs((city?.value ?? 0) - sum), key).toBeLessThan(0.006);
    }
  });

  it('run two years and this year up to the last month published (October, on 28 November)', () => {
    const years = new Set(plan.figures.map((f) => f.year));
    expect([...years].sort()).toEqual([2024, 2025, 2026]);
    expect(fig('retail_sales', 'JINJIANG', 2026, 10)).toBeDefined();
    expect(fig('retail_sales', 'JINJIANG', 2026, 11)).toBeUndefined();
    // Before the 20th, the month before last is the latest.
    const early = planDemoIndicators(new Date('2026-11-12T09:00:00+08:00'));
    expect(Math.max(...early.figures.filter((f) => f.year === 2026).map((f) => f.month))).toBe(9);
    // In January the previous year is complete up to November.
    const january = planDemoIndicators(new Date('2027-01-25T09:00:00+08:00'));
    expect(Math.max(...january.figures.filter((f) => f.year === 2026).map((f) => f.month))).toBe(12);
  });

  it('give year-to-date series that grow month by month, stocks at their level, quarterly ones at quarter ends', () => {
    for (const unit of [CITY, ...COUNTIES]) {
      const series = plan.figures
        .filter((f) => f.indicator === 'trade_total' && f.unit === unit && f.year === 2025)
        .map((f) => f.value);
      expect(series).toHaveLength(12);
      for (let i = 1; i < series.length; i++) expect(series[i] as number).toBeGreaterThan(series[i - 1] as number);
    }
    const months = new Set(plan.figures.filter((f) => f.indicator === 'overseas_warehouses').map((f) => f.month));
    expect([...months].sort((a, b) => a - b)).toEqual([3, 6, 9, 12]);
    expect(fig('overseas_warehouses', CITY, 2025, 12)?.value).toBe(147);
    expect(Number.isInteger(fig('trade_enterprises', 'SHISHI', 2025, 7)?.value)).toBe(true);
  });

  it('report the bureau’s YoY as computed, except one planted cell for the cockpit to flag', () => {
    const base = (f: DemoFigure) => fig(f.indicator, f.unit, f.year - 1, f.month)?.value ?? null;
    const mismatched = plan.figures.filter((f) => yoyMismatch(yoyGrowth(f.value, base(f)), f.reportedYoy));
    expect(mismatched.map((f) => [f.indicator, f.unit, f.year, f.month])).toEqual([
      ['retail_sales', 'JINJIANG', 2026, 3],
    ]);
    expect(plan.figures.filter((f) => f.year === 2024).every((f) => f.reportedYoy === null)).toBe(true);
  });

  it('set this year’s targets: growth rates for the city and every county, one county’s still a draft', () => {
    const retail = plan.targets.filter((t) => t.indicator === 'retail_sales');
    expect(retail).toHaveLength(14);
    expect(retail.every((t) => t.year === 2026 && t.kind === 'growth')).toBe(true);
    expect(retail.find((t) => t.unit === CITY)?.value).toBe(5);
    expect(retail.filter((t) => t.state === 'draft').map((t) => t.unit)).toEqual(['ETDZ']);
  });

  it('is the same plan for the same day', () => {
    expect(planDemoIndicators(now)).toEqual(plan);
  });
});
