import { ROLES, type Role, SetRolesBody, type UserT } from '@zaitun/contracts';
import { App, Checkbox, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { grantableRoles } from '../../../access';
import { useSetUserRoles } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { schemaRules } from '../../../lib/form-rules';
import { ignoreHandled } from '../../../lib/promise';

/** Sets a user's roles; roles the viewer may not grant are shown but cannot be ticked or unticked. */
export function UserRolesModal({ user, onClose }: { user: UserT; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const setRoles = useSetUserRoles();
  const grantable = new Set(grantableRoles(me));

  const submit = async () => {
    const { roles } = await form.validateFields();
    await setRoles.mutateAsync({ id: user.id, body: { version: user.version, roles } });
    message.success(t('users.rolesSaved'));
    onClose();
  };

  return (
    <Modal
      open
      title={t('users.setRolesTitle', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => submit().catch(ignoreHandled)}
      onCancel={onClose}
      confirmLoading={setRoles.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ roles: user.roles }}>
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
    </Modal>
  );
}
