import { DownloadOutlined, QuestionCircleOutlined, TrophyOutlined, WarningOutlined } from '@ant-design/icons';
import {
  MAX_METRICS_PERIOD_YEARS,
  RANKED_UNIT_TYPES,
  type RankedUnitType,
  type RateT,
  type UnitMetricsRowT,
} from '@zaitun/contracts';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { metricsExportUrl, type UnitMetricsQuery, useUnitMetrics, useYearTotals } from '../../../api/metrics';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { currentLocale } from '../../../i18n';
import { DISPLAY_TZ, formatDateTime } from '../../../lib/datetime';

type Mode = 'month' | 'quarter' | 'year' | 'custom';
type HintKey = Exclude<
  keyof UnitMetricsRowT,
  'unitId' | 'unitCode' | 'nameZh' | 'nameEn' | 'shortName' | 'unitType' | 'sample' | 'tooFew' | 'rank'
>;
const FMT = 'YYYY-MM-DD';

/** Today's Shanghai date as a plain (zone-less) day. */
const today = () => dayjs(dayjs().tz(DISPLAY_TZ).format(FMT));

/** The period a picker value stands for, as the API's inclusive dates. */
export function periodOf(mode: Mode, anchor: Dayjs, range: [Dayjs, Dayjs]): { from: string; to: string } {
  if (mode === 'custom') return { from: range[0].format(FMT), to: range[1].format(FMT) };
  if (mode === 'quarter') {
    const start = anchor.month(Math.floor(anchor.month() / 3) * 3).startOf('month');
    return { from: start.format(FMT), to: start.add(2, 'month').endOf('month').format(FMT) };
  }
  return { from: anchor.startOf(mode).format(FMT), to: anchor.endOf(mode).format(FMT) };
}

/** A rate as a percentage with one decimal; a dash when nothing was counted. */
export const percent = (r: RateT) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

