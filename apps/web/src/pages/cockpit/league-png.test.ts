import { describe, expect, it } from 'vitest';
import { type LeaguePngTexts, leagueCells } from './league-png';
import type { LeagueData } from './types';

const unit = (code: string, nameZh: string) => ({ unitId: code, code, nameZh, nameEn: code, divisionCode: null });

const league: LeagueData = {
  board: 'county',
  year: 2026,
  month: 10,
  timeProgress: 83.3,
  columns: [
    {
      key: 'retail_sales:completion',
      kind: 'indicator',
      indicatorId: null,
      measure: 'completion',
      labelZh: '社零完成率',
      labelEn: 'Retail completion',
      unit: '%',
      decimals: 1,
      weight: 20,
    },
  ],
  rows: [
    {
      unit: unit('LJ', '洛江区'),
      rank: 1,
      score: 77.46,
      cells: [{ value: 84.91, rank: 1, light: 'green', figureId: null }],
    },
    {
      unit: unit('NA', '南安市'),
      rank: null,
      score: null,
      cells: [{ value: null, rank: null, light: null, figureId: null }],
    },
  ],
};

const texts: LeaguePngTexts = {
  title: '争先榜',
  footer: '',
  rank: '名次',
  unit: '单位',
  score: '综合得分',
  columnLabel: (c) => `${c.labelZh}\n${c.unit}`,
  unitName: (u) => u.nameZh,
};

describe('the league table as a picture', () => {
  it('writes the header and each row as the page shows them, — for no value', () => {
    expect(leagueCells(league, texts)).toEqual([
      ['名次', '单位', '综合得分', '社零完成率\n%'],
      ['1', '洛江区', '77.5', '84.9'],
      ['—', '南安市', '—', '—'],
    ]);
  });
});
