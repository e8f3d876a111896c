import type { RouteResponse } from '@zaitun/contracts';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useEntryForm, useSaveFigures } from '../../../api/cockpit';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { currentLocale } from '../../../i18n';
import { unitName } from '../../../lib/units';
import {
  formatPercent,
  formatValue,
  isFuturePeriod,
  lastEndedMonth,
  type Period,
  parseEntry,
  yoyMismatch,
  yoyPreview,
} from './figure-format';
import { indicatorName } from './IndicatorTable';

type Row = RouteResponse<'getEntryForm'>['rows'][number];
interface Draft {
  value: number | null;
  reportedYoy: number | null;
}

/** The drafts a form starts from: what is stored. */
const draftsOf = (rows: readonly Row[]): Record<string, Draft> =>
  Object.fromEntries(
    rows.map((r) => [r.indicator.id, { value: r.figure?.value ?? null, reportedYoy: r.figure?.reportedYoy ?? null }]),
  );

/** The entries a save sends: rows not locked, with a value, changed from what is stored. */
export function changedEntries(rows: readonly Row[], drafts: Record<string, Draft>) {
  return rows.flatMap((r) => {
    const d = drafts[r.indicator.id];
    if (r.locked || !d || d.value === null) return [];
    const value = parseEntry(d.value, r.indicator.decimals) as number;
    const reportedYoy = parseEntry(d.reportedYoy, 1);
    if (r.figure && r.figure.value === value && (r.figure.reportedYoy ?? null) === reportedYoy) return [];
    return [
      {
        indicatorId: r.indicator.id,
        value,
        reportedYoy,
        ...(r.figure ? { version: r.figure.version } : {}),
      },
    ];
  });
}

/**
 * The monthly reporting form of one unit: the indicators due, each with last year's figure and the YoY computed
 * live beside the input; locked rows say why. A county user reports its own unit; HQ picks any unit. Saved all at
 * once; a stale version (409) reloads the form with the other change.
 */
