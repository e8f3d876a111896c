import { PlusOutlined } from '@ant-design/icons';
import { CreateTokenBody, type Permission, type RouteResponse } from '@zaitun/contracts';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../api/session';
import { useCreateToken, useRevokeToken, useTokens } from '../../../api/system';
import { PageHeader } from '../../../components/PageHeader';
import { SecretOnceModal } from '../../../components/SecretOnceModal';
import { formatDateTime } from '../../../lib/datetime';
import { schemaRules } from '../../../lib/form-rules';
import { permissionLabel } from '../../../lib/labels';
import { ignoreHandled } from '../../../lib/promise';

type Token = RouteResponse<'listTokens'>['items'][number];
type TokenState = 'active' | 'expired' | 'revoked';

const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;
const STATE_COLORS: Record<TokenState, string> = { active: 'success', expired: 'default', revoked: 'error' };

export function tokenState(token: Token, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}

interface Values {
  name: string;
  permissions: Permission[];
  expiresInDays: number;
}

export function TokensPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { modal, message } = App.useApp();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const now = Date.now();

  const submit = async () => {
    const v = await form.validateFields();
    const result = await create.mutateAsync({
      name: v.name.trim(),
      permissions: v.permissions,
      expiresInDays: v.expiresInDays,
    });
    setCreating(false);
    form.resetFields();
    setSecret(result.secret);
  };

  const columns: TableColumnsType<Token> = [
    { title: t('tokens.name'), dataIndex: 'name', width: 180 },
    { title: t('tokens.prefix'), dataIndex: 'prefix', width: 120, render: (p: string) => <code>{p}…</code> },
    {
      title: t('tokens.permissions'),
      dataIndex: 'permissions',
      render: (permissions: string[]) => (
        <Space size={[4, 4]} wrap>
          {permissions.map((p) => (
            <Tag key={p}>{permissionLabel(t, p)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (at: string | null) => formatDateTime(at, t('tokens.neverUsed')),
    },
    {
      title: t('tokens.status'),
      key: 'status',
      width: 100,
      render: (_, token) => {
        const state = tokenState(token, now);
        const label = {
          active: t('tokens.statusActive'),
          expired: t('tokens.statusExpired'),
          revoked: t('tokens.statusRevoked'),
        };
        return <Tag color={STATE_COLORS[state]}>{label[state]}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, token) =>
        tokenState(token, now) === 'active' ? (
          <Button
            type="link"
            danger
            size="small"
            onClick={() =>
              modal.confirm({
                title: t('tokens.revoke'),
                content: t('tokens.revokeConfirm', { name: token.name }),
                okText: t('tokens.revoke'),
                okButtonProps: { danger: true },
                cancelText: t('common.cancel'),
                onOk: () =>
                  revoke.mutateAsync(token.id).then(() => {
                    message.success(t('tokens.revoked'));
                  }, ignoreHandled),
              })
            }
          >
            {t('tokens.revoke')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Table<Token>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        loading={tokens.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('tokens.empty') }}
      />
      <Modal
        open={creating}
        title={t('tokens.create')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        onOk={() => submit().catch(ignoreHandled)}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" initialValues={{ expiresInDays: 90, permissions: [] }}>
          <Form.Item
            name="name"
            label={t('tokens.name')}
            rules={schemaRules(CreateTokenBody.properties.name, { label: t('tokens.name'), required: true })}
          >
            <Input placeholder={t('tokens.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="permissions"
            label={t('tokens.permissions')}
            rules={[
              { required: true, message: t('tokens.permissionsRequired') },
              ...schemaRules(CreateTokenBody.properties.permissions, { label: t('tokens.permissions') }),
            ]}
          >
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 8 }}
              options={me.permissions.map((p) => ({ value: p, label: permissionLabel(t, p) }))}
            />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresIn')}>
            <Select options={EXPIRY_CHOICES.map((d) => ({ value: d, label: t('tokens.days', { count: d }) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnceModal
        open={secret !== null}
        title={t('tokens.secretTitle')}
        label={t('tokens.secret')}
        secret={secret ?? ''}
        intro={t('tokens.secretNote')}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
