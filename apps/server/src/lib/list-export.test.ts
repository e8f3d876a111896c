import { describe, expect, it } from 'vitest';
import { pagedRows, sheetIn } from './list-export';

/** A list of `total` rows read the way a repository pages it; the offsets asked for are recorded. */
function list(total: number) {
  const asked: [number, number][] = [];
  const readPage = async (offset: number, limit: number) => {
    asked.push([offset, limit]);
    return Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
  };
  return { asked, readPage };
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('pagedRows', () => {
  it('reads page after page until a short page', async () => {
    const l = list(25);
    expect(await collect(pagedRows(l.readPage, { pageSize: 10 }))).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(l.asked).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
  });

  it('asks once more after an exactly full last page, and finds it empty', async () => {
    const l = list(20);
    expect(await collect(pagedRows(l.readPage, { pageSize: 10 }))).toHaveLength(20);
    expect(l.asked.at(-1)).toEqual([20, 10]);
  });

  it('stops at the cap, the last page cut to fit', async () => {
    const l = list(100);
    expect(await collect(pagedRows(l.readPage, { pageSize: 10, max: 25 }))).toHaveLength(25);
    expect(l.asked.at(-1)).toEqual([20, 5]);
  });
});

describe('sheetIn', () => {
  it('names the sheet and its columns in the caller’s language', () => {
    const sheet = sheetIn(
      'en-US',
      { 'zh-CN': '交办单', 'en-US': 'Orders' },
      [{ key: 'n', header: { 'zh-CN': '文号', 'en-US': 'Number' }, kind: 'string' }],
      [],
    );
    expect(sheet.name).toBe('Orders');
    expect(sheet.columns).toEqual([{ key: 'n', header: 'Number', width: undefined, kind: 'string' }]);
  });
});
