import { DispatchSettings, type DispatchSettingsT } from '@zaitun/contracts';
import { Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDispatchSettings, useUpdateDispatchSettings } from '../../../api/admin';
import { SettingsCard } from '../../../components/SettingsCard';
import { schemaRules } from '../../../lib/form-rules';

/** The form shows the yellow ratio in per cent; the contract stores a fraction. */
type Values = Omit<DispatchSettingsT, 'yellowUsedRatio'> & { yellowUsedPercent: number };

const fields = DispatchSettings.properties;
const deadlineFields = DispatchSettings.properties.deadlineDays.properties;
/** The contract's bounds of the yellow ratio (0.1–0.99), shown as per cent. */
const RATIO = fields.yellowUsedRatio as unknown as { minimum: number; maximum: number };

const toValues = (s: DispatchSettingsT): Values => {
  const { yellowUsedRatio, ...rest } = s;
  return { ...rest, yellowUsedPercent: Math.round(yellowUsedRatio * 100) };
};
const fromValues = (v: Values): DispatchSettingsT => {
  const { yellowUsedPercent, ...rest } = v;
  return { ...rest, orderPrefix: rest.orderPrefix.trim(), yellowUsedRatio: yellowUsedPercent / 100 };
};

/** `泉内外贸交〔2026〕12号`: how an assignment order number looks with a prefix. */
export function orderNumberExample(prefix: string, year: number): string {
  return `${prefix.trim() || '…'}〔${year}〕12号`;
}

/**
 * The dispatch settings (deadlines per priority, signing, end of the business day, light thresholds, automatic
 * escalation, order numbering, ranking). Version-checked: a stale save reloads the form with the other change.
 */
export function DispatchSettingsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const query = useDispatchSettings();
  const update = useUpdateDispatchSettings();
  const prefix = Form.useWatch('orderPrefix', form) ?? '';

  const num = (name: keyof Values, label: string, schema: object, extra?: string) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={name} label={label} extra={extra} rules={schemaRules(schema, { label, required: true })}>
        <InputNumber style={{ width: '100%' }} precision={0} />
      </Form.Item>
    </Col>
  );

  return (
    <SettingsCard<DispatchSettingsT, Values>
      title={t('admin.settings.dispatchCard')}
      canEdit={canEdit}
      form={form}
      query={query}
      update={update}
      toValues={toValues}
      fromValues={fromValues}
      savedMessage={t('admin.settings.saved')}
    >
      <Typography.Text strong>{t('admin.settings.deadlineDays')}</Typography.Text>
      <Row gutter={16} style={{ marginTop: 8 }}>
        {(['urgent', 'high', 'normal'] as const).map((p) => {
          const label = t(
            `admin.settings.priority${p[0]?.toUpperCase()}${p.slice(1)}` as 'admin.settings.priorityUrgent',
          );
          return (
            <Col xs={24} sm={8} key={p}>
              <Form.Item
                name={['deadlineDays', p]}
                label={label}
                rules={schemaRules(deadlineFields[p], { label, required: true })}
              >
                <InputNumber style={{ width: '100%' }} precision={0} />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
      <Row gutter={16}>
        {num('signDays', t('admin.settings.signDays'), fields.signDays)}
        {num('endHour', t('admin.settings.endHour'), fields.endHour, t('admin.settings.endHourHint'))}
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="yellowUsedPercent"
            label={t('admin.settings.yellowUsedRatio')}
            rules={schemaRules(
              {
                type: 'integer',
                minimum: Math.round(RATIO.minimum * 100),
                maximum: Math.round(RATIO.maximum * 100),
              },
              { label: t('admin.settings.yellowUsedRatio'), required: true },
            )}
          >
            <InputNumber style={{ width: '100%' }} precision={0} suffix="%" />
          </Form.Item>
        </Col>
        {num('yellowRemainingDays', t('admin.settings.yellowRemainingDays'), fields.yellowRemainingDays)}
        {num('escalateYellowAfterDays', t('admin.settings.escalateYellowAfterDays'), fields.escalateYellowAfterDays)}
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="escalateRedAfterDays"
            label={t('admin.settings.escalateRedAfterDays')}
            dependencies={['escalateYellowAfterDays']}
            rules={[
              ...schemaRules(fields.escalateRedAfterDays, {
                label: t('admin.settings.escalateRedAfterDays'),
                required: true,
              }),
              ({ getFieldValue }) => ({
                validator: (_, value: number | null) =>
                  value === null || value === undefined || value > Number(getFieldValue('escalateYellowAfterDays'))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('admin.settings.escalateOrder'))),
              }),
            ]}
          >
            <InputNumber style={{ width: '100%' }} precision={0} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="orderPrefix"
            label={t('admin.settings.orderPrefix')}
            extra={
              <span data-testid="order-number-preview">
                {t('admin.settings.orderPreview', { example: orderNumberExample(prefix, dayjs().year()) })}
              </span>
            }
            rules={schemaRules(fields.orderPrefix, { label: t('admin.settings.orderPrefix'), required: true })}
          >
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        {num(
          'minItemsForRanking',
          t('admin.settings.minItemsForRanking'),
          fields.minItemsForRanking,
          t('admin.settings.minItemsHint'),
        )}
      </Row>
    </SettingsCard>
  );
}
