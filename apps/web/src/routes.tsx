import type { QueryClient } from '@tanstack/react-query';
import { MENU, type MenuKey } from '@zaitun/contracts';
import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { allowed } from './access';
import { prefetchCockpit } from './api/cockpit';
import { meQuery } from './api/session';
import { AppLayout } from './components/AppLayout';
import { FullPageSpin } from './components/FullPageSpin';
import { RequirePermission, RequireSession } from './components/RouteGuards';
import { ForbiddenPage } from './pages/errors/ForbiddenPage';
import { NotFoundPage } from './pages/errors/NotFoundPage';

type PageComponent = ComponentType & { preload: () => Promise<unknown> };

/**
 * Lazily loads a named export, so each page is its own chunk. `preload` starts loading it before React asks
 * (at boot, for the page the app opens on); a failed load is forgotten so that the next attempt tries again.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): PageComponent {
  let loading: Promise<M> | undefined;
  const once = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return Object.assign(
    lazy(async () => ({ default: (await once())[name] as ComponentType })),
    { preload: once },
  );
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
const PAGES: Record<MenuKey, PageComponent> = {
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

/** Reads a menu page makes first, started at boot beside its code (the page asks the same query keys). */
const PAGE_DATA: Partial<Record<MenuKey, (queryClient: QueryClient) => Promise<unknown>>> = {
  cockpit: prefetchCockpit,
};

/**
 * Called once at boot, before the first render: starts the session check, the code of the menu page at `pathname`
 * and, once the session allows that page, its first reads — all at once, instead of one after the other (the
 * session, then the page's code, then its reads). Nothing here shows anything or reports errors: the page and
 * its guards do that when they render.
 */
export function preloadRoute(pathname: string, queryClient: QueryClient): void {
  // A meeting-room screen's display link has no session and asks only the cockpit's read routes.
  if (pathname.startsWith('/display/')) return;
  const me = queryClient.fetchQuery(meQuery(queryClient));
  const entry = MENU.find((e) => e.path === pathname);
  if (!entry) return;
  PAGES[entry.key].preload().catch(() => {});
  const data = PAGE_DATA[entry.key];
  if (!data) return;
  me.then((user) => {
    if (user && !user.mustChangePassword && (entry.permission === null || allowed(user, entry.permission))) {
      return data(queryClient);
    }
  }).catch(() => {});
}

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
