import { DocumentSettings, type DocumentSettingsT } from '@zaitun/contracts';
import { Col, Form, Input, Row } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentSettings, useUpdateDocumentSettings } from '../../../api/admin';
import { SettingsCard } from '../../../components/SettingsCard';
import { schemaRules } from '../../../lib/form-rules';

const fields = DocumentSettings.properties;
type Field = keyof DocumentSettingsT;

const trimmed = (v: DocumentSettingsT): DocumentSettingsT =>
  Object.fromEntries(Object.entries(v).map(([k, s]) => [k, (s ?? '').trim()])) as DocumentSettingsT;
const asStored = (s: DocumentSettingsT): DocumentSettingsT => s;

/**
 * What the official documents print: issuing body, red header, minutes and bulletin number prefixes, signature,
 * addressees, copy-to and printer. Version-checked like the dispatch settings.
 */
export function DocumentSettingsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DocumentSettingsT>();
  const query = useDocumentSettings();
  const update = useUpdateDocumentSettings();
  const minutesPrefix = Form.useWatch('minutesPrefix', form) ?? '';
  const bulletinPrefix = Form.useWatch('bulletinPrefix', form) ?? '';

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
    <SettingsCard<DocumentSettingsT, DocumentSettingsT>
      title={t('officialDocs.settings.card')}
      hint={t('officialDocs.settings.hint')}
      testId="document-settings"
      canEdit={canEdit}
      form={form}
      query={query}
      update={update}
      toValues={asStored}
      fromValues={trimmed}
      savedMessage={t('officialDocs.settings.saved')}
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
    </SettingsCard>
  );
}
