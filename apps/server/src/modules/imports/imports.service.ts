/**
 * The spreadsheet import framework: template → upload and preview (validated, planned, nothing applied) → error
 * report → commit (all or nothing, audited with the file's hash). Each register plugs in through
 * imports.registry.ts; the permission is checked here per type, and an import belongs to whoever uploaded it.
 */
import { can, type ImportPreviewQueryT, type ImportType, type Locale, type RouteResponse } from '@zaitun/contracts';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { schemaProblems } from '../../http/validation';
import { appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { readUpload } from '../../lib/upload';
import {
  errorReportXlsx,
  type ImportRowError,
  isXlsxError,
  parseXlsx,
  type RowErrorCode,
  templateXlsx,
  type XlsxLimits,
} from '../../lib/xlsx';
import { IMPORT_DEFS } from './imports.registry';
import { findOwnImport, type ImportRowT, insertImport, lockOwnImport, markCommitted } from './imports.repository';
import type { ChangeCounts, ImportGroup, ImportTypeDef, StoredRowError } from './imports.types';

type ImportPreviewT = RouteResponse<'getImport'>;

/** Errors kept with an import (the error report); beyond that the report says how many more there were. */
const MAX_STORED_ERRORS = 5000;
/** Errors shown in the preview itself. */
const PREVIEW_ERRORS = 100;
const SAMPLE_ROWS = 10;

interface ImportSummary {
  errors: StoredRowError[];
  errorsTotal: number;
  changes: ChangeCounts;
  groups: ImportGroup[];
  sample: Record<string, unknown>[];
  /** The upload's parameters (absent in imports stored before types took any). */
  params?: ImportPreviewQueryT | null;
}

function defFor(ctx: AuthedContext, type: ImportType): ImportTypeDef<string, unknown> {
  const def = IMPORT_DEFS[type];
  if (!can(ctx.actor, def.permission)) throw forbidden();
  return def;
}

export function xlsxLimits(config: Config): XlsxLimits {
  return {
    maxFileBytes: config.importMaxBytes,
    maxUnpackedBytes: config.importMaxUnpackedBytes,
    maxSheets: 20,
    maxEntries: 1000,
  };
}

/** The template of a type, headers in the caller's language. */
export async function importTemplate(
  ctx: AuthedContext,
  type: ImportType,
): Promise<{ fileName: string; bytes: Buffer }> {
  const def = defFor(ctx, type);
  const bytes = await templateXlsx(def.spec, ctx.locale);
  const suffix = ctx.locale === 'zh-CN' ? '导入模板' : 'import-template';
  return { fileName: `${def.title[ctx.locale]}-${suffix}.xlsx`, bytes };
}

/** A refused spreadsheet as an API error; the library's `reason` is for logs, not for clients. */
function refusal(error: unknown): unknown {
  if (!isXlsxError(error)) return error;
  const { reason: _reason, ...details } = error.details;
  return new DomainError(error.code, details);
}

/** The upload's parameters as the type wants them: checked against its schema, or none for a type without one. */
function checkParams(def: ImportTypeDef<string, unknown>, query: ImportPreviewQueryT): ImportPreviewQueryT | null {
  const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as ImportPreviewQueryT;
  if (!def.params) {
    const extra = Object.keys(given);
    if (extra.length === 0) return null;
    throw new DomainError(
      'VALIDATION_FAILED',
      extra.map((key) => ({ in: 'querystring', path: `/${key}`, message: 'not a parameter of this import type' })),
    );
  }
  const problems = schemaProblems(def.params, given);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ in: 'querystring', ...p })),
    );
  }
  return given;
}

/**
 * Reads the uploaded file, validates every row, plans the changes against the stored data and keeps the result
 * (nothing in the register changes). A file refused as a whole (too large, not xlsx, wrong header, parameters a
 * type refuses) stores nothing.
 */
export async function previewImport(
  db: Db,
  ctx: AuthedContext,
  config: Config,
  type: ImportType,
  query: ImportPreviewQueryT,
  request: FastifyRequest,
): Promise<ImportPreviewT> {
  const def = defFor(ctx, type);
  const params = checkParams(def, query);
  const upload = await readUpload(request, config.importMaxBytes, 'XLSX_TOO_LARGE');
  const spec = { ...def.spec, maxRows: Math.min(def.spec.maxRows, config.importMaxRows) };
  let parsed: Awaited<ReturnType<typeof parseXlsx<string>>>;
  try {
    parsed = await parseXlsx(upload.bytes, spec, xlsxLimits(config));
  } catch (error) {
    throw refusal(error);
  }
  // A header with nothing under it: refused, rather than previewed as an import that does nothing.
  if (parsed.rows.length === 0 && parsed.errors.length === 0) throw new DomainError('IMPORT_EMPTY');
  const plan = await def.plan(db, parsed.rows, {
    ctx,
    params: params ?? {},
    preamble: parsed.preamble,
    headerTitles: parsed.header.titles,
    invalidRows: new Set(parsed.errors.map((e) => e.rowNumber)).size,
    now: ctx.audit.clock.now(),
  });
  const errors: StoredRowError[] = [...parsed.errors, ...plan.errors].sort(
    (a, b) => a.rowNumber - b.rowNumber || (a.column ?? '').localeCompare(b.column ?? ''),
  );
  const invalidRows = new Set(errors.map((e) => e.rowNumber)).size;
  const summary: ImportSummary = {
    errors: errors.slice(0, MAX_STORED_ERRORS),
    errorsTotal: errors.length,
    changes: plan.changes,
    groups: plan.groups,
    sample: plan.sample.slice(0, SAMPLE_ROWS),
    params,
  };
  const row = await insertImport(db, {
    type,
    fileName: upload.fileName.slice(0, 200),
    fileHash: parsed.fileHash,
    rowsTotal: parsed.rows.length + new Set(parsed.errors.map((e) => e.rowNumber)).size,
    rowsInvalid: invalidRows,
    summary,
    payload: plan.payload,
    createdBy: ctx.actor.userId,
    now: ctx.audit.clock.now(),
  });
  return presentImport(row, ctx.locale);
}

