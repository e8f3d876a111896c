import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { allowed } from '../../../access';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { CockpitSettingsForm } from './CockpitSettingsForm';
import { IndicatorTable } from './IndicatorTable';
import { TargetsPanel } from './TargetsPanel';

const TABS = ['indicators', 'targets', 'settings'] as const;
type Tab = (typeof TABS)[number];

/**
 * 指标管理: the indicators, their annual targets per unit, and the cockpit settings. Everyone with `indicator.read`
 * sees them; `indicator.manage` edits. The tab is kept in the address (`?tab=targets`).
 */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canEdit = allowed(me, 'indicator.manage');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'indicators';
  return (
    <>
      <PageHeader title={t('cockpitAdmin.indicators.title')} subtitle={t('cockpitAdmin.indicators.subtitle')} />
      {canEdit ? null : (
        <Alert type="info" showIcon title={t('cockpitAdmin.indicators.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'indicators' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'indicators',
            label: t('cockpitAdmin.indicators.tabIndicators'),
            children: <IndicatorTable canEdit={canEdit} />,
          },
          {
            key: 'targets',
            label: t('cockpitAdmin.indicators.tabTargets'),
            children: <TargetsPanel canEdit={canEdit} />,
          },
          {
            key: 'settings',
            label: t('cockpitAdmin.indicators.tabSettings'),
            children: <CockpitSettingsForm canEdit={canEdit} />,
          },
        ]}
      />
    </>
  );
}
