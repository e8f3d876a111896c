import { PlusOutlined } from '@ant-design/icons';
import { ORDER_STATES, type OrderState, type OrderT } from '@zaitun/contracts';
import { Button, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { allowed } from '../../../access';
import { orderExportUrl, useOrders } from '../../../api/orders';
import { useCurrentUser } from '../../../api/session';
import { ExportLink, ListFilterBar, type ListFilterValues } from '../../../components/dispatch/ListFilterBar';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { PageHeader } from '../../../components/PageHeader';
import { currentLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/datetime';
import { formatList } from '../../../lib/list-format';
import { OrderFormModal } from './OrderFormModal';
import { OrderStateTag } from './parts';

type Filters = ListFilterValues<OrderState>;

export function OrdersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const units = useUnitLookup();
  const [filters, setFilters] = useState<Filters>({});
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
      width: 190,
      render: (number: string | null, o) => (
        <Link to={`/dispatch/orders/${o.id}`} style={{ whiteSpace: 'nowrap' }}>
          {number ?? <Typography.Text type="secondary">{t('orders.list.unnumbered')}</Typography.Text>}
        </Link>
      ),
    },
    {
      // No width: the title takes what the other columns leave.
      title: t('orders.list.titleCol'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, o) => <Link to={`/dispatch/orders/${o.id}`}>{title}</Link>,
    },
    {
      title: t('orders.list.filterState'),
      dataIndex: 'state',
      width: 96,
      render: (s: OrderState) => <OrderStateTag state={s} />,
    },
    {
      title: t('orders.list.addressees'),
      key: 'units',
      width: 150,
      ellipsis: true,
      render: (_, o) =>
        formatList(
          o.units.map((u) => units.name(u.unitId)),
          currentLocale(),
        ) || t('common.none'),
    },
    {
      title: t('orders.list.receipts'),
      key: 'receipts',
      width: 110,
      render: (_, o) =>
        o.issuedAt
          ? t('orders.list.receiptCount', {
              done: o.units.filter((u) => u.confirmedAt).length,
              total: o.units.length,
            })
          : t('common.none'),
    },
    { title: t('orders.list.items'), dataIndex: 'itemCount', width: 64 },
    {
      title: t('orders.list.feedbackDue'),
      dataIndex: 'feedbackDue',
      width: 120,
      render: (d: string | null) => d ?? t('common.none'),
    },
    {
      title: t('orders.list.issuedAt'),
      dataIndex: 'issuedAt',
      width: 100,
      render: (d: string | null) => <span title={formatDateTime(d)}>{formatDate(d)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('orders.list.title')}
        subtitle={t('orders.list.subtitle')}
        extra={
          <>
            <ExportLink href={orderExportUrl(filters)} />
            {allowed(me, 'order.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('orders.list.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <ListFilterBar<OrderState>
        value={filters}
        onChange={apply}
        onRefresh={() => orders.refetch()}
        searchLabel={t('orders.list.search')}
        stateLabel={t('orders.list.filterState')}
        stateOptions={ORDER_STATES.map((s) => ({ value: s, label: t(`orders.state.${s}`) }))}
      />
      <Table<OrderT>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={orders.data?.items ?? []}
        loading={orders.isFetching}
        // Fits a 1280 px laptop beside the menu; narrower windows scroll sideways.
        scroll={{ x: 990 }}
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
