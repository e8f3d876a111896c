import { DownOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportType, IndicatorT } from '@zaitun/contracts';
import { Button, Dropdown, Form, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cockpitKeys, useIndicators } from '../../api/cockpit';
import { ImportDialog, type SampleColumn } from '../ImportDialog';

/** The bureau sheet's parameters: which indicator and period its county rows hold. */
export interface BureauParams {
  indicatorId: string | null;
  year: number;
  month: number;
}

/** The latest month that has ended: the one a bureau sheet usually reports. */
export function defaultBureauParams(today = dayjs()): BureauParams {
  const last = today.subtract(1, 'month');
  return { indicatorId: null, year: last.year(), month: last.month() + 1 };
}

const indicatorName = (i: IndicatorT, lang: string) => (lang.startsWith('zh') ? i.nameZh : i.nameEn);

/**
 * The parameter step of the bureau sheet: the indicator (active ones) and the period (year, month). Quarterly and
 * annual indicators offer only their reporting months.
 */
export function BureauParamsForm({
  indicators,
  value,
  onChange,
}: {
  indicators: IndicatorT[];
  value: BureauParams;
  onChange: (next: BureauParams) => void;
}) {
  const { t, i18n } = useTranslation();
  const chosen = indicators.find((i) => i.id === value.indicatorId);
  const thisYear = dayjs().year();
  const years = Array.from({ length: 8 }, (_, n) => thisYear - n);
  const months = Array.from({ length: 12 }, (_, n) => n + 1).filter(
    (m) => !chosen || chosen.frequency === 'monthly' || (chosen.frequency === 'quarterly' ? m % 3 === 0 : m === 12),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text type="secondary">{t('figureImport.paramsHint')}</Typography.Text>
      <Form layout="vertical">
        <Form.Item label={t('figureImport.indicator')} required>
          <Select
            data-testid="bureau-indicator"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('figureImport.indicatorPlaceholder')}
            value={value.indicatorId ?? undefined}
            options={indicators
              .filter((i) => i.active)
              .map((i) => ({
                value: i.id,
                label: t('figureImport.indicatorOption', {
                  name: indicatorName(i, i18n.language),
                  unit: i.measureUnit,
                }),
              }))}
            onChange={(indicatorId: string) => {
              const ind = indicators.find((i) => i.id === indicatorId);
              const month =
                ind?.frequency === 'quarterly'
                  ? Math.max(3, value.month - (value.month % 3))
                  : ind?.frequency === 'annual'
                    ? 12
                    : value.month;
              onChange({ ...value, indicatorId, month });
            }}
          />
        </Form.Item>
        <Space size="middle">
          <Form.Item label={t('figureImport.year')} required>
            <Select
              data-testid="bureau-year"
              style={{ width: 120 }}
              value={value.year}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              onChange={(year: number) => onChange({ ...value, year })}
            />
          </Form.Item>
          <Form.Item label={t('figureImport.month')} required>
            <Select
              data-testid="bureau-month"
              style={{ width: 120 }}
              value={value.month}
              options={months.map((m) => ({ value: m, label: t('figureImport.monthOption', { month: m }) }))}
              onChange={(month: number) => onChange({ ...value, month })}
            />
          </Form.Item>
        </Space>
      </Form>
      {chosen ? <Tag color="blue">{t(`figureImport.valueColumn.${chosen.kind}`)}</Tag> : null}
    </Space>
  );
}

/**
 * 导入数据: a menu of the two figure imports — the long layout (one row per unit, indicator and period) and the
 * statistics bureau's sheet (one row per county, for an indicator and period chosen first) — each through the
 * shared ImportDialog (template, upload, preview with errors and the error report, commit). After a commit the
 * cockpit's data is reloaded and `onImported` called.
 */
export function FigureImportButton({ onImported }: { onImported?: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ImportType | null>(null);
  const [params, setParams] = useState<BureauParams>(() => defaultBureauParams());
  const indicators = useIndicators();
  const list = indicators.data?.items ?? [];
  const chosen = list.find((i) => i.id === params.indicatorId);

  const sampleColumns: SampleColumn[] = useMemo(
    () => [
      { key: 'row', title: t('figureImport.column.row') },
      { key: 'unit', title: t('figureImport.column.unit') },
      { key: 'indicator', title: t('figureImport.column.indicator') },
      { key: 'period', title: t('figureImport.column.period') },
      { key: 'value', title: t('figureImport.column.value') },
      { key: 'reportedYoy', title: t('figureImport.column.reportedYoy') },
      { key: 'previous', title: t('figureImport.column.previous') },
      {
        key: 'change',
        title: t('figureImport.column.change'),
        render: (v) =>
          v === 'create' || v === 'update' || v === 'unchanged' ? (
            <Tag color={v === 'create' ? 'green' : v === 'update' ? 'orange' : 'default'}>
              {t(`figureImport.change.${v}`)}
            </Tag>
          ) : null,
      },
    ],
    [t],
  );

  const close = () => setOpen(null);
  const committed = () => {
    void queryClient.invalidateQueries({ queryKey: cockpitKeys.all });
    onImported?.();
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'indicator_figures', label: t('figureImport.long') },
            { key: 'bureau_sheet', label: t('figureImport.bureau') },
          ],
          onClick: ({ key }) => setOpen(key as ImportType),
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="figure-import">
          {t('figureImport.button')} <DownOutlined />
        </Button>
      </Dropdown>
      {open === 'indicator_figures' ? (
        <ImportDialog
          type="indicator_figures"
          title={t('figureImport.titleLong')}
          sampleColumns={sampleColumns}
          onClose={close}
          onCommitted={committed}
        />
      ) : null}
      {open === 'bureau_sheet' ? (
        <ImportDialog
          type="bureau_sheet"
          title={t('figureImport.titleBureau')}
          query={params.indicatorId ? { indicatorId: params.indicatorId, year: params.year, month: params.month } : {}}
          paramsStep={{
            ready: !!chosen,
            content: <BureauParamsForm indicators={list} value={params} onChange={setParams} />,
            summary: chosen
              ? t('figureImport.chosen', {
                  indicator: indicatorName(chosen, i18n.language),
                  year: params.year,
                  month: params.month,
                })
              : null,
          }}
          sampleColumns={sampleColumns}
          onClose={close}
          onCommitted={committed}
        />
      ) : null}
    </>
  );
}
