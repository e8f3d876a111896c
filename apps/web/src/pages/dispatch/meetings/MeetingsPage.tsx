import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { MEETING_STATES, type MeetingState, type MeetingT } from '@zaitun/contracts';
import { Button, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { allowed } from '../../../access';
import { type MeetingListQuery, useMeetings } from '../../../api/orders';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/datetime';
import { MeetingFormModal } from './MeetingFormModal';

type Filters = Omit<MeetingListQuery, 'page' | 'pageSize'>;

export function MeetingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [keyword, setKeyword] = useState('');
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
      width: 190,
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
      width: 120,
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
          allowed(me, 'meeting.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('orders.meetings.create')}
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
          placeholder={t('orders.meetings.search')}
          aria-label={t('orders.meetings.search')}
          style={{ width: 220 }}
        />
        <Select<MeetingState>
          allowClear
          value={filters.state}
          onChange={(state) => apply({ ...filters, state })}
          placeholder={t('orders.meetings.state')}
          aria-label={t('orders.meetings.state')}
          style={{ width: 130 }}
          options={MEETING_STATES.map((s) => ({ value: s, label: t(`orders.meetings.states.${s}`) }))}
        />
        <Button
          onClick={() => {
            setKeyword('');
            apply({});
          }}
        >
          {t('common.reset')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => meetings.refetch()} aria-label={t('common.refresh')} />
      </div>
      <Table<MeetingT>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={meetings.data?.items ?? []}
        loading={meetings.isFetching}
        scroll={{ x: 1000 }}
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
