import { ReloadOutlined } from '@ant-design/icons';
import type { ItemAction, ItemT } from '@zaitun/contracts';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed } from '../../../access';
import { type ItemListQuery, useItemCounts, useItems } from '../../../api/dispatch';
import { useCurrentUser } from '../../../api/session';
import { CountTabLabel } from '../../../components/dispatch/CountTabLabel';
import { RowActions } from '../../../components/dispatch/ItemActionLauncher';
import { ItemFilters, type ItemFilterValues } from '../../../components/dispatch/ItemFilters';
import { ItemTable } from '../../../components/dispatch/ItemTable';
import { PageHeader } from '../../../components/PageHeader';

const TABS = ['red_card', 'yellow_card', 'overdue', 'sign_overdue', 'urged'] as const;
type SupervisionTab = (typeof TABS)[number];
const BASE: ItemListQuery = { view: 'supervision', sort: 'deadline', order: 'asc' };

/** The supervision lists (督办): red and yellow cards, overdue, signing overdue and urged items. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const dispatcher = allowed(me, 'item.dispatch');
  const [tab, setTab] = useState<SupervisionTab>('red_card');
  const [filters, setFilters] = useState<ItemFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const counts = useItemCounts(BASE, { buckets: TABS });
  const list = useItems({ ...BASE, ...filters, bucket: tab, ...page });
  const rowActions = (item: ItemT) => {
    const actions: ItemAction[] = ['urge'];
    if (item.escalation !== 'red') actions.push('escalate');
    return <RowActions item={item} actions={actions} />;
  };

  return (
    <>
      <PageHeader
        title={t('dispatch.supervision.title')}
        subtitle={t('dispatch.supervision.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            onClick={() => {
              void list.refetch();
              void counts.refetch();
            }}
          />
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as SupervisionTab);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        items={TABS.map((b) => ({
          key: b,
          label: (
            <CountTabLabel label={t(`dispatch.bucket.${b}`)} count={counts.data?.buckets[b]} alert={b !== 'urged'} />
          ),
        }))}
      />
      <ItemFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        fields={['q', 'leadUnitId', 'countyUnitId', 'priority']}
      />
      <ItemTable
        aria-label={t(`dispatch.bucket.${tab}`)}
        page={list.data}
        loading={list.isFetching}
        columns={['number', 'state', 'light', 'priority', 'lead', 'deadline']}
        actions={dispatcher ? rowActions : undefined}
        pagination={{
          ...page,
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </>
  );
}
