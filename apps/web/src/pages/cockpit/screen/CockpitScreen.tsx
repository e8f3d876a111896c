/**
 * The big screen (大屏) for meeting rooms: the same figures as the cockpit page on a dark full-screen layout with
 * large type — the headline tiles, the current indicator on the map, ranked by county and month by month, the
 * county league table and the dispatch tiles. It refreshes every 5 minutes and moves to the next indicator every
 * 30 seconds. Used signed in (`/cockpit/screen`) and through a display link (`/display/:token`): it calls the
 * cockpit's read routes only, and opens no drill-down (a display link may not read figures' source rows).
 */
import { FullscreenOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useCockpit, useIndicatorTable, useLeague, useTrend } from '../../../api/cockpit';
import { CountyMap } from '../../../components/cockpit/CountyMap';
import type { CountyValue } from '../../../components/cockpit/county-map';
import { currentLocale } from '../../../i18n';
import { DISPLAY_TZ, formatDateTime } from '../../../lib/datetime';
import { byRank } from '../CountyView';
import { formatFigure, formatPercent } from '../format';
import { LightBadge, YoyText } from '../HeadlineTiles';
import { TrendChart } from '../TrendChart';
import '../cockpit.css';

/** Every figure is asked for again this often. */
export const SCREEN_REFRESH_MS = 5 * 60_000;
/** The map, ranking and trend move to the next indicator this often. */
export const SCREEN_ROTATE_MS = 30_000;

