import { PlusOutlined } from '@ant-design/icons';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/datetime';
import { schemaRules } from '../lib/form-rules';
import { ignoreHandled } from '../lib/promise';
import { PageHeader } from './PageHeader';
import { SecretOnceModal } from './SecretOnceModal';

/** What an API token and a display link share: named, known by a prefix, expiring, revocable. */
export interface Credential {
  id: string;
  name: string;
  prefix: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export type CredentialState = 'active' | 'expired' | 'revoked';

const STATE_COLORS: Record<CredentialState, string> = { active: 'success', expired: 'default', revoked: 'error' };

export function credentialState(credential: Credential, now: number): CredentialState {
  if (credential.revokedAt) return 'revoked';
  return Date.parse(credential.expiresAt) <= now ? 'expired' : 'active';
}

/** The create form's fields every credential has; a page adds its own (a token's permissions). */
export interface CredentialValues {
  name: string;
  expiresInDays: number;
}

/** The i18n sections that carry the same keys (title, name, prefix, revoke…): checked by the compiler. */
type Messages = 'tokens' | 'displayLinks';

interface Props<T extends Credential, V extends CredentialValues> {
  messages: Messages;
  list: UseQueryResult<{ items: T[] }>;
  revoke: UseMutationResult<unknown, unknown, string>;
  /** Sends the create form; resolves to the secret the server shows once (a token, a link's address). */
  create: (values: V) => Promise<string>;
  creating: boolean;
  /** The contract's schema of the name, for the form's rules. */
  nameSchema: object;
  expiryChoices: readonly number[];
  initialValues: Omit<V, 'name'>;
  /** Columns of the page's own between the prefix and the expiry date. */
  columns: TableColumnsType<T>;
  widths: { name: number; prefix: number; table: number };
  /** Fields of the page's own between the name and the validity. */
  fields?: ReactNode;
  /** The dialog showing the secret once. */
  secret: { title: string; label: string; intro: string; note?: string };
}

/**
 * A page of credentials the server shows in full only once (API tokens, display links): the list with each one's
 * state, a create dialog, the secret shown once, and revocation of an active one.
 */
export function CredentialsPage<T extends Credential, V extends CredentialValues>(props: Props<T, V>) {
  const { messages: m, list, revoke, widths } = props;
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<V>();
  const now = Date.now();

  const submit = async () => {
    const v = await form.validateFields();
    const shown = await props.create({ ...v, name: v.name.trim() });
    setCreating(false);
    form.resetFields();
    setSecret(shown);
  };

  const stateLabel: Record<CredentialState, string> = {
    active: t(`${m}.statusActive`),
    expired: t(`${m}.statusExpired`),
    revoked: t(`${m}.statusRevoked`),
  };

  const columns: TableColumnsType<T> = [
    { title: t(`${m}.name`), dataIndex: 'name', width: widths.name },
    { title: t(`${m}.prefix`), dataIndex: 'prefix', width: widths.prefix, render: (p: string) => <code>{p}…</code> },
    ...props.columns,
    { title: t(`${m}.expiresAt`), dataIndex: 'expiresAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t(`${m}.lastUsed`),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (at: string | null) => formatDateTime(at, t(`${m}.neverUsed`)),
    },
    {
      title: t(`${m}.status`),
      key: 'status',
      width: 100,
      render: (_, c) => {
        const state = credentialState(c, now);
        return <Tag color={STATE_COLORS[state]}>{stateLabel[state]}</Tag>;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) =>
        credentialState(c, now) === 'active' ? (
          <Button
            type="link"
            danger
            size="small"
            onClick={() =>
              modal.confirm({
                title: t(`${m}.revoke`),
                content: t(`${m}.revokeConfirm`, { name: c.name }),
                okText: t(`${m}.revoke`),
                okButtonProps: { danger: true },
                cancelText: t('common.cancel'),
                onOk: () =>
                  revoke.mutateAsync(c.id).then(() => {
                    message.success(t(`${m}.revoked`));
                  }, ignoreHandled),
              })
            }
          >
            {t(`${m}.revoke`)}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t(`${m}.title`)}
        subtitle={t(`${m}.subtitle`)}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t(`${m}.create`)}
          </Button>
        }
      />
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: widths.table }}
        locale={{ emptyText: t(`${m}.empty`) }}
      />
      <Modal
        open={creating}
        title={t(`${m}.create`)}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        onOk={() => submit().catch(ignoreHandled)}
        onCancel={() => setCreating(false)}
        confirmLoading={props.creating}
        destroyOnHidden
      >
        <Form<V> form={form} layout="vertical" initialValues={props.initialValues as Partial<V>}>
          <Form.Item
            name="name"
            label={t(`${m}.name`)}
            rules={schemaRules(props.nameSchema, { label: t(`${m}.name`), required: true })}
          >
            <Input placeholder={t(`${m}.namePlaceholder`)} />
          </Form.Item>
          {props.fields}
          <Form.Item name="expiresInDays" label={t(`${m}.expiresIn`)}>
            <Select options={props.expiryChoices.map((d) => ({ value: d, label: t(`${m}.days`, { count: d }) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnceModal
        open={secret !== null}
        title={props.secret.title}
        label={props.secret.label}
        secret={secret ?? ''}
        intro={props.secret.intro}
        note={props.secret.note}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
