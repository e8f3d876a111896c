import { GlobalOutlined } from '@ant-design/icons';
import { LOCALES, type Locale } from '@zaitun/contracts';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { setRequestLocale } from '../api/client';
import { useMe, useUpdateMe } from '../api/session';
import { currentLocale, setLocale } from '../i18n';

/**
 * Language menu. Signed in, the choice is saved to the account (PATCH /me) so it follows the user; before
 * sign-in it is kept in this browser only.
 */
export function LanguageSwitch({ variant = 'default' }: { variant?: 'default' | 'onDark' }) {
  const { t } = useTranslation();
  const me = useMe();
  const updateMe = useUpdateMe();
  const locale = currentLocale();

  const choose = (next: Locale) => {
    if (next === locale) return;
    if (me.data) {
      updateMe.mutate({ version: me.data.version, locale: next });
    } else {
      setRequestLocale(next);
      void setLocale(next);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: t(`lang.${l}`) })),
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        loading={updateMe.isPending}
        aria-label={t('lang.switchTo')}
        style={variant === 'onDark' ? { color: '#fff' } : undefined}
      >
        {t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
