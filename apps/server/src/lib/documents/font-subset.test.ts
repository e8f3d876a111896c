import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBSET_SANS, SUBSET_SERIF, subsetFontFaces } from './font-subset';
import { renderHtml } from './html';
import { sampleDocument } from './sample';
import { toolsAvailable } from './test-tools';

describe('subsetFontFaces', () => {
  const ready = toolsAvailable('fc-match') && fs.existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc');

  it.skipIf(!ready)(
    'cuts the Noto CJK SC faces down to the text (kilobytes, not 20 MB), bold only when asked',
    async () => {
      const css = await subsetFontFaces('泉州市内外贸发展工作指挥部𠮷', false);
      const rules = css.split('\n').filter((line) => line.startsWith('@font-face'));
      expect(rules).toHaveLength(2);
      expect(css).toContain(`font-family: "${SUBSET_SERIF}"; font-weight: 400`);
      expect(css).toContain(`font-family: "${SUBSET_SANS}"; font-weight: 400`);
      for (const rule of rules) expect(rule.length).toBeLessThan(60_000);
      const withBold = await subsetFontFaces('加粗', true);
      expect(withBold).toContain(`font-family: "${SUBSET_SERIF}"; font-weight: 700`);
      expect(withBold).toContain(`font-family: "${SUBSET_SANS}"; font-weight: 700`);
    },
    60_000,
  );
});

describe('renderHtml font stacks', () => {
  it('names the subset faces just before the installed Noto faces, and puts the given @font-face rules first', () => {
    const html = renderHtml(sampleDocument(), '@font-face { font-family: "X"; }');
    expect(html).toContain(`"仿宋", "${SUBSET_SERIF}", "Noto Serif CJK SC"`);
    expect(html).toContain(`"SimHei", "${SUBSET_SANS}", "Noto Sans CJK SC"`);
    expect(html.indexOf('@font-face')).toBeLessThan(html.indexOf('@page'));
  });
});
