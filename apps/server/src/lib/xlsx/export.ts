/**
 * Streaming .xlsx writer for exports, plus the import template and the import error report built on it.
 * Rows are written and released one at a time, so an export's memory does not grow with its length.
 */
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { ImportRowError } from './import';
import type { Bilingual, ColumnKind, ColumnSpec, ImportSpec, XlsxLocale } from './spec';

export type ExportColumnKind = 'string' | 'number' | 'date' | 'datetime';

export interface ExportColumn {
  header: string;
  key: string;
  /** In Excel's character units; defaults from the header's length. */
  width?: number;
  /**
   * `string` cells are formatted as text (`@`), so codes like `00123` stay text when edited in Excel;
   * `date` takes `YYYY-MM-DD` strings (best) or Dates; `datetime` takes Dates or ISO strings and shows them in
   * `options.timeZone`. Without a kind a value is written as it comes.
   */
  kind?: ExportColumnKind;
}

export interface ExportSheet {
  name: string;
  columns: ExportColumn[];
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
}

export interface WriteXlsxOptions {
  /** IANA zone the `datetime` columns are shown in (Excel has no time zones). Default `Asia/Shanghai`. */
  timeZone?: string;
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MAX_SHEET_NAME = 31;

/**
 * Writes `sheets` to `stream` as one workbook, header row bold and frozen, each row committed as soon as it is
 * built. Resolves when the zip has been fully written to `stream` (after its `finish`). If a row source throws,
 * the error propagates and `stream` is left unfinished: the caller destroys it.
 */
export async function writeXlsx(
  stream: Writable,
  sheets: ExportSheet[],
  options: WriteXlsxOptions = {},
): Promise<void> {
  const toWallClock = wallClockIn(options.timeZone ?? DEFAULT_TIME_ZONE);
  // ExcelJS is loaded on the first export, not at start-up (≈ 25 MB resident).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const names = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, names), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      key: column.key,
      width: column.width ?? defaultWidth(column.header),
      style: columnStyle(column.kind),
    }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    for await (const record of sheet.rows) {
      worksheet.addRow(sheet.columns.map((column) => cellValue(record[column.key], column.kind, toWallClock))).commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
}

/** `writeXlsx` into memory; for small workbooks (templates, error reports) and tests. */
export async function xlsxBuffer(sheets: ExportSheet[], options: WriteXlsxOptions = {}): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(sink, sheets, options);
  return Buffer.concat(chunks);
}

const TEMPLATE_TEXT = {
  notesSheet: { 'zh-CN': '说明', 'en-US': 'Notes' },
  column: { 'zh-CN': '列名', 'en-US': 'Column' },
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
  kind: { 'zh-CN': '类型', 'en-US': 'Type' },
  allowed: { 'zh-CN': '允许的值', 'en-US': 'Allowed values' },
  maxLength: { 'zh-CN': '最大长度', 'en-US': 'Max length' },
  example: { 'zh-CN': '示例', 'en-US': 'Example' },
  yes: { 'zh-CN': '是', 'en-US': 'Yes' },
  no: { 'zh-CN': '否', 'en-US': 'No' },
} satisfies Record<string, Bilingual>;

const KIND_NAMES: Record<ColumnKind, Bilingual> = {
  string: { 'zh-CN': '文本', 'en-US': 'Text' },
  number: { 'zh-CN': '数字', 'en-US': 'Number' },
  integer: { 'zh-CN': '整数', 'en-US': 'Whole number' },
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
  boolean: { 'zh-CN': '是/否', 'en-US': 'Yes/No' },
  enum: { 'zh-CN': '列表', 'en-US': 'List' },
};

function allowedValues<K extends string>(column: ColumnSpec<K>, locale: XlsxLocale): string {
  const separator = locale === 'zh-CN' ? '、' : ', ';
  switch (column.kind) {
    case 'enum':
      return (column.values ?? []).join(separator);
    case 'boolean':
      return ['是', '否', 'yes', 'no', 'true', 'false', '1', '0'].join(separator);
    case 'date':
      return locale === 'zh-CN' ? '如 2024-01-31' : 'e.g. 2024-01-31';
    default:
      return '';
  }
}

const templateKind = (kind: ColumnKind): ExportColumnKind =>
  kind === 'number' || kind === 'integer' ? 'number' : kind === 'date' ? 'date' : 'string';

/**
 * The template for an import type: the header row in `locale`, one example row (from each column's `example`),
 * and a second sheet explaining every column. `parseXlsx` reads the example row as data, so the notes ask users
 * to overwrite it.
 */
