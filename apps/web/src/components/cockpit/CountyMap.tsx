/**
 * The Quanzhou county map of the cockpit: each county coloured by the chosen indicator (a continuous scale) or by its
 * traffic light, the figure with its measure unit in the tooltip, a click selects the county. Units without a shape
 * (台商投资区, 经开区) are listed under the map with their figures; shapes without a unit (金门县) stay grey.
 * The shapes load on first use (./quanzhou-map.ts); only the ECharts parts drawn here are bundled (`echarts/core`).
 */
import type { Light } from '@zaitun/contracts';
import { Alert, Button, Spin, Typography } from 'antd';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import {
  buildMapOption,
  type CountyFeature,
  type CountyMapMode,
  type CountyMapTheme,
  type CountyValue,
  formatWithUnit,
  joinCountyValues,
  LIGHT_FILLS,
  MAP_PALETTES,
  type RegionDatum,
} from './county-map';
import { loadQuanzhouMap } from './quanzhou-map';

// SVG: a dozen shapes draw crisply at any size (the meeting-room screen) and the text stays real text.
echarts.use([MapChart, VisualMapContinuousComponent, TooltipComponent, SVGRenderer]);

export interface CountyMapProps {
  /** One per county; a county with a null value is drawn grey. */
  values: readonly CountyValue[];
  /** The indicator's measure unit (亿元, %, 家 …), written after each figure. */
  measureUnit: string;
  /** The indicator's decimals. */
  decimals: number;
  /** Colour by the figure (default) or by the traffic light. */
  mode?: CountyMapMode;
  /** Called with the unit's code when a county (on the map or in the list beside it) is clicked. */
  onSelect?: (unitCode: string) => void;
  /** The county drawn with a heavy outline, e.g. the one whose rows are shown. */
  selectedUnitCode?: string | null;
  /** Height of the map in px; default 420. */
  height?: number;
  /**
   * `dark` on the big screen's dark panels: a transparent background, light labels, borders and legend text, and a
   * value scale that ends bright. Default `light` (the cockpit's white cards).
   */
  theme?: CountyMapTheme;
}

/** The text colours under the map on a dark background (the screen's own light blues). */
const DARK_TEXT = { color: '#d6e4ff' } as const;
const DARK_SECONDARY = { color: '#9fb7e0' } as const;

const swatchStyle = { display: 'inline-block', width: 10, height: 10, borderRadius: 2, marginRight: 4 } as const;
const rowStyle = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 12, rowGap: 4 } as const;

function Swatch({ color }: { color: string }) {
  return (
    <span aria-hidden style={{ ...swatchStyle, background: color, boxShadow: 'inset 0 0 0 1px rgba(0,0,0,0.08)' }} />
  );
}

export function CountyMap({
  values,
  measureUnit,
  decimals,
  mode = 'value',
  onSelect,
  selectedUnitCode = null,
  height = 420,
  theme = 'light',
}: CountyMapProps) {
  const dark = theme === 'dark';
  const palette = MAP_PALETTES[theme];
  const { t } = useTranslation();
  const locale = currentLocale();
  const [features, setFeatures] = useState<CountyFeature[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    loadQuanzhouMap().then(
      (loaded) => live && setFeatures(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const join = useMemo(() => (features ? joinCountyValues(features, values) : null), [features, values]);
  const texts = useMemo(
    () => ({
      lights: {
        green: t('cockpitMap.light.green'),
        yellow: t('cockpitMap.light.yellow'),
        red: t('cockpitMap.light.red'),
      },
      noData: t('cockpitMap.noData'),
    }),
    [t],
  );
  const option = useMemo(
    () => (join ? buildMapOption(join, { measureUnit, decimals, mode, texts, locale, selectedUnitCode, theme }) : null),
    [join, measureUnit, decimals, mode, texts, locale, selectedUnitCode, theme],
  );
  const onEvents = useMemo(
    () => ({
      click: (params: { data?: unknown }) => {
        const unitCode = (params.data as RegionDatum | undefined)?.unitCode;
        if (unitCode && onSelect) onSelect(unitCode);
      },
    }),
    [onSelect],
  );

  if (failed) return <Alert type="warning" showIcon title={t('cockpitMap.loadFailed')} />;
  if (!join || !option) {
    return (
      <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin description={t('cockpitMap.loading')} />
      </div>
    );
  }

  const lights: Light[] = ['green', 'yellow', 'red'];
  return (
    <div
      data-testid="county-map"
      data-theme={theme}
      style={{ display: 'flex', flexDirection: 'column', gap: 6, ...(dark ? DARK_TEXT : {}) }}
    >
      <div role="img" aria-label={t('cockpitMap.ariaLabel')}>
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          opts={{ renderer: 'svg' }}
          onEvents={onEvents}
          style={{ height, width: '100%', cursor: onSelect ? 'pointer' : undefined }}
        />
      </div>
      <div style={rowStyle}>
        {mode === 'light' &&
          lights.map((light) => (
            <span key={light}>
              <Swatch color={LIGHT_FILLS[light]} />
              {t(`cockpitMap.light.${light}`)}
            </span>
          ))}
        <span>
          <Swatch color={palette.noData} />
          {t('cockpitMap.noData')}
        </span>
      </div>
      {join.unplaced.length > 0 && (
        <div data-testid="county-map-unplaced" style={{ ...rowStyle, columnGap: 4 }}>
          <Typography.Text
            type={dark ? undefined : 'secondary'}
            style={dark ? DARK_SECONDARY : undefined}
            title={t('cockpitMap.notOnMapHint')}
          >
            {t('cockpitMap.notOnMap')}
            {t('common.colon')}
          </Typography.Text>
          {join.unplaced.map((county) => {
            const content = (
              <>
                {mode === 'light' && county.light && <Swatch color={LIGHT_FILLS[county.light]} />}
                {county.name} {formatWithUnit(county.value, decimals, measureUnit)}
              </>
            );
            return onSelect ? (
              <Button
                key={county.unitCode}
                type="link"
                size="small"
                style={{ paddingInline: 4 }}
                onClick={() => onSelect(county.unitCode)}
              >
                {content}
              </Button>
            ) : (
              <span key={county.unitCode} style={{ paddingInline: 4 }}>
                {content}
              </span>
            );
          })}
        </div>
      )}
      <Typography.Text type={dark ? undefined : 'secondary'} style={{ fontSize: 12, ...(dark ? DARK_SECONDARY : {}) }}>
        {t('cockpitMap.illustration')}
      </Typography.Text>
    </div>
  );
}
