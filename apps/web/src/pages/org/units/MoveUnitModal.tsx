import type { UnitT } from '@zaitun/contracts';
import { App, Form, Modal } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoveUnit } from '../../../api/org';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { currentLocale } from '../../../i18n';
import { ignoreHandled } from '../../../lib/promise';
import { subtreeIds, unitName } from '../../../lib/units';

/** Moves a unit, with everything below it, under another active unit (not itself or below itself). */
export function MoveUnitModal({ unit, units, onClose }: { unit: UnitT; units: readonly UnitT[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();
  const move = useMoveUnit();
  const disabled = useMemo(() => subtreeIds(units, unit.id), [units, unit.id]);

  const submit = async () => {
    const { parentId } = await form.validateFields();
    await move.mutateAsync({ id: unit.id, body: { version: unit.version, parentId } });
    message.success(t('units.moved'));
    onClose();
  };

  return (
    <Modal
      open
      title={t('units.moveTitle', { name: unitName(unit, currentLocale()) })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => submit().catch(ignoreHandled)}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ parentId: unit.parentId ?? undefined }}>
        <Form.Item
          name="parentId"
          label={t('units.newParent')}
          rules={[{ required: true, message: t('validation.required', { field: t('units.newParent') }) }]}
        >
          <UnitTreeSelect units={units} disabledIds={disabled} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
