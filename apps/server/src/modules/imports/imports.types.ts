/** What an import type plugs into the import framework (imports.service.ts). */
import type { ImportPreviewQueryT, ImportType, Permission } from '@zaitun/contracts';
import type { DbOrTx, Tx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import type { Bilingual, ImportRow, ImportSpec } from '../../lib/xlsx';

/** A problem with one row (or one cell), kept with the import so the error report can be downloaded later. */
export interface StoredRowError {
  rowNumber: number;
  column: string | null;
  code: string;
  message: Bilingual;
}

export interface ChangeCounts {
  create: number;
  update: number;
  unchanged: number;
}

/** A set of rows the import replaces as a whole (the calendar: a year); `remove`: stored rows the file lacks. */
export interface ImportGroup extends ChangeCounts {
  key: string;
  isNew: boolean;
  remove: number;
}

/** The outcome of validating and planning the rows of a file against what is stored now. */
export interface ImportPlan<P> {
  /** Domain-level row errors (the spreadsheet's own cell errors are added by the framework). */
  errors: StoredRowError[];
  /** The validated rows as commit will apply them; stored as JSON between preview and commit. */
  payload: P;
  changes: ChangeCounts;
  groups: ImportGroup[];
  /** A few rows as they will be stored. */
  sample: Record<string, unknown>[];
}

/** What a type's `plan` is told besides the rows: who uploads, the upload's parameters, the sheet around the rows. */
export interface PlanInput {
  ctx: AuthedContext;
  /** The upload's parameters, checked against the type's `params` schema (`{}` for a type without one). */
  params: ImportPreviewQueryT;
  /** The text of the rows above the header (sheet titles such as `2026年1-9月…`). */
  preamble: string[];
  /** The header's titles as written, by column key. */
  headerTitles: Partial<Record<string, string>>;
  /** Rows the framework already refused for bad cells (not in `rows`). */
  invalidRows: number;
  now: Date;
}

/** What `apply` is told about the import it commits. */
export interface ApplyInput {
  /** The import's id (figures keep it with the sheet row, for the drill-down). */
  importId: string;
  fileName: string;
  fileHash: string;
}

export interface ImportTypeDef<K extends string, P> {
  type: ImportType;
  /** Name of the register, for file names. */
  title: Bilingual;
  /** Needed to download the template, preview, and commit. */
  permission: Permission;
  spec: ImportSpec<K>;
  /**
   * The parameters the upload takes (query parameters of `previewImport`, within `ImportPreviewQuery`), as a
   * TypeBox schema from the contracts saying which are required; a type without it refuses any. Stored with the
   * import.
   */
  params?: object;
  /**
   * Checks the parsed rows (natural keys, duplicates, references, the caller's scope) and compares them with the
   * stored data. May refuse the file as a whole by throwing a DomainError (nothing is stored then).
   */
  plan(db: DbOrTx, rows: ImportRow<K>[], input: PlanInput): Promise<ImportPlan<P>>;
  /**
   * Applies a previewed payload inside the commit's transaction, upserting by natural key (so the same file twice
   * changes nothing the second time), auditing its own changes; answers what it did.
   */
  apply(
    tx: Tx,
    ctx: AuthedContext,
    payload: P,
    file: ApplyInput,
  ): Promise<{ changes: ChangeCounts; groups: ImportGroup[] }>;
}

/** Erases the payload type for the registry (each definition is consistent with itself). */
export function defineImport<K extends string, P>(def: ImportTypeDef<K, P>): ImportTypeDef<string, unknown> {
  return def as unknown as ImportTypeDef<string, unknown>;
}
