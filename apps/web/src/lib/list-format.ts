import type { Locale } from '@zaitun/contracts';

const formats = new Map<Locale, Intl.ListFormat>();

/**
 * Names (units, years, dates) as one list in the UI's language: `鲤城区、丰泽区` in Chinese, `Licheng District,
 * Fengze District` in English. The narrow conjunction style writes no "and"/"和": these lists are enumerations, and
 * a Chinese `、` between English names reads as a stray character.
 */
export function formatList(values: readonly string[], locale: Locale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'narrow', type: 'conjunction' });
    formats.set(locale, format);
  }
  return format.format(values.filter((v) => v !== ''));
}
