import { ApartmentOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { allowed } from '../../../access';
import { exportUrl, type ItemListQuery, useItems } from '../../../api/dispatch';
import { useCurrentUser } from '../../../api/session';
import { ItemFilters, type ItemFilterValues } from '../../../components/dispatch/ItemFilters';
import { ItemFormModal, type ItemFormTarget } from '../../../components/dispatch/ItemFormModal';
import { ItemTable, type SortState } from '../../../components/dispatch/ItemTable';
import { PageHeader } from '../../../components/PageHeader';

type Scope = 'all' | 'open' | 'closed';

/** Every item in my scope: all filters, sort, paging, the xlsx export, and registering a new item. */
export function ItemsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ItemFilterValues>({});
  const [scope, setScope] = useState<Scope>('all');
  const [sort, setSort] = useState<SortState>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [form, setForm] = useState<ItemFormTarget | null>(null);
  const query: ItemListQuery = {
    view: 'all',
    ...filters,
    ...(scope === 'all' ? {} : { bucket: scope }),
    ...sort,
  };
  const items = useItems({ ...query, ...page });
  const canCreate = allowed(me, 'item.create');
  const resetPage = () => setPage((p) => ({ ...p, page: 1 }));

  return (
    <>
      <PageHeader
        title={t('dispatch.items.title')}
        subtitle={t('dispatch.items.subtitle')}
        extra={
          <>
            <Tooltip title={t('dispatch.items.exportHint')}>
              <Button icon={<DownloadOutlined />} href={exportUrl(query)} download>
                {t('dispatch.items.export')}
              </Button>
            </Tooltip>
            {canCreate ? (
              <Button icon={<ApartmentOutlined />} onClick={() => setForm({ mode: 'create', source: 'coordination' })}>
                {t('dispatch.items.coordination')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })}>
                {t('dispatch.items.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <ItemFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          resetPage();
        }}
        onRefresh={() => items.refetch()}
        prefix={
          <Select<Scope>
            value={scope}
            onChange={(s) => {
              setScope(s);
              resetPage();
            }}
            aria-label={t('dispatch.bucket.open')}
            style={{ width: 120 }}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'open', label: t('dispatch.bucket.open') },
              { value: 'closed', label: t('dispatch.bucket.closed') },
            ]}
          />
        }
      />
      <ItemTable
        aria-label={t('dispatch.items.title')}
        page={items.data}
        loading={items.isFetching}
        columns={['number', 'state', 'light', 'priority', 'category', 'source', 'lead', 'deadline', 'createdAt']}
        wideOnly={['source', 'createdAt']}
        sort={sort}
        onSort={(s) => {
          setSort(s);
          resetPage();
        }}
        pagination={{
          ...page,
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
      {form ? (
        <ItemFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={(detail) => navigate(`/dispatch/items/${detail.item.id}`)}
        />
      ) : null}
    </>
  );
}
