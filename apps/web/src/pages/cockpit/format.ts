/**
 * How the cockpit writes its numbers, without React: a figure with its measure unit and the indicator's decimals,
 * percentages and points with their sign, the YoY arrow and whether it is good news (the indicator's direction),
 * and the colours of the lights and ranks. Used by the page, the big screen and the league table's PNG alike.
 */
import type { Light } from '@zaitun/contracts';
import { formatFigure, formatWithUnit } from '../../components/cockpit/county-map';

export { formatFigure, formatWithUnit };

export type Direction = 'higher' | 'lower';

const MINUS = '−';

/** A number with its decimals and an explicit sign: `+4.1`, `−2.0`, `0.0`; `—` for none. */
export function formatSigned(value: number | null | undefined, decimals = 1): string {
  const text = formatFigure(value, decimals);
  if (text === '—' || value === null || value === undefined) return text;
  const rounded = Number(text);
  if (rounded > 0) return `+${text}`;
  if (rounded < 0) return `${MINUS}${text.slice(1)}`;
  return formatFigure(0, decimals);
}

/** A percentage: `75.0%`; `—` for none. */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  const text = formatFigure(value, decimals);
  return text === '—' ? text : `${text}%`;
}

/** A growth rate with its sign: `+4.1%`, `−0.3%`. */
export function formatGrowth(value: number | null | undefined, decimals = 1): string {
  const text = formatSigned(value, decimals);
  return text === '—' ? text : `${text}%`;
}

export type Trend = 'up' | 'down' | 'flat';
/** Good news, bad news, or neither (no change, no figure). */
export type Tone = 'good' | 'bad' | 'neutral';

/**
 * The arrow of a YoY growth and its tone: up is good news for a higher-is-better indicator and bad news for a
 * ceiling (lower is better). A growth that rounds to 0.0 is flat. `null` without a growth.
 */
export function yoyArrow(
  yoy: number | null | undefined,
  direction: Direction,
  decimals = 1,
): { trend: Trend; tone: Tone } | null {
  if (yoy === null || yoy === undefined || !Number.isFinite(yoy)) return null;
  const rounded = Number(yoy.toFixed(decimals));
  if (rounded === 0) return { trend: 'flat', tone: 'neutral' };
  const trend: Trend = rounded > 0 ? 'up' : 'down';
  const good = (trend === 'up') === (direction === 'higher');
  return { trend, tone: good ? 'good' : 'bad' };
}

export const TREND_SYMBOLS: Record<Trend, string> = { up: '▲', down: '▼', flat: '—' };

/** Colours of good and bad news, on a light page and on the dark big screen. */
export const TONE_COLORS: Record<'light' | 'dark', Record<Tone, string>> = {
  light: { good: '#389e0d', bad: '#cf1322', neutral: '#8c8c8c' },
  dark: { good: '#73d13d', bad: '#ff7875', neutral: '#bfbfbf' },
};

/** A light's colours: the dot, the text on a light page, a cell's background, and the dot on the big screen. */
export const LIGHT_STYLES: Record<Light, { dot: string; text: string; cell: string; dark: string }> = {
  green: { dot: '#389e0d', text: '#237804', cell: '#f6ffed', dark: '#73d13d' },
  yellow: { dot: '#d48806', text: '#ad6800', cell: '#fffbe6', dark: '#ffd666' },
  red: { dot: '#cf1322', text: '#a8071a', cell: '#fff1f0', dark: '#ff7875' },
};

/** The background of a league cell coloured by its light; none without a light. */
export function lightCellColor(light: Light | null | undefined): string | undefined {
  return light ? LIGHT_STYLES[light].cell : undefined;
}

/**
 * The background of a cell coloured by its rank among `count` ranked units: the top third green, the bottom third
 * red, the middle plain (a rank without a light: growth, values, delivery metrics).
 */
export function rankCellColor(rank: number | null | undefined, count: number): string | undefined {
  if (!rank || count < 3) return undefined;
  const third = count / 3;
  if (rank <= third) return LIGHT_STYLES.green.cell;
  if (rank > count - third) return LIGHT_STYLES.red.cell;
  return undefined;
}

/** Percentage points with their sign (a gap to time progress): `+1.2`, `−5.3`. */
export const formatPoints = (value: number | null | undefined) => formatSigned(value, 1);
