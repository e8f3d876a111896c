import type { ErrorCode } from '@zaitun/contracts';

/** A failure the caller can act on, with a stable code. Domain code throws these; it never sees HTTP. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** One mapping from error codes to HTTP statuses; `satisfies Record<ErrorCode, …>` makes the compiler check it is complete. */
export const HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  PASSWORD_EXPIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_POLICY: 422,
  WRONG_PASSWORD: 422,
  TOO_MANY_REQUESTS: 429,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  UNIT_CODE_TAKEN: 409,
  UNIT_PARENT_INVALID: 422,
  UNIT_IN_USE: 409,
  UNIT_HAS_ACTIVE_CHILDREN: 409,
  UNIT_INACTIVE: 422,
  DIVISION_CODE_INVALID: 422,
  USERNAME_TAKEN: 409,
  ROLE_NOT_GRANTABLE: 403,
  ROLE_NOT_APPLICABLE: 422,
  CANNOT_CHANGE_SELF: 422,
  TOKEN_PERMISSION_NOT_HELD: 422,
  BACKUP_UNAVAILABLE: 503,
  ITEM_INVALID_TRANSITION: 409,
  REASON_REQUIRED: 400,
  FIELD_REQUIRED: 400,
  DEADLINE_IN_PAST: 400,
  CO_UNITS_OPEN: 409,
  LEAD_UNIT_INVALID: 422,
  CATEGORY_INVALID: 422,
  MERGE_TARGET_INVALID: 422,
  ATTACHMENT_TYPE_NOT_ALLOWED: 400,
  ATTACHMENT_TOO_LARGE: 413,
  ORDER_INVALID_TRANSITION: 409,
  ORDER_ITEMS_INVALID: 422,
  BULLETIN_PERIOD_INVALID: 400,
  BULLETIN_INVALID_TRANSITION: 409,
  MEETING_INVALID: 409,
  DICTIONARY_CODE_TAKEN: 409,
  CALENDAR_DATE_OUT_OF_YEAR: 400,
  XLSX_TOO_LARGE: 413,
  XLSX_UNPACKED_TOO_LARGE: 413,
  XLSX_TOO_MANY_SHEETS: 400,
  XLSX_NOT_XLSX: 400,
  XLSX_NO_SHEET: 400,
  XLSX_TOO_MANY_ROWS: 400,
  XLSX_HEADER_MISMATCH: 400,
  IMPORT_HAS_ERRORS: 422,
  IMPORT_NOT_PENDING: 409,
  WEBHOOK_URL_INVALID: 422,
  PDF_UNAVAILABLE: 503,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, number>;

export const notFound = () => new DomainError('NOT_FOUND');
export const forbidden = () => new DomainError('FORBIDDEN');
export const versionConflict = (current?: number) =>
  new DomainError('VERSION_CONFLICT', current === undefined ? undefined : { currentVersion: current });
