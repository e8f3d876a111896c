import { describe, expect, it } from 'vitest';
import { barChartHeight, barChartSvg, CHART_FONT_FAMILY, CHART_WIDTH, MAX_BARS } from './charts';
import { SUBSET_SERIF } from './font-subset';

/**
 * A small well-formedness check of XML (no parser among the server's dependencies): every tag's attributes are
 * `name="value"` pairs without a stray quote or `<`, tags nest and close, text holds no bare `<` or `&`.
 */
function wellFormedProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const text = body.slice(last, match.index);
    if (/<|&(?!(?:[a-z]+|#\d+|#x[\da-f]+);)/i.test(text)) problems.push(`bad text before ${match[0].slice(0, 60)}`);
    last = tag.lastIndex;
    const [, closing, name = '', , selfClosing] = match;
    if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else if (!selfClosing) stack.push(name);
  }
  if (/</.test(body.slice(last))) problems.push('a tag that is not name="value" pairs');
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}

describe('barChartSvg', () => {
  const svg = barChartSvg({
    bars: [
      { name: '晋江市', value: 92.3, label: '92.3%', highlight: true },
      { name: '石狮市', value: 80, label: '80%' },
      { name: '……', value: null },
      { name: '南安市<&"\'', value: 45.5, label: '45.5%', highlight: true },
    ],
    max: 100,
    unit: '%',
    markLine: { value: 75.2, label: '全市 75.2%' },
  });

  it('is one well-formed <svg> of the type area’s width, with a viewBox', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toContain(`width="${CHART_WIDTH}" height="${barChartHeight(4)}"`);
    expect(svg).toContain(`viewBox="0 0 ${CHART_WIDTH} ${barChartHeight(4)}"`);
  });

  it('holds the category labels (escaped), the value labels, the axis and the mark line', () => {
    for (const text of [
      '>晋江市<',
      '>石狮市<',
      '>……<',
      '>南安市&lt;&amp;&quot;&#39;<',
      '>92.3%<',
      '>80%<',
      '>45.5%<',
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg).toContain('>100%<');
    expect(svg).toContain('>全市 75.2%<');
    expect(svg).toContain('stroke-dasharray');
    // three bars: the gap row draws none; the highlighted two in the table's highlight fill with an outline
    expect(svg.match(/ecmeta_data_index="\d+"[^>]*class/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(svg.match(/fill="#FDE9E7" stroke="#C00000"/g)).toHaveLength(2);
  });

  it('names the print fonts, the PDF’s subset face before the installed Noto, and has no animation', () => {
    expect(CHART_FONT_FAMILY.indexOf('仿宋')).toBeLessThan(CHART_FONT_FAMILY.indexOf(SUBSET_SERIF));
    expect(CHART_FONT_FAMILY.indexOf(SUBSET_SERIF)).toBeLessThan(CHART_FONT_FAMILY.indexOf('Noto Serif CJK SC'));
    expect(svg).toContain(`font-family:${CHART_FONT_FAMILY};`);
    expect(svg).not.toContain('<animate');
  });

  it('grows with the number of bars up to one page', () => {
    expect(barChartHeight(10)).toBeGreaterThan(barChartHeight(3));
    expect(barChartHeight(500)).toBe(barChartHeight(MAX_BARS + 1));
    // at 96 dpi: with its one-line caption (≈ 10 mm) within the 225 mm type area
    expect((barChartHeight(MAX_BARS + 1) / 96) * 25.4).toBeLessThan(205);
  });

  it('cuts a very long name with an ellipsis rather than squeezing the bars', () => {
    const long = barChartSvg({
      bars: [{ name: '泉州市商务局对外贸易发展服务中心驻外办事处', value: 50, label: '50%' }],
    });
    expect(long).toContain('泉州市商务局');
    expect(long).not.toContain('驻外办事处');
    expect(long).toContain('…');
  });

  it('renders again after the previous chart was disposed', () => {
    const again = barChartSvg({ bars: [{ name: '德化县', value: 10, label: '10%' }], max: 100, unit: '%' });
    expect(again).toContain('>德化县<');
    expect(again).not.toContain('stroke-dasharray');
    expect(wellFormedProblems(again)).toEqual([]);
  });
});
