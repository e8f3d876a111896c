import { PlusOutlined } from '@ant-design/icons';
import { MEETING_STATES, type MeetingState, type MeetingT } from '@zaitun/contracts';
import { Button, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { allowed } from '../../../access';
import { meetingExportUrl, useMeetings } from '../../../api/orders';
import { useCurrentUser } from '../../../api/session';
import { ExportLink, ListFilterBar, type ListFilterValues } from '../../../components/dispatch/ListFilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/datetime';
import { MeetingFormModal } from './MeetingFormModal';

type Filters = ListFilterValues<MeetingState>;

export function MeetingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const meetings = useMeetings({ ...filters, ...page });
  const apply = (next: Filters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<MeetingT> = [
    {
      title: t('orders.meetings.number'),
      dataIndex: 'number',
      width: 160,
      render: (n: string, m) => <Link to={`/dispatch/meetings/${m.id}`}>{n}</Link>,
    },
    {
      title: t('orders.meetings.titleCol'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, m) => <Link to={`/dispatch/meetings/${m.id}`}>{title}</Link>,
    },
    {
      title: t('orders.meetings.type'),
      dataIndex: 'type',
      width: 100,
      render: (type: MeetingT['type']) => t(`orders.meetings.types.${type}`),
    },
    { title: t('orders.meetings.heldAt'), dataIndex: 'heldAt', width: 150, render: (d: string) => formatDateTime(d) },
    { title: t('orders.meetings.place'), dataIndex: 'place', width: 180, ellipsis: true },
    {
      title: t('orders.meetings.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: MeetingState) => (
        <Tag color={s === 'held' ? 'success' : 'processing'}>{t(`orders.meetings.states.${s}`)}</Tag>
      ),
    },
    {
      title: t('orders.meetings.agenda'),
      key: 'agenda',
      width: 130,
      render: (_, m) => t('orders.meetings.agendaCount', { decided: m.decidedCount, total: m.agendaCount }),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('orders.meetings.title')}
        subtitle={t('orders.meetings.subtitle')}
        extra={
          <>
            <ExportLink href={meetingExportUrl(filters)} />
            {allowed(me, 'meeting.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('orders.meetings.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <ListFilterBar<MeetingState>
        value={filters}
        onChange={apply}
        onRefresh={() => meetings.refetch()}
        searchLabel={t('orders.meetings.search')}
        stateLabel={t('orders.meetings.state')}
        stateOptions={MEETING_STATES.map((s) => ({ value: s, label: t(`orders.meetings.states.${s}`) }))}
      />
      <Table<MeetingT>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={meetings.data?.items ?? []}
        loading={meetings.isFetching}
        // Fits a 1280 px laptop beside the menu; narrower windows scroll sideways.
        scroll={{ x: 990 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: meetings.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
      {creating ? (
        <MeetingFormModal
          onClose={() => setCreating(false)}
          onSaved={(d) => navigate(`/dispatch/meetings/${d.meeting.id}`)}
        />
      ) : null}
    </>
  );
}
