import { PlusOutlined } from '@ant-design/icons';
import { BULLETIN_STATES, type BulletinState, type BulletinT } from '@zaitun/contracts';
import { Button, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { allowed } from '../../../access';
import { useBulletins } from '../../../api/bulletins';
import { useCurrentUser } from '../../../api/session';
import { ListFilterBar, type ListFilterValues } from '../../../components/dispatch/ListFilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate, formatDateTime } from '../../../lib/datetime';
import { BulletinBuilderModal } from './BulletinBuilderModal';
import { BulletinStateTag, PeriodText } from './parts';

type Filters = ListFilterValues<BulletinState>;

/** The bulletin archive (通报): newest first, filtered by year, state and title or number; units see published ones. */
export function BulletinsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [building, setBuilding] = useState(false);
  const bulletins = useBulletins({ ...filters, ...page });
  const manager = allowed(me, 'bulletin.manage');

  const apply = (next: Filters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<BulletinT> = [
    {
      title: t('bulletins.list.number'),
      dataIndex: 'number',
      width: 200,
      render: (number: string | null, b) => (
        <Link to={`/dispatch/bulletins/${b.id}`} style={{ whiteSpace: 'nowrap' }}>
          {number ?? <Typography.Text type="secondary">{t('bulletins.list.unnumbered')}</Typography.Text>}
        </Link>
      ),
    },
    {
      // No width: the title takes what the other columns leave.
      title: t('bulletins.list.titleCol'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, b) => <Link to={`/dispatch/bulletins/${b.id}`}>{title}</Link>,
    },
    {
      title: t('bulletins.list.period'),
      key: 'period',
      // Wide enough for a custom period's two dates on one line.
      width: 200,
      render: (_, b) => <PeriodText kind={b.periodKind} from={b.from} to={b.to} />,
    },
    {
      title: t('bulletins.list.state'),
      dataIndex: 'state',
      width: 96,
      render: (s: BulletinState) => <BulletinStateTag state={s} />,
    },
    {
      title: t('bulletins.list.publishedAt'),
      dataIndex: 'publishedAt',
      width: 110,
      render: (d: string | null) => <span title={formatDateTime(d)}>{formatDate(d)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('bulletins.list.title')}
        subtitle={t('bulletins.list.subtitle')}
        extra={
          manager ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setBuilding(true)}>
              {t('bulletins.list.create')}
            </Button>
          ) : null
        }
      />
      <ListFilterBar<BulletinState>
        value={filters}
        onChange={apply}
        onRefresh={() => bulletins.refetch()}
        searchLabel={t('bulletins.list.search')}
        stateLabel={t('bulletins.list.state')}
        stateOptions={BULLETIN_STATES.map((s) => ({ value: s, label: t(`bulletins.state.${s}`) }))}
      />
      <Table<BulletinT>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={bulletins.data?.items ?? []}
        loading={bulletins.isFetching}
        locale={{ emptyText: t('bulletins.list.empty') }}
        aria-label={t('bulletins.list.title')}
        scroll={{ x: 760 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: bulletins.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
      {building ? (
        <BulletinBuilderModal
          onClose={() => setBuilding(false)}
          onCreated={(id) => navigate(`/dispatch/bulletins/${id}`)}
        />
      ) : null}
    </>
  );
}
