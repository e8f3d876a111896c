/**
 * The city headline: one tile per indicator — the city's figure with its unit, YoY with an arrow coloured by the
 * indicator's direction, completion of the annual target against time progress with its light, and a warning
 * when the source's YoY disagrees with the computed one or the counties do not add up to the city.
 * A click on the tile selects the indicator; a click on the figure opens its drill-down.
 */
import { WarningFilled } from '@ant-design/icons';
import type { Light } from '@zaitun/contracts';
import { Progress, Tooltip } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import {
  formatFigure,
  formatGrowth,
  formatPercent,
  formatPoints,
  formatWithUnit,
  LIGHT_STYLES,
  TONE_COLORS,
  TREND_SYMBOLS,
  yoyArrow,
} from './format';
import type { Headline } from './types';

export function YoyText({
  yoy,
  direction,
  theme = 'light',
}: {
  yoy: number | null;
  direction: 'higher' | 'lower';
  theme?: 'light' | 'dark';
}) {
  const arrow = yoyArrow(yoy, direction);
  if (!arrow) return <span>—</span>;
  return (
    <span style={{ color: TONE_COLORS[theme][arrow.tone], whiteSpace: 'nowrap' }} data-trend={arrow.trend}>
      <span aria-hidden style={{ fontSize: '0.85em', marginRight: 2 }}>
        {TREND_SYMBOLS[arrow.trend]}
      </span>
      {formatGrowth(yoy)}
    </span>
  );
}

export function LightBadge({ light, dark = false }: { light: Light | null; dark?: boolean }) {
  const { t } = useTranslation();
  if (!light) return <span>—</span>;
  const style = LIGHT_STYLES[light];
  return (
    <span data-light={light} style={{ whiteSpace: 'nowrap', color: dark ? style.dark : style.text }}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 8,
          height: 8,
          borderRadius: '50%',
          background: dark ? style.dark : style.dot,
          marginRight: 4,
          verticalAlign: 'middle',
        }}
      />
      {t(`cockpit.light.${light}`)}
    </span>
  );
}

/** Why a tile carries a warning, in words; null when it carries none. */
export function useHeadlineWarnings() {
  const { t } = useTranslation();
  return (h: Headline): string[] => {
    const { indicator, city, consistency } = h;
    const fmt = (v: number | null) => formatWithUnit(v, indicator.decimals, indicator.measureUnit);
    const warnings: string[] = [];
    if (city.yoyMismatch) {
      warnings.push(
        t('cockpit.tiles.mismatch', { reported: formatGrowth(city.reportedYoy), computed: formatGrowth(city.yoy) }),
      );
    }
    if (consistency && !consistency.ok) {
      if (consistency.difference !== null && consistency.city !== null) {
        warnings.push(
          t('cockpit.tiles.inconsistent', {
            sum: fmt(consistency.sumOfCounties),
            city: fmt(consistency.city),
            difference: formatFigure(consistency.difference, indicator.decimals),
          }),
        );
      }
      if (consistency.missingUnitIds.length > 0) {
        warnings.push(t('cockpit.tiles.missingCounties', { count: consistency.missingUnitIds.length }));
      }
    }
    return warnings;
  };
}

export function HeadlineTiles({
  headline,
  timeProgress,
  selectedId,
  onSelect,
  onDrill,
}: {
  headline: readonly Headline[];
  timeProgress: number;
  selectedId: string | null;
  onSelect: (indicatorId: string) => void;
  onDrill: (figureId: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const warningsOf = useHeadlineWarnings();
  return (
    <div className="cockpit-tiles" data-testid="headline-tiles">
      {headline.map((h) => {
        const { indicator, city } = h;
        const name = locale === 'en-US' ? indicator.nameEn : indicator.nameZh;
        const warnings = warningsOf(h);
        const selected = indicator.id === selectedId;
        const onKey = (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onSelect(indicator.id);
          }
        };
        return (
          // biome-ignore lint/a11y/useSemanticElements: a tile holds a button of its own (the figure's drill-down)
          <div
            key={indicator.id}
            role="button"
            tabIndex={0}
            aria-pressed={selected}
            aria-label={t('cockpit.tiles.select', { name })}
            className={`cockpit-tile${selected ? ' cockpit-tile-selected' : ''}`}
            data-testid="headline-tile"
            data-code={indicator.code}
            onClick={() => onSelect(indicator.id)}
            onKeyDown={onKey}
          >
            <div className="cockpit-tile-name">
              <span title={name}>{name}</span>
              {warnings.length > 0 && (
                <Tooltip title={warnings.map((w) => <div key={w}>{w}</div>)}>
                  <WarningFilled
                    data-testid="tile-warning"
                    aria-label={warnings.join('；')}
                    style={{ color: '#d48806', marginLeft: 6 }}
                  />
                </Tooltip>
              )}
            </div>
            <div className="cockpit-tile-value">
              {city.figureId ? (
                <Tooltip title={t('cockpit.drill.clickHint')}>
                  <button
                    type="button"
                    className="cockpit-number"
                    data-testid="tile-value"
                    onClick={(e) => {
                      e.stopPropagation();
                      if (city.figureId) onDrill(city.figureId);
                    }}
                  >
                    {formatFigure(city.value, indicator.decimals)}
                  </button>
                </Tooltip>
              ) : (
                <span data-testid="tile-value">{formatFigure(city.value, indicator.decimals)}</span>
              )}
              <span className="cockpit-tile-unit">{indicator.measureUnit}</span>
            </div>
            <div className="cockpit-tile-line">
              <span>
                {t('cockpit.tiles.yoy')} <YoyText yoy={city.yoy} direction={indicator.direction} />
              </span>
              <LightBadge light={city.light} />
            </div>
            <Tooltip title={city.gap === null ? undefined : t('cockpit.tiles.gap', { gap: formatPoints(city.gap) })}>
              <div className="cockpit-tile-progress">
                <div className="cockpit-tile-line">
                  <span>
                    {t('cockpit.tiles.completion')}{' '}
                    {city.completion === null ? t('cockpit.tiles.noTarget') : formatPercent(city.completion)}
                  </span>
                </div>
                <div style={{ position: 'relative' }}>
                  <Progress
                    percent={Math.max(0, Math.min(100, city.completion ?? 0))}
                    showInfo={false}
                    size="small"
                    strokeColor={city.light ? LIGHT_STYLES[city.light].dot : '#d9d9d9'}
                    aria-hidden
                  />
                  <div
                    className="cockpit-progress-mark"
                    style={{ left: `${Math.max(0, Math.min(100, timeProgress))}%` }}
                    aria-hidden
                  />
                </div>
              </div>
            </Tooltip>
          </div>
        );
      })}
    </div>
  );
}
