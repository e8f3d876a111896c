import { DownOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROLES, type Role, type RouteQuery, USER_STATUSES, type UserStatus, type UserT } from '@zaitun/contracts';
import {
  App,
  Button,
  Dropdown,
  Input,
  type MenuProps,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed, grantableRoles } from '../../../access';
import { useResetUserPassword, useRevokeUserSessions, useSetUserStatus, useUnitTree, useUsers } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { RoleTags } from '../../../components/RoleTags';
import { SecretOnceModal } from '../../../components/SecretOnceModal';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { ignoreHandled } from '../../../lib/promise';
import { unitName } from '../../../lib/units';
import { UserFormModal, type UserFormTarget } from './UserFormModal';
import { UserRolesModal } from './UserRolesModal';

export const STATUS_COLORS: Record<UserStatus, string> = {
  pending: 'gold',
  active: 'success',
  locked: 'orange',
  disabled: 'default',
};

type Filters = Omit<RouteQuery<'listUsers'>, 'page' | 'pageSize'>;

export function UsersPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useCurrentUser();
  const { modal, message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [form, setForm] = useState<UserFormTarget | null>(null);
  const [rolesOf, setRolesOf] = useState<UserT | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const users = useUsers({ ...filters, ...page, sort: 'username' });
  const tree = useUnitTree(false, allowed(me, 'unit.read'));
  const setStatus = useSetUserStatus();
  const reset = useResetUserPassword();
  const revoke = useRevokeUserSessions();
  const canCreate = allowed(me, 'user.write') && grantableRoles(me).length > 0;

  const applyFilters = (next: Filters) => {
    setFilters(next);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const confirm = (title: string, content: string, run: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk: () => run().catch(ignoreHandled),
    });

  const rowActions = (user: UserT): MenuProps['items'] => {
    const scope = { unitId: user.unit?.id ?? null };
    const self = user.id === me.id;
    const items: NonNullable<MenuProps['items']> = [];
    if (allowed(me, 'user.grant', scope) && !self) items.push({ key: 'roles', label: t('users.setRoles') });
    if (allowed(me, 'user.reset_password', scope) && !self) {
      items.push({ key: 'reset', label: t('users.resetPassword') });
    }
    if (allowed(me, 'user.write', scope) && !self) {
      if (user.status !== 'active') items.push({ key: 'active', label: t('users.activate') });
      if (user.status !== 'locked') items.push({ key: 'locked', label: t('users.lock') });
      if (user.status !== 'disabled') items.push({ key: 'disabled', label: t('users.disable'), danger: true });
      items.push({ key: 'revoke', label: t('users.revokeSessions') });
    }
    return items;
  };

  const onAction = (user: UserT, key: string) => {
    const name = user.displayName;
    if (key === 'roles') setRolesOf(user);
    if (key === 'reset') {
      confirm(t('users.resetPassword'), t('users.resetConfirm', { name }), async () => {
        const result = await reset.mutateAsync({ id: user.id, version: user.version });
        setSecret({ username: result.user.username, password: result.temporaryPassword });
      });
    }
    if (key === 'revoke') {
      confirm(t('users.revokeSessions'), t('users.revokeConfirm', { name }), async () => {
        await revoke.mutateAsync(user.id);
        message.success(t('users.revoked'));
      });
    }
    if (key === 'active' || key === 'locked' || key === 'disabled') {
      const status = key;
      confirm(
        t('users.status'),
        t('users.statusConfirm', { name, status: t(`userStatus.${status}`) }),
        async () => {
          await setStatus.mutateAsync({ id: user.id, body: { version: user.version, status } });
          message.success(t('users.statusSaved'));
        },
        status !== 'active',
      );
    }
  };

  const columns: TableColumnsType<UserT> = [
    {
      title: t('users.account'),
      dataIndex: 'username',
      width: 170,
      fixed: 'left',
      render: (username: string, user) => (
        <div>
          <Typography.Text strong>{username}</Typography.Text>
          {user.id === me.id ? <Typography.Text type="secondary"> {t('users.self')}</Typography.Text> : null}
          <div>
            <Typography.Text type="secondary">{user.displayName}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('users.unit'),
      key: 'unit',
      ellipsis: true,
      render: (_, user) => unitName(user.unit ?? user.enterprise ?? user.institute, locale) || t('common.none'),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 150,
      render: (roles: Role[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('users.contact'),
      key: 'contact',
      width: 200,
      ellipsis: true,
      render: (_, user) => (
        <div>
          <div>
            <Pii value={user.phone} masked={user.piiMasked} />
          </div>
          <div>
            <Pii value={user.email} masked={user.piiMasked} />
          </div>
        </div>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: UserStatus, user) => (
        <Space size={4} wrap>
          <Tooltip title={user.lockedUntil ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) }) : null}>
            <Tag color={STATUS_COLORS[status]}>{t(`userStatus.${status}`)}</Tag>
          </Tooltip>
          {user.mustChangePassword ? <Tag color="warning">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (at: string | null) => formatDateTime(at),
    },
  ];
  // Read-only viewers (staff, leaders, dispatchers) act on no row: no empty actions column for them.
  if (allowed(me, 'user.write') || allowed(me, 'user.grant') || allowed(me, 'user.reset_password')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, user) => {
        const items = rowActions(user);
        const canEdit = allowed(me, 'user.write', { unitId: user.unit?.id ?? null });
        return (
          <Space size={0}>
            {canEdit ? (
              <Button type="link" size="small" onClick={() => setForm({ mode: 'edit', user })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {items && items.length > 0 ? (
              <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => onAction(user, key) }}>
                <Button type="link" size="small">
                  {t('common.more')} <DownOutlined />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <div className="toolbar">
        <Input.Search
          allowClear
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(q) => applyFilters({ ...filters, q: q.trim() || undefined })}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          style={{ width: 220 }}
        />
        {tree.data ? (
          <UnitTreeSelect
            units={tree.data.items}
            value={filters.unitId}
            onChange={(unitId) => applyFilters({ ...filters, unitId })}
            allowClear
            placeholder={t('users.filterUnit')}
            aria-label={t('users.unit')}
            style={{ width: 260 }}
          />
        ) : null}
        <Select<Role>
          allowClear
          value={filters.role}
          onChange={(role) => applyFilters({ ...filters, role })}
          placeholder={t('users.filterRole')}
          aria-label={t('users.roles')}
          style={{ width: 170 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Select<UserStatus>
          allowClear
          value={filters.status}
          onChange={(status) => applyFilters({ ...filters, status })}
          placeholder={t('users.filterStatus')}
          aria-label={t('users.status')}
          style={{ width: 140 }}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
        />
        <Button
          onClick={() => {
            setKeyword('');
            applyFilters({});
          }}
        >
          {t('common.reset')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => users.refetch()} aria-label={t('common.refresh')} />
      </div>
      <Table<UserT>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching}
        scroll={{ x: 1000 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
      {form ? (
        <UserFormModal
          target={form}
          latest={form.mode === 'edit' ? users.data?.items.find((u) => u.id === form.user.id) : undefined}
          units={tree.data?.items ?? []}
          onClose={() => setForm(null)}
          onCreated={(username, password) => setSecret({ username, password })}
        />
      ) : null}
      {rolesOf ? (
        <UserRolesModal
          user={rolesOf}
          latest={users.data?.items.find((u) => u.id === rolesOf.id)}
          onClose={() => setRolesOf(null)}
        />
      ) : null}
      <SecretOnceModal
        open={secret !== null}
        title={t('users.tempPasswordTitle')}
        label={t('users.tempPassword')}
        secret={secret?.password ?? ''}
        intro={t('users.tempPasswordFor', { username: secret?.username ?? '' })}
        note={t('users.tempPasswordNote')}
        onClose={() => setSecret(null)}
      />
    </>
  );
}

/** Personal data as the server sent it: masked unless the viewer holds pii.read for this user. */
function Pii({ value, masked }: { value: string | null; masked: boolean }) {
  const { t } = useTranslation();
  if (!value) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return masked ? (
    <Tooltip title={t('users.masked')}>
      <Typography.Text type="secondary">{value}</Typography.Text>
    </Tooltip>
  ) : (
    <Typography.Text>{value}</Typography.Text>
  );
}
