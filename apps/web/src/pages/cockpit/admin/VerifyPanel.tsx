import { FIGURE_SOURCES, FIGURE_STATES, type FigureT } from '@zaitun/contracts';
import { App, Button, DatePicker, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FigureQuery, useFigures, useIndicators, useVerifyFigures } from '../../../api/cockpit';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { ignoreHandled } from '../../../lib/promise';
import { unitName } from '../../../lib/units';
import { FigureHistoryDrawer } from './FigureHistoryDrawer';
import { formatPercent, formatValue, lastEndedMonth } from './figure-format';
import { indicatorName } from './IndicatorTable';
import './cockpit-admin.css';

/**
 * A month's figures across the caller's scope, filtered; conflicts (an import replaced a different entered value)
 * stand out. HQ verifies the month (or one indicator of it); every row opens its history.
 */
export function VerifyPanel({ canVerify, importButton }: { canVerify: boolean; importButton?: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [query, setQuery] = useState<FigureQuery>(() => ({ ...lastEndedMonth(new Date()), page: 1, pageSize: 20 }));
  const figures = useFigures(query);
  const indicators = useIndicators();
  const units = useUnitLookup();
  const verify = useVerifyFigures();
  const [open, setOpen] = useState<string | null>(null);
  const byId = useMemo(() => new Map((indicators.data?.items ?? []).map((i) => [i.id, i])), [indicators.data]);
  const set = (patch: Partial<FigureQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const picked = query.indicatorId ? byId.get(query.indicatorId) : undefined;

  const runVerify = () =>
    verify
      .mutateAsync({
        year: query.year,
        month: query.month ?? 1,
        ...(query.indicatorId ? { indicatorId: query.indicatorId } : {}),
      })
      .then((r) => message.success(t('cockpitAdmin.figures.verified', { count: r.changed })), ignoreHandled);

  const fmt = (f: FigureT, v: number | null) => {
    const ind = byId.get(f.indicatorId);
    return ind ? formatValue(v, ind.decimals, ind.measureUnit, locale) : String(v ?? '—');
  };

  return (
    <>
      <div className="toolbar" style={{ marginBottom: 12, flexWrap: 'wrap', gap: 8 }}>
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(new Date(query.year, (query.month ?? 1) - 1, 1))}
            onChange={(d) => d && set({ year: d.year(), month: d.month() + 1 })}
            aria-label={t('cockpitAdmin.figures.month')}
            data-testid="verify-month"
          />
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder={t('cockpitAdmin.figures.allIndicators')}
            value={query.indicatorId}
            onChange={(v?: string) => set({ indicatorId: v })}
            options={(indicators.data?.items ?? []).map((i) => ({ value: i.id, label: indicatorName(i) }))}
            aria-label={t('cockpitAdmin.figures.indicator')}
            data-testid="verify-indicator"
          />
          <Select
            style={{ width: 150 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('cockpitAdmin.figures.allUnits')}
            value={query.unitId}
            onChange={(v?: string) => set({ unitId: v })}
            options={[...units.units.filter((u) => u.type === 'headquarters'), ...units.counties].map((u) => ({
              value: u.id,
              label: unitName(u, locale),
            }))}
            aria-label={t('cockpitAdmin.figures.unit')}
            data-testid="verify-unit"
          />
          <Select
            style={{ width: 110 }}
            allowClear
            placeholder={t('cockpitAdmin.figures.allStates')}
            value={query.state}
            onChange={(v?: FigureT['state']) => set({ state: v })}
            options={FIGURE_STATES.map((s) => ({ value: s, label: t(`cockpitAdmin.figures.stateLabel.${s}`) }))}
            aria-label={t('cockpitAdmin.figures.state')}
          />
          <Select
            style={{ width: 110 }}
            allowClear
            placeholder={t('cockpitAdmin.figures.allSources')}
            value={query.source}
            onChange={(v?: FigureT['source']) => set({ source: v })}
            options={FIGURE_SOURCES.map((s) => ({ value: s, label: t(`cockpitAdmin.figures.sourceLabel.${s}`) }))}
            aria-label={t('cockpitAdmin.figures.source')}
          />
          <Space size={4}>
            <Switch
              id="figures-conflict"
              size="small"
              checked={query.conflict === true}
              onChange={(on) => set({ conflict: on ? true : undefined })}
            />
            <label htmlFor="figures-conflict">{t('cockpitAdmin.figures.conflictOnly')}</label>
          </Space>
        </Space>
        <Space wrap>
          {importButton}
          {canVerify ? (
            <Popconfirm
              title={t('cockpitAdmin.figures.verifyConfirm', {
                year: query.year,
                month: query.month,
                scope: picked
                  ? t('cockpitAdmin.figures.verifyScopeIndicator', { indicator: indicatorName(picked) })
                  : t('cockpitAdmin.figures.verifyScopeAll'),
              })}
              onConfirm={runVerify}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
            >
              <Button type="primary" loading={verify.isPending} data-testid="verify-month-button">
                {picked ? t('cockpitAdmin.figures.verifyIndicator') : t('cockpitAdmin.figures.verifyMonth')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </div>
      <Table<FigureT>
        rowKey="id"
        size="small"
        loading={figures.isFetching}
        dataSource={figures.data?.items ?? []}
        rowClassName={(f) => (f.conflictValue !== null ? 'figure-conflict-row' : '')}
        onRow={(f) => ({ onClick: () => setOpen(f.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: figures.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
        columns={[
          {
            title: t('cockpitAdmin.figures.unit'),
            dataIndex: 'unitId',
            width: 190,
            render: (id: string) => units.name(id),
          },
          {
            title: t('cockpitAdmin.figures.indicator'),
            dataIndex: 'indicatorId',
            render: (id: string) => {
              const ind = byId.get(id);
              return ind ? indicatorName(ind) : '…';
            },
          },
          {
            title: t('cockpitAdmin.figures.value'),
            key: 'value',
            align: 'right',
            width: 150,
            render: (_, f) => fmt(f, f.value),
          },
          {
            title: t('cockpitAdmin.figures.reportedYoyShort'),
            dataIndex: 'reportedYoy',
            align: 'right',
            width: 110,
            render: (v: number | null) => formatPercent(v),
          },
          {
            title: t('cockpitAdmin.figures.source'),
            dataIndex: 'source',
            width: 100,
            render: (s: FigureT['source']) => t(`cockpitAdmin.figures.sourceLabel.${s}`),
          },
          {
            title: t('cockpitAdmin.figures.state'),
            key: 'state',
            width: 170,
            render: (_, f) => (
              <Space size={4} wrap>
                <Tag color={f.state === 'verified' ? 'success' : 'processing'}>
                  {t(`cockpitAdmin.figures.stateLabel.${f.state}`)}
                </Tag>
                {f.conflictValue !== null ? (
                  <Tag color="error" title={t('cockpitAdmin.figures.conflict')}>
                    {t('cockpitAdmin.figures.conflictText', {
                      entered: fmt(f, f.conflictValue),
                      imported: fmt(f, f.value),
                    })}
                  </Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('cockpitAdmin.figures.updated'),
            key: 'updated',
            width: 190,
            render: (_, f) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(f.updatedAt)} {f.updatedByName ?? ''}
              </Typography.Text>
            ),
          },
        ]}
      />
      <FigureHistoryDrawer figureId={open} onClose={() => setOpen(null)} />
    </>
  );
}
