import { describe, expect, it } from 'vitest';
import {
  formatGrowth,
  formatPercent,
  formatPoints,
  formatSigned,
  formatWithUnit,
  LIGHT_STYLES,
  lightCellColor,
  rankCellColor,
  yoyArrow,
} from './format';

describe('cockpit number formats', () => {
  it('writes a figure with its unit and the indicator decimals', () => {
    expect(formatWithUnit(6416.0612, 2, '亿元')).toBe('6416.06 亿元');
    expect(formatWithUnit(12345, 0, '万元')).toBe('12345 万元');
    expect(formatWithUnit(3.456, 1, '%')).toBe('3.5%');
    expect(formatWithUnit(null, 2, '亿元')).toBe('—');
  });

  it('signs growths and points with a real minus, and 0.0 without a sign', () => {
    expect(formatGrowth(4.06)).toBe('+4.1%');
    expect(formatGrowth(-2)).toBe('−2.0%');
    expect(formatGrowth(-0.04)).toBe('0.0%');
    expect(formatSigned(null)).toBe('—');
    expect(formatPoints(-5.25)).toBe('−5.3');
    expect(formatPercent(75)).toBe('75.0%');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('points the arrow by the growth and colours it by the indicator direction', () => {
    expect(yoyArrow(4.1, 'higher')).toEqual({ trend: 'up', tone: 'good' });
    expect(yoyArrow(-3, 'higher')).toEqual({ trend: 'down', tone: 'bad' });
    expect(yoyArrow(4.1, 'lower')).toEqual({ trend: 'up', tone: 'bad' });
    expect(yoyArrow(-3, 'lower')).toEqual({ trend: 'down', tone: 'good' });
    expect(yoyArrow(0.01, 'higher')).toEqual({ trend: 'flat', tone: 'neutral' });
    expect(yoyArrow(null, 'higher')).toBeNull();
  });

  it('colours cells by light, or by rank thirds when there is no light', () => {
    expect(lightCellColor('green')).toBe(LIGHT_STYLES.green.cell);
    expect(lightCellColor('red')).toBe(LIGHT_STYLES.red.cell);
    expect(lightCellColor(null)).toBeUndefined();
    expect(rankCellColor(1, 13)).toBe(LIGHT_STYLES.green.cell);
    expect(rankCellColor(7, 13)).toBeUndefined();
    expect(rankCellColor(13, 13)).toBe(LIGHT_STYLES.red.cell);
    expect(rankCellColor(null, 13)).toBeUndefined();
    expect(rankCellColor(1, 2)).toBeUndefined();
  });
});
