import { useTranslation } from 'react-i18next';

/** Logo and short name; the full title stays in the header and the document title. */
export function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="app-brand">
      <img src="/favicon.svg" alt="" />
      {collapsed ? null : <span className="app-brand-name">{t('app.brand')}</span>}
    </div>
  );
}
