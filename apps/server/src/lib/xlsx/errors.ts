/** Why a spreadsheet was refused as a whole. Per-row problems are not errors: they are collected, see `import.ts`. */
export type XlsxErrorCode =
  | 'XLSX_TOO_LARGE'
  | 'XLSX_UNPACKED_TOO_LARGE'
  | 'XLSX_TOO_MANY_SHEETS'
  | 'XLSX_NOT_XLSX'
  | 'XLSX_NO_SHEET'
  | 'XLSX_TOO_MANY_ROWS'
  | 'XLSX_HEADER_MISMATCH';

/**
 * A spreadsheet the library refuses, with a stable code and machine-readable details
 * (`{ limit, actual }`, `{ missing }`, `{ reason }`). Messages for users are built from the code by the caller;
 * `details.reason` and `cause` are for logs only.
 */
export class XlsxError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'XlsxError';
  }
}

export const isXlsxError = (error: unknown): error is XlsxError => error instanceof XlsxError;
