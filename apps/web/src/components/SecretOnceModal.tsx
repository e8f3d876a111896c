import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  title: string;
  /** Label of the field holding the secret (screen readers and tests find it by this). */
  label: string;
  secret: string;
  intro: string;
  note?: string;
  onClose: () => void;
}

/** Shows a secret the server returns once (temporary password, token): copyable, not closable by accident. */
export function SecretOnceModal({ open, title, label, secret, intro, note, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      message.success(t('common.copied'));
    } catch {
      // Without clipboard access (plain http, old browser) the text stays selectable in the field.
      document.getElementById(id)?.focus();
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={intro} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={label} htmlFor={id}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              id={id}
              readOnly
              value={secret}
              onFocus={(e) => e.target.select()}
              style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
            />
            <Button icon={<CopyOutlined />} onClick={copy}>
              {t('common.copy')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Modal>
  );
}
