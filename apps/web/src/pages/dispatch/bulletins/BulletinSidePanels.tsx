/** The manager's views beside a bulletin: its saved versions (a drawer) and its read receipts (a card). */

import type { BulletinReceiptsT } from '@zaitun/contracts';
import { Card, Collapse, Drawer, Empty, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBulletinReceipts, useBulletinVersions, useUserNames } from '../../../api/bulletins';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { TextBlocks } from './BulletinTextCard';

type Read = BulletinReceiptsT['reads'][number];

/** Every saved text, newest first: who saved it and when; a version's text opens in place. */
export function BulletinVersionsDrawer({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useBulletinVersions(id, open);
  const items = versions.data?.items ?? [];
  const userIds = useMemo(() => [...new Set(items.map((v) => v.byUserId))], [items]);
  const names = useUserNames(userIds);
  return (
    <Drawer open={open} onClose={onClose} title={t('bulletins.versionsDrawer.title')} width={560} destroyOnHidden>
      {items.length === 0 && !versions.isPending ? (
        <Empty description={t('bulletins.versionsDrawer.empty')} />
      ) : (
        <Collapse
          size="small"
          data-testid="bulletin-versions"
          items={items.map((v) => ({
            key: String(v.version),
            label: (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{t('bulletins.versionsDrawer.entry', { version: v.version })}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('bulletins.versionsDrawer.by', {
                    name: names.get(v.byUserId) ?? t('bulletins.versionsDrawer.unknownUser'),
                    time: formatDateTime(v.at),
                  })}
                </Typography.Text>
              </Space>
            ),
            children: (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {v.title}
                </Typography.Title>
                <TextBlocks text={v.text} />
              </>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

/** Who opened the published bulletin and when, with their unit; the units none of whose users has read it. */
export function BulletinReceiptsCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const receipts = useBulletinReceipts(id, true);
  const data = receipts.data;
  const unitName = (u: { nameZh: string; nameEn: string }) => (locale === 'en-US' ? u.nameEn || u.nameZh : u.nameZh);
  const columns: TableColumnsType<Read> = [
    { title: t('bulletins.receipts.reader'), dataIndex: 'displayName', width: 160 },
    {
      title: t('bulletins.receipts.unit'),
      key: 'unit',
      render: (_, r) => unitName({ nameZh: r.unitNameZh, nameEn: r.unitNameEn }),
    },
    {
      title: t('bulletins.receipts.readAt'),
      dataIndex: 'firstReadAt',
      width: 170,
      render: (d: string) => formatDateTime(d),
    },
  ];
  return (
    <Card
      title={t('bulletins.receipts.title')}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="bulletin-receipts"
      extra={
        data ? (
          <Typography.Text type="secondary">
            {t('bulletins.receipts.summary', { read: data.reads.length, unread: data.unreadUnits.length })}
          </Typography.Text>
        ) : null
      }
    >
      <Table<Read>
        rowKey="userId"
        size="small"
        pagination={false}
        loading={receipts.isFetching}
        columns={columns}
        dataSource={data?.reads ?? []}
        locale={{ emptyText: t('bulletins.receipts.noReads') }}
        aria-label={t('bulletins.receipts.title')}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('bulletins.receipts.unread')}
      </Typography.Title>
      {data && data.unreadUnits.length === 0 ? (
        <Typography.Text type="success">{t('bulletins.receipts.allRead')}</Typography.Text>
      ) : (
        <div data-testid="bulletin-unread-units" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {(data?.unreadUnits ?? []).map((u) => (
            <Tag key={u.unitId} style={{ marginInlineEnd: 0 }}>
              {unitName(u)}
            </Tag>
          ))}
        </div>
      )}
    </Card>
  );
}
