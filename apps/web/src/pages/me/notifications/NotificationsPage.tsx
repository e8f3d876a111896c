import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { NOTIFICATION_EVENTS, type NotificationEvent, type RouteResponse } from '@zaitun/contracts';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Row,
  Segmented,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  notificationTarget,
  useMarkRead,
  useNotificationPrefs,
  useNotifications,
  usePutNotificationPrefs,
} from '../../../api/notify';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/datetime';

type Notification = RouteResponse<'listNotifications'>['items'][number];

/** My notifications (all or unread, mark some or all read) and which events I am told about. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<string[]>([]);
  const list = useNotifications({ page, pageSize, ...(unreadOnly ? { unread: true } : {}) });
  const markRead = useMarkRead();
  const prefs = useNotificationPrefs();
  const putPrefs = usePutNotificationPrefs();

  const mark = (ids?: string[]) =>
    markRead.mutate(ids, {
      onSuccess: () => {
        setSelected([]);
        message.success(t('notify.page.marked'));
      },
    });

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    const target = notificationTarget(n);
    if (target) navigate(target);
  };

  const columns: TableColumnsType<Notification> = [
    {
      title: t('notify.page.state'),
      dataIndex: 'readAt',
      width: 90,
      render: (readAt: string | null) =>
        readAt ? (
          <Badge status="default" text={t('notify.page.read')} />
        ) : (
          <Badge status="processing" text={t('notify.page.unreadTag')} />
        ),
    },
    {
      title: t('notify.page.event'),
      dataIndex: 'eventType',
      width: 170,
      render: (e: NotificationEvent) => <Tag>{t(`notify.events.${e}`)}</Tag>,
    },
    {
      title: t('notify.page.content'),
      dataIndex: 'text',
      render: (text: string, n) => <Typography.Text strong={!n.readAt}>{text}</Typography.Text>,
    },
    { title: t('notify.page.time'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, n) => (
        <>
          {notificationTarget(n) ? (
            <Button type="link" size="small" onClick={() => open(n)}>
              {t('notify.page.open')}
            </Button>
          ) : null}
          {n.readAt ? null : (
            <Button type="link" size="small" onClick={() => mark([n.id])}>
              {t('notify.page.markRead')}
            </Button>
          )}
        </>
      ),
    },
  ];

  const prefByEvent = new Map(prefs.data?.items.map((p) => [p.eventType, p.inApp]));

  return (
    <>
      <PageHeader
        title={t('notify.title')}
        subtitle={t('notify.page.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />
            <Button disabled={!selected.length} onClick={() => mark(selected)}>
              {t('notify.page.markSelected')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={!list.data?.unread}
              loading={markRead.isPending}
              onClick={() => mark(undefined)}
            >
              {t('notify.page.markAll')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        {/* Side by side only on wide screens: beside the preferences the message column was too narrow to read. */}
        <Col xs={24} xxl={16}>
          <Segmented<'all' | 'unread'>
            style={{ marginBottom: 12 }}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notify.page.all') },
              { value: 'unread', label: `${t('notify.page.unread')} (${list.data?.unread ?? 0})` },
            ]}
          />
          <Table<Notification>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (n) => ({ disabled: !!n.readAt }),
            }}
            locale={{ emptyText: t('notify.page.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, size) => {
                setPage(size === pageSize ? p : 1);
                setPageSize(size);
              },
            }}
          />
        </Col>
        <Col xs={24} xxl={8}>
          <Card title={t('notify.prefs.title')} size="small" loading={prefs.isLoading}>
            <Typography.Paragraph type="secondary">{t('notify.prefs.hint')}</Typography.Paragraph>
            {NOTIFICATION_EVENTS.map((event) => (
              <div
                key={event}
                style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '6px 0' }}
              >
                <label htmlFor={`pref-${event}`}>{t(`notify.events.${event}`)}</label>
                <Switch
                  id={`pref-${event}`}
                  size="small"
                  checked={prefByEvent.get(event) ?? true}
                  loading={putPrefs.isPending && putPrefs.variables?.items[0]?.eventType === event}
                  aria-label={`${t(`notify.events.${event}`)} ${t('notify.prefs.inApp')}`}
                  onChange={(inApp) =>
                    putPrefs.mutate(
                      { items: [{ eventType: event, inApp }] },
                      { onSuccess: () => message.success(t('notify.prefs.saved')) },
                    )
                  }
                />
              </div>
            ))}
          </Card>
        </Col>
      </Row>
    </>
  );
}
