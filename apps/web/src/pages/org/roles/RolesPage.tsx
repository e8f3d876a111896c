import { CheckCircleTwoTone } from '@ant-design/icons';
import { ROLES, type Role } from '@zaitun/contracts';
import { Card, Descriptions, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleMatrix } from '../../../api/org';
import { PageHeader } from '../../../components/PageHeader';
import { permissionLabel, scopeLabel } from '../../../lib/labels';

const SCOPE_COLORS: Record<string, string> = { all: 'blue', subtree: 'cyan', unit: 'green', self: 'default' };

interface Row {
  key: string;
  permission: string;
  scopes: Partial<Record<Role, string>>;
}

/** The permission matrix as the server enforces it: read-only. */
export function RolesPage() {
  const { t } = useTranslation();
  const matrix = useRoleMatrix();
  const roleOrder = new Map(ROLES.map((r, i) => [r, i]));
  const roles = [...(matrix.data?.roles ?? [])].sort(
    (a, b) => (roleOrder.get(a.role) ?? 0) - (roleOrder.get(b.role) ?? 0),
  );

  const rows: Row[] = (matrix.data?.permissions ?? []).map((permission) => ({
    key: permission,
    permission,
    scopes: Object.fromEntries(roles.map((r) => [r.role, r.scopes[permission]])),
  }));

  const columns: TableColumnsType<Row> = [
    {
      title: t('roles.permission'),
      dataIndex: 'permission',
      fixed: 'left',
      width: 170,
      render: (permission: string) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{permissionLabel(t, permission)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {permission}
          </Typography.Text>
        </Space>
      ),
    },
    ...roles.map((r): TableColumnsType<Row>[number] => ({
      title: t(`role.${r.role}`),
      key: r.role,
      align: 'center',
      width: 112,
      render: (_, row) => {
        const scope = row.scopes[r.role];
        return scope ? (
          <Tag color={SCOPE_COLORS[scope] ?? 'default'} icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}>
            {scopeLabel(t, scope)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        );
      },
    })),
  ];

  return (
    <>
      <PageHeader title={t('roles.title')} subtitle={t('roles.subtitle')} />
      <Table<Row>
        size="middle"
        bordered
        columns={columns}
        dataSource={rows}
        loading={matrix.isFetching}
        pagination={false}
        scroll={{ x: 170 + roles.length * 112 }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('roles.grantable')}</Typography.Text>
            </Table.Summary.Cell>
            {roles.map((r, i) => (
              <Table.Summary.Cell index={i + 1} key={r.role} align="center">
                {r.grantable.length === 0 ? (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ) : (
                  <Space orientation="vertical" size={2}>
                    {r.grantable.map((g) => (
                      <Typography.Text key={g} style={{ fontSize: 12 }}>
                        {t(`role.${g}`)}
                      </Typography.Text>
                    ))}
                  </Space>
                )}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      <Card size="small" title={t('roles.legend')} style={{ marginTop: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={(['all', 'subtree', 'unit', 'self'] as const).map((scope) => ({
            key: scope,
            label: <Tag color={SCOPE_COLORS[scope]}>{t(`scope.${scope}`)}</Tag>,
            children: t(`roles.scopeHelp.${scope}`),
          }))}
        />
      </Card>
    </>
  );
}
