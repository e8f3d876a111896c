/** Business settings and dictionaries, stored in the database and edited by admins. */
import { DEFAULT_DISPATCH_SETTINGS, type DispatchSettingsT } from '@zaitun/contracts';
import type { DbOrTx } from '../../db/database';

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
