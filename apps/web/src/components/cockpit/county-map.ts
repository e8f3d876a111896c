/**
 * The Quanzhou county map's rules, without React or a DOM: which figure goes on which shape, how figures are written,
 * and the ECharts option. The shapes come from `src/assets/maps/quanzhou.geojson` (see docs/licences.md): one feature
 * per administrative division (GB/T 2260 `adcode`), 金门县 included; the city's functional zones (台商投资区,
 * 经济技术开发区) have no shape and are listed beside the map instead, so that no county's figure is lost.
 */
import type { Light, Locale } from '@zaitun/contracts';
import type { MapSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { theme } from '../../theme';

/** The name under which the shapes are registered with ECharts (`registerMap`). */
export const QUANZHOU_MAP_NAME = 'zaitun-quanzhou';

/** One county's figure, as the cockpit gives it. */
export interface CountyValue {
  /** GB/T 2260 code (e.g. `350582`); null for a zone without one. */
  divisionCode: string | null;
  unitCode: string;
  /** The unit's name in the UI language (tooltip and the list beside the map). */
  name: string;
  /** A short name for the label on the map (`晋江`); the name when absent. */
  shortName?: string | null;
  value: number | null;
  light?: Light | null;
}

/** What the map needs of a GeoJSON feature. */
export interface CountyFeature {
  properties: { adcode?: string | number | null; name: string; nameEn?: string | null };
}

/** One shape of the map and the figure drawn on it, if any (none for 金门县, or a county missing from the values). */
export interface MapRegion {
  /** The feature's own name: ECharts matches data items to shapes by it. */
  featureName: string;
  /** The shape's English name, for a shape without a county in the English UI (金门县 → Jinmen County). */
  featureNameEn: string | null;
  adcode: string | null;
  county: CountyValue | null;
}

export interface CountyJoin {
  /** One per feature, in the file's order. */
  regions: MapRegion[];
  /** Values that match no shape, in the given order: shown beside the map. */
  unplaced: CountyValue[];
}

// A county's name without its level (晋江市 → 晋江), for matching a short name; English names are left as they are.
const bareName = (name: string) => name.trim().replace(/(?<=.{2})[市区县]$/u, '');

/**
 * The text drawn on a shape: the unit's short name, else its name without the level, as maps write them (晋江市 →
 * 晋江, Jinjiang City → Jinjiang) — the full name is in the tooltip.
 */
export function mapLabel(name: string, shortName?: string | null): string {
  if (shortName?.trim()) return shortName.trim();
  return bareName(name).replace(/(?<=\S) (District|County|City)$/u, '');
}

/**
 * Puts each figure on its shape: by division code against the feature's `adcode` when both have one, otherwise by
 * name (`晋江市`, or the short `晋江`). Each value lands on one shape at most, and each shape takes one value; a value
 * that matches none is returned in `unplaced`, never dropped.
 */
export function joinCountyValues(features: readonly CountyFeature[], values: readonly CountyValue[]): CountyJoin {
  const regions: MapRegion[] = features.map((f) => ({
    featureName: f.properties.name,
    featureNameEn: f.properties.nameEn || null,
    adcode: f.properties.adcode == null || f.properties.adcode === '' ? null : String(f.properties.adcode),
    county: null,
  }));
  const byAdcode = new Map(regions.filter((r) => r.adcode !== null).map((r) => [r.adcode, r]));
  const byName = new Map(regions.map((r) => [bareName(r.featureName), r]));
  const unplaced: CountyValue[] = [];
  for (const value of values) {
    const region =
      (value.divisionCode ? byAdcode.get(value.divisionCode) : undefined) ??
      // A name match must not take a shape whose code says it is another division.
      [byName.get(bareName(value.name))].find(
        (r) => r && (r.adcode === null || !value.divisionCode || r.adcode === value.divisionCode),
      );
    if (region && region.county === null) region.county = value;
    else unplaced.push(value);
  }
  return { regions, unplaced };
}

/** A figure with its decimals, or `—` for none. Plain digits as the statistics bureau writes them (`6416.06`). */
export function formatFigure(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(Math.min(Math.max(Math.trunc(decimals), 0), 10));
}

/** A figure with its measure unit: `1234.56 亿元`, `4.1%`; `—` alone for none. */
export function formatWithUnit(value: number | null | undefined, decimals: number, measureUnit: string): string {
  const text = formatFigure(value, decimals);
  if (text === '—' || measureUnit === '') return text;
  return /^[%‰℃]/u.test(measureUnit) ? `${text}${measureUnit}` : `${text} ${measureUnit}`;
}

/** Fills of the lights on the map: lighter than the dots of the dispatch lists, so that labels stay readable. */
export const LIGHT_FILLS: Record<Light, string> = {
  green: '#95de64',
  yellow: '#ffd666',
  red: '#ff7875',
};
/** A shape without a figure (金门县, a county with no figure yet). */
export const NO_DATA_FILL = '#eceff3';
/** Low to high, ending in the brand's blue and navy (theme.ts). */
export const VALUE_RAMP = ['#e6effa', '#a9c6ec', '#5f95d8', '#1d5fb4', '#0f2d52'];

export type CountyMapMode = 'value' | 'light';

/** The page the map sits on: the cockpit's white cards, or the big screen's dark panels (transparent, light text). */
export type CountyMapTheme = 'light' | 'dark';

/** Colours of the map on each background: shapes without a figure, the value ramp, borders, labels, the scale. */
export const MAP_PALETTES: Record<
  CountyMapTheme,
  {
    noData: string;
    ramp: readonly string[];
    border: string;
    label: string;
    labelHalo: string;
    hoverFill: string;
    hoverText: string;
    scaleText: string;
  }
> = {
  light: {
    noData: NO_DATA_FILL,
    ramp: VALUE_RAMP,
    border: '#ffffff',
    label: '#262626',
    labelHalo: '#ffffff',
    hoverFill: '#ffe7ba',
    hoverText: '#0f2d52',
    scaleText: '#595959',
  },
  // Low figures dark blue, high ones bright: the screen's navy background never swallows an end of the scale.
  dark: {
    noData: '#24385a',
    ramp: ['#16407a', '#1d5fb4', '#3c8ce7', '#69c0ff', '#bae0ff'],
    border: 'rgba(173, 198, 255, 0.75)',
    label: '#f0f5ff',
    labelHalo: 'rgba(7, 19, 38, 0.9)',
    hoverFill: '#ffd666',
    hoverText: '#071326',
    scaleText: '#d6e4ff',
  },
};

export type CountyMapOption = ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption>;

/**
 * Label nudges in px for the two city districts whose centres lie ≈ 6 px apart on a 420 px map (ECharts' overlap
 * hiding does not reach map labels): 鲤城 to the west, 丰泽 to the east, both still on their own shapes.
 */
const LABEL_OFFSETS: Record<string, [number, number]> = { '350502': [-9, 1], '350503': [9, 3] };

/** What a data item carries besides the shape's name, for the tooltip and the click. */
export interface RegionDatum {
  name: string;
  value: number | '-';
  unitCode: string | null;
  displayName: string;
  /** The text drawn on the shape. */
  labelText: string;
  light: Light | null;
  itemStyle?: { areaColor?: string; borderColor?: string; borderWidth?: number };
  label?: { offset: [number, number] };
  emphasis?: { itemStyle: { areaColor: string } };
}

export interface MapTexts {
  lights: Record<Light, string>;
  noData: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The tooltip's HTML for one shape: name, figure with unit (or —), and the light in light mode. */
export function tooltipHtml(
  datum: RegionDatum | undefined,
  shapeName: string,
  opts: { measureUnit: string; decimals: number; mode: CountyMapMode; texts: MapTexts },
): string {
  const name = escapeHtml(datum?.displayName ?? shapeName);
  const value = datum && datum.value !== '-' ? datum.value : null;
  const lines = [`<strong>${name}</strong>`, escapeHtml(formatWithUnit(value, opts.decimals, opts.measureUnit))];
  if (opts.mode === 'light') {
    const light = datum?.light ?? null;
    lines.push(
      light
        ? `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:4px;background:${LIGHT_FILLS[light]}"></span>${escapeHtml(opts.texts.lights[light])}`
        : escapeHtml(opts.texts.noData),
    );
  }
  return lines.join('<br/>');
}

/**
 * The ECharts option of the map. Value mode: a continuous visualMap over the drawn figures (zones beside the map do
 * not stretch the scale). Light mode: each shape filled with its light. Shapes without a figure stay grey either way.
 */
export function buildMapOption(
  join: CountyJoin,
  opts: {
    measureUnit: string;
    decimals: number;
    mode: CountyMapMode;
    texts: MapTexts;
    /** The UI language, for the names of shapes without a county; default zh-CN. */
    locale?: Locale;
    selectedUnitCode?: string | null;
    /** The background the map is drawn on; default light. */
    theme?: CountyMapTheme;
  },
): CountyMapOption {
  const { mode } = opts;
  const palette = MAP_PALETTES[opts.theme ?? 'light'];
  const data: RegionDatum[] = join.regions.map(({ featureName, featureNameEn, adcode, county }) => {
    const shapeName = (opts.locale === 'en-US' && featureNameEn) || featureName;
    const value = county?.value ?? null;
    const light = county?.light ?? null;
    const datum: RegionDatum = {
      name: featureName,
      value: value === null || !Number.isFinite(value) ? '-' : value,
      unitCode: county?.unitCode ?? null,
      displayName: county?.name ?? shapeName,
      labelText: county ? mapLabel(county.name, county.shortName) : mapLabel(shapeName),
      light,
    };
    const offset = adcode ? LABEL_OFFSETS[adcode] : undefined;
    if (offset) datum.label = { offset };
    if (mode === 'light') {
      const fill = light ? LIGHT_FILLS[light] : palette.noData;
      datum.itemStyle = { areaColor: fill };
      // Hovering keeps the light's colour (ECharts would otherwise paint its own highlight, which reads as yellow).
      datum.emphasis = { itemStyle: { areaColor: fill } };
    }
    if (opts.selectedUnitCode && county?.unitCode === opts.selectedUnitCode) {
      // Orange: it stands out on every fill of the ramp and the lights, the navy end included.
      datum.itemStyle = { ...datum.itemStyle, borderColor: '#fa541c', borderWidth: 3 };
    }
    return datum;
  });

  const drawn = data.flatMap((d) => (d.value === '-' ? [] : [d.value]));
  let visualMap: VisualMapComponentOption | undefined;
  if (mode === 'value' && drawn.length > 0) {
    const min = Math.min(...drawn);
    // One distinct figure still needs a range: the shapes take the ramp's middle rather than an end.
    const max = Math.max(...drawn) === min ? min + (Math.abs(min) || 1) : Math.max(...drawn);
    visualMap = {
      type: 'continuous',
      seriesIndex: 0,
      min,
      max,
      calculable: false,
      realtime: false,
      orient: 'vertical',
      left: 8,
      bottom: 8,
      itemHeight: 100,
      itemWidth: 12,
      text: [formatWithUnit(max, opts.decimals, opts.measureUnit), formatWithUnit(min, opts.decimals, '')],
      // The marker shown beside the bar while a shape is hovered.
      formatter: (value: unknown) => formatFigure(Number(value), opts.decimals),
      textStyle: { fontSize: 12, color: palette.scaleText },
      inRange: { color: [...palette.ramp] },
    };
  }

  return {
    // The UI's own font stack (CJK faces first), not ECharts' bare `sans-serif`.
    textStyle: { fontFamily: theme.token?.fontFamily },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        return tooltipHtml(p?.data as RegionDatum | undefined, p?.name ?? '', opts);
      },
    },
    ...(visualMap ? { visualMap } : {}),
    series: [
      {
        type: 'map',
        map: QUANZHOU_MAP_NAME,
        roam: false,
        selectedMode: false,
        // The file's lon/lat drawn with x shrunk by cos(25°N), so that shapes keep their proportions.
        aspectScale: 0.9,
        top: 16,
        bottom: 16,
        left: 'center',
        itemStyle: { areaColor: palette.noData, borderColor: palette.border, borderWidth: 1 },
        label: {
          show: true,
          fontSize: opts.theme === 'dark' ? 13 : 11,
          color: palette.label,
          textBorderColor: palette.labelHalo,
          textBorderWidth: 2,
          formatter: (p) => (p.data as RegionDatum | undefined)?.labelText ?? p.name,
        },
        emphasis: {
          label: {
            show: true,
            color: palette.hoverText,
            fontWeight: 'bold',
            ...(opts.theme === 'dark' ? { textBorderWidth: 0 } : {}),
          },
          itemStyle: { areaColor: palette.hoverFill, borderColor: palette.hoverText, borderWidth: 1.5 },
        },
        data,
      },
    ],
  };
}
