import { ReloadOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ItemListQuery, useItemCount, useItems } from '../../../api/dispatch';
import { useCurrentUser } from '../../../api/session';
import { CountTabLabel } from '../../../components/dispatch/CountTabLabel';
import { ItemFilters, type ItemFilterValues } from '../../../components/dispatch/ItemFilters';
import { ItemTable } from '../../../components/dispatch/ItemTable';
import { PageHeader } from '../../../components/PageHeader';

type QueueTab = 'to_sign' | 'in_progress' | 'due_soon' | 'overdue' | 'co';
const BUCKET_TABS: Exclude<QueueTab, 'co'>[] = ['to_sign', 'in_progress', 'due_soon', 'overdue'];
/** The API has no "co-unit parts only" filter: the co tab reads one page of the queue and keeps the items my unit does not lead. */
const CO_PAGE = 100;

/** My unit's work: what waits for signing, what is being handled, what is due or overdue, and our co-unit parts. */
export function QueuePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const myUnit = me.unit?.id ?? null;
  const [tab, setTab] = useState<QueueTab>('to_sign');
  const [filters, setFilters] = useState<ItemFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });

  const base: ItemListQuery = { view: 'queue', sort: 'deadline', order: 'asc' };
  const counts = {
    to_sign: useItemCount({ ...base, bucket: 'to_sign' }),
    in_progress: useItemCount({ ...base, bucket: 'in_progress' }),
    due_soon: useItemCount({ ...base, bucket: 'due_soon' }),
    overdue: useItemCount({ ...base, bucket: 'overdue' }),
  };
  const isCo = tab === 'co';
  const list = useItems({ ...base, ...filters, bucket: isCo ? undefined : tab, ...page }, !isCo);
  const coList = useItems({ ...base, ...filters, page: 1, pageSize: CO_PAGE });
  const coItems = (coList.data?.items ?? []).filter(
    (i) => i.leadUnitId !== myUnit && i.coUnits.some((c) => c.unitId === myUnit && c.status === 'open'),
  );

  const refresh = () => {
    void list.refetch();
    void coList.refetch();
    for (const c of Object.values(counts)) void c.refetch();
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
                count={counts[b].data}
                alert={b === 'overdue' || b === 'to_sign'}
              />
            ),
          })),
          { key: 'co', label: <CountTabLabel label={t('dispatch.queue.coTab')} count={coItems.length} /> },
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
      {isCo ? (
        <ItemTable
          aria-label={t('dispatch.queue.coTab')}
          page={coList.data ? { ...coList.data, items: coItems, total: coItems.length } : undefined}
          loading={coList.isFetching}
          columns={['number', 'state', 'light', 'lead', 'deadline']}
          emptyText={t('dispatch.queue.empty')}
        />
      ) : (
        <ItemTable
          aria-label={t(`dispatch.bucket.${tab}`)}
          page={list.data}
          loading={list.isFetching}
          columns={['number', 'state', 'light', 'priority', 'lead', 'deadline']}
          emptyText={t('dispatch.queue.empty')}
          pagination={{
            ...page,
            onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
          }}
        />
      )}
    </>
  );
}
