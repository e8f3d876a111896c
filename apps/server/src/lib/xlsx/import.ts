/**
 * Column-spec driven, streaming .xlsx reader: the first visible worksheet of an upload becomes validated plain
 * rows plus a list of per-cell problems with bilingual messages.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import yauzl, { type Entry } from 'yauzl';
import { XlsxError } from './errors';
import { checkXlsxLimits, type XlsxLimits } from './limits';
import { assertValidSpec, type Bilingual, type ColumnSpec, type ImportSpec, normalizeLabel } from './spec';

export type ImportValue = string | number | boolean | null;

export type RowErrorCode =
  | 'REQUIRED'
  | 'NOT_A_NUMBER'
  | 'NOT_AN_INTEGER'
  | 'NOT_A_DATE'
  | 'NOT_A_BOOLEAN'
  | 'NOT_IN_LIST'
  | 'TOO_LONG'
  | 'FORMULA_ERROR'
  | 'FORMULA_NOT_CALCULATED';

export interface ImportRow<K extends string> {
  /** The row number Excel shows. */
  rowNumber: number;
  /** Every key of the spec; `null` for an empty cell or a column absent from the file. Dates are `YYYY-MM-DD`. */
  values: Record<K, ImportValue>;
}

export interface ImportRowError<K extends string> {
  rowNumber: number;
  column: K | null;
  code: RowErrorCode;
  message: Bilingual;
}

export interface ImportResult<K extends string> {
  /** The rows without any error, in sheet order. Empty rows are skipped. */
  rows: ImportRow<K>[];
  /** Every problem found, in sheet order; a row listed here is not in `rows`. */
  errors: ImportRowError<K>[];
  sheetName: string;
  /** The header row's number and, per matched column, the title as written (`top/sub` under a two-level header). */
  header: { rowNumber: number; titles: Partial<Record<K, string>> };
  /** The text of each non-empty row above the header (titles such as `2026年1-9月…`, notes), cells joined by a space. */
  preamble: string[];
  /** sha256 of the uploaded bytes, hex (to recognise the same file uploaded twice). */
  fileHash: string;
}

/** How many non-empty rows at the top may precede the header (titles, notes). */
const HEADER_SCAN_ROWS = 10;
const PROGRESS_EVERY = 1000;
const SHOWN_VALUE_CHARS = 50;
const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31
const EXCEL_MIN_SERIAL = 61; // 1900-03-01: below it the 1900 leap-year bug shifts dates by one

/**
 * Reads the first visible worksheet of `buffer` against `spec`.
 *
 * - `checkXlsxLimits(buffer, limits)` runs first; nothing is parsed unless it passes.
 * - Header: the first of the top non-empty rows matching the most columns (by zh-CN or en-US title or an alias;
 *   whitespace of any width, case and full/half width ignored). A two-level header is understood: when the row
 *   above has values, a column is also known as `top/sub`, the top title carried right over blank (merged) cells,
 *   and a blank sub-title under a vertically merged top title takes the top title.
 * - Cells: formulas give their cached result, rich text and hyperlinks their text, dates `YYYY-MM-DD` (the
 *   calendar date shown in Excel, whatever the server's time zone), numbers typed as text are accepted; strings
 *   are trimmed.
 * - Throws `XlsxError`: the limit codes, `XLSX_HEADER_MISMATCH` (`details.missing` = required keys not found),
 *   `XLSX_TOO_MANY_ROWS` (more data rows than `spec.maxRows`; reading stops there), `XLSX_NOT_XLSX` for XML that
 *   cannot be read. Anything wrong in a row is reported in `errors` instead.
 */
export async function parseXlsx<K extends string>(
  buffer: Buffer,
  spec: ImportSpec<K>,
  limits: XlsxLimits,
  onProgress?: (rows: number) => void,
): Promise<ImportResult<K>> {
  assertValidSpec(spec);
  await checkXlsxLimits(buffer, limits);
  const fileHash = createHash('sha256').update(buffer).digest('hex');

  const opened = await openFirstVisibleSheet(buffer);
  try {
    const result = await readSheet(opened.worksheet, spec, opened.date1904, onProgress);
    return { ...result, sheetName: opened.name, fileHash };
  } catch (error) {
    if (error instanceof XlsxError) throw error;
    throw new XlsxError('XLSX_NOT_XLSX', { reason: 'unreadable-xml' }, { cause: error });
  } finally {
    opened.close();
  }
}

