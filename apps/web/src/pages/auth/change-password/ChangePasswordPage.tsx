import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser, useLogout } from '../../../api/session';
import { Brand } from '../../../components/Brand';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { safeRedirect } from '../../../components/RouteGuards';

/** The only screen open to an account that must change its password (first sign-in, after a reset). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const logout = useLogout(false);

  return (
    <div className="auth-page">
      <header className="auth-topbar">
        <Brand />
        <LanguageSwitch variant="onDark" />
      </header>
      <main className="auth-main">
        <Card className="auth-card" title={t('password.forcedTitle')}>
          <Alert type="info" showIcon title={t('password.forcedIntro')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph type="secondary">
            {t('password.signedInAs', { name: me.displayName, username: me.username })}
          </Typography.Paragraph>
          <ChangePasswordForm
            username={me.username}
            onChanged={() => navigate(safeRedirect(search.get('redirect')), { replace: true })}
          />
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          >
            {t('header.signOut')}
          </Button>
        </Card>
      </main>
      <footer className="auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
