/**
 * Charts of official documents, drawn by ECharts on the server as SVG (`renderer: 'svg', ssr: true`): synchronous,
 * no DOM, no canvas. The SVG goes into a `ChartBlock` (./model.ts): inlined in the print HTML (so its text uses the
 * page's subset Noto faces, ./html.ts) and embedded in the .docx (./docx.ts), with a PNG from `renderChartPng`
 * (./pdf.ts) for Word readers without SVG support. Only the ECharts parts used here are loaded (`echarts/core`).
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { SUBSET_SERIF } from './font-subset';
import { cleanText, textWidthEm } from './text';

echarts.use([BarChart, GridComponent, MarkLineComponent, SVGRenderer]);

/**
 * The chart's font stack: the body's 仿宋 names first (Word/WPS on a Chinese Windows draw the SVG with them), then
 * the PDF's subset Noto face and the installed Noto — the stack of the print HTML's body. Single quotes: ECharts
 * writes it into a double-quoted `style` attribute.
 */
export const CHART_FONT_FAMILY = `'FangSong_GB2312', '仿宋_GB2312', 'FangSong', '仿宋', '${SUBSET_SERIF}', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;

/** The type area's width (156 mm) in CSS pixels at 96 dpi: a chart this wide prints at its own size. */
export const CHART_WIDTH = 588;

/** Chart text size in px: 14 px = 10.5 pt (五号), readable in print beside the 12 pt tables. */
const FONT_PX = 14;
/** Height of one bar's row, and the space above and below the bars (axis labels, the mark line's label). */
const ROW_PX = 22;
const TOP_PX = 28;
const BOTTOM_PX = 36;
/** The widest category label, in characters. */
const MAX_LABEL_EM = 12;

/** How many bars (plus a gap row) fit one page: ≈ 197 mm of chart under the 225 mm type area, with its caption. */
export const MAX_BARS = 30;

/** Height in px of a horizontal bar chart with `bars` rows: grows with the count, one page at most. */
export function barChartHeight(bars: number): number {
  return TOP_PX + BOTTOM_PX + Math.max(1, Math.min(bars, MAX_BARS + 1)) * ROW_PX;
}

export interface Bar {
  /** The category label (e.g. a unit's name). */
  name: string;
  /** The bar's length in axis units; null draws no bar (e.g. a gap row `……`). */
  value: number | null;
  /** Printed at the bar's end, e.g. `92.3%`; default none. */
  label?: string;
  /** Drawn in the highlight style (the table's highlighted rows). */
  highlight?: boolean;
}

export interface BarChartSpec {
  /** Top to bottom. */
  bars: readonly Bar[];
  width?: number;
  /** Default `barChartHeight(bars.length)`. */
  height?: number;
  /** Axis maximum (e.g. 100 for percentages); default from the data. */
  max?: number;
  /** Appended to the axis labels, e.g. `%`. */
  unit?: string;
  /** A vertical dashed reference line, e.g. the city-wide rate. */
  markLine?: { value: number; label: string };
}

// Colours chosen to survive black-and-white printing: plain bars a mid grey-blue (a mid grey in print); highlighted
// bars in the unit table's highlight fill (#FDE9E7, html.ts/docx.ts) with a dark red outline (a pale bar with a black
// outline in print); text and the reference line black.
const BAR = '#5B7DB1';
const HIGHLIGHT_FILL = '#FDE9E7';
const HIGHLIGHT_EDGE = '#C00000';
const TEXT = '#000000';
const AXIS = '#595959';
const GRID = '#D9D9D9';

/**
 * A horizontal bar chart as SVG markup (`<svg …>…</svg>`, width × height px, viewBox set), first bar at the top.
 * Synchronous and pure apart from ECharts' internal instance counter (class names `zrN-cls-…`).
 */
export function barChartSvg(spec: BarChartSpec): string {
  const width = spec.width ?? CHART_WIDTH;
  const height = spec.height ?? barChartHeight(spec.bars.length);
  const names = spec.bars.map((bar) => cleanText(bar.name));
  // Room for the longest name, at most 12 characters (a longer one is cut with an ellipsis) so the bars keep space.
  const labelWidth = Math.ceil(Math.min(MAX_LABEL_EM, Math.max(2, ...names.map(textWidthEm))) * FONT_PX) + 8;
  const unit = spec.unit ?? '';
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#FFFFFF',
      textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: FONT_PX, color: TEXT },
      grid: { left: labelWidth + 12, right: 56, top: TOP_PX, bottom: BOTTOM_PX - 8 },
      xAxis: {
        type: 'value',
        min: 0,
        ...(spec.max !== undefined ? { max: spec.max } : {}),
        axisLabel: { formatter: `{value}${unit}`, color: AXIS, fontFamily: CHART_FONT_FAMILY, fontSize: FONT_PX - 2 },
        splitLine: { lineStyle: { color: GRID } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: AXIS } },
        axisLabel: {
          color: TEXT,
          fontFamily: CHART_FONT_FAMILY,
          fontSize: FONT_PX,
          interval: 0,
          // ECharts' own estimate counts a supplementary character (𠮷) twice: cut only what is clearly too long.
          width: MAX_LABEL_EM * FONT_PX + 8,
          overflow: 'truncate',
          ellipsis: '…',
        },
      },
      series: [
        {
          type: 'bar',
          barWidth: '62%',
          silent: true,
          data: spec.bars.map((bar) => ({
            value: bar.value ?? '-',
            itemStyle: bar.highlight
              ? { color: HIGHLIGHT_FILL, borderColor: HIGHLIGHT_EDGE, borderWidth: 1.5 }
              : { color: BAR },
            label: {
              show: bar.label !== undefined && bar.value !== null,
              position: 'right',
              formatter: () => cleanText(bar.label ?? ''),
              color: TEXT,
              // On white, so the reference line passing behind a label does not cross its digits.
              backgroundColor: '#FFFFFF',
              padding: [1, 2],
              fontFamily: CHART_FONT_FAMILY,
              fontSize: FONT_PX - 1,
            },
          })),
          ...(spec.markLine
            ? {
                markLine: {
                  // Behind the bars and their labels (the default 5 draws it across the value labels).
                  z: 1,
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: TEXT, type: 'dashed', width: 1 },
                  label: {
                    position: 'start',
                    formatter: () => cleanText(spec.markLine?.label ?? ''),
                    color: TEXT,
                    fontFamily: CHART_FONT_FAMILY,
                    fontSize: FONT_PX - 1,
                  },
                  data: [{ xAxis: spec.markLine.value }],
                },
              }
            : {}),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
