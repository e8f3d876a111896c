import { CreateUnitBody, UNIT_TYPES, type UnitT, type UnitType } from '@zaitun/contracts';
import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUnit, useUpdateUnit } from '../../../api/org';
import { EditModal } from '../../../components/EditModal';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { schemaRules } from '../../../lib/form-rules';
import { useConflictReload } from '../../../lib/use-conflict-reload';

export type UnitFormTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: UnitT };

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  shortName: string;
  type: UnitType;
  parentId?: string;
  divisionCode?: string;
  sortOrder?: number | null;
}

const fields = CreateUnitBody.properties;

function valuesOf(unit: UnitT): Partial<Values> {
  return {
    code: unit.code,
    nameZh: unit.nameZh,
    nameEn: unit.nameEn,
    shortName: unit.shortName,
    type: unit.type,
    divisionCode: unit.divisionCode ?? undefined,
    sortOrder: unit.sortOrder,
  };
}

/** Create a unit (optionally under a given parent) or edit one; moving is a separate action. */
export function UnitFormModal({
  target,
  units,
  onClose,
}: {
  target: UnitFormTarget;
  units: readonly UnitT[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const opened = target.mode === 'edit' ? target.unit : null;
  const latest = opened ? units.find((u) => u.id === opened.id) : undefined;
  const refill = useCallback((unit: UnitT) => form.setFieldsValue(valuesOf(unit)), [form]);
  const { base: editing, reloaded, onSaveError } = useConflictReload(opened, latest, refill);

  const initialValues: Partial<Values> = opened
    ? valuesOf(opened)
    : { parentId: target.mode === 'create' ? (target.parentId ?? undefined) : undefined };

  const submit = async () => {
    const v = await form.validateFields();
    const divisionCode = v.divisionCode?.trim() ? v.divisionCode.trim() : null;
    const common = {
      code: v.code.trim(),
      nameZh: v.nameZh.trim(),
      nameEn: v.nameEn.trim(),
      shortName: v.shortName.trim(),
      type: v.type,
      divisionCode,
      ...(typeof v.sortOrder === 'number' ? { sortOrder: v.sortOrder } : {}),
    };
    if (editing) {
      await update.mutateAsync({ id: editing.id, body: { version: editing.version, ...common } });
      message.success(t('units.updated'));
    } else {
      await create.mutateAsync({ ...common, parentId: v.parentId ?? null });
      message.success(t('units.created'));
    }
    onClose();
  };

  return (
    <EditModal
      title={editing ? t('units.edit') : t('units.create')}
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} requiredMark>
        {editing ? null : (
          <Form.Item name="parentId" label={t('units.parent')} extra={t('units.parentHint')}>
            <UnitTreeSelect units={units} allowClear placeholder={t('units.noParent')} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameZh"
              label={t('units.nameZh')}
              rules={schemaRules(fields.nameZh, { label: t('units.nameZh'), required: true })}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="shortName"
              label={t('units.shortName')}
              rules={schemaRules(fields.shortName, { label: t('units.shortName'), required: true })}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="nameEn"
          label={t('units.nameEn')}
          rules={schemaRules(fields.nameEn, { label: t('units.nameEn'), required: true })}
        >
          <Input />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('units.code')}
              extra={t('units.codePattern')}
              rules={schemaRules(fields.code, {
                label: t('units.code'),
                required: true,
                patternMessage: t('units.codePattern'),
              })}
            >
              <Input autoCapitalize="none" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="type"
              label={t('units.type')}
              rules={[{ required: true, message: t('validation.required', { field: t('units.type') }) }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="divisionCode"
              label={t('units.divisionCode')}
              extra={t('units.divisionCodeHint')}
              rules={schemaRules(fields.divisionCode, {
                label: t('units.divisionCode'),
                patternMessage: t('units.divisionPattern'),
              })}
            >
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="sortOrder"
              label={t('units.sortOrder')}
              rules={schemaRules(fields.sortOrder, { label: t('units.sortOrder') })}
            >
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </EditModal>
  );
}
