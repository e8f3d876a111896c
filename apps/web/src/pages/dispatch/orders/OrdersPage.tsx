import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ORDER_STATES, type OrderState, type OrderT } from '@zaitun/contracts';
import { Button, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { allowed } from '../../../access';
import { type OrderListQuery, useOrders } from '../../../api/orders';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/datetime';
import { OrderFormModal } from './OrderFormModal';
import { OrderStateTag, useUnitNames } from './parts';

type Filters = Omit<OrderListQuery, 'page' | 'pageSize'>;

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 5 }, (_, i) => THIS_YEAR - i);

export function OrdersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const units = useUnitNames();
  const [filters, setFilters] = useState<Filters>({});
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const orders = useOrders({ ...filters, ...page });

  const apply = (next: Filters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<OrderT> = [
    {
      title: t('orders.list.number'),
      dataIndex: 'number',
      width: 220,
      render: (number: string | null, o) => (
        <Link to={`/dispatch/orders/${o.id}`}>
          {number ?? <Typography.Text type="secondary">{t('orders.list.unnumbered')}</Typography.Text>}
        </Link>
      ),
    },
    {
      title: t('orders.list.titleCol'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, o) => <Link to={`/dispatch/orders/${o.id}`}>{title}</Link>,
    },
    {
      title: t('orders.list.filterState'),
      dataIndex: 'state',
      width: 100,
      render: (s: OrderState) => <OrderStateTag state={s} />,
    },
    {
      title: t('orders.list.addressees'),
      key: 'units',
      ellipsis: true,
      render: (_, o) => o.units.map((u) => units.name(u.unitId)).join('、') || t('common.none'),
    },
    {
      title: t('orders.list.receipts'),
      key: 'receipts',
      width: 130,
      render: (_, o) =>
        o.issuedAt
          ? t('orders.list.receiptCount', {
              done: o.units.filter((u) => u.confirmedAt).length,
              total: o.units.length,
            })
          : t('common.none'),
    },
    { title: t('orders.list.items'), dataIndex: 'itemCount', width: 80 },
    {
      title: t('orders.list.feedbackDue'),
      dataIndex: 'feedbackDue',
      width: 110,
      render: (d: string | null) => d ?? t('common.none'),
    },
    {
      title: t('orders.list.issuedAt'),
      dataIndex: 'issuedAt',
      width: 150,
      render: (d: string | null) => formatDateTime(d),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('orders.list.title')}
        subtitle={t('orders.list.subtitle')}
        extra={
          allowed(me, 'order.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('orders.list.create')}
            </Button>
          ) : null
        }
      />
      <div className="toolbar">
        <Input.Search
          allowClear
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(q) => apply({ ...filters, q: q.trim() || undefined })}
          placeholder={t('orders.list.search')}
          aria-label={t('orders.list.search')}
          style={{ width: 220 }}
        />
        <Select<OrderState>
          allowClear
          value={filters.state}
          onChange={(state) => apply({ ...filters, state })}
          placeholder={t('orders.list.filterState')}
          aria-label={t('orders.list.filterState')}
          style={{ width: 130 }}
          options={ORDER_STATES.map((s) => ({ value: s, label: t(`orders.state.${s}`) }))}
        />
        <Select<number>
          allowClear
          value={filters.year}
          onChange={(year) => apply({ ...filters, year })}
          placeholder={t('orders.list.filterYear')}
          aria-label={t('orders.list.filterYear')}
          style={{ width: 110 }}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
        />
        <Space>
          <Button
            onClick={() => {
              setKeyword('');
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => orders.refetch()} aria-label={t('common.refresh')} />
        </Space>
      </div>
      <Table<OrderT>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={orders.data?.items ?? []}
        loading={orders.isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: orders.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
      {creating ? (
        <OrderFormModal
          onClose={() => setCreating(false)}
          onSaved={(d) => navigate(`/dispatch/orders/${d.order.id}`)}
        />
      ) : null}
    </>
  );
}
