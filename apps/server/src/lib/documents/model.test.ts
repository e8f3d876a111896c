import { describe, expect, it } from 'vitest';
import {
  type BodyBlock,
  chineseDate,
  chineseNumeral,
  formatDocumentNumber,
  headingPrefix,
  isDocumentNumber,
  numberHeadings,
} from './model';
import { cleanText, splitByFallback, textWidthEm } from './text';

describe('chineseNumeral', () => {
  it('writes 1…99 as headings do', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 45, 90, 99].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '四十五',
      '九十',
      '九十九',
    ]);
  });
  it('refuses what no heading needs', () => {
    for (const n of [0, 100, -1, 1.5]) expect(() => chineseNumeral(n)).toThrow(RangeError);
  });
});

describe('heading numbering', () => {
  it('prefixes the four levels', () => {
    expect([headingPrefix(1, 3), headingPrefix(2, 3), headingPrefix(3, 3), headingPrefix(4, 3)]).toEqual([
      '三、',
      '（三）',
      '3.',
      '（3）',
    ]);
  });
  it('counts per level and restarts deeper levels under a new heading', () => {
    const h = (level: 1 | 2 | 3 | 4, numbered?: boolean): BodyBlock => ({
      kind: 'heading',
      level,
      text: 'x',
      numbered,
    });
    const body: BodyBlock[] = [
      h(1),
      h(2),
      { kind: 'paragraph', text: 'p' },
      h(2),
      h(3),
      h(4),
      h(4),
      h(1, false),
      h(1),
      h(2),
      h(3),
    ];
    expect([...numberHeadings(body).entries()]).toEqual([
      [0, '一、'],
      [1, '（一）'],
      [3, '（二）'],
      [4, '1.'],
      [5, '（1）'],
      [6, '（2）'],
      [8, '二、'],
      [9, '（一）'],
      [10, '1.'],
    ]);
  });
});

describe('chineseDate', () => {
  it('uses Arabic numerals without leading zeros', () => {
    expect(chineseDate('2026-04-07')).toBe('2026年4月7日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
  });
  it('reads a Date in China time', () => {
    // 2026-04-16 17:00 UTC is already the 17th in Quanzhou.
    expect(chineseDate(new Date('2026-04-16T17:00:00Z'))).toBe('2026年4月17日');
  });
  it('refuses an invalid date', () => {
    expect(() => chineseDate('soon')).toThrow(RangeError);
  });
});

describe('document numbers', () => {
  it('accepts the standard form with 〔〕', () => {
    expect(isDocumentNumber('泉内外贸交〔2026〕12号')).toBe(true);
    expect(isDocumentNumber(formatDocumentNumber('泉内外贸纪', 2026, 3))).toBe(true);
  });
  it('refuses the usual mistakes', () => {
    for (const bad of [
      '泉内外贸交[2026]12号',
      '泉内外贸交（2026）12号',
      '泉内外贸交【2026】12号',
      '泉内外贸交〔2026〕012号',
      '泉内外贸交〔2026〕第12号',
      '泉内外贸交〔26〕12号',
      '〔2026〕12号',
      '泉内外贸交〔2026〕12',
    ]) {
      expect(isDocumentNumber(bad), bad).toBe(false);
    }
  });
});

describe('text', () => {
  it('splits characters outside GB 2312 into fallback runs, keeping surrogate pairs whole', () => {
    expect(splitByFallback('吉𠮷祥😀a')).toEqual([
      { text: '吉', fallback: 'none' },
      { text: '𠮷', fallback: 'cjk-ext' },
      { text: '祥', fallback: 'none' },
      { text: '😀', fallback: 'emoji' },
      { text: 'a', fallback: 'none' },
    ]);
  });
  it('drops what XML cannot hold', () => {
    expect(cleanText('a\u0000b\u0007c\td\uD800e')).toBe('abc\td\uFFFDe');
  });
  it('measures half-width characters as half', () => {
    expect(textWidthEm('2026年4月17日')).toBe(6.5);
  });
});