/** The parts of ExcelJS's stream reader driven here one by one (exceljs 4.4; see `openFirstVisibleSheet`). */
interface WorkbookReaderInternals {
  model?: { sheets?: { name: string; state?: string; rId?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    entry: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader & { name?: string } }>;
}

interface OpenedSheet {
  worksheet: ExcelJS.stream.xlsx.WorksheetReader;
  name: string;
  date1904: boolean;
  close(): void;
}

/** What ExcelJS treats as a worksheet part (unanchored, as there) and its number. */
const WORKSHEET_ENTRY = /xl\/worksheets\/sheet(\d+)[.]xml/;

/**
 * Opens the first visible worksheet for streaming, with the workbook, styles and shared strings read before it.
 *
 * ExcelJS's own driver reads the zip in file order and, when a sheet comes before the shared strings or the workbook
 * part, parks it in a temporary file or names it from a workbook not yet read — which under load raced with the
 * temporary file's deletion and gave different answers for the same file. Here the entries (already measured by
 * `checkXlsxLimits`) are taken from the central directory with yauzl in a fixed order and handed to ExcelJS's part
 * parsers: no temporary files, and only the one sheet the user means is ever inflated.
 */
async function openFirstVisibleSheet(buffer: Buffer): Promise<OpenedSheet> {
  const streams: Readable[] = [];
  const close = () => {
    for (const stream of streams) stream.destroy();
  };
  try {
    const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const open = async (name: string): Promise<Readable | undefined> => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const stream = await zip.openReadStreamPromise(entry);
      streams.push(stream);
      // ExcelJS decodes every chunk on its own: a character split between two chunks would become two U+FFFD.
      // Decoded here, the chunks arrive as whole characters.
      stream.setEncoding('utf8');
      return stream;
    };

    // ExcelJS is loaded on the first spreadsheet, not at start-up (≈ 25 MB resident).
    const { default: Excel } = await import('exceljs');
    const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as WorkbookReaderInternals;
    const rels = await open('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const workbook = await open('xl/workbook.xml');
    if (workbook) await reader._parseWorkbook(workbook);
    const styles = await open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    const sharedStrings = await open('xl/sharedStrings.xml');
    // In 'cache' mode this yields nothing; it fills the reader's shared-string table.
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));

    const sheet = firstVisibleSheet(reader, [...entries.keys()]);
    if (!sheet) throw new XlsxError('XLSX_NO_SHEET');
    const sheetStream = await open(sheet.entryName);
    const emitted = sheetStream && reader._parseWorksheet(sheetStream, sheet.no).next();
    if (!emitted || emitted.done) throw new XlsxError('XLSX_NO_SHEET');
    return {
      worksheet: emitted.value.value,
      name: emitted.value.value.name ?? `Sheet${sheet.no}`,
      date1904: reader.properties?.model?.date1904 === true,
      close,
    };
  } catch (error) {
    close();
    if (error instanceof XlsxError) throw error;
    throw new XlsxError('XLSX_NOT_XLSX', { reason: 'unreadable-xml' }, { cause: error });
  }
}

/**
 * The user means the leftmost visible tab. When no tab can be tied to a worksheet part, the first worksheet part in
 * the zip is taken (what ExcelJS would have emitted first).
 */
function firstVisibleSheet(
  reader: WorkbookReaderInternals,
  entryNames: string[],
): { no: string; entryName: string } | undefined {
  const parts = entryNames.flatMap((entryName) => {
    const no = WORKSHEET_ENTRY.exec(entryName)?.[1];
    return no === undefined ? [] : [{ no, entryName }];
  });
  for (const tab of reader.model?.sheets ?? []) {
    if (tab.state && tab.state !== 'visible') continue;
    const target = reader.workbookRels?.find((rel) => rel.Id === tab.rId)?.Target;
    // The same test ExcelJS uses to give a worksheet its tab name.
    const no = target === undefined ? undefined : /^worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
    const part = no === undefined ? undefined : parts.find((candidate) => candidate.no === no);
    if (part) return part;
  }
  return parts[0];
}

type SheetResult<K extends string> = Omit<ImportResult<K>, 'fileHash'>;

interface HeaderMatch<K extends string> {
  rowNumber: number;
  /** Spec key → 1-based column number in the sheet. */
  columns: Map<K, number>;
  /** Spec key → the title matched, as written. */
  titles: Map<K, string>;
}

