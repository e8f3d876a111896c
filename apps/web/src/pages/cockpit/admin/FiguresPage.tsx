import { scopeOf } from '@zaitun/contracts';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { actorOf, allowed } from '../../../access';
import { useCurrentUser } from '../../../api/session';
import { FigureImportButton } from '../../../components/cockpit/FigureImportButton';
import { PageHeader } from '../../../components/PageHeader';
import { EntryPanel } from './EntryPanel';
import { VerifyPanel } from './VerifyPanel';

/**
 * 数据填报: a unit's monthly entry form (own unit; HQ any unit) and the figures list — for HQ the verification
 * view with the statistics bureau's import. The tab is kept in the address (`?tab=verify`).
 */
export function FiguresPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const reportScope = scopeOf(actorOf(me), 'figure.report');
  const canReport = reportScope !== null;
  const canVerify = allowed(me, 'figure.verify');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'verify' || !canReport ? 'verify' : 'entry';

  // The statistics bureau's and long-layout imports, beside "verify this month" (the server checks the scope per row).
  const importButton = canReport ? <FigureImportButton /> : null;

  const items = [
    ...(canReport
      ? [
          {
            key: 'entry',
            label: t('cockpitAdmin.figures.tabEntry'),
            children: <EntryPanel unitChoice={reportScope === 'all'} ownUnitId={me.unit?.id ?? null} />,
          },
        ]
      : []),
    {
      key: 'verify',
      label: canVerify ? t('cockpitAdmin.figures.tabVerify') : t('cockpitAdmin.figures.tabList'),
      children: <VerifyPanel canVerify={canVerify} importButton={importButton} />,
    },
  ];
  return (
    <>
      <PageHeader title={t('cockpitAdmin.figures.title')} subtitle={t('cockpitAdmin.figures.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'entry' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={items}
      />
    </>
  );
}
