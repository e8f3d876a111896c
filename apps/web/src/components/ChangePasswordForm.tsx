import { checkPasswordPolicy, PASSWORD_MIN_LENGTH, passwordClasses } from '@zaitun/contracts';
import { Alert, App, Button, Form, Input, Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-policy';
import { useChangePassword } from '../api/session';
import { currentLocale } from '../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function strength(password: string): number {
  if (!password) return 0;
  const length = Math.min([...password].length / (PASSWORD_MIN_LENGTH + 4), 1);
  return Math.round((length * 0.5 + (passwordClasses(password) / 4) * 0.5) * 100);
}

/** Change-password form, checked with the same policy as the server (contracts/password.ts). */
export function ChangePasswordForm({ username, onChanged }: { username: string; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const score = strength(newPassword);

  const submit = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('password.changed'));
          onChanged?.();
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 420 }}>
      {change.isError ? (
        <Alert type="error" showIcon title={errorText(change.error, currentLocale())} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('validation.required', { field: t('password.current') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.policy')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('validation.required', { field: t('password.new') }) },
          {
            validator: async (_, value: string | undefined) => {
              if (value && !checkPasswordPolicy(value, username)) throw new Error(t('password.policy'));
            },
          },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error(t('password.sameAsCurrent'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {newPassword ? (
        <Progress
          percent={score}
          showInfo={false}
          size="small"
          status={score < 50 ? 'exception' : score < 80 ? 'normal' : 'success'}
          aria-label={t('password.strength')}
          style={{ marginTop: -12, marginBottom: 12 }}
        />
      ) : null}
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required', { field: t('password.confirm') }) },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
