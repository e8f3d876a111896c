import { Type } from 'typebox';
import { DateTime, StringEnum, Uuid } from '../common';

/** The registers that take spreadsheet imports (each has a template). */
export const IMPORT_TYPES = ['calendar'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const ImportTypeParams = Type.Object({ type: StringEnum(IMPORT_TYPES) }, { additionalProperties: false });
export const ImportParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ImportRowError = Type.Object({
  rowNumber: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  message: Type.String(),
});

export const ImportPreview = Type.Object({
  id: Uuid,
  type: StringEnum(IMPORT_TYPES),
  fileName: Type.String(),
  fileHash: Type.String(),
  state: StringEnum(['previewed', 'committed', 'failed'] as const),
  rowsTotal: Type.Integer(),
  rowsInvalid: Type.Integer(),
  /** The first errors (all of them are in the error report). */
  errors: Type.Array(ImportRowError),
  /** What committing would do. */
  changes: Type.Object({ create: Type.Integer(), update: Type.Integer(), unchanged: Type.Integer() }),
  /**
   * The same per group the import replaces as a whole (the calendar: per year): `remove` counts stored rows the
   * file no longer has, which a replacement deletes.
   */
  groups: Type.Array(
    Type.Object({
      key: Type.String(),
      isNew: Type.Boolean(),
      create: Type.Integer(),
      update: Type.Integer(),
      unchanged: Type.Integer(),
      remove: Type.Integer(),
    }),
  ),
  /** A few rows as they will be stored. */
  sample: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  createdAt: DateTime,
  committedAt: Type.Union([DateTime, Type.Null()]),
});
