import { getMap } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import {
  buildMapOption,
  type CountyFeature,
  type CountyValue,
  formatWithUnit,
  joinCountyValues,
  MAP_PALETTES,
  mapLabel,
  QUANZHOU_MAP_NAME,
  type RegionDatum,
  tooltipHtml,
} from './county-map';
import { loadQuanzhouMap } from './quanzhou-map';

/** The demo organisation's 13 counties (apps/server/src/seed/demo-org.ts), figures made up. */
const DEMO: CountyValue[] = [
  ['LICHENG', '350502', '鲤城区', 310.5],
  ['FENGZE', '350503', '丰泽区', 620.25],
  ['LUOJIANG', '350504', '洛江区', 120],
  ['QUANGANG', '350505', '泉港区', 150.75],
  ['HUIAN', '350521', '惠安县', 480],
  ['ANXI', '350524', '安溪县', 390.4],
  ['YONGCHUN', '350525', '永春县', 210],
  ['DEHUA', '350526', '德化县', 160.1],
  ['SHISHI', '350581', '石狮市', 700],
  ['JINJIANG', '350582', '晋江市', 1443.6],
  ['NANAN', '350583', '南安市', 890],
  ['TAISHANG', null, '泉州台商投资区', 250.2],
  ['ETDZ', null, '泉州经济技术开发区', 237.4],
].map(([unitCode, divisionCode, name, value]) => ({
  unitCode: unitCode as string,
  divisionCode: divisionCode as string | null,
  name: name as string,
  value: value as number,
}));

const feature = (name: string, adcode?: string): CountyFeature => ({ properties: { name, adcode } });
const texts = { lights: { green: '绿灯', yellow: '黄灯', red: '红灯' }, noData: '无数据' };

describe('the Quanzhou shapes', () => {
  // A generous timeout: the first load parses the 400 KB GeoJSON, slow on a busy 2-core machine.
  it('registers the map with ECharts and holds the 11 administered divisions and 金门县, as plain GeoJSON', {
    timeout: 30_000,
  }, async () => {
    const features = await loadQuanzhouMap();
    expect(getMap(QUANZHOU_MAP_NAME)).toBeTruthy();
    expect(features.map((f) => f.properties.adcode).sort()).toEqual(
      [
        '350502',
        '350503',
        '350504',
        '350505',
        '350521',
        '350524',
        '350525',
        '350526',
        '350527',
        '350581',
        '350582',
        '350583',
      ].sort(),
    );
    // Decoded, not the old compressed strings; inside Quanzhou's box (117.5–119.1 E, 24.3–26.0 N).
    for (const f of features as unknown as { geometry: { coordinates: unknown } }[]) {
      const points = (f.geometry.coordinates as unknown[]).flat(3) as unknown as number[];
      expect(points.every((n) => typeof n === 'number')).toBe(true);
      for (let i = 0; i < points.length; i += 2) {
        expect(points[i]).toBeGreaterThan(117.5);
        expect(points[i]).toBeLessThan(119.1);
        expect(points[i + 1]).toBeGreaterThan(24.3);
        expect(points[i + 1]).toBeLessThan(26);
      }
    }
    // Loading again reuses the first load.
    expect(await loadQuanzhouMap()).toBe(features);
  });

  it('gives every demo county with a division code a shape; the two zones go beside the map; 金门县 has no value', async () => {
    const { regions, unplaced } = joinCountyValues(await loadQuanzhouMap(), DEMO);
    for (const county of DEMO.filter((c) => c.divisionCode)) {
      const region = regions.find((r) => r.county === county);
      expect(region?.adcode, county.name).toBe(county.divisionCode);
      expect(region?.featureName).toBe(county.name);
    }
    expect(unplaced.map((c) => c.unitCode)).toEqual(['TAISHANG', 'ETDZ']);
    const kinmen = regions.find((r) => r.adcode === '350527');
    expect(kinmen).toMatchObject({ featureName: '金门县', county: null });
    expect(regions.filter((r) => r.county === null)).toEqual([kinmen]);
  });
});

