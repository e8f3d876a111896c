import type { Permission } from '@zaitun/contracts';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasPermission } from '../access';
import { errorText } from '../api/error-policy';
import { CurrentUserContext, useCurrentUser, useMe } from '../api/session';
import { currentLocale } from '../i18n';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage';
import { FullPageSpin } from './FullPageSpin';

/** Where to go after signing in: only paths of this site (no `//evil.example`). */
export function safeRedirect(target: string | null | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return '/';
  return target;
}

export function loginPath(target: string): string {
  return target === '/' ? '/login' : `/login?redirect=${encodeURIComponent(target)}`;
}

/**
 * Signed-in area. Without a session: to /login (remembering where the user was going). With a password that
 * must be changed: only the change-password screen.
 */
export function RequireSession({ passwordChange = false }: { passwordChange?: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="500"
        title={errorText(me.error, currentLocale())}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('error.reload')}
          </Button>
        }
      />
    );
  }
  const target = location.pathname + location.search;
  if (!me.data) return <Navigate to={loginPath(passwordChange ? '/' : target)} replace />;
  if (me.data.mustChangePassword && !passwordChange) {
    return <Navigate to={`/change-password?redirect=${encodeURIComponent(target)}`} replace />;
  }
  if (!me.data.mustChangePassword && passwordChange) {
    return <Navigate to={safeRedirect(new URLSearchParams(location.search).get('redirect'))} replace />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}

/** A page the user's permissions do not open shows 403 in place (the URL stays, so the user sees what failed). */
export function RequirePermission({ permission, children }: { permission: Permission | null; children: ReactNode }) {
  const me = useCurrentUser();
  if (!hasPermission(me.permissions, permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
