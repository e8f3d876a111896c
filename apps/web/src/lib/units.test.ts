import type { UnitT } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { buildUnitTree, filterUnits, subtreeIds, unitName } from './units';

function unit(id: string, parentId: string | null, nameZh: string, extra: Partial<UnitT> = {}): UnitT {
  return {
    id,
    code: id.toUpperCase(),
    nameZh,
    nameEn: `${id} en`,
    shortName: nameZh,
    type: 'working_group',
    parentId,
    divisionCode: null,
    sortOrder: 0,
    active: true,
    depth: 0,
    userCount: 0,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const units = [
  unit('hq', null, '总指挥部'),
  unit('office', 'hq', '总指挥部办公室'),
  unit('jj', 'hq', '晋江市', { divisionCode: '350582' }),
  unit('jj-a', 'jj', '晋江专班'),
  unit('ss', 'hq', '石狮市'),
];

describe('unit tree', () => {
  it('nests the flat list and keeps its order', () => {
    const [root, ...others] = buildUnitTree(units);
    expect(others).toHaveLength(0);
    expect(root?.children?.map((u) => u.id)).toEqual(['office', 'jj', 'ss']);
    expect(root?.children?.[1]?.children?.map((u) => u.id)).toEqual(['jj-a']);
  });

  it('makes a unit whose parent is missing a root', () => {
    expect(buildUnitTree(units.slice(2)).map((u) => u.id)).toEqual(['jj', 'ss']);
  });

  it('finds a subtree (the parents a move may not choose)', () => {
    expect([...subtreeIds(units, 'jj')].sort()).toEqual(['jj', 'jj-a']);
    expect(subtreeIds(units, 'hq').size).toBe(5);
  });

  it('filters by name or division code, keeping ancestors', () => {
    expect(filterUnits(units, '专班').map((u) => u.id)).toEqual(['hq', 'jj', 'jj-a']);
    expect(filterUnits(units, '350582').map((u) => u.id)).toEqual(['hq', 'jj']);
    expect(filterUnits(units, '  ')).toHaveLength(5);
  });

  it('names a unit in the UI language', () => {
    expect(unitName(units[2], 'zh-CN')).toBe('晋江市');
    expect(unitName(units[2], 'en-US')).toBe('jj en');
    expect(unitName({ nameZh: '鲤城区', nameEn: '' }, 'en-US')).toBe('鲤城区');
  });
});
