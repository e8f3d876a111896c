import { describe, expect, it } from 'vitest';
import { formatList } from './list-format';

describe('formatList', () => {
  it('joins with 、 in Chinese and a comma in English, without "and"', () => {
    expect(formatList(['鲤城区', '丰泽区', '晋江市'], 'zh-CN')).toBe('鲤城区、丰泽区、晋江市');
    expect(formatList(['Licheng District', 'Fengze District', 'Jinjiang City'], 'en-US')).toBe(
      'Licheng District, Fengze District, Jinjiang City',
    );
    expect(formatList(['2027', '2028'], 'en-US')).toBe('2027, 2028');
  });

  it('gives one name alone and nothing for an empty list', () => {
    expect(formatList(['晋江市'], 'zh-CN')).toBe('晋江市');
    expect(formatList([], 'en-US')).toBe('');
  });

  it('leaves out empty names (a unit not loaded yet) instead of doubling the separator', () => {
    expect(formatList(['A', '', 'B'], 'en-US')).toBe('A, B');
  });
});
