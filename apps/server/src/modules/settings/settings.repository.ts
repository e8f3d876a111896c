/** Business settings and dictionaries, stored in the database and edited by admins. */
import {
  DEFAULT_DISPATCH_SETTINGS,
  DEFAULT_DOCUMENT_SETTINGS,
  type DispatchSettingsT,
  type DocumentSettingsT,
} from '@zaitun/contracts';
import { type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { DictionaryEntriesTable } from '../../db/types';

export const DISPATCH_SETTINGS_KEY = 'dispatch';

/** The stored dispatch settings over the defaults (a setting added later gets its default). */
export async function loadDispatchSettings(db: DbOrTx): Promise<{ settings: DispatchSettingsT; version: number }> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', DISPATCH_SETTINGS_KEY)
    .executeTakeFirst();
  const stored = (row?.value ?? {}) as Partial<DispatchSettingsT>;
  return {
    settings: {
      ...DEFAULT_DISPATCH_SETTINGS,
      ...stored,
      deadlineDays: { ...DEFAULT_DISPATCH_SETTINGS.deadlineDays, ...(stored.deadlineDays ?? {}) },
    },
    version: row?.version ?? 1,
  };
}

export const DOCUMENT_SETTINGS_KEY = 'documents';

/** The stored document settings over the defaults (a setting added later gets its default). */
export async function loadDocumentSettings(db: DbOrTx): Promise<{ settings: DocumentSettingsT; version: number }> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', DOCUMENT_SETTINGS_KEY)
    .executeTakeFirst();
  const stored = (row?.value ?? {}) as Partial<DocumentSettingsT>;
  return { settings: { ...DEFAULT_DOCUMENT_SETTINGS, ...stored }, version: row?.version ?? 1 };
}

/** The item categories of DESIGN.md; editable afterwards. */
export const DEFAULT_ITEM_CATEGORIES: readonly { code: string; nameZh: string; nameEn: string }[] = [
  { code: 'financing', nameZh: '融资', nameEn: 'Financing' },
  { code: 'logistics', nameZh: '物流', nameEn: 'Logistics' },
  { code: 'customs', nameZh: '通关', nameEn: 'Customs clearance' },
  { code: 'land', nameZh: '用地', nameEn: 'Land use' },
  { code: 'talent', nameZh: '人才', nameEn: 'Talent' },
  { code: 'ip', nameZh: '知识产权', nameEn: 'Intellectual property' },
  { code: 'market', nameZh: '市场开拓', nameEn: 'Market development' },
  { code: 'policy', nameZh: '政策兑现', nameEn: 'Policy fulfilment' },
  { code: 'other', nameZh: '其他', nameEn: 'Other' },
];

/** Locks the settings row of `key` for a versioned write. */
export const lockSetting = (db: DbOrTx, key: string) =>
  db.selectFrom('settings').select(['value', 'version']).where('key', '=', key).forUpdate().executeTakeFirst();

/** Stores a setting's new value (version + 1), creating the row if an installation never had it. */
export async function writeSetting(db: DbOrTx, key: string, value: unknown, now: Date): Promise<number> {
  const row = await db
    .insertInto('settings')
    // A missing row reads as version 1 (the defaults), so its first write is version 2.
    .values({ key, value: JSON.stringify(value), version: 2, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        value: JSON.stringify(value),
        version: sql<number>`settings.version + 1`,
        updated_at: now,
      }),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export type DictEntryRow = Selectable<DictionaryEntriesTable>;

export function listDictEntries(db: DbOrTx, dict: string, includeInactive: boolean): Promise<DictEntryRow[]> {
  let q = db.selectFrom('dictionary_entries').selectAll().where('dict', '=', dict);
  if (!includeInactive) q = q.where('active', '=', true);
  return q.orderBy('sort_order').orderBy('code').execute();
}

export const findDictEntry = (db: DbOrTx, dict: string, id: string) =>
  db.selectFrom('dictionary_entries').selectAll().where('dict', '=', dict).where('id', '=', id).executeTakeFirst();

export const lockDictEntry = (db: DbOrTx, dict: string, id: string) =>
  db
    .selectFrom('dictionary_entries')
    .selectAll()
    .where('dict', '=', dict)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const dictCodeTaken = async (db: DbOrTx, dict: string, code: string) =>
  !!(await db
    .selectFrom('dictionary_entries')
    .select('id')
    .where('dict', '=', dict)
    .where('code', '=', code)
    .executeTakeFirst());

/** The next sort order at the end of a dictionary (steps of 10 leave room to insert between). */
export async function nextSortOrder(db: DbOrTx, dict: string): Promise<number> {
  const row = await db
    .selectFrom('dictionary_entries')
    .select(sql<number>`coalesce(max(sort_order), 0)::int`.as('max'))
    .where('dict', '=', dict)
    .executeTakeFirstOrThrow();
  return row.max + 10;
}
