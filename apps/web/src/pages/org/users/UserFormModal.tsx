import { CreateUserBody, type Role, type UnitT, type UserT } from '@zaitun/contracts';
import { Alert, App, Checkbox, Col, Form, Input, Row } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed, grantableRoles } from '../../../access';
import { useCreateUser, useUpdateUser } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { EditModal } from '../../../components/EditModal';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { schemaRules } from '../../../lib/form-rules';
import { useConflictReload } from '../../../lib/use-conflict-reload';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: UserT };

interface Values {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  phone?: string;
  email?: string;
}

const fields = CreateUserBody.properties;
function editValuesOf(user: UserT): Partial<Values> {
  return {
    displayName: user.displayName,
    unitId: user.unit?.id,
    phone: user.phone ?? undefined,
    email: user.email ?? undefined,
  };
}
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * Create a user (the server answers with a temporary password, shown once by the caller) or edit one.
 * Masked contacts are not editable: sending the mask back would overwrite the real value.
 */
export function UserFormModal({
  target,
  units,
  latest,
  onClose,
  onCreated,
}: {
  target: UserFormTarget;
  units: readonly UnitT[];
  /** The edited user as the list shows it now; taken over after a version conflict. */
  latest?: UserT;
  onClose: () => void;
  onCreated: (username: string, temporaryPassword: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const opened = target.mode === 'edit' ? target.user : null;
  const refill = useCallback((user: UserT) => form.setFieldsValue(editValuesOf(user)), [form]);
  const { base: editing, reloaded, onSaveError } = useConflictReload(opened, latest, refill);
  const piiLocked = editing?.piiMasked ?? false;
  const roles = grantableRoles(me);
  const outOfScope = useMemo(
    () => new Set(units.filter((u) => !allowed(me, 'user.write', { unitId: u.id })).map((u) => u.id)),
    [units, me],
  );

  const initialValues: Partial<Values> = opened
    ? editValuesOf(opened)
    : {
        unitId: me.unit && !outOfScope.has(me.unit.id) ? me.unit.id : undefined,
        roles: roles.includes('unit_staff') ? ['unit_staff'] : [],
      };

  const submit = async () => {
    const v = await form.validateFields();
    const contacts = piiLocked ? {} : { phone: blankToNull(v.phone), email: blankToNull(v.email) };
    if (editing) {
      await update.mutateAsync({
        id: editing.id,
        body: { version: editing.version, displayName: v.displayName.trim(), unitId: v.unitId, ...contacts },
      });
      message.success(t('users.updated'));
      onClose();
    } else {
      const result = await create.mutateAsync({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        unitId: v.unitId,
        roles: v.roles,
        ...contacts,
      });
      message.success(t('users.created'));
      onClose();
      onCreated(result.user.username, result.temporaryPassword);
    }
  };

  return (
    <EditModal
      title={editing ? t('users.edit') : t('users.create')}
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('users.username')}
              extra={editing ? undefined : t('users.usernamePattern')}
              rules={
                editing
                  ? []
                  : schemaRules(fields.username, {
                      label: t('users.username'),
                      required: true,
                      patternMessage: t('users.usernamePattern'),
                    })
              }
              initialValue={editing?.username}
            >
              <Input disabled={!!editing} autoCapitalize="none" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={schemaRules(fields.displayName, { label: t('users.displayName'), required: true })}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          rules={[{ required: true, message: t('validation.required', { field: t('users.unit') }) }]}
        >
          <UnitTreeSelect units={units} disabledIds={outOfScope} />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="roles"
            label={t('users.roles')}
            rules={schemaRules(fields.roles, { label: t('users.roles'), required: true })}
          >
            <Checkbox.Group options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
        )}
        {piiLocked ? <Alert type="info" showIcon title={t('users.masked')} style={{ marginBottom: 16 }} /> : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              rules={
                piiLocked
                  ? []
                  : schemaRules(fields.phone, { label: t('users.phone'), patternMessage: t('users.phonePattern') })
              }
            >
              <Input disabled={piiLocked} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={t('users.email')}
              rules={
                piiLocked
                  ? []
                  : schemaRules(fields.email, { label: t('users.email'), patternMessage: t('users.emailInvalid') })
              }
            >
              <Input disabled={piiLocked} inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </EditModal>
  );
}
