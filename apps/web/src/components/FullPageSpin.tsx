import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

export function ContentSpin() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin description={t('common.loading')} />
    </div>
  );
}