function presentImport(
  row: Pick<
    ImportRowT,
    | 'id'
    | 'type'
    | 'file_name'
    | 'file_hash'
    | 'state'
    | 'rows_total'
    | 'rows_invalid'
    | 'summary'
    | 'created_at'
    | 'committed_at'
  >,
  locale: Locale,
): ImportPreviewT {
  const summary = row.summary as unknown as ImportSummary;
  return {
    id: row.id,
    type: row.type as ImportType,
    fileName: row.file_name,
    fileHash: row.file_hash,
    state: row.state as ImportPreviewT['state'],
    rowsTotal: row.rows_total,
    rowsInvalid: row.rows_invalid,
    errors: summary.errors.slice(0, PREVIEW_ERRORS).map((e) => ({
      rowNumber: e.rowNumber,
      column: e.column,
      code: e.code,
      message: e.message[locale],
    })),
    changes: summary.changes,
    groups: summary.groups,
    sample: summary.sample,
    params: summary.params ?? null,
    createdAt: row.created_at.toISOString(),
    committedAt: row.committed_at ? row.committed_at.toISOString() : null,
  };
}

async function ownImport(db: Db, ctx: AuthedContext, id: string) {
  const row = await findOwnImport(db, id, ctx.actor.userId);
  if (!row) throw notFound();
  defFor(ctx, row.type as ImportType); // a permission lost since the upload
  return row;
}

export async function getImport(db: Db, ctx: AuthedContext, id: string): Promise<ImportPreviewT> {
  return presentImport(await ownImport(db, ctx, id), ctx.locale);
}

/** The error report of an import: every stored row error, columns by their title in the caller's language. */
export async function importErrors(
  db: Db,
  ctx: AuthedContext,
  id: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const row = await ownImport(db, ctx, id);
  const def = IMPORT_DEFS[row.type as ImportType];
  const summary = row.summary as unknown as ImportSummary;
  const errors: ImportRowError<string>[] = summary.errors.map((e) => ({ ...e, code: e.code as RowErrorCode }));
  const bytes = await errorReportXlsx(errors, ctx.locale, def.spec);
  const base = row.file_name.replace(/\.xlsx$/i, '');
  return { fileName: `${base}-${ctx.locale === 'zh-CN' ? '错误报告' : 'errors'}.xlsx`, bytes };
}

/**
 * Applies a previewed import in one transaction: refused while it has errors or once it is no longer pending;
 * the register's changes and the audit event (with the file's hash) commit together or not at all.
 */
export async function commitImport(db: Db, ctx: AuthedContext, id: string): Promise<ImportPreviewT> {
  await db.transaction().execute(async (tx) => {
    const row = await lockOwnImport(tx, id, ctx.actor.userId);
    if (!row) throw notFound();
    const def = defFor(ctx, row.type as ImportType);
    if (row.state !== 'previewed' || row.payload === null) throw new DomainError('IMPORT_NOT_PENDING');
    if (row.rows_invalid > 0) throw new DomainError('IMPORT_HAS_ERRORS', { rowsInvalid: row.rows_invalid });
    const result = await def.apply(tx, ctx, row.payload, {
      importId: row.id,
      fileName: row.file_name,
      fileHash: row.file_hash,
    });
    const summary: ImportSummary = { ...(row.summary as unknown as ImportSummary), ...result };
    await markCommitted(tx, id, summary, ctx.audit.clock.now());
    await appendAudit(tx, ctx.audit, {
      action: 'import.commit',
      entityType: 'import',
      entityId: id,
      unitId: null,
      after: {
        type: row.type,
        fileName: row.file_name,
        fileHash: row.file_hash,
        rows: row.rows_total,
        ...(summary.params ? { params: summary.params } : {}),
        ...result.changes,
        groups: result.groups.map((g) => g.key),
      },
    });
  });
  return getImport(db, ctx, id);
}