export function CockpitScreen({ variant, onExit }: { variant: 'session' | 'display'; onExit?: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const silent = variant === 'display';
  const opts = { refetchInterval: SCREEN_REFRESH_MS, silent };
  const cockpit = useCockpit({}, opts);
  const data = cockpit.data;
  const [tick, setTick] = useState(0);
  const [now, setNow] = useState(() => dayjs());

  useEffect(() => {
    const id = setInterval(() => {
      setTick((n) => n + 1);
      setNow(dayjs());
    }, SCREEN_ROTATE_MS);
    return () => clearInterval(id);
  }, []);

  const count = data?.headline.length ?? 0;
  const current = count > 0 ? data?.headline[tick % count] : undefined;
  const indicatorId = current?.indicator.id ?? null;
  const year = data?.year;
  const month = data?.month;
  const table = useIndicatorTable(indicatorId && year && month ? { indicatorId, year, month } : null, opts);
  const trend = useTrend(indicatorId && year ? { indicatorId, year } : null, opts);
  const league = useLeague(
    { board: 'county', ...(year && month ? { year, month } : {}) },
    { ...opts, enabled: !!data },
  );

  const values = useMemo<CountyValue[]>(
    () =>
      (table.data?.rows ?? []).map((r) => ({
        divisionCode: r.unit.divisionCode,
        unitCode: r.unit.code,
        name: locale === 'en-US' ? r.unit.nameEn : r.unit.nameZh,
        value: r.cell.value,
        light: r.cell.light,
      })),
    [table.data, locale],
  );

  const error = cockpit.error;
  if (!data && isApiError(error) && (error.status === 401 || error.status === 403)) {
    return (
      <div className="cockpit-screen cockpit-screen-message" data-testid="display-invalid">
        <Result
          status="warning"
          title={<span style={{ color: '#fff' }}>{t('cockpit.screenMode.invalidTitle')}</span>}
          subTitle={<span style={{ color: '#adc6ff' }}>{t('cockpit.screenMode.invalidText')}</span>}
        />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="cockpit-screen cockpit-screen-message">
        {error ? (
          <Result
            status="error"
            title={<span style={{ color: '#fff' }}>{t('cockpit.screenMode.failedTitle')}</span>}
            subTitle={<span style={{ color: '#adc6ff' }}>{t('cockpit.screenMode.failedText')}</span>}
          />
        ) : (
          <Spin size="large" />
        )}
      </div>
    );
  }

  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en-US' ? n.nameEn : n.nameZh);
  const indicator = table.data?.indicator ?? current?.indicator;
  const rows = table.data ? byRank(table.data.rows) : [];

  return (
    <div className="cockpit-screen" data-testid="cockpit-screen">
      <header className="cockpit-screen-head">
        <h1 className="cockpit-screen-title">{t('cockpit.screenMode.title')}</h1>
        <div className="cockpit-screen-meta">
          <span>{t('cockpit.drill.periodValue', { year: data.year, month: data.month })}</span>
          <span data-testid="time-progress">
            {t('cockpit.timeProgress', { value: '' })}
            <strong>{formatPercent(data.timeProgress)}</strong>
          </span>
          <span>{now.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm')}</span>
          <Button
            ghost
            icon={<FullscreenOutlined />}
            aria-label={t('cockpit.screenMode.fullscreen')}
            onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
          />
          {onExit && (
            <Button ghost icon={<LogoutOutlined />} onClick={onExit}>
              {t('cockpit.screenMode.exit')}
            </Button>
          )}
        </div>
      </header>

      <section className="cockpit-screen-tiles" data-testid="headline-tiles">
        {data.headline.map((h) => (
          <div
            key={h.indicator.id}
            className={`cockpit-screen-tile${h.indicator.id === indicatorId ? ' cockpit-screen-tile-active' : ''}`}
            data-testid="headline-tile"
            data-code={h.indicator.code}
          >
            <div className="cockpit-screen-tile-name" title={name(h.indicator)}>
              {name(h.indicator)}
            </div>
            <div className="cockpit-screen-tile-value">
              {formatFigure(h.city.value, h.indicator.decimals)}
              <small>{h.indicator.measureUnit}</small>
            </div>
            <div className="cockpit-screen-tile-line">
              <YoyText yoy={h.city.yoy} direction={h.indicator.direction} theme="dark" />
              <span>
                {h.city.completion === null ? '' : formatPercent(h.city.completion)}{' '}
                <LightBadge light={h.city.light} dark />
              </span>
            </div>
          </div>
        ))}
      </section>

      <section className="cockpit-screen-main">
        <div className="cockpit-panel">
          <h2 className="cockpit-panel-title">{indicator ? name(indicator) : ''}</h2>
          <div className="cockpit-map-wrap">
            {indicator && (
              <CountyMap
                values={values}
                measureUnit={indicator.measureUnit}
                decimals={indicator.decimals}
                mode={table.data?.rows.some((r) => r.cell.light) ? 'light' : 'value'}
                height={290}
                theme="dark"
              />
            )}
          </div>
          {trend.data && year && <TrendChart trend={trend.data} year={year} theme="dark" height={200} />}
        </div>
        <div className="cockpit-panel">
          <h2 className="cockpit-panel-title">
            {indicator ? t('cockpit.county.title', { name: name(indicator) }) : ''}
          </h2>
          <table className="cockpit-screen-list" data-testid="screen-ranking">
            <thead>
              <tr>
                <th>{t('cockpit.county.rank')}</th>
                <th>{t('cockpit.county.unit')}</th>
                <th>{indicator?.measureUnit}</th>
                <th>{t('cockpit.county.yoy')}</th>
                <th>{t('cockpit.county.completion')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.unit.unitId}>
                  <td>{r.cell.rank ?? '—'}</td>
                  <td>{name(r.unit)}</td>
                  <td>{formatFigure(r.cell.value, indicator?.decimals ?? 2)}</td>
                  <td>{indicator && <YoyText yoy={r.cell.yoy} direction={indicator.direction} theme="dark" />}</td>
                  <td>
                    {r.cell.completion === null ? '—' : formatPercent(r.cell.completion)}{' '}
                    {r.cell.light && <LightBadge light={r.cell.light} dark />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div style={{ marginTop: 'auto', color: '#7f9cc9', fontSize: 14 }}>{t('cockpit.screenMode.rotating')}</div>
        </div>
        <div className="cockpit-panel">
          <div className="cockpit-screen-dispatch" data-testid="dispatch-tiles">
            <div>
              <span>{t('cockpit.dispatch.open')}</span>
              <strong>{data.dispatch.open}</strong>
            </div>
            <div>
              <span>{t('cockpit.dispatch.red')}</span>
              <strong style={{ color: data.dispatch.red > 0 ? '#ff7875' : undefined }}>{data.dispatch.red}</strong>
            </div>
            <div>
              <span>{t('cockpit.dispatch.onTimeRate')}</span>
              <strong>{formatPercent(data.dispatch.onTimeRate)}</strong>
            </div>
          </div>
          <h2 className="cockpit-panel-title">{t('cockpit.screenMode.leagueTop')}</h2>
          <table className="cockpit-screen-list" data-testid="screen-league">
            <thead>
              <tr>
                <th>{t('cockpit.league.rank')}</th>
                <th>{t('cockpit.league.unit')}</th>
                <th>{t('cockpit.league.score')}</th>
              </tr>
            </thead>
            <tbody>
              {(league.data?.rows ?? []).map((r) => (
                <tr key={r.unit.unitId}>
                  <td>{r.rank ?? '—'}</td>
                  <td>{name(r.unit)}</td>
                  <td>{formatFigure(r.score, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div style={{ marginTop: 'auto', color: '#7f9cc9', fontSize: 14 }}>
            {t('cockpit.screenMode.refreshed', { at: formatDateTime(data.computedAt) })}
          </div>
        </div>
      </section>
    </div>
  );
}
