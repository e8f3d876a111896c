/**
 * Business settings of the dispatch loop and the editable dictionaries (item categories …): read by everyone
 * signed in, changed by admins (`settings.manage`), every change versioned and audited.
 */
import type { DICTIONARIES, DispatchSettingsT, DocumentSettingsT, RouteBody, RouteResponse } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, notFound, versionConflict } from '../../lib/errors';
import { retimeOpenItems } from '../calendar/calendar.service';
import {
  DISPATCH_SETTINGS_KEY,
  type DictEntryRow,
  DOCUMENT_SETTINGS_KEY,
  dictCodeTaken,
  findDictEntry,
  listDictEntries,
  loadDispatchSettings,
  loadDocumentSettings,
  lockDictEntry,
  lockSetting,
  nextSortOrder,
  writeSetting,
} from './settings.repository';

type DictEntryT = RouteResponse<'createDictEntry'>;
type Dict = (typeof DICTIONARIES)[number];

export function getDispatchSettings(db: Db): Promise<RouteResponse<'getDispatchSettings'>> {
  return loadDispatchSettings(db);
}

/** Cross-field rules the schema cannot say. */
function checkSettings(s: DispatchSettingsT): void {
  if (s.escalateRedAfterDays <= s.escalateYellowAfterDays) {
    throw new DomainError('VALIDATION_FAILED', [
      { path: '/settings/escalateRedAfterDays', message: 'must be greater than escalateYellowAfterDays' },
    ]);
  }
}

/**
 * Replaces the dispatch settings (version-checked) and re-times the open items' yellow light and escalation
 * clocks with them, in one transaction.
 */
export async function updateDispatchSettings(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'updateDispatchSettings'>,
): Promise<RouteResponse<'updateDispatchSettings'>> {
  checkSettings(body.settings);
  await db.transaction().execute(async (tx) => {
    const locked = await lockSetting(tx, DISPATCH_SETTINGS_KEY);
    const before = await loadDispatchSettings(tx);
    if ((locked?.version ?? 1) !== body.version) throw versionConflict(locked?.version ?? 1);
    await writeSetting(tx, DISPATCH_SETTINGS_KEY, body.settings, ctx.audit.clock.now());
    const itemsRetimed = await retimeOpenItems(tx);
    await appendAudit(tx, ctx.audit, {
      action: 'settings.update',
      entityType: 'settings',
      entityId: DISPATCH_SETTINGS_KEY,
      unitId: null,
      before: before.settings,
      after: { ...body.settings, ...(itemsRetimed ? { itemsRetimed } : {}) },
    });
  });
  return loadDispatchSettings(db);
}

export function getDocumentSettings(db: Db): Promise<RouteResponse<'getDocumentSettings'>> {
  return loadDocumentSettings(db);
}

/** Every text is stored trimmed: a leading space would print in the red header. */
const trimDocumentSettings = (s: DocumentSettingsT): DocumentSettingsT =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.trim()])) as DocumentSettingsT;

/** Replaces the document settings (version-checked), audited as `settings.update` of `documents`. */
export async function updateDocumentSettings(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'updateDocumentSettings'>,
): Promise<RouteResponse<'updateDocumentSettings'>> {
  const settings = trimDocumentSettings(body.settings);
  await db.transaction().execute(async (tx) => {
    const locked = await lockSetting(tx, DOCUMENT_SETTINGS_KEY);
    const before = await loadDocumentSettings(tx);
    if ((locked?.version ?? 1) !== body.version) throw versionConflict(locked?.version ?? 1);
    await writeSetting(tx, DOCUMENT_SETTINGS_KEY, settings, ctx.audit.clock.now());
    await appendAudit(tx, ctx.audit, {
      action: 'settings.update',
      entityType: 'settings',
      entityId: DOCUMENT_SETTINGS_KEY,
      unitId: null,
      before: before.settings,
      after: settings,
    });
  });
  return loadDocumentSettings(db);
}

function presentEntry(row: DictEntryRow): DictEntryT {
  return {
    id: row.id,
    dict: row.dict as DictEntryT['dict'],
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    sortOrder: row.sort_order,
    active: row.active,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

const auditEntry = (e: DictEntryT) => ({
  code: e.code,
  nameZh: e.nameZh,
  nameEn: e.nameEn,
  sortOrder: e.sortOrder,
  active: e.active,
});

export async function listDictionary(db: Db, dict: Dict, includeInactive: boolean) {
  const items = (await listDictEntries(db, dict, includeInactive)).map(presentEntry);
  return { items, total: items.length };
}

const UNIQUE_VIOLATION = '23505';

export async function createDictEntry(
  db: Db,
  ctx: AuthedContext,
  dict: Dict,
  body: RouteBody<'createDictEntry'>,
): Promise<DictEntryT> {
  try {
    const row = await db.transaction().execute(async (tx) => {
      if (await dictCodeTaken(tx, dict, body.code)) throw new DomainError('DICTIONARY_CODE_TAKEN', { code: body.code });
      const now = ctx.audit.clock.now();
      const created = await tx
        .insertInto('dictionary_entries')
        .values({
          dict,
          code: body.code,
          name_zh: body.nameZh.trim(),
          name_en: body.nameEn.trim(),
          sort_order: body.sortOrder ?? (await nextSortOrder(tx, dict)),
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(tx, ctx.audit, {
        action: 'dictionary.create',
        entityType: 'dictionary_entry',
        entityId: created.id,
        unitId: null,
        after: { dict, ...auditEntry(presentEntry(created)) },
      });
      return created;
    });
    return presentEntry(row);
  } catch (err) {
    // Two admins adding the same code at once: the unique index decides.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new DomainError('DICTIONARY_CODE_TAKEN', { code: body.code });
    }
    throw err;
  }
}

/** Rename, reorder, deactivate/activate an entry (its code is its identity and never changes). */
export async function updateDictEntry(
  db: Db,
  ctx: AuthedContext,
  dict: Dict,
  id: string,
  body: RouteBody<'updateDictEntry'>,
): Promise<DictEntryT> {
  await db.transaction().execute(async (tx) => {
    const before = await lockDictEntry(tx, dict, id);
    if (!before) throw notFound();
    if (before.version !== body.version) throw versionConflict(before.version);
    const changes = {
      ...(body.nameZh !== undefined ? { name_zh: body.nameZh.trim() } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn.trim() } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    const after = await tx
      .updateTable('dictionary_entries')
      .set({ ...changes, version: sql<number>`version + 1`, updated_at: ctx.audit.clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action: 'dictionary.update',
      entityType: 'dictionary_entry',
      entityId: id,
      unitId: null,
      before: { dict, ...auditEntry(presentEntry(before)) },
      after: { dict, ...auditEntry(presentEntry(after)) },
    });
  });
  const row = await findDictEntry(db, dict, id);
  if (!row) throw notFound();
  return presentEntry(row);
}
