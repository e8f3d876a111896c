import { CreateTokenBody, type Permission, type RouteResponse } from '@zaitun/contracts';
import { Checkbox, Form, Space, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../api/session';
import { useCreateToken, useRevokeToken, useTokens } from '../../../api/system';
import { CredentialsPage, type CredentialValues } from '../../../components/CredentialsPage';
import { schemaRules } from '../../../lib/form-rules';
import { permissionLabel } from '../../../lib/labels';

type Token = RouteResponse<'listTokens'>['items'][number];

const EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

interface Values extends CredentialValues {
  permissions: Permission[];
}

/** My API tokens for system integrations: list, create (the secret shown once), revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();

  const columns: TableColumnsType<Token> = [
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
  ];

  return (
    <CredentialsPage<Token, Values>
      messages="tokens"
      list={tokens}
      revoke={revoke}
      create={(v) => create.mutateAsync(v).then((r) => r.secret)}
      creating={create.isPending}
      nameSchema={CreateTokenBody.properties.name}
      expiryChoices={EXPIRY_CHOICES}
      initialValues={{ expiresInDays: 90, permissions: [] }}
      columns={columns}
      widths={{ name: 180, prefix: 120, table: 1000 }}
      fields={
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
      }
      secret={{ title: t('tokens.secretTitle'), label: t('tokens.secret'), intro: t('tokens.secretNote') }}
    />
  );
}