async function readSheet<K extends string>(
  worksheet: ExcelJS.stream.xlsx.WorksheetReader,
  spec: ImportSpec<K>,
  date1904: boolean,
  onProgress: ((rows: number) => void) | undefined,
): Promise<Omit<SheetResult<K>, 'sheetName'>> {
  const labels = labelIndex(spec);
  const rows: ImportRow<K>[] = [];
  const errors: ImportRowError<K>[] = [];
  let dataRows = 0;
  let preamble: string[] = [];
  let header: HeaderMatch<K> | undefined;
  let best: HeaderMatch<K> | undefined;
  const top: ExcelJS.Row[] = [];

  const take = (row: ExcelJS.Row, match: HeaderMatch<K>) => {
    const read = readRow(row, match, spec, date1904);
    if (!read) return;
    dataRows++;
    if (dataRows > spec.maxRows) {
      throw new XlsxError('XLSX_TOO_MANY_ROWS', { limit: spec.maxRows, atRow: row.number });
    }
    if (read.errors.length > 0) errors.push(...read.errors);
    else rows.push({ rowNumber: row.number, values: read.values });
    if (onProgress && dataRows % PROGRESS_EVERY === 0) onProgress(dataRows);
  };
  const settle = () => {
    const match = acceptHeader(best, spec);
    preamble = top.filter((row) => row.number < match.rowNumber).map(rowText);
    for (const row of top) if (row.number > match.rowNumber) take(row, match);
    return match;
  };

  for await (const row of worksheet) {
    if (header) {
      take(row, header);
      continue;
    }
    if (!row.hasValues) continue;
    const previous = top.at(-1);
    top.push(row);
    const candidate = matchHeader(row, previous?.number === row.number - 1 ? previous : undefined, labels);
    if (!best || candidate.columns.size > best.columns.size) best = candidate;
    if (candidate.columns.size === spec.columns.length || top.length >= HEADER_SCAN_ROWS) header = settle();
  }
  if (!header) header = settle();
  onProgress?.(dataRows);
  return {
    rows,
    errors,
    header: { rowNumber: header.rowNumber, titles: Object.fromEntries(header.titles) as Partial<Record<K, string>> },
    preamble,
  };
}

function rowText(row: ExcelJS.Row): string {
  const parts: string[] = [];
  for (let col = 1; col <= row.cellCount; col++) {
    const text = headerText(row, col);
    if (text) parts.push(text);
  }
  return parts.join(' ');
}

function labelIndex<K extends string>(spec: ImportSpec<K>): Map<string, ColumnSpec<K>> {
  const index = new Map<string, ColumnSpec<K>>();
  for (const column of spec.columns) {
    for (const label of [column.header['zh-CN'], column.header['en-US'], ...(column.aliases ?? [])]) {
      index.set(normalizeLabel(label), column);
    }
  }
  return index;
}

function matchHeader<K extends string>(
  row: ExcelJS.Row,
  above: ExcelJS.Row | undefined,
  labels: Map<string, ColumnSpec<K>>,
): HeaderMatch<K> {
  const columns = new Map<K, number>();
  const titles = new Map<K, string>();
  const width = Math.max(row.cellCount, above?.cellCount ?? 0);
  let carried = '';
  for (let col = 1; col <= width; col++) {
    const sub = headerText(row, col);
    const ownTop = above ? headerText(above, col) : '';
    if (ownTop) carried = ownTop;
    const topTitle = above ? carried : '';
    const candidates = sub ? (topTitle ? [`${topTitle}/${sub}`, sub] : [sub]) : ownTop ? [ownTop] : [];
    for (const label of candidates) {
      const column = labels.get(normalizeLabel(label));
      if (column && !columns.has(column.key)) {
        columns.set(column.key, col);
        titles.set(column.key, label);
        break;
      }
    }
  }
  return { rowNumber: row.number, columns, titles };
}

function headerText(row: ExcelJS.Row, col: number): string {
  const raw = readCell(row.findCell(col));
  return raw.kind === 'value' ? asText(raw.value) : '';
}

function acceptHeader<K extends string>(best: HeaderMatch<K> | undefined, spec: ImportSpec<K>): HeaderMatch<K> {
  const found = best?.columns ?? new Map<K, number>();
  const required = spec.columns.filter((column) => column.required);
  // A header matching nothing is no header, even when every column is optional.
  const missing = (found.size === 0 && required.length === 0 ? spec.columns : required).filter(
    (column) => !found.has(column.key),
  );
  if (!best || missing.length > 0) {
    throw new XlsxError('XLSX_HEADER_MISMATCH', {
      missing: missing.map((column) => column.key),
      missingHeaders: missing.map((column) => column.header),
      headerRow: best && best.columns.size > 0 ? best.rowNumber : null,
    });
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Cells

type RawCell =
  | { kind: 'empty' }
  | { kind: 'value'; value: string | number | boolean | Date }
  | { kind: 'error'; code: 'FORMULA_ERROR' | 'FORMULA_NOT_CALCULATED'; shown: string };

const EMPTY: RawCell = { kind: 'empty' };

function readCell(cell: ExcelJS.Cell | undefined, date1904 = false): RawCell {
  if (!cell) return EMPTY;
  const value = cell.value;
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    // `cell.value.result` drops falsy results (0, '', false, and the NaN an error result is read as);
    // `cell.result` keeps them.
    const result: unknown = cell.result;
    if (result === undefined || result === null) return { kind: 'error', code: 'FORMULA_NOT_CALCULATED', shown: '' };
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(cell.numFmt)) {
      // The stream reader leaves a date-formatted formula result as its serial number.
      return { kind: 'value', value: serialToDate(result, date1904) };
    }
    return readValue(result as ExcelJS.CellValue);
  }
  return readValue(value);
}

function readValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') {
    const text = value.trim();
    return text ? { kind: 'value', value: text } : EMPTY;
  }
  if (typeof value === 'number') {
    // The stream reader parses a formula's error result (#N/A…) as NaN.
    return Number.isFinite(value) ? { kind: 'value', value } : { kind: 'error', code: 'FORMULA_ERROR', shown: '' };
  }
  if (typeof value === 'boolean') return { kind: 'value', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'value', value };
  }
  if ('richText' in value) return readValue(value.richText.map((run) => run.text ?? '').join(''));
  if ('error' in value) return { kind: 'error', code: 'FORMULA_ERROR', shown: String(value.error) };
  if ('text' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return readValue(text);
    if (text && typeof text === 'object' && 'richText' in text) return readValue(text as ExcelJS.CellRichTextValue);
    return EMPTY;
  }
  if ('formula' in value || 'sharedFormula' in value) return readValue(value.result ?? null);
  return EMPTY;
}

/** Excel's rule of thumb: a number format with date or time letters outside quotes and brackets. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare);
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ExcelJS gives dates as the wall-clock time shown in Excel, expressed in UTC. */
const isoDate = (date: Date) =>
  `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

function asText(value: string | number | boolean | Date): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(excelPrecision(value));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const date = isoDate(value);
  const ms = value.getTime() % 86_400_000;
  if (ms === 0) return date;
  return `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
}

/** Excel keeps 15 significant digits; 0.1+0.2 is shown (and meant) as 0.3. */
const excelPrecision = (n: number) => Number(n.toPrecision(15));

