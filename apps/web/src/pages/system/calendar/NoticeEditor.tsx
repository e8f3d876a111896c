import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PutCalendarYearBody } from '@zaitun/contracts';
import { App, Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePutCalendarYear } from '../../../api/admin';
import { EditModal } from '../../../components/EditModal';
import { currentLocale } from '../../../i18n';
import { schemaRules } from '../../../lib/form-rules';
import { formatList } from '../../../lib/list-format';
import { useConflictReload } from '../../../lib/use-conflict-reload';
import { type DayKind, type DayRange, datesOf, expandAll, overlaps, toRanges } from './calendar-ranges';

export interface YearDoc {
  year: number;
  notice: string;
  version: number | null;
  days: { date: string; kind: DayKind; name: string }[];
}

interface RangeValues {
  kind: DayKind;
  dates: [Dayjs, Dayjs] | null;
  name?: string;
}
interface Values {
  notice: string;
  ranges: RangeValues[];
}

const fields = PutCalendarYearBody.properties;
const ISO = 'YYYY-MM-DD';

/** Version-checked rows need an id for the conflict reload; a year has none, so its number stands in. */
const versioned = (doc: YearDoc) => ({ ...doc, id: String(doc.year), version: doc.version ?? 0 });

function valuesOf(doc: YearDoc): Values {
  return {
    notice: doc.notice,
    ranges: toRanges(doc.days).map((r) => ({ kind: r.kind, dates: [dayjs(r.from), dayjs(r.to)], name: r.name })),
  };
}

function rangesOf(values: Values): DayRange[] {
  return (values.ranges ?? [])
    .filter((r): r is RangeValues & { dates: [Dayjs, Dayjs] } => !!r.dates)
    .map((r) => ({ kind: r.kind, from: r.dates[0].format(ISO), to: r.dates[1].format(ISO), name: r.name ?? '' }));
}

/**
 * Entering a year's State Council notice: its reference and its date ranges (days off, make-up working days).
 * Saving replaces the whole year (version-checked); the server re-times open items with it.
 */
export function NoticeEditor({
  doc,
  latest,
  onClose,
}: {
  doc: YearDoc;
  latest: YearDoc | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutCalendarYear();
  const refill = useCallback((row: YearDoc) => form.setFieldsValue(valuesOf(row)), [form]);
  const { base, reloaded, onSaveError } = useConflictReload(
    versioned(doc),
    latest ? versioned(latest) : undefined,
    refill,
  );
  const year = doc.year;
  const initialValues = useMemo(() => valuesOf(doc), [doc]);
  const watched = Form.useWatch([], form) as Values | undefined;
  const preview = watched ? expandAll(rangesOf(watched)) : [];
  const clash = watched ? overlaps(rangesOf(watched)) : [];

  const submit = async () => {
    const values = await form.validateFields();
    const ranges = rangesOf(values);
    if (overlaps(ranges).length > 0) return;
    const version = base?.version ? base.version : undefined;
    await put.mutateAsync({
      year,
      body: { ...(version ? { version } : {}), notice: values.notice.trim(), days: expandAll(ranges) },
    });
    message.success(t('admin.calendar.saved', { year }));
    onClose();
  };

  const inYear = (d: Dayjs) => d.year() !== year;

  return (
    <EditModal
      title={t('admin.calendar.editorTitle', { year })}
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={put.isPending}
      reloaded={reloaded}
      width={760}
    >
      <Typography.Paragraph type="secondary">{t('admin.calendar.editorHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item
          name="notice"
          label={t('admin.calendar.notice')}
          rules={schemaRules(fields.notice, { label: t('admin.calendar.notice'), required: true })}
        >
          <Input placeholder={t('admin.calendar.noticePlaceholder')} />
        </Form.Item>
        <Typography.Text strong>{t('admin.calendar.ranges')}</Typography.Text>
        <Form.List name="ranges">
          {(items, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {items.map((item, index) => {
                const r = watched?.ranges?.[index];
                const count = r?.dates ? datesOf(r.dates[0].format(ISO), r.dates[1].format(ISO)).length : 0;
                return (
                  <Space key={item.key} align="start" wrap data-testid="calendar-range" style={{ display: 'flex' }}>
                    <Form.Item name={[item.name, 'kind']} style={{ width: 130 }}>
                      <Select
                        aria-label={t('admin.calendar.kind')}
                        options={[
                          { value: 'holiday', label: t('admin.calendar.holiday') },
                          { value: 'workday', label: t('admin.calendar.workday') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'dates']}
                      extra={count ? t('admin.calendar.dayCount', { count }) : undefined}
                      rules={[
                        { required: true, message: t('admin.calendar.rangeRequired') },
                        {
                          validator: (_, v: [Dayjs, Dayjs] | null) =>
                            v && (v[0].year() !== year || v[1].year() !== year)
                              ? Promise.reject(new Error(t('admin.calendar.outOfYear', { year })))
                              : Promise.resolve(),
                        },
                      ]}
                    >
                      <DatePicker.RangePicker
                        aria-label={t('admin.calendar.range')}
                        format={ISO}
                        disabledDate={inYear}
                        defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                        allowEmpty={[false, false]}
                      />
                    </Form.Item>
                    <Form.Item name={[item.name, 'name']} style={{ width: 150 }}>
                      <Input
                        aria-label={t('admin.calendar.rangeName')}
                        placeholder={t('admin.calendar.rangeNamePlaceholder')}
                        maxLength={30}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('admin.calendar.remove')}
                      title={t('admin.calendar.remove')}
                      onClick={() => remove(item.name)}
                    />
                  </Space>
                );
              })}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday', dates: null, name: '' })}>
                  {t('admin.calendar.addHoliday')}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'workday', dates: null, name: '' })}>
                  {t('admin.calendar.addWorkday')}
                </Button>
              </Space>
            </div>
          )}
        </Form.List>
        {clash.length > 0 ? (
          <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
            {t('admin.calendar.overlap', { dates: formatList(clash, currentLocale()) })}
          </Typography.Paragraph>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('admin.calendar.summary', {
            holidays: preview.filter((d) => d.kind === 'holiday').length,
            workdays: preview.filter((d) => d.kind === 'workday').length,
          })}
        </Typography.Paragraph>
      </Form>
    </EditModal>
  );
}
