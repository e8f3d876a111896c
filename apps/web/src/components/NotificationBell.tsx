import { BellOutlined } from '@ant-design/icons';
import type { RouteResponse } from '@zaitun/contracts';
import { Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationTarget, useMarkRead, useNotifications, useUnreadCount } from '../api/notify';
import { formatDateTime } from '../lib/datetime';

type Notification = RouteResponse<'listNotifications'>['items'][number];

/** The bell in the header: unread count (polled), the latest eight on click, mark all read, view all. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotifications({ page: 1, pageSize: 8 }, open);
  const markRead = useMarkRead();
  const count = unread.data?.unread ?? 0;

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    const target = notificationTarget(n);
    setOpen(false);
    if (target) navigate(target);
  };

  const content = (
    <div style={{ width: 360 }}>
      <Spin spinning={latest.isFetching && !latest.data}>
        {latest.data?.items.length ? (
          <List<Notification>
            size="small"
            dataSource={latest.data.items}
            renderItem={(n) => (
              <List.Item
                className="notification-item"
                style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
                onClick={() => openOne(n)}
              >
                <List.Item.Meta
                  avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
                  title={<Typography.Text strong={!n.readAt}>{n.text}</Typography.Text>}
                  description={formatDateTime(n.createdAt)}
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.bell.empty')} />
        )}
      </Spin>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button
          size="small"
          disabled={count === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate(undefined)}
        >
          {t('notify.bell.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('notify.bell.viewAll')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notify.bell.latest')}
      content={content}
    >
      <Button
        type="text"
        aria-label={count ? t('notify.bell.unread', { count }) : t('notify.bell.label')}
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