function parseNumberText(text: string): number | null {
  let t = text
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .replace(/\s+/g, '');
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function asNumber(value: string | number | boolean | Date): number | null {
  if (typeof value === 'number') return excelPrecision(value);
  if (typeof value === 'string') return parseNumberText(value);
  return null;
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 9999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDate(date);
}

function asDate(value: string | number | boolean | Date, date1904: boolean): string | null {
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 99991231) {
      // 20240131 typed without separators.
      return calendarDate(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
    }
    // A serial in a cell without a date format (or a formula's result): the whole days are the date.
    const minimum = date1904 ? 0 : EXCEL_MIN_SERIAL;
    if (value < minimum || value >= EXCEL_MAX_SERIAL + 1) return null;
    return isoDate(serialToDate(Math.floor(value), date1904));
  }
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFKC').trim();
  const separated =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  if (separated) return calendarDate(Number(separated[1]), Number(separated[2]), Number(separated[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return calendarDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return null;
}

const TRUE_WORDS = new Set(['是', 'true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['否', 'false', '0', 'no', 'n']);

function asBoolean(value: string | number | boolean | Date): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return null;
  const word = normalizeLabel(String(value));
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

function asEnum(text: string, values: readonly string[]): string | null {
  if (values.includes(text)) return text;
  const wanted = normalizeLabel(text);
  return values.find((value) => normalizeLabel(value) === wanted) ?? null;
}

type Conversion = { ok: true; value: ImportValue } | { ok: false; code: RowErrorCode; shown: string };

function convert<K extends string>(raw: RawCell, column: ColumnSpec<K>, date1904: boolean): Conversion {
  if (raw.kind === 'error') return { ok: false, code: raw.code, shown: raw.shown };
  if (raw.kind === 'empty') return column.required ? { ok: false, code: 'REQUIRED', shown: '' } : ok(null);
  const { value } = raw;
  const fail = (code: RowErrorCode): Conversion => ({ ok: false, code, shown: asText(value) });
  switch (column.kind) {
    case 'string': {
      const text = asText(value);
      if (column.maxLength !== undefined && [...text].length > column.maxLength) return fail('TOO_LONG');
      return ok(text);
    }
    case 'number': {
      const n = asNumber(value);
      return n === null ? fail('NOT_A_NUMBER') : ok(n);
    }
    case 'integer': {
      const n = asNumber(value);
      if (n === null || !Number.isSafeInteger(n)) return fail('NOT_AN_INTEGER');
      return ok(n);
    }
    case 'date': {
      const date = asDate(value, date1904);
      return date === null ? fail('NOT_A_DATE') : ok(date);
    }
    case 'boolean': {
      const flag = asBoolean(value);
      return flag === null ? fail('NOT_A_BOOLEAN') : ok(flag);
    }
    case 'enum': {
      const chosen = asEnum(asText(value), column.values ?? []);
      return chosen === null ? fail('NOT_IN_LIST') : ok(chosen);
    }
  }
}

const ok = (value: ImportValue): Conversion => ({ ok: true, value });

function readRow<K extends string>(
  row: ExcelJS.Row,
  header: HeaderMatch<K>,
  spec: ImportSpec<K>,
  date1904: boolean,
): { values: Record<K, ImportValue>; errors: ImportRowError<K>[] } | null {
  const values = {} as Record<K, ImportValue>;
  const errors: ImportRowError<K>[] = [];
  let empty = true;
  for (const column of spec.columns) {
    const col = header.columns.get(column.key);
    const raw = col === undefined ? EMPTY : readCell(row.findCell(col), date1904);
    if (raw.kind !== 'empty') empty = false;
    const converted = convert(raw, column, date1904);
    if (converted.ok) {
      values[column.key] = converted.value;
    } else {
      values[column.key] = null;
      errors.push({
        rowNumber: row.number,
        column: column.key,
        code: converted.code,
        message: rowErrorMessage(converted.code, column, converted.shown),
      });
    }
  }
  return empty ? null : { values, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

const clip = (text: string) => {
  const chars = [...text];
  return chars.length > SHOWN_VALUE_CHARS ? `${chars.slice(0, SHOWN_VALUE_CHARS).join('')}…` : text;
};

function listed(values: readonly string[], separator: string): string {
  const shown = values.slice(0, 20).join(separator);
  return values.length > 20 ? `${shown}${separator}…` : shown;
}

/** The message for one bad cell, in both languages; `shown` is the cell as the user typed it. */
export function rowErrorMessage<K extends string>(code: RowErrorCode, column: ColumnSpec<K>, shown: string): Bilingual {
  const zh = `「${column.header['zh-CN']}」`;
  const en = `"${column.header['en-US']}"`;
  const zhValue = `「${clip(shown)}」`;
  const enValue = `"${clip(shown)}"`;
  switch (code) {
    case 'REQUIRED':
      return { 'zh-CN': `${zh}不能为空`, 'en-US': `${en} is required` };
    case 'NOT_A_NUMBER':
      return { 'zh-CN': `${zh}应为数字，不能是${zhValue}`, 'en-US': `${en} must be a number, not ${enValue}` };
    case 'NOT_AN_INTEGER':
      return { 'zh-CN': `${zh}应为整数，不能是${zhValue}`, 'en-US': `${en} must be a whole number, not ${enValue}` };
    case 'NOT_A_DATE':
      return {
        'zh-CN': `${zh}应为日期（如 2024-01-31），不能是${zhValue}`,
        'en-US': `${en} must be a date such as 2024-01-31, not ${enValue}`,
      };
    case 'NOT_A_BOOLEAN':
      return { 'zh-CN': `${zh}应为“是”或“否”，不能是${zhValue}`, 'en-US': `${en} must be yes or no, not ${enValue}` };
    case 'NOT_IN_LIST':
      return {
        'zh-CN': `${zh}应为以下之一：${listed(column.values ?? [], '、')}，不能是${zhValue}`,
        'en-US': `${en} must be one of: ${listed(column.values ?? [], ', ')}; not ${enValue}`,
      };
    case 'TOO_LONG': {
      const limit = column.maxLength ?? 0;
      const actual = [...shown].length;
      return {
        'zh-CN': `${zh}最多 ${limit} 个字，当前 ${actual} 个`,
        'en-US': `${en} takes at most ${limit} characters, this one has ${actual}`,
      };
    }
    case 'FORMULA_ERROR':
      return {
        'zh-CN': `${zh}的公式结果是错误值${shown ? `（${shown}）` : ''}`,
        'en-US': `${en}: the formula gives an error${shown ? ` (${shown})` : ''}`,
      };
    case 'FORMULA_NOT_CALCULATED':
      return {
        'zh-CN': `${zh}的公式没有计算结果，请用 Excel 或 WPS 打开并保存后再导入`,
        'en-US': `${en}: the formula has no computed value; open and save the file in Excel or WPS, then import it again`,
      };
  }
}
