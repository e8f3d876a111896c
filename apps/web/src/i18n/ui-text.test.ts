import { describe, expect, it } from 'vitest';

/**
 * The UI's words live in the i18n modules; code outside them writes no Chinese and no full-width punctuation
 * (a hard-coded `、` or `：` shows between English words). Comments may name things in Chinese. The exceptions are
 * text that is Chinese whatever the UI language: the official print views and the official number format.
 */
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!./**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** File → what may stay, and why. */
const ALLOWED: Record<string, RegExp> = {
  // Official documents print in Chinese (GB/T 9704), whatever the UI language.
  '../pages/dispatch/orders/OrderPrint.tsx': /.*/,
  '../pages/dispatch/meetings/MinutesPrint.tsx': /.*/,
  // The official number format, 泉内外贸交〔2026〕12号, previewed as the prefix is typed.
  '../pages/system/settings/DispatchSettingsForm.tsx': /〔\$\{year\}〕12号/,
  '../pages/system/settings/DocumentSettingsForm.tsx': /〔\$\{year\}〕3号/,
  // Matching Chinese unit names to the map's shapes (市/区/县 suffixes), not text shown.
  '../components/cockpit/county-map.ts': /\[市区县\]/,
  // The month picker's Chinese format, chosen by locale.
  '../pages/cockpit/CockpitPage.tsx': /YYYY年M月/,
  // Left over in the cockpit (worked on elsewhere): a measure unit in full-width brackets, warnings joined with ；.
  '../pages/cockpit/admin/TargetsPanel.tsx': /（\$\{(i\.measureUnit|drafts)\}）/,
  '../pages/cockpit/CountyView.tsx': /（\$\{indicator\.measureUnit\}）/,
  '../pages/cockpit/HeadlineTiles.tsx': /join\('；'\)/,
};

const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef‘’“”]/;

/** The code of a file without its comments (block, line and JSX comments). */
function code(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ''))
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

describe('UI text outside the i18n modules', () => {
  it('finds the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(Object.keys(sources)).toContain('../pages/dispatch/orders/OrderDetailPage.tsx');
  });

  it('is neither Chinese nor full-width punctuation, except text that is Chinese in every language', () => {
    const found: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      code(text).forEach((line, i) => {
        if (CHINESE.test(line) && !ALLOWED[file]?.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found, `move these strings into apps/web/src/i18n:\n${found.join('\n')}`).toEqual([]);
  });
});
