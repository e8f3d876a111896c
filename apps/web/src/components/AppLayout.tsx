import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudDownloadOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuKey } from '@zaitun/contracts';
import { App, Avatar, Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { type MenuEntry, visibleMenu } from '../access';
import { useCurrentUser, useLogout } from '../api/session';
import { currentLocale } from '../i18n';
import { unitName } from '../lib/units';
import { Brand } from './Brand';
import { ErrorBoundary } from './ErrorBoundary';
import { ContentSpin } from './FullPageSpin';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

const ICONS: Record<MenuKey, ReactNode> = {
  home: <HomeOutlined aria-hidden />,
  cockpit: <DashboardOutlined aria-hidden />,
  figures: <FormOutlined aria-hidden />,
  indicators: <LineChartOutlined aria-hidden />,
  queue: <InboxOutlined aria-hidden />,
  board: <ControlOutlined aria-hidden />,
  items: <OrderedListOutlined aria-hidden />,
  supervision: <AlertOutlined aria-hidden />,
  orders: <FileTextOutlined aria-hidden />,
  meetings: <ScheduleOutlined aria-hidden />,
  bulletins: <NotificationOutlined aria-hidden />,
  metrics: <BarChartOutlined aria-hidden />,
  calendar: <CalendarOutlined aria-hidden />,
  settings: <SettingOutlined aria-hidden />,
  webhooks: <RobotOutlined aria-hidden />,
  units: <ApartmentOutlined aria-hidden />,
  users: <TeamOutlined aria-hidden />,
  roles: <SafetyCertificateOutlined aria-hidden />,
  audit: <AuditOutlined aria-hidden />,
  backup: <CloudDownloadOutlined aria-hidden />,
  tokens: <KeyOutlined aria-hidden />,
  profile: <IdcardOutlined aria-hidden />,
};

/** Menu sections; an empty section is not shown. */
const GROUPS: { key: 'groupDispatch' | 'groupOrg' | 'groupSystem' | 'groupMe' | null; entries: MenuKey[] }[] = [
  { key: null, entries: ['home', 'cockpit', 'figures', 'indicators'] },
  {
    key: 'groupDispatch',
    entries: ['queue', 'board', 'items', 'supervision', 'orders', 'meetings', 'bulletins', 'metrics'],
  },
  { key: 'groupOrg', entries: ['units', 'users', 'roles'] },
  { key: 'groupSystem', entries: ['audit', 'backup', 'calendar', 'settings', 'webhooks'] },
  { key: 'groupMe', entries: ['tokens', 'profile'] },
];

/** The menu entry a path belongs to: the longest matching menu path. */
export function activeMenuKey(pathname: string, entries: readonly MenuEntry[]): MenuKey | null {
  let best: MenuEntry | null = null;
  for (const entry of entries) {
    const match =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (match && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best?.key ?? null;
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const logout = useLogout(false);
  const logoutEverywhere = useLogout(true);
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);

  const entries = visibleMenu(me.permissions);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const items: MenuProps['items'] = GROUPS.flatMap((group): NonNullable<MenuProps['items']> => {
    const children = group.entries
      .filter((key) => byKey.has(key))
      .map((key) => ({ key, icon: ICONS[key], label: t(`menu.${key}`) }));
    if (children.length === 0) return [];
    return group.key ? [{ type: 'group', key: group.key, label: t(`menu.${group.key}`), children }] : children;
  });
  const active = activeMenuKey(location.pathname, entries);

  const signOut = (everywhere: boolean) => {
    const mutation = everywhere ? logoutEverywhere : logout;
    mutation.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'profile', icon: <IdcardOutlined />, label: t('header.profile') },
      { key: 'everywhere', icon: <SafetyCertificateOutlined />, label: t('header.signOutEverywhere') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.signOut'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'profile') navigate('/me');
      if (key === 'logout') signOut(false);
      if (key === 'everywhere') {
        modal.confirm({
          title: t('header.signOutEverywhere'),
          content: t('header.signOutEverywhereConfirm'),
          okText: t('common.confirm'),
          cancelText: t('common.cancel'),
          onOk: () => signOut(true),
        });
      }
    },
  };

  const unitLabel = unitName(me.unit ?? me.enterprise ?? me.institute, currentLocale()) || t('header.noUnit');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Sider
        className="app-sider"
        width={220}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        trigger={null}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
      >
        <Brand collapsed={collapsed} />
        <nav aria-label={t('app.name')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={active ? [active] : []}
            items={items}
            onClick={({ key }) => {
              const entry = byKey.get(key as MenuKey);
              if (entry) navigate(entry.path);
              if (narrow) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed((c) => !c)}
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
          />
          <span className="app-header-title">{t('app.name')}</span>
          <span className="app-header-spacer" />
          <NotificationBell />
          <LanguageSwitch />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" className="app-user-button" aria-label={`${t('header.userMenu')} ${me.displayName}`}>
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d5fb4' }} />
              <span className="app-user-text">
                <span>{me.displayName}</span>
                <span className="app-user-unit">{unitLabel}</span>
              </span>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content id="main" className="app-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<ContentSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#8c96a8', fontSize: 12, paddingTop: 0 }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
