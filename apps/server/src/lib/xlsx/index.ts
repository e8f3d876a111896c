/** Spreadsheet import/export shared by every register: limits checked before parsing, streaming read and write. */
export { isXlsxError, XlsxError, type XlsxErrorCode } from './errors';
export {
  type ExportColumn,
  type ExportColumnKind,
  type ExportSheet,
  errorReportXlsx,
  templateXlsx,
  type WriteXlsxOptions,
  writeXlsx,
  xlsxBuffer,
} from './export';
export {
  type ImportResult,
  type ImportRow,
  type ImportRowError,
  type ImportValue,
  parseXlsx,
  type RowErrorCode,
  rowErrorMessage,
} from './import';
export { checkXlsxLimits, DEFAULT_XLSX_LIMITS, type XlsxInspection, type XlsxLimits } from './limits';
export {
  assertValidSpec,
  type Bilingual,
  type ColumnKind,
  type ColumnSpec,
  type ImportSpec,
  normalizeLabel,
  type XlsxLocale,
} from './spec';