/** Unit delivery metrics (单位考评): year totals, the period's table sorted by rank, top and bottom three marked. */
export function MetricsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useCurrentUser();
  // The year so far by default: a month holds too few items per unit to rank most of them.
  const [mode, setMode] = useState<Mode>('year');
  const [anchor, setAnchor] = useState<Dayjs>(today);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [today().startOf('month'), today()]);
  const [unitType, setUnitType] = useState<RankedUnitType | undefined>(undefined);
  const query: UnitMetricsQuery = { ...periodOf(mode, anchor, range), ...(unitType ? { unitType } : {}) };
  const metrics = useUnitMetrics(query);
  const year = Number(query.from.slice(0, 4));
  const totals = useYearTotals(year);
  const data = metrics.data;
  const ownUnitId = data?.ownUnitId ?? me.unit?.id ?? null;

  // Top three and bottom three among the ranked rows (rows come sorted: ranked first, in rank order).
  const ranked = data?.rankedCount ?? 0;
  const band = (index: number, row: UnitMetricsRowT): 'top' | 'bottom' | null => {
    if (row.rank === null) return null;
    if (row.rank <= 3) return 'top';
    if (ranked > 3 && index >= ranked - 3) return 'bottom';
    return null;
  };

  const headed = (key: HintKey, title: string) => (
    <Tooltip title={t(`metrics.hint.${key}`)}>
      <span>
        {title} <QuestionCircleOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.35)' }} />
      </span>
    </Tooltip>
  );
  const rateCell = (r: RateT) => (
    <Tooltip title={t('metrics.ratio', { numerator: r.numerator, denominator: r.denominator })}>
      <span>{percent(r)}</span>
    </Tooltip>
  );
  const rateColumn = (key: 'signedOnTime' | 'resolvedOnTime' | 'urgeRate' | 'redoRate' | 'satisfaction') => ({
    title: headed(key, t(`metrics.col.${key}`)),
    key,
    width: 96,
    align: 'right' as const,
    render: (_: unknown, row: UnitMetricsRowT) => rateCell(row[key]),
  });
  const countColumn = (key: 'received' | 'resolved' | 'overdueNow') => ({
    title: headed(key, t(`metrics.col.${key}`)),
    dataIndex: key,
    width: 80,
    align: 'right' as const,
  });

  const columns: TableColumnsType<UnitMetricsRowT> = [
    {
      title: t('metrics.col.rank'),
      key: 'rank',
      width: 100,
      fixed: 'left',
      render: (_, row, index) => {
        if (row.rank === null) {
          return (
            <Tooltip title={t('metrics.tooFewHint', { min: data?.minItemsForRanking })}>
              <Tag>{t('metrics.tooFew')}</Tag>
            </Tooltip>
          );
        }
        const b = band(index, row);
        return (
          <Space size={4}>
            <Typography.Text strong>{row.rank}</Typography.Text>
            {b === 'top' ? <TrophyOutlined aria-label={t('metrics.top')} style={{ color: '#d48806' }} /> : null}
            {b === 'bottom' ? <WarningOutlined aria-label={t('metrics.bottom')} style={{ color: '#cf1322' }} /> : null}
          </Space>
        );
      },
    },
    {
      title: t('metrics.col.unit'),
      key: 'unit',
      width: 240,
      fixed: 'left',
      ellipsis: true,
      render: (_, row) => {
        const name = locale === 'en-US' ? row.nameEn || row.nameZh : row.nameZh;
        return (
          <Space size={4}>
            <span title={name}>{name}</span>
            {row.unitId === ownUnitId ? <Tag color="blue">{t('metrics.own')}</Tag> : null}
          </Space>
        );
      },
    },
    countColumn('received'),
    rateColumn('signedOnTime'),
    countColumn('resolved'),
    rateColumn('resolvedOnTime'),
    countColumn('overdueNow'),
    rateColumn('urgeRate'),
    rateColumn('redoRate'),
    rateColumn('satisfaction'),
    {
      title: headed('meanWorkingDays', t('metrics.col.meanWorkingDays')),
      key: 'meanWorkingDays',
      width: 120,
      align: 'right',
      render: (_, row) =>
        row.meanWorkingDays === null ? '—' : t('metrics.days', { value: row.meanWorkingDays.toFixed(1) }),
    },
  ];

  const picker: Record<Mode, ReactNode> = {
    month: <DatePicker picker="month" allowClear={false} value={anchor} onChange={(d) => d && setAnchor(d)} />,
    quarter: <DatePicker picker="quarter" allowClear={false} value={anchor} onChange={(d) => d && setAnchor(d)} />,
    year: <DatePicker picker="year" allowClear={false} value={anchor} onChange={(d) => d && setAnchor(d)} />,
    custom: (
      <DatePicker.RangePicker
        allowClear={false}
        value={range}
        // The server refuses a period longer than two years: the picker does not offer one.
        disabledDate={(d, info) =>
          !!info?.from &&
          (d.isAfter(info.from.add(MAX_METRICS_PERIOD_YEARS, 'year').subtract(1, 'day'), 'day') ||
            d.isBefore(info.from.subtract(MAX_METRICS_PERIOD_YEARS, 'year').add(1, 'day'), 'day'))
        }
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
      />
    ),
  };

  const stat = (title: string, value: number | undefined) => (
    <Col xs={12} md={8} xl={4}>
      <Card size="small">
        <Statistic title={title} value={value ?? '—'} />
      </Card>
    </Col>
  );
  const y = totals.data;

  return (
    <>
      <PageHeader
        title={t('metrics.title')}
        subtitle={t('metrics.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={metricsExportUrl(query)} download>
            {t('metrics.export')}
          </Button>
        }
      />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('metrics.year.title', { year })}
      </Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} aria-busy={totals.isFetching}>
        {stat(t('metrics.year.meetingsHeld'), y?.meetingsHeld)}
        {stat(t('metrics.year.ordersIssued'), y?.ordersIssued)}
        {stat(t('metrics.year.itemsResolved'), y?.itemsResolved)}
        {stat(t('metrics.year.itemsRegistered'), y?.itemsRegistered)}
        {stat(t('metrics.year.overdueNow'), y?.overdueNow)}
        {stat(t('metrics.year.redCards'), y?.redCards)}
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('metrics.period.label')}</span>
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={(['month', 'quarter', 'year', 'custom'] as const).map((m) => ({
            value: m,
            label: t(`metrics.period.${m}`),
          }))}
        />
        {picker[mode]}
        <Select<RankedUnitType | 'all'>
          aria-label={t('metrics.unitType')}
          style={{ minWidth: 160 }}
          value={unitType ?? 'all'}
          onChange={(v) => setUnitType(v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: t('metrics.allUnitTypes') },
            ...RANKED_UNIT_TYPES.map((type) => ({ value: type, label: t(`unitType.${type}`) })),
          ]}
        />
      </Space>
      <Table<UnitMetricsRowT>
        rowKey="unitId"
        size="middle"
        loading={metrics.isFetching}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={false}
        // Eleven columns do not fit beside the menu at 1280 px: rank and unit stay put, and the header and the
        // sideways scrollbar stick to the window so the right-hand columns are reachable from any row.
        sticky
        scroll={{ x: 1180 }}
        onRow={(row, index) => {
          const b = band(index ?? 0, row);
          const background = b === 'top' ? '#f6ffed' : b === 'bottom' ? '#fff1f0' : undefined;
          return { 'data-band': b ?? undefined, style: background ? { background } : undefined } as object;
        }}
        footer={() =>
          data ? (
            <Space direction="vertical" size={0}>
              <Typography.Text type="secondary">{t('metrics.ranked', { count: data.rankedCount })}</Typography.Text>
              <Typography.Text type="secondary">
                {t('metrics.tooFewHint', { min: data.minItemsForRanking })} ·{' '}
                {t('metrics.asOf', { time: formatDateTime(data.asOf) })}
              </Typography.Text>
            </Space>
          ) : null
        }
      />
    </>
  );
}
