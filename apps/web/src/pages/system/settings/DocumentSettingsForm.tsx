import { DocumentSettings, type DocumentSettingsT } from '@zaitun/contracts';
import { Alert, App, Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentSettings, useUpdateDocumentSettings } from '../../../api/admin';
import { schemaRules } from '../../../lib/form-rules';
import { useConflictReload } from '../../../lib/use-conflict-reload';

const fields = DocumentSettings.properties;
type Field = keyof DocumentSettingsT;

const trimmed = (v: DocumentSettingsT): DocumentSettingsT =>
  Object.fromEntries(Object.entries(v).map(([k, s]) => [k, (s ?? '').trim()])) as DocumentSettingsT;

/**
 * What the official documents print: issuing body, red header, minutes and bulletin number prefixes, signature,
 * addressees, copy-to and printer. Version-checked like the dispatch settings.
 */
export function DocumentSettingsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DocumentSettingsT>();
  const query = useDocumentSettings();
  const update = useUpdateDocumentSettings();
  const doc = query.data;
  const row = doc ? { id: 'documents', version: doc.version, settings: doc.settings } : null;
  const refill = useCallback((r: { settings: DocumentSettingsT }) => form.setFieldsValue(r.settings), [form]);
  const { reloaded, onSaveError } = useConflictReload(row, row, refill);
  const minutesPrefix = Form.useWatch('minutesPrefix', form) ?? '';
  const bulletinPrefix = Form.useWatch('bulletinPrefix', form) ?? '';

  const submit = async () => {
    const values = await form.validateFields();
    if (!doc) return;
    await update.mutateAsync({ settings: trimmed(values), version: doc.version });
    message.success(t('officialDocs.settings.saved'));
  };

  const field = (name: Field, opts: { wide?: boolean; extra?: ReactNode; optional?: boolean } = {}) => {
    const label = t(`officialDocs.settings.${name}`);
    const max = (fields[name] as unknown as { maxLength: number }).maxLength;
    return (
      <Col xs={24} lg={opts.wide ? 24 : 12}>
        <Form.Item
          name={name}
          label={label}
          extra={opts.extra}
          rules={schemaRules(fields[name], { label, required: !opts.optional })}
        >
          {max > 60 ? (
            <Input.TextArea maxLength={max} autoSize={{ minRows: 1, maxRows: 3 }} />
          ) : (
            <Input maxLength={max} />
          )}
        </Form.Item>
      </Col>
    );
  };
  const year = dayjs().year();
  const preview = (prefix: string, id: string) => (
    <span data-testid={id}>
      {t('officialDocs.settings.numberPreview', { example: `${prefix.trim() || '…'}〔${year}〕3号` })}
    </span>
  );

  return (
    <Card
      title={t('officialDocs.settings.card')}
      loading={query.isLoading}
      data-testid="document-settings"
      extra={
        doc ? (
          <Typography.Text type="secondary">{t('admin.settings.version', { version: doc.version })}</Typography.Text>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('officialDocs.settings.hint')}</Typography.Paragraph>
      {reloaded ? (
        <Alert type="warning" showIcon title={t('common.reloadedAfterConflict')} style={{ marginBottom: 16 }} />
      ) : null}
      {doc ? (
        <Form<DocumentSettingsT>
          form={form}
          layout="vertical"
          disabled={!canEdit}
          initialValues={doc.settings}
          onFinish={() => submit().catch(onSaveError)}
        >
          <Row gutter={16}>
            {field('issuingBody')}
            {field('redHeader')}
            {field('minutesPrefix', { extra: preview(minutesPrefix, 'minutes-number-preview') })}
            {field('bulletinPrefix', { extra: preview(bulletinPrefix, 'bulletin-number-preview') })}
            {field('signature')}
            {field('printer')}
            {field('addressees', { wide: true, extra: t('officialDocs.settings.addresseesHint') })}
            {field('copyTo', { wide: true, optional: true, extra: t('officialDocs.settings.copyToHint') })}
          </Row>
          {canEdit ? (
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          ) : null}
        </Form>
      ) : null}
    </Card>
  );
}
