import { PlusOutlined } from '@ant-design/icons';
import { CreateDisplayLinkBody, type RouteResponse } from '@zaitun/contracts';
import { App, Button, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  displayLinkAddress,
  useCreateDisplayLink,
  useDisplayLinks,
  useRevokeDisplayLink,
} from '../../../api/display-links';
import { PageHeader } from '../../../components/PageHeader';
import { SecretOnceModal } from '../../../components/SecretOnceModal';
import { formatDateTime } from '../../../lib/datetime';
import { schemaRules } from '../../../lib/form-rules';
import { ignoreHandled } from '../../../lib/promise';

type Link = RouteResponse<'listDisplayLinks'>['items'][number];
type LinkState = 'active' | 'expired' | 'revoked';

const EXPIRY_CHOICES = [7, 30, 90, 180, 366] as const;
const STATE_COLORS: Record<LinkState, string> = { active: 'success', expired: 'default', revoked: 'error' };

export function linkState(link: Link, now: number): LinkState {
  if (link.revokedAt) return 'revoked';
  return Date.parse(link.expiresAt) <= now ? 'expired' : 'active';
}

interface Values {
  name: string;
  expiresInDays: number;
}

/** The HQ office's display links (大屏) for meeting-room screens: list, create (address shown once), revoke. */
export function DisplayLinksPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const links = useDisplayLinks();
  const create = useCreateDisplayLink();
  const revoke = useRevokeDisplayLink();
  const [creating, setCreating] = useState(false);
  const [address, setAddress] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const now = Date.now();

  const submit = async () => {
    const v = await form.validateFields();
    const result = await create.mutateAsync({ name: v.name.trim(), expiresInDays: v.expiresInDays });
    setCreating(false);
    form.resetFields();
    setAddress(displayLinkAddress(result.url));
  };

  const stateLabel: Record<LinkState, string> = {
    active: t('displayLinks.statusActive'),
    expired: t('displayLinks.statusExpired'),
    revoked: t('displayLinks.statusRevoked'),
  };

  const columns: TableColumnsType<Link> = [
    { title: t('displayLinks.name'), dataIndex: 'name', width: 200 },
    {
      title: t('displayLinks.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (p: string) => <code>{p}…</code>,
    },
    {
      title: t('displayLinks.createdBy'),
      dataIndex: 'createdByName',
      width: 120,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('displayLinks.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('displayLinks.expiresAt'),
      dataIndex: 'expiresAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('displayLinks.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (at: string | null) => formatDateTime(at, t('displayLinks.neverUsed')),
    },
    {
      title: t('displayLinks.status'),
      key: 'status',
      width: 100,
      render: (_, link) => {
        const state = linkState(link, now);
        return <Tag color={STATE_COLORS[state]}>{stateLabel[state]}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, link) =>
        linkState(link, now) === 'active' ? (
          <Button
            type="link"
            danger
            size="small"
            onClick={() =>
              modal.confirm({
                title: t('displayLinks.revoke'),
                content: t('displayLinks.revokeConfirm', { name: link.name }),
                okText: t('displayLinks.revoke'),
                okButtonProps: { danger: true },
                cancelText: t('common.cancel'),
                onOk: () =>
                  revoke.mutateAsync(link.id).then(() => {
                    message.success(t('displayLinks.revoked'));
                  }, ignoreHandled),
              })
            }
          >
            {t('displayLinks.revoke')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('displayLinks.title')}
        subtitle={t('displayLinks.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('displayLinks.create')}
          </Button>
        }
      />
      <Table<Link>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={links.data?.items ?? []}
        loading={links.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('displayLinks.empty') }}
      />
      <Modal
        open={creating}
        title={t('displayLinks.create')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        onOk={() => submit().catch(ignoreHandled)}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" initialValues={{ expiresInDays: 90 }}>
          <Form.Item
            name="name"
            label={t('displayLinks.name')}
            rules={schemaRules(CreateDisplayLinkBody.properties.name, {
              label: t('displayLinks.name'),
              required: true,
            })}
          >
            <Input placeholder={t('displayLinks.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('displayLinks.expiresIn')}>
            <Select options={EXPIRY_CHOICES.map((d) => ({ value: d, label: t('displayLinks.days', { count: d }) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnceModal
        open={address !== null}
        title={t('displayLinks.urlTitle')}
        label={t('displayLinks.url')}
        secret={address ?? ''}
        intro={t('displayLinks.urlIntro')}
        note={t('displayLinks.urlNote')}
        onClose={() => setAddress(null)}
      />
    </>
  );
}
