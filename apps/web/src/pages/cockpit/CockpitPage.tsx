/**
 * The cockpit (一看): the period's city headline (one tile per indicator), dispatch tiles, the selected indicator
 * across the counties (map and ranked table), its trend for the city or a clicked county, and the league tables.
 * Every figure with a source row opens its drill-down. The period defaults to the latest with figures.
 */
import { DesktopOutlined, LinkOutlined } from '@ant-design/icons';
import type { LeagueBoard } from '@zaitun/contracts';
import { Button, Card, DatePicker, Empty, Skeleton, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allowed } from '../../access';
import { useCockpit, useIndicatorTable, useLeague, useTrend } from '../../api/cockpit';
import { useCurrentUser } from '../../api/session';
import { LazyTrendChart } from '../../components/cockpit/lazy-charts';
import { PageHeader } from '../../components/PageHeader';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../../lib/datetime';
import { CountyView } from './CountyView';
import { DispatchTiles } from './DispatchTiles';
import { FigureDrawer } from './FigureDrawer';
import { formatPercent } from './format';
import { HeadlineTiles } from './HeadlineTiles';
import { LeagueTable } from './LeagueTable';
import './cockpit.css';

export function CockpitPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const [period, setPeriod] = useState<{ year: number; month: number } | null>(null);
  const [chosenIndicator, setChosenIndicator] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [board, setBoard] = useState<LeagueBoard>('county');
  const [drillId, setDrillId] = useState<string | null>(null);

  const cockpit = useCockpit(period ?? {});
  const data = cockpit.data;
  const year = data?.year;
  const month = data?.month;
  const indicatorId = chosenIndicator ?? data?.headline[0]?.indicator.id ?? null;
  const table = useIndicatorTable(indicatorId && year && month ? { indicatorId, year, month } : null);
  const trend = useTrend(indicatorId && year ? { indicatorId, year, ...(unitId ? { unitId } : {}) } : null);
  // Until a period is picked, the league is asked for the server's default period — the headline's too — so it loads
  // beside the headline (and may already be in the cache from the boot's prefetch, see prefetchCockpit).
  const league = useLeague(period ? { board, ...period } : { board });

  const selectIndicator = (id: string) => {
    setChosenIndicator(id);
  };
  const latest = data?.latest;
  const picker = (
    <DatePicker
      picker="month"
      allowClear={false}
      aria-label={t('cockpit.period')}
      data-testid="cockpit-period"
      value={year && month ? dayjs(`${year}-${String(month).padStart(2, '0')}-01`) : null}
      disabledDate={(d) =>
        latest ? d.isAfter(dayjs(`${latest.year}-${String(latest.month).padStart(2, '0')}-01`), 'month') : false
      }
      onChange={(d) => d && setPeriod({ year: d.year(), month: d.month() + 1 })}
      format={locale === 'en-US' ? 'MMM YYYY' : 'YYYY年M月'}
    />
  );

  return (
    <div className="cockpit-page">
      <PageHeader
        title={t('cockpit.title')}
        subtitle={
          data
            ? t('cockpit.subtitle', { year: data.year, month: data.month, at: formatDateTime(data.computedAt) })
            : undefined
        }
        extra={
          <Space wrap>
            {picker}
            {data && (
              <Tooltip
                title={t('cockpit.timeProgressHint', { mode: t(`cockpit.timeProgressMode.${data.timeProgressMode}`) })}
              >
                <Tag color="blue" data-testid="time-progress" style={{ fontSize: 14, padding: '3px 10px' }}>
                  {t('cockpit.timeProgress', { value: formatPercent(data.timeProgress) })}
                </Tag>
              </Tooltip>
            )}
            <Link to="/cockpit/screen">
              <Button icon={<DesktopOutlined />}>{t('cockpit.screen')}</Button>
            </Link>
            {allowed(me, 'display.manage') ? (
              <Link to="/cockpit/display-links">
                <Button icon={<LinkOutlined />}>{t('displayLinks.open')}</Button>
              </Link>
            ) : null}
          </Space>
        }
      />
      {!data ? (
        <Skeleton active />
      ) : data.headline.length === 0 ? (
        <Card>
          <Empty description={t('cockpit.noData')} />
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <HeadlineTiles
            headline={data.headline}
            timeProgress={data.timeProgress}
            selectedId={indicatorId}
            onSelect={selectIndicator}
            onDrill={setDrillId}
          />
          <DispatchTiles data={data} />
          {table.data && (
            <CountyView
              table={table.data}
              loading={table.isFetching}
              selectedUnitId={unitId}
              onSelectUnit={(id) => setUnitId((current) => (current === id ? null : id))}
              onDrill={setDrillId}
            />
          )}
          {trend.data && year && (
            <Card
              size="small"
              data-testid="trend"
              title={t('cockpit.trend.title', {
                name: locale === 'en-US' ? trend.data.indicator.nameEn : trend.data.indicator.nameZh,
                unit: unitId
                  ? locale === 'en-US'
                    ? trend.data.unit.nameEn
                    : trend.data.unit.nameZh
                  : t('cockpit.trend.city'),
              })}
              extra={
                unitId ? (
                  <Button size="small" onClick={() => setUnitId(null)}>
                    {t('cockpit.trend.backToCity')}
                  </Button>
                ) : undefined
              }
            >
              <LazyTrendChart trend={trend.data} year={year} onDrill={setDrillId} />
              <div className="cockpit-note">{t('cockpit.trend.periodNote')}</div>
            </Card>
          )}
          <LeagueTable
            league={league.data}
            board={board}
            onBoardChange={setBoard}
            loading={league.isFetching}
            onDrill={setDrillId}
          />
        </div>
      )}
      <FigureDrawer figureId={drillId} onClose={() => setDrillId(null)} />
    </div>
  );
}
