import type { UnitT } from '@zaitun/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useItemCategories } from '../../api/dispatch';
import { useUnitTree } from '../../api/org';
import { currentLocale, hasMessage } from '../../i18n';
import { unitName } from '../../lib/units';

/** Unit names by id (every item reader may read the unit tree), and the tree itself and its options for pickers. */
export function useUnitLookup() {
  const tree = useUnitTree(false);
  const locale = currentLocale();
  return useMemo(() => {
    const units: readonly UnitT[] = tree.data?.items ?? [];
    const byId = new Map(units.map((u) => [u.id, u]));
    return {
      units,
      loading: tree.isPending,
      name: (id: string | null | undefined): string => (id ? unitName(byId.get(id), locale) || '…' : ''),
      /** Chinese names for official print-outs, whatever the UI language. */
      nameZh: (id: string | null | undefined): string => (id ? (byId.get(id)?.nameZh ?? '') : ''),
      /** The active units as options of a plain select. */
      options: units.filter((u) => u.active).map((u) => ({ value: u.id, label: unitName(u, locale) })),
      /** The 13 county-level units (counties, county-level cities, districts, zones). */
      counties: units.filter((u) => u.type === 'county' && u.active),
    };
  }, [tree.data, tree.isPending, locale]);
}

/** Category names by code, in the UI language; the code itself while the dictionary is unavailable. */
export function useCategoryLookup() {
  const categories = useItemCategories();
  const locale = currentLocale();
  return useMemo(() => {
    const entries = categories.data?.items ?? [];
    const byCode = new Map(entries.map((c) => [c.code, locale === 'en-US' ? c.nameEn || c.nameZh : c.nameZh]));
    return {
      options: entries.filter((c) => c.active).map((c) => ({ value: c.code, label: byCode.get(c.code) ?? c.code })),
      name: (code: string) => byCode.get(code) ?? code,
      failed: categories.isError,
    };
  }, [categories.data, categories.isError, locale]);
}

/** A timeline entry's name: a workflow action, another event, or the code when the UI does not know it. */
export function useEventLabel() {
  const { t } = useTranslation();
  return (action: string): string => {
    if (hasMessage(`dispatch.action.${action}`)) return t(`dispatch.action.${action}` as 'dispatch.title');
    if (hasMessage(`dispatch.event.${action}`)) return t(`dispatch.event.${action}` as 'dispatch.title');
    return action;
  };
}
