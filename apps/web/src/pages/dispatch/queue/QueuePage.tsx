import { ReloadOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ItemListQuery, useItemCounts, useItems } from '../../../api/dispatch';
import { CountTabLabel } from '../../../components/dispatch/CountTabLabel';
import { ItemFilters, type ItemFilterValues } from '../../../components/dispatch/ItemFilters';
import { ItemTable } from '../../../components/dispatch/ItemTable';
import { PageHeader } from '../../../components/PageHeader';

type QueueTab = 'to_sign' | 'in_progress' | 'due_soon' | 'overdue' | 'co';
const BUCKET_TABS: Exclude<QueueTab, 'co'>[] = ['to_sign', 'in_progress', 'due_soon', 'overdue'];

/** My unit's work: what waits for signing, what is being handled, what is due or overdue, and our co-unit parts. */
export function QueuePage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<QueueTab>('to_sign');
  const [filters, setFilters] = useState<ItemFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });

  // The buckets are what my unit leads; the co tab is our open co-unit parts of items other units lead.
  const base: ItemListQuery = { view: 'queue', role: 'lead', sort: 'deadline', order: 'asc' };
  const coBase: ItemListQuery = { view: 'queue', role: 'co', sort: 'deadline', order: 'asc' };
  const counts = useItemCounts(base, { buckets: BUCKET_TABS });
  const coCount = useItemCounts(coBase, {});
  const isCo = tab === 'co';
  const list = useItems(isCo ? { ...coBase, ...filters, ...page } : { ...base, ...filters, bucket: tab, ...page });

  const refresh = () => {
    void list.refetch();
    void coCount.refetch();
    void counts.refetch();
  };

  return (
    <>
      <PageHeader
        title={t('dispatch.queue.title')}
        subtitle={t('dispatch.queue.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as QueueTab);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        items={[
          ...BUCKET_TABS.map((b) => ({
            key: b,
            label: (
              <CountTabLabel
                label={t(`dispatch.bucket.${b}`)}
                count={counts.data?.buckets[b]}
                alert={b === 'overdue' || b === 'to_sign'}
              />
            ),
          })),
          { key: 'co', label: <CountTabLabel label={t('dispatch.queue.coTab')} count={coCount.data?.total} /> },
        ]}
      />
      <ItemFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        fields={['q', 'light', 'priority']}
      />
      <ItemTable
        aria-label={isCo ? t('dispatch.queue.coTab') : t(`dispatch.bucket.${tab}`)}
        page={list.data}
        loading={list.isFetching}
        columns={
          isCo
            ? ['number', 'state', 'light', 'lead', 'deadline']
            : ['number', 'state', 'light', 'priority', 'lead', 'deadline']
        }
        emptyText={t('dispatch.queue.empty')}
        pagination={{
          ...page,
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </>
  );
}
