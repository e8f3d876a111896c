import { type Static, Type } from 'typebox';
import { DateTime, StringEnum, Uuid } from '../common';

/**
 * The registers that take spreadsheet imports (each has a template): the working-day calendar, the cockpit's
 * figures in the long layout (one row per unit, indicator and period) and the statistics bureau's wide sheet
 * (one row per county, for one indicator and period given with the upload).
 */
export const IMPORT_TYPES = ['calendar', 'indicator_figures', 'bureau_sheet'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const ImportTypeParams = Type.Object({ type: StringEnum(IMPORT_TYPES) }, { additionalProperties: false });

/**
 * Parameters given with an upload, for the types that need them (`bureau_sheet`: the indicator and the period the
 * sheet is about). A type without parameters refuses them; a type with them says which are required.
 */
export const ImportPreviewQuery = Type.Object(
  {
    indicatorId: Type.Optional(Uuid),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { additionalProperties: false },
);
export type ImportPreviewQueryT = Static<typeof ImportPreviewQuery>;

/** The parameters of a `bureau_sheet` upload: which indicator and period the county rows hold. */
export const BureauSheetParams = Type.Object(
  {
    indicatorId: Uuid,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    month: Type.Integer({ minimum: 1, maximum: 12 }),
  },
  { additionalProperties: false },
);
export type BureauSheetParamsT = Static<typeof BureauSheetParams>;
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
  /** The parameters given with the upload (null for a type without any). */
  params: Type.Union([ImportPreviewQuery, Type.Null()]),
  createdAt: DateTime,
  committedAt: Type.Union([DateTime, Type.Null()]),
});
