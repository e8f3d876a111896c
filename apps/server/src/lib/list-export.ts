/** Lists exported as spreadsheets: read page after page over the list's own order, capped, headers in one language. */
import type { Locale } from '@zaitun/contracts';
import type { ExportColumnKind, ExportSheet } from './xlsx';

/** The most rows one export writes (a filter narrows a bigger list). */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * Every row `readPage` gives, read `pageSize` at a time from offset 0, stopping at a short page or at `max` rows.
 * `readPage` must order its rows stably (a unique tie-breaker), or rows could repeat or go missing between pages.
 */
export async function* pagedRows<T>(
  readPage: (offset: number, limit: number) => Promise<readonly T[]>,
  { max = MAX_EXPORT_ROWS, pageSize = 1000 }: { max?: number; pageSize?: number } = {},
): AsyncGenerator<T> {
  for (let offset = 0; offset < max; offset += pageSize) {
    const limit = Math.min(pageSize, max - offset);
    const rows = await readPage(offset, limit);
    yield* rows;
    if (rows.length < limit) return;
  }
}

export interface BilingualColumn {
  key: string;
  header: Record<Locale, string>;
  width?: number;
  kind?: ExportColumnKind;
}

/** A sheet whose name and headers are given in both languages, written in `locale`'s. */
export function sheetIn(
  locale: Locale,
  name: Record<Locale, string>,
  columns: readonly BilingualColumn[],
  rows: ExportSheet['rows'],
): ExportSheet {
  return {
    name: name[locale],
    columns: columns.map((c) => ({ key: c.key, header: c.header[locale], width: c.width, kind: c.kind })),
    rows,
  };
}