export async function templateXlsx<K extends string>(spec: ImportSpec<K>, locale: XlsxLocale): Promise<Buffer> {
  const columns = spec.columns.map((column) => ({
    header: column.header[locale],
    key: column.key,
    kind: templateKind(column.kind),
  }));
  const hasExample = spec.columns.some((column) => column.example !== undefined);
  const example = Object.fromEntries(spec.columns.map((column) => [column.key, column.example ?? null]));

  const t = (text: Bilingual) => text[locale];
  const notes = spec.columns.map((column) => ({
    column: column.header[locale],
    required: t(column.required ? TEMPLATE_TEXT.yes : TEMPLATE_TEXT.no),
    kind: t(KIND_NAMES[column.kind]),
    allowed: allowedValues(column, locale),
    maxLength: column.maxLength ?? null,
    example: column.example ?? null,
  }));
  const footnotes =
    locale === 'zh-CN'
      ? [
          `第 1 行是表头，请勿修改；${hasExample ? '第 2 行是示例，导入前请删除或改写；' : ''}每个文件最多 ${spec.maxRows} 行数据。`,
          '日期请写成 2024-01-31 的形式或使用 Excel 的日期格式。',
        ]
      : [
          `Row 1 is the header: keep it as is. ${hasExample ? 'Row 2 is an example: delete or overwrite it before importing. ' : ''}At most ${spec.maxRows} data rows per file.`,
          'Write dates as 2024-01-31 or use an Excel date format.',
        ];

  return xlsxBuffer([
    { name: spec.sheetName[locale], columns, rows: hasExample ? [example] : [] },
    {
      name: t(TEMPLATE_TEXT.notesSheet),
      columns: [
        { header: t(TEMPLATE_TEXT.column), key: 'column', width: 24 },
        { header: t(TEMPLATE_TEXT.required), key: 'required', width: 8 },
        { header: t(TEMPLATE_TEXT.kind), key: 'kind', width: 10 },
        { header: t(TEMPLATE_TEXT.allowed), key: 'allowed', width: 40 },
        { header: t(TEMPLATE_TEXT.maxLength), key: 'maxLength', width: 10, kind: 'number' },
        { header: t(TEMPLATE_TEXT.example), key: 'example', width: 20 },
      ],
      rows: [...notes, {}, ...footnotes.map((text) => ({ column: text }))],
    },
  ]);
}

/**
 * The errors of an import as a workbook (行号/Row, 列/Column, 原因/Reason). With `spec`, columns are shown by
 * their title in `locale`; without it, by key.
 */
export async function errorReportXlsx<K extends string>(
  errors: readonly ImportRowError<K>[],
  locale: XlsxLocale,
  spec?: ImportSpec<K>,
): Promise<Buffer> {
  const titles = new Map<string, string>(spec?.columns.map((column) => [column.key, column.header[locale]]));
  const zh = locale === 'zh-CN';
  return xlsxBuffer([
    {
      name: zh ? '错误' : 'Errors',
      columns: [
        { header: zh ? '行号' : 'Row', key: 'row', width: 8, kind: 'number' },
        { header: zh ? '列' : 'Column', key: 'column', width: 24 },
        { header: zh ? '原因' : 'Reason', key: 'reason', width: 80 },
      ],
      rows: errors.map((error) => ({
        row: error.rowNumber,
        column: error.column === null ? '' : (titles.get(error.column) ?? error.column),
        reason: error.message[locale],
      })),
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------

/** Excel refuses names with `[]:*?/\`, longer than 31 characters, or used twice (case-insensitively). */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  let name = [...base].slice(0, MAX_SHEET_NAME).join('');
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('') + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** CJK characters take two character widths. */
function defaultWidth(header: string): number {
  let width = 0;
  for (const char of header)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1;
  return Math.min(Math.max(width + 2, 10), 60);
}

function columnStyle(kind: ExportColumnKind | undefined): Partial<ExcelJS.Style> {
  switch (kind) {
    case 'string':
      return { numFmt: '@' };
    case 'date':
      return { numFmt: 'yyyy-mm-dd' };
    case 'datetime':
      return { numFmt: 'yyyy-mm-dd hh:mm:ss' };
    default:
      return {};
  }
}

type WallClock = (instant: Date) => Date;

/** Excel shows a date cell's UTC fields; this moves an instant so its UTC fields are the wall clock in `timeZone`. */
function wallClockIn(timeZone: string): WallClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (instant) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant))
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return new Date(
      Date.UTC(
        parts.year ?? 1970,
        (parts.month ?? 1) - 1,
        parts.day ?? 1,
        parts.hour ?? 0,
        parts.minute ?? 0,
        parts.second ?? 0,
        instant.getUTCMilliseconds(),
      ),
    );
  };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function cellValue(value: unknown, kind: ExportColumnKind | undefined, toWallClock: WallClock): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'date': {
      const match = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
      if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      const instant = asInstant(value);
      if (!instant) return plain(value);
      const wall = toWallClock(instant);
      return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
    }
    case 'datetime': {
      const instant = asInstant(value);
      return instant ? toWallClock(instant) : plain(value);
    }
    case 'number': {
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return plain(value);
    }
    case 'string': {
      if (value instanceof Date) return value.toISOString();
      const text = plain(value);
      return text === null ? null : String(text);
    }
    default:
      return plain(value);
  }
}

function asInstant(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function plain(value: unknown): string | number | boolean | Date | null {
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || value === undefined) return null;
  return JSON.stringify(value);
}
