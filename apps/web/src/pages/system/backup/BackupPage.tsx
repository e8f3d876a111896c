import { CloudUploadOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { RouteResponse } from '@zaitun/contracts';
import { Alert, App, Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { routeUrl } from '../../../api/client';
import { useBackups, useCreateBackup } from '../../../api/system';
import { PageHeader } from '../../../components/PageHeader';
import { formatBytes, formatDateTime } from '../../../lib/datetime';

type Backup = RouteResponse<'listBackups'>['items'][number];

export function BackupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const backups = useBackups();
  const create = useCreateBackup();

  const columns: TableColumnsType<Backup> = [
    { title: t('backup.name'), dataIndex: 'name', render: (name: string) => <code>{name}</code> },
    { title: t('backup.size'), dataIndex: 'size', width: 120, align: 'right', render: (n: number) => formatBytes(n) },
    { title: t('backup.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, b) => (
        // A plain link: the browser streams the file with the session cookie; no fetch into memory.
        <a href={routeUrl('downloadBackup', { params: { name: b.name } })} download={b.name}>
          <DownloadOutlined /> {t('backup.download')}
        </a>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('backup.title')}
        subtitle={t('backup.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => backups.refetch()} aria-label={t('common.refresh')} />
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={create.isPending}
              onClick={() =>
                create.mutate(undefined, {
                  onSuccess: (b) => {
                    message.success(t('backup.created', { name: b.name }));
                  },
                })
              }
            >
              {create.isPending ? t('backup.creating') : t('backup.createNow')}
            </Button>
          </>
        }
      />
      <Alert type="warning" showIcon title={t('backup.note')} style={{ marginBottom: 16 }} />
      <Table<Backup>
        rowKey="name"
        size="middle"
        columns={columns}
        dataSource={backups.data?.items ?? []}
        loading={backups.isFetching}
        pagination={false}
        locale={{ emptyText: t('backup.empty') }}
      />
    </>
  );
}
