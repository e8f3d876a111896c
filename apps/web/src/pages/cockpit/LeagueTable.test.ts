import { describe, expect, it } from 'vitest';
import { componentName, leagueLayout, UNIT_WIDTH } from './LeagueTable';
import type { LeagueColumnT } from './types';

// Rank 56 + unit (104 in Chinese, 132 in English) + score 72 beside the components; a component column is at least
// 88 px wide.
describe('leagueLayout: the league table never scrolls sideways', () => {
  it('shows every component when they fit, sharing the width (at most 140 px each)', () => {
    // The cockpit at 1280 px: the card's table is ≈ 990 px wide, eight components of the default county league.
    expect(leagueLayout(990, 8)).toEqual({ shown: 8, columnWidth: 94 });
    expect(leagueLayout(990, 8, UNIT_WIDTH['en-US'])).toEqual({ shown: 8, columnWidth: 91 });
    expect(leagueLayout(1600, 3)).toEqual({ shown: 3, columnWidth: 140 });
  });

  it('moves the components that do not fit into the expanded row, which takes a column of its own', () => {
    // 12 components in 990 px: (990 − 232 − 40) / 88 → 8 shown, the other 4 under each unit.
    expect(leagueLayout(990, 12)).toEqual({ shown: 8, columnWidth: 89 });
    // A phone: none fits beside rank, unit and score.
    expect(leagueLayout(320, 8)).toEqual({ shown: 0, columnWidth: 88 });
  });

  it('shows all before the width is known, and copes with no components', () => {
    expect(leagueLayout(0, 8)).toEqual({ shown: 8, columnWidth: 88 });
    expect(leagueLayout(990, 0)).toEqual({ shown: 0, columnWidth: 88 });
  });
});

describe('componentName: the header names the indicator, its measure on a line of its own', () => {
  const column = (over: Partial<LeagueColumnT>): LeagueColumnT => ({
    key: 'exports.growth',
    kind: 'indicator',
    indicatorId: null,
    measure: 'growth',
    labelZh: '出口额增速',
    labelEn: 'Exports (growth)',
    unit: '%',
    decimals: 1,
    weight: 15,
    ...over,
  });
  it('drops the measure from an indicator’s label', () => {
    expect(componentName(column({}), 'zh-CN', '增速')).toBe('出口额');
    expect(componentName(column({}), 'en-US', '增速')).toBe('Exports');
  });
  it('keeps a delivery metric’s label, and a label that is only the measure', () => {
    const metric = column({ kind: 'metric', key: 'dispatch.satisfaction', labelZh: '满意率', labelEn: 'Satisfaction' });
    expect(componentName(metric, 'zh-CN', '满意率')).toBe('满意率');
    expect(componentName(metric, 'en-US', '')).toBe('Satisfaction');
    expect(componentName(column({ labelZh: '增速' }), 'zh-CN', '增速')).toBe('增速');
  });
});
