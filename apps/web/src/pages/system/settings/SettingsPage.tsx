import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { allowed } from '../../../access';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { CategoryTable } from './CategoryTable';
import { DispatchSettingsForm } from './DispatchSettingsForm';
import { DocumentSettingsForm } from './DocumentSettingsForm';

/** Business settings of the dispatch loop, the official documents and the item categories; read-only without `settings.manage`. */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canEdit = allowed(me, 'settings.manage');
  return (
    <>
      <PageHeader title={t('admin.settings.title')} subtitle={t('admin.settings.subtitle')} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {canEdit ? null : <Alert type="info" showIcon title={t('admin.settings.readOnly')} />}
        <DispatchSettingsForm canEdit={canEdit} />
        <DocumentSettingsForm canEdit={canEdit} />
        <CategoryTable canEdit={canEdit} />
      </Space>
    </>
  );
}
