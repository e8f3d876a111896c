/** What an import type plugs into the import framework (imports.service.ts). */
import type { ImportType, Permission } from '@zaitun/contracts';
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

export interface ImportTypeDef<K extends string, P> {
  type: ImportType;
  /** Name of the register, for file names. */
  title: Bilingual;
  /** Needed to download the template, preview, and commit. */
  permission: Permission;
  spec: ImportSpec<K>;
  /** Checks the parsed rows (natural keys, duplicates, references) and compares them with the stored data. */
  plan(db: DbOrTx, rows: ImportRow<K>[]): Promise<ImportPlan<P>>;
  /**
   * Applies a previewed payload inside the commit's transaction, upserting by natural key (so the same file twice
   * changes nothing the second time), auditing its own changes; answers what it did.
   */
  apply(
    tx: Tx,
    ctx: AuthedContext,
    payload: P,
    file: { fileName: string; fileHash: string },
  ): Promise<{ changes: ChangeCounts; groups: ImportGroup[] }>;
}

/** Erases the payload type for the registry (each definition is consistent with itself). */
export function defineImport<K extends string, P>(def: ImportTypeDef<K, P>): ImportTypeDef<string, unknown> {
  return def as unknown as ImportTypeDef<string, unknown>;
}
