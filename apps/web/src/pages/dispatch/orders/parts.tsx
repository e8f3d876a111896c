/**
 * Pieces of the order pages: the order's state tag and the item picker. Item states, lights and unit names come
 * from the shared dispatch components (`components/dispatch`).
 */
import type { OrderItemT, OrderState } from '@zaitun/contracts';
import { Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderCandidates } from '../../../api/orders';

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
