import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ignoreHandled } from '../../lib/promise';

interface Props {
  open: boolean;
  title: string;
  /** The reason field's label. */
  label: string;
  maxLength: number;
  loading: boolean;
  onCancel: () => void;
  /** Sends the reason; the caller closes the dialog once it is done (an error leaves it open to try again). */
  onSubmit: (reason: string) => Promise<unknown>;
}

/** Asks for the reason of an irreversible step (withdrawing an order or a bulletin) before it is sent. */
export function ReasonModal({ open, title, label, maxLength, loading, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading }}
      destroyOnHidden
      onCancel={onCancel}
      onOk={() =>
        form
          .validateFields()
          .then((v) => onSubmit(v.reason))
          .catch(ignoreHandled)
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, max: maxLength }]}>
          <Input.TextArea rows={3} maxLength={maxLength} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
