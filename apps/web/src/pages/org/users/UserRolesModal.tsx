import { ROLES, type Role, SetRolesBody, type UserT } from '@zaitun/contracts';
import { App, Checkbox, Form } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { grantableRoles } from '../../../access';
import { useSetUserRoles } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { EditModal } from '../../../components/EditModal';
import { schemaRules } from '../../../lib/form-rules';
import { useConflictReload } from '../../../lib/use-conflict-reload';

/** Sets a user's roles; roles the viewer may not grant are shown but cannot be ticked or unticked. */
export function UserRolesModal({
  user: opened,
  latest,
  onClose,
}: {
  user: UserT;
  /** The user as the list shows it now; taken over after a version conflict. */
  latest?: UserT;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const setRoles = useSetUserRoles();
  const grantable = new Set(grantableRoles(me));
  const refill = useCallback((u: UserT) => form.setFieldsValue({ roles: u.roles }), [form]);
  const { base, reloaded, onSaveError } = useConflictReload(opened, latest, refill);
  const user = base ?? opened;

  const submit = async () => {
    const { roles } = await form.validateFields();
    await setRoles.mutateAsync({ id: user.id, body: { version: user.version, roles } });
    message.success(t('users.rolesSaved'));
    onClose();
  };

  return (
    <EditModal
      title={t('users.setRolesTitle', { name: user.displayName })}
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={setRoles.isPending}
      reloaded={reloaded}
    >
      <Form form={form} layout="vertical" initialValues={{ roles: opened.roles }}>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={schemaRules(SetRolesBody.properties.roles, { label: t('users.roles'), required: true })}
        >
          <Checkbox.Group
            style={{ display: 'grid', gap: 8 }}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`), disabled: !grantable.has(r) }))}
          />
        </Form.Item>
      </Form>
    </EditModal>
  );
}