describe('joinCountyValues', () => {
  const features = [feature('晋江市', '350582'), feature('石狮市', '350581'), feature('金门县', '350527')];

  it('matches by division code first, whatever the name says (English names too)', () => {
    const jinjiang = { unitCode: 'JINJIANG', divisionCode: '350582', name: 'Jinjiang City', value: 1 };
    const { regions, unplaced } = joinCountyValues(features, [jinjiang]);
    expect(regions[0]?.county).toBe(jinjiang);
    expect(unplaced).toEqual([]);
  });

  it('falls back to the name, full or short, when the unit or the shape has no code', () => {
    const noCodes = [feature('晋江市'), feature('石狮市')];
    const jinjiang = { unitCode: 'JINJIANG', divisionCode: '350582', name: '晋江市', value: 1 };
    const shishi = { unitCode: 'SHISHI', divisionCode: null, name: '石狮', value: 2 };
    const { regions, unplaced } = joinCountyValues(noCodes, [jinjiang, shishi]);
    expect(regions.map((r) => r.county?.unitCode)).toEqual(['JINJIANG', 'SHISHI']);
    expect(unplaced).toEqual([]);
  });

  it('does not let a name put a figure on a shape whose code is another division', () => {
    const wrong = { unitCode: 'X', divisionCode: '350599', name: '晋江市', value: 1 };
    const { regions, unplaced } = joinCountyValues(features, [wrong]);
    expect(regions.every((r) => r.county === null)).toBe(true);
    expect(unplaced).toEqual([wrong]);
  });

  it('lists a second value for the same shape beside the map rather than dropping it', () => {
    const a = { unitCode: 'A', divisionCode: '350582', name: '晋江市', value: 1 };
    const b = { unitCode: 'B', divisionCode: '350582', name: '晋江市', value: 2 };
    const { regions, unplaced } = joinCountyValues(features, [a, b]);
    expect(regions[0]?.county).toBe(a);
    expect(unplaced).toEqual([b]);
  });
});

