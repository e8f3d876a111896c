/** Small pieces the order and meeting pages share: state and light tags, unit names, the item picker. */
import type { ItemState, Light, OrderItemT, OrderState, UnitT } from '@zaitun/contracts';
import { Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderCandidates } from '../../../api/orders';
import { useUnitTree } from '../../../api/org';
import { currentLocale } from '../../../i18n';
import { unitName } from '../../../lib/units';

const ORDER_STATE_COLORS: Record<OrderState, string> = {
  draft: 'default',
  issued: 'processing',
  completed: 'success',
  withdrawn: 'warning',
};

export function OrderStateTag({ state }: { state: OrderState }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_STATE_COLORS[state]} data-order-state={state}>
      {t(`orders.state.${state}`)}
    </Tag>
  );
}

const ITEM_STATE_COLORS: Record<ItemState, string> = {
  draft: 'default',
  pending_dispatch: 'purple',
  assigned: 'cyan',
  in_progress: 'processing',
  resolved: 'geekblue',
  closed: 'default',
  cancelled: 'default',
};

export function ItemStateTag({ state }: { state: ItemState }) {
  const { t } = useTranslation();
  return <Tag color={ITEM_STATE_COLORS[state]}>{t(`orders.itemState.${state}`)}</Tag>;
}

const LIGHT_COLORS: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error' };

/** The light with its name (never colour alone); nothing while the item's clock is not running. */
export function LightText({ light }: { light: Light | null }) {
  const { t } = useTranslation();
  if (!light) return null;
  return (
    <Tag color={LIGHT_COLORS[light]} data-light={light}>
      ● {t(`orders.light.${light}`)}
    </Tag>
  );
}

/** Unit names by id in the UI language, and the active units for pickers. */
export function useUnitNames() {
  const tree = useUnitTree(false);
  const locale = currentLocale();
  return useMemo(() => {
    const units: readonly UnitT[] = tree.data?.items ?? [];
    const byId = new Map(units.map((u) => [u.id, u]));
    return {
      units,
      name: (id: string | null | undefined) => (id ? unitName(byId.get(id), locale) || '…' : ''),
      /** Chinese names for official print-outs, whatever the UI language. */
      nameZh: (id: string | null | undefined) => (id ? (byId.get(id)?.nameZh ?? '') : ''),
      options: units.filter((u) => u.active).map((u) => ({ value: u.id, label: unitName(u, locale) })),
    };
  }, [tree.data, locale]);
}

/** Picks dispatched, open items no other live order holds; keeps the labels of items already chosen. */
export function ItemPicker(props: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  initial?: readonly OrderItemT[];
  id?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const candidates = useOrderCandidates(q);
  const options = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of props.initial ?? []) seen.set(i.id, `${i.number} ${i.title}`);
    for (const i of candidates.data?.items ?? []) seen.set(i.id, `${i.number} ${i.title}`);
    return [...seen.entries()].map(([value, label]) => ({ value, label }));
  }, [candidates.data, props.initial]);
  return (
    <Select
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      options={options}
      filterOption={false}
      // A picked label starts with the item number: search by it, the server finds numbers exactly.
      onSearch={(text) => setQ(text.trim().match(/^\d{4}-\d+(?=\s|$)/)?.[0] ?? text.trim())}
      showSearch
      loading={candidates.isFetching}
      placeholder={t('orders.form.itemsSearch')}
      aria-label={t('orders.form.items')}
    />
  );
}
