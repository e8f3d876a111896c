import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The dialog every edit form uses: save/cancel in the UI language, no closing by a stray click outside, and the
 * notice shown after a version conflict reloaded the form with someone else's changes.
 */
export function EditModal(props: {
  title: ReactNode;
  onSave: () => void;
  onClose: () => void;
  saving: boolean;
  reloaded: boolean;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={props.title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={props.onSave}
      onCancel={props.onClose}
      confirmLoading={props.saving}
      width={props.width}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {props.reloaded ? (
        <Alert type="warning" showIcon title={t('common.reloadedAfterConflict')} style={{ marginBottom: 16 }} />
      ) : null}
      {props.children}
    </Modal>
  );
}
