import { MENU, type MenuKey } from '@zaitun/contracts';
import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { FullPageSpin } from './components/FullPageSpin';
import { RequirePermission, RequireSession } from './components/RouteGuards';
import { ForbiddenPage } from './pages/errors/ForbiddenPage';
import { NotFoundPage } from './pages/errors/NotFoundPage';

/** Lazily loads a named export, so each page is its own chunk. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('./pages/auth/login/LoginPage'), 'LoginPage');
const ChangePasswordPage = page(() => import('./pages/auth/change-password/ChangePasswordPage'), 'ChangePasswordPage');
const NotificationsPage = page(() => import('./pages/me/notifications/NotificationsPage'), 'NotificationsPage');
const OrderDetailPage = page(() => import('./pages/dispatch/orders/OrderDetailPage'), 'OrderDetailPage');
const MeetingDetailPage = page(() => import('./pages/dispatch/meetings/MeetingDetailPage'), 'MeetingDetailPage');
const BulletinDetailPage = page(() => import('./pages/dispatch/bulletins/BulletinDetailPage'), 'BulletinDetailPage');
const ItemDetailPage = page(() => import('./pages/dispatch/item/ItemDetailPage'), 'ItemDetailPage');
const DisplayLinksPage = page(() => import('./pages/cockpit/display-links/DisplayLinksPage'), 'DisplayLinksPage');
const CockpitScreenPage = page(() => import('./pages/cockpit/screen/ScreenPage'), 'ScreenPage');
const DisplayPage = page(() => import('./pages/cockpit/screen/DisplayPage'), 'DisplayPage');

/** One page per menu entry; the route's permission is the menu entry's (contracts/permissions.ts MENU). */
const PAGES: Record<MenuKey, ComponentType> = {
  home: page(() => import('./pages/home/workbench/HomePage'), 'HomePage'),
  cockpit: page(() => import('./pages/cockpit/CockpitPage'), 'CockpitPage'),
  queue: page(() => import('./pages/dispatch/queue/QueuePage'), 'QueuePage'),
  board: page(() => import('./pages/dispatch/board/BoardPage'), 'BoardPage'),
  items: page(() => import('./pages/dispatch/items/ItemsPage'), 'ItemsPage'),
  supervision: page(() => import('./pages/dispatch/supervision/SupervisionPage'), 'SupervisionPage'),
  orders: page(() => import('./pages/dispatch/orders/OrdersPage'), 'OrdersPage'),
  meetings: page(() => import('./pages/dispatch/meetings/MeetingsPage'), 'MeetingsPage'),
  bulletins: page(() => import('./pages/dispatch/bulletins/BulletinsPage'), 'BulletinsPage'),
  metrics: page(() => import('./pages/dispatch/metrics/MetricsPage'), 'MetricsPage'),
  figures: page(() => import('./pages/cockpit/admin/FiguresPage'), 'FiguresPage'),
  indicators: page(() => import('./pages/cockpit/admin/IndicatorsPage'), 'IndicatorsPage'),
  calendar: page(() => import('./pages/system/calendar/CalendarPage'), 'CalendarPage'),
  settings: page(() => import('./pages/system/settings/SettingsPage'), 'SettingsPage'),
  webhooks: page(() => import('./pages/system/webhooks/WebhooksPage'), 'WebhooksPage'),
  units: page(() => import('./pages/org/units/UnitsPage'), 'UnitsPage'),
  users: page(() => import('./pages/org/users/UsersPage'), 'UsersPage'),
  roles: page(() => import('./pages/org/roles/RolesPage'), 'RolesPage'),
  audit: page(() => import('./pages/system/audit/AuditPage'), 'AuditPage'),
  backup: page(() => import('./pages/system/backup/BackupPage'), 'BackupPage'),
  tokens: page(() => import('./pages/me/tokens/TokensPage'), 'TokensPage'),
  profile: page(() => import('./pages/me/profile/ProfilePage'), 'ProfilePage'),
};

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* A meeting-room screen's display link: no session, no app layout, the cockpit's read routes only. */}
        <Route path="/display/:token" element={<DisplayPage />} />
        <Route element={<RequireSession passwordChange />}>
          <Route path="/change-password" element={<ChangePasswordPage />} />
        </Route>
        <Route element={<RequireSession />}>
          <Route
            path="/cockpit/screen"
            element={
              <RequirePermission permission="indicator.read">
                <CockpitScreenPage />
              </RequirePermission>
            }
          />
          <Route element={<AppLayout />}>
            {MENU.map((entry) => {
              const Page = PAGES[entry.key];
              return (
                <Route
                  key={entry.key}
                  path={entry.path}
                  element={
                    <RequirePermission permission={entry.permission}>
                      <Page />
                    </RequirePermission>
                  }
                />
              );
            })}
            <Route
              path="/dispatch/items/:id"
              element={
                <RequirePermission permission="item.read">
                  <ItemDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="/dispatch/orders/:id"
              element={
                <RequirePermission permission="order.read">
                  <OrderDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="/dispatch/meetings/:id"
              element={
                <RequirePermission permission="meeting.read">
                  <MeetingDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="/dispatch/bulletins/:id"
              element={
                <RequirePermission permission="bulletin.read">
                  <BulletinDetailPage />
                </RequirePermission>
              }
            />
            <Route
              path="/cockpit/display-links"
              element={
                <RequirePermission permission="display.manage">
                  <DisplayLinksPage />
                </RequirePermission>
              }
            />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/403" element={<ForbiddenPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