describe('figures and the ECharts option', () => {
  it('writes a figure with its decimals and measure unit, — for none', () => {
    expect(formatWithUnit(1234.5619, 2, '亿元')).toBe('1234.56 亿元');
    expect(formatWithUnit(4.1, 1, '%')).toBe('4.1%');
    expect(formatWithUnit(12, 0, '家')).toBe('12 家');
    expect(formatWithUnit(null, 2, '亿元')).toBe('—');
    expect(formatWithUnit(Number.NaN, 2, '亿元')).toBe('—');
  });

  it('colours by a continuous scale over the drawn figures; shapes without a figure carry none', async () => {
    const join = joinCountyValues(await loadQuanzhouMap(), DEMO);
    const option = buildMapOption(join, { measureUnit: '亿元', decimals: 2, mode: 'value', texts });
    const visualMap = option.visualMap as { min: number; max: number; text: string[] };
    // The zones (250.2, 237.4) are beside the map and do not set the scale.
    expect([visualMap.min, visualMap.max]).toEqual([120, 1443.6]);
    expect(visualMap.text).toEqual(['1443.60 亿元', '120.00']);
    const data = (option.series as { data: RegionDatum[] }[])[0]?.data ?? [];
    expect(data.find((d) => d.name === '金门县')).toMatchObject({ value: '-', unitCode: null });
    expect(data.find((d) => d.name === '晋江市')).toMatchObject({ value: 1443.6, unitCode: 'JINJIANG' });
  });

  it('fills each shape with its light in light mode, with no scale', () => {
    const join = joinCountyValues(
      [feature('晋江市', '350582'), feature('金门县', '350527')],
      [{ unitCode: 'JINJIANG', divisionCode: '350582', name: '晋江市', value: 5, light: 'red' }],
    );
    const option = buildMapOption(join, { measureUnit: '%', decimals: 1, mode: 'light', texts });
    expect(option.visualMap).toBeUndefined();
    const data = (option.series as { data: RegionDatum[] }[])[0]?.data ?? [];
    expect(data.map((d) => d.itemStyle?.areaColor)).toEqual(['#ff7875', '#eceff3']);
  });

  it('draws for the big screen’s dark panels: light labels and borders, a readable scale, a ramp ending bright', () => {
    const join = joinCountyValues(
      [feature('晋江市', '350582'), feature('石狮市', '350581'), feature('金门县', '350527')],
      [
        { unitCode: 'JINJIANG', divisionCode: '350582', name: '晋江市', value: 5, light: null },
        { unitCode: 'SHISHI', divisionCode: '350581', name: '石狮市', value: 2, light: null },
      ],
    );
    const dark = MAP_PALETTES.dark;
    const option = buildMapOption(join, { measureUnit: '亿元', decimals: 2, mode: 'value', texts, theme: 'dark' });
    // No background of its own: the panel's shows through.
    expect((option as { backgroundColor?: string }).backgroundColor).toBeUndefined();
    const visualMap = option.visualMap as { textStyle: { color: string }; inRange: { color: string[] } };
    expect(visualMap.textStyle.color).toBe(dark.scaleText);
    expect(visualMap.inRange.color).toEqual([...dark.ramp]);
    const series = (option.series as { itemStyle: object; label: object }[])[0];
    expect(series?.itemStyle).toMatchObject({ areaColor: dark.noData, borderColor: dark.border });
    expect(series?.label).toMatchObject({ color: dark.label, textBorderColor: dark.labelHalo });
    // The light page keeps its colours.
    const light = buildMapOption(join, { measureUnit: '亿元', decimals: 2, mode: 'value', texts });
    expect((light.series as { label: object }[])[0]?.label).toMatchObject({ color: '#262626' });
    expect((light.visualMap as { inRange: { color: string[] } }).inRange.color[0]).toBe('#e6effa');
    // In light mode a shape without a figure takes the dark no-data fill.
    const lights = buildMapOption(join, { measureUnit: '亿元', decimals: 2, mode: 'light', texts, theme: 'dark' });
    const data = (lights.series as { data: RegionDatum[] }[])[0]?.data ?? [];
    expect(data.find((d) => d.name === '金门县')?.itemStyle?.areaColor).toBe(dark.noData);
  });

  it('shows name, figure with unit (or —) and the light in the tooltip, escaped', () => {
    const opts = { measureUnit: '亿元', decimals: 2, mode: 'light' as const, texts };
    const datum: RegionDatum = {
      name: '晋江市',
      value: 1234.56,
      unitCode: 'JINJIANG',
      displayName: '晋江<市>',
      labelText: '晋江',
      light: 'green',
    };
    const html = tooltipHtml(datum, '晋江市', opts);
    expect(html).toContain('晋江&lt;市&gt;');
    expect(html).toContain('1234.56 亿元');
    expect(html).toContain('绿灯');
    expect(tooltipHtml(undefined, '金门县', opts)).toBe('<strong>金门县</strong><br/>—<br/>无数据');
  });
});

describe('labels and names', () => {
  it('labels a shape with the short name, else the name without its level', () => {
    expect(mapLabel('晋江市', '晋江')).toBe('晋江');
    expect(mapLabel('晋江市')).toBe('晋江');
    expect(mapLabel('惠安县')).toBe('惠安');
    expect(mapLabel('Jinjiang City')).toBe('Jinjiang');
    expect(mapLabel("Hui'an County")).toBe("Hui'an");
    expect(mapLabel('Licheng District', 'Licheng')).toBe('Licheng');
  });

  it('names a shape without a county in the UI language (金门县 → Jinmen County)', async () => {
    const join = joinCountyValues(await loadQuanzhouMap(), []);
    const kinmen = (locale: 'zh-CN' | 'en-US') =>
      (
        buildMapOption(join, { measureUnit: '亿元', decimals: 2, mode: 'value', texts, locale }).series as {
          data: RegionDatum[];
        }[]
      )[0]?.data.find((d) => d.name === '金门县');
    expect(kinmen('zh-CN')).toMatchObject({ displayName: '金门县', labelText: '金门' });
    expect(kinmen('en-US')).toMatchObject({ displayName: 'Jinmen County', labelText: 'Jinmen' });
  });
});
