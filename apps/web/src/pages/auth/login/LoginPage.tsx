import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/error-policy';
import { useLogin, useMe } from '../../../api/session';
import { Brand } from '../../../components/Brand';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { safeRedirect } from '../../../components/RouteGuards';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';

interface Values {
  username: string;
  password: string;
}

/** The failure to show: the lockout message names the time the lock ends when the server tells it. */
function failureText(error: unknown, t: (key: 'login.lockedUntil', options: { time: string }) => string): string {
  if (isApiError(error, 'ACCOUNT_LOCKED')) {
    const details = error.details;
    if (details && typeof details === 'object' && 'lockedUntil' in details && typeof details.lockedUntil === 'string') {
      return t('login.lockedUntil', { time: formatDateTime(details.lockedUntil) });
    }
  }
  return errorText(error, currentLocale());
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const target = safeRedirect(search.get('redirect'));

  if (me.data && !login.isPending) {
    return <Navigate to={me.data.mustChangePassword ? '/change-password' : target} replace />;
  }

  const submit = (values: Values) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (signedIn) => {
          navigate(signedIn.mustChangePassword ? `/change-password?redirect=${encodeURIComponent(target)}` : target, {
            replace: true,
          });
        },
      },
    );
  };

  return (
    <div className="auth-page">
      <header className="auth-topbar">
        <Brand />
        <LanguageSwitch variant="onDark" />
      </header>
      <main className="auth-main">
        <section className="auth-intro">
          <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', fontSize: 16 }}>
            {t('login.welcome')} · {t('app.brand')}
          </Typography.Text>
          <h1>{t('app.name')}</h1>
          <p>{t('login.tagline')}</p>
          <p>{t('app.org')}</p>
        </section>
        <Card className="auth-card" title={t('login.title')}>
          {login.isError ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={failureText(login.error, t)}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="none" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t('login.hint')}
            <br />
            {t('login.security')}
          </Typography.Paragraph>
        </Card>
      </main>
      <footer className="auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
