import type { RouteResponse } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { changedEntries } from './EntryPanel';

type Row = RouteResponse<'getEntryForm'>['rows'][number];
const row = (id: string, over: Partial<Row> = {}): Row =>
  ({
    indicator: { id, code: id, decimals: 2 },
    figure: null,
    lastYearValue: 100,
    locked: null,
    ...over,
  }) as Row;
const figure = (value: number, version = 3) => ({ value, reportedYoy: null, version }) as unknown as Row['figure'];

describe('changedEntries', () => {
  it('sends new and changed values (with the version read), rounded to the decimals', () => {
    const rows = [row('a'), row('b', { figure: figure(10) }), row('c', { figure: figure(5) })];
    const drafts = {
      a: { value: 1.234, reportedYoy: null },
      b: { value: 11, reportedYoy: 4.16 },
      c: { value: 5, reportedYoy: null },
    };
    expect(changedEntries(rows, drafts)).toEqual([
      { indicatorId: 'a', value: 1.23, reportedYoy: null },
      { indicatorId: 'b', value: 11, reportedYoy: 4.2, version: 3 },
    ]);
  });
  it('skips locked rows and empty inputs', () => {
    const rows = [
      row('a', { locked: 'deadline_passed' }),
      row('b', { locked: 'verified', figure: figure(1) }),
      row('c'),
    ];
    const drafts = {
      a: { value: 1, reportedYoy: null },
      b: { value: 2, reportedYoy: null },
      c: { value: null, reportedYoy: 3 },
    };
    expect(changedEntries(rows, drafts)).toEqual([]);
  });
});