export function EntryPanel({ unitChoice, ownUnitId }: { unitChoice: boolean; ownUnitId: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const units = useUnitLookup();
  const [period, setPeriod] = useState<Period>(() => lastEndedMonth(new Date()));
  const [unitId, setUnitId] = useState<string | null>(ownUnitId);
  const future = isFuturePeriod(period, new Date());
  const form = useEntryForm(unitId && !future ? { unitId, ...period } : null);
  const save = useSaveFigures();
  const rows = useMemo(() => form.data?.rows ?? [], [form.data]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  // Set when a save was refused as stale: the refetch that follows reloads the form and says so.
  const conflict = useRef(false);
  const [reloaded, setReloaded] = useState(false);

  // The form follows the stored figures: on load, after a save, and after a conflict's refetch (then it says so).
  // Nothing else refetches this query, so typing is never overwritten by a background refresh.
  useEffect(() => {
    setDrafts(draftsOf(rows));
    if (conflict.current) {
      setReloaded(true);
      conflict.current = false;
    }
  }, [rows]);

  const pickable = [...units.units.filter((u) => u.type === 'headquarters' && u.active), ...units.counties].map(
    (u) => ({ value: u.id, label: unitName(u, locale) }),
  );
  // HQ's own unit may be an office that reports nothing: start on the city (the first unit offered) instead.
  const firstPickable = pickable[0]?.value;
  const ownIsPickable = pickable.some((p) => p.value === unitId);
  useEffect(() => {
    if (unitChoice && firstPickable && !ownIsPickable) setUnitId(firstPickable);
  }, [unitChoice, firstPickable, ownIsPickable]);
  const entries = changedEntries(rows, drafts);
  const editable = rows.filter((r) => !r.locked).length;
  const allPastDeadline = rows.length > 0 && rows.every((r) => r.locked === 'deadline_passed');

  const submit = async () => {
    if (!unitId) return;
    if (entries.length === 0) {
      message.info(t('cockpitAdmin.figures.nothingToSave'));
      return;
    }
    setReloaded(false);
    try {
      await save.mutateAsync({ unitId, ...period, entries });
      message.success(t('cockpitAdmin.figures.saved', { count: entries.length }));
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) conflict.current = true;
    }
  };

  const setDraft = (id: string, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [id]: { value: null, reportedYoy: null, ...d[id], ...patch } }));

  return (
    <>
      <div className="toolbar" style={{ marginBottom: 12, flexWrap: 'wrap', gap: 8 }}>
        <Space wrap>
          {unitChoice ? (
            <Select
              style={{ width: 200 }}
              placeholder={t('cockpitAdmin.figures.pickUnit')}
              value={unitId ?? undefined}
              onChange={(v: string) => {
                setUnitId(v);
                setReloaded(false);
              }}
              options={pickable}
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('cockpitAdmin.figures.unit')}
              data-testid="entry-unit"
            />
          ) : (
            <Typography.Text strong>{units.name(ownUnitId)}</Typography.Text>
          )}
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(new Date(period.year, period.month - 1, 1))}
            onChange={(d) => {
              if (!d) return;
              setPeriod({ year: d.year(), month: d.month() + 1 });
              setReloaded(false);
            }}
            disabledDate={(d) => isFuturePeriod({ year: d.year(), month: d.month() + 1 }, new Date())}
            aria-label={t('cockpitAdmin.figures.month')}
            data-testid="entry-month"
          />
          {form.data ? (
            <Typography.Text type="secondary" data-testid="entry-deadline">
              {t('cockpitAdmin.figures.deadline', { date: form.data.deadline })}
            </Typography.Text>
          ) : null}
        </Space>
        <Button
          type="primary"
          onClick={() => void submit()}
          loading={save.isPending}
          disabled={editable === 0 || entries.length === 0}
        >
          {t('cockpitAdmin.figures.saveAll')}
        </Button>
      </div>
      {future ? <Alert type="info" showIcon title={t('cockpitAdmin.figures.futurePeriod')} /> : null}
      {reloaded ? (
        <Alert type="warning" showIcon title={t('common.reloadedAfterConflict')} style={{ marginBottom: 12 }} />
      ) : null}
      {form.data && allPastDeadline ? (
        <Alert
          type="warning"
          showIcon
          data-testid="entry-locked"
          title={t('cockpitAdmin.figures.deadlinePassedAll', { date: form.data.deadline })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {future ? null : (
        <Table<Row>
          rowKey={(r) => r.indicator.id}
          size="small"
          loading={form.isFetching}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('cockpitAdmin.figures.noRows')} /> }}
          columns={[
            {
              title: t('cockpitAdmin.figures.indicator'),
              key: 'indicator',
              render: (_, r) => (
                <div>
                  <div>{indicatorName(r.indicator)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('cockpitAdmin.figures.kindHint', {
                      kind: t(`cockpitAdmin.indicators.kindLabel.${r.indicator.kind}`),
                    })}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('cockpitAdmin.figures.lastYear'),
              key: 'lastYear',
              align: 'right',
              width: 150,
              render: (_, r) => formatValue(r.lastYearValue, r.indicator.decimals, r.indicator.measureUnit, locale),
            },
            {
              title: t('cockpitAdmin.figures.value'),
              key: 'value',
              width: 200,
              render: (_, r) =>
                r.locked ? (
                  <span data-testid={`entry-value-${r.indicator.code}`}>
                    {formatValue(r.figure?.value, r.indicator.decimals, r.indicator.measureUnit, locale)}
                  </span>
                ) : (
                  <div data-testid={`entry-input-${r.indicator.code}`}>
                    <InputNumber
                      style={{ width: '100%' }}
                      value={drafts[r.indicator.id]?.value ?? null}
                      onChange={(v) => setDraft(r.indicator.id, { value: v === null ? null : Number(v) })}
                      precision={r.indicator.decimals}
                      min={-1e12}
                      max={1e12}
                      suffix={r.indicator.measureUnit}
                      aria-label={`${indicatorName(r.indicator)} ${t('cockpitAdmin.figures.value')}`}
                    />
                  </div>
                ),
            },
            {
              title: t('cockpitAdmin.figures.yoy'),
              key: 'yoy',
              align: 'right',
              width: 110,
              render: (_, r) => (
                <span data-testid={`entry-yoy-${r.indicator.code}`}>
                  {formatPercent(yoyPreview(drafts[r.indicator.id]?.value, r.lastYearValue))}
                </span>
              ),
            },
            {
              title: t('cockpitAdmin.figures.reportedYoy'),
              key: 'reportedYoy',
              width: 160,
              render: (_, r) => {
                const reported = drafts[r.indicator.id]?.reportedYoy ?? null;
                const mismatch = yoyMismatch(reported, yoyPreview(drafts[r.indicator.id]?.value, r.lastYearValue));
                if (r.locked) return formatPercent(r.figure?.reportedYoy ?? null);
                return (
                  <Tooltip title={mismatch ? t('cockpitAdmin.figures.yoyMismatch') : undefined}>
                    <InputNumber
                      style={{ width: '100%' }}
                      value={reported}
                      onChange={(v) => setDraft(r.indicator.id, { reportedYoy: v === null ? null : Number(v) })}
                      precision={1}
                      suffix="%"
                      status={mismatch ? 'warning' : undefined}
                      aria-label={`${indicatorName(r.indicator)} ${t('cockpitAdmin.figures.reportedYoy')}`}
                    />
                  </Tooltip>
                );
              },
            },
            {
              title: t('cockpitAdmin.figures.state'),
              key: 'state',
              width: 150,
              render: (_, r) => (
                <Space size={4} wrap data-testid={`entry-state-${r.indicator.code}`}>
                  {r.locked === 'verified' ? (
                    <Tag color="success">{t('cockpitAdmin.figures.locked.verified')}</Tag>
                  ) : r.figure ? (
                    <Tag color={r.figure.state === 'verified' ? 'success' : 'processing'}>
                      {t(`cockpitAdmin.figures.stateLabel.${r.figure.state}`)}
                    </Tag>
                  ) : (
                    <Tag>{t('cockpitAdmin.figures.notReported')}</Tag>
                  )}
                  {r.locked === 'deadline_passed' ? (
                    <Tag color="default">{t('cockpitAdmin.figures.locked.deadline_passed')}</Tag>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
