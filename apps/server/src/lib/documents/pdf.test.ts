import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { barChartSvg, CHART_WIDTH } from './charts';
import { renderHtml } from './html';
import type { ChartBlock, OfficialDocument } from './model';
import { closePdfRenderer, renderChartPng, renderPdf, withChartPngs } from './pdf';
import { sampleDocument } from './sample';
import { run, toolsAvailable } from './test-tools';

const chartDocument = (): OfficialDocument =>
  sampleDocument({
    body: [
      {
        kind: 'chart',
        svg: barChartSvg({ bars: [{ name: '𠮷祥县', value: 87.5, label: '87.5%' }], height: 120, max: 100, unit: '%' }),
        width: CHART_WIDTH,
        height: 120,
        caption: '各单位按时办结率',
      },
    ],
  });

describe('renderHtml', () => {
  it('prints A4 with the GB/T 9704 margins, the 公文 fonts first and Noto CJK after', () => {
    const html = renderHtml(sampleDocument());
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain('"FangSong_GB2312", "仿宋_GB2312"');
    expect(html).toContain('"Noto Serif CJK SC", "Noto Sans CJK SC", serif');
    expect(html).toContain('counter(page)');
    expect(html).toContain('泉内外贸交〔2026〕12号');
    expect(html).toContain('一、交办事项');
    expect(html).toContain('<table');
  });
  it('inlines a chart’s SVG (not an <img>), so its text is the page’s: subset with it, printed in the subset faces', () => {
    const html = renderHtml(chartDocument());
    expect(html).toMatch(
      /<div class="chart"[^>]*><svg [^>]*>[\s\S]*>𠮷祥县<[\s\S]*<\/svg><\/div><p class="center">各单位按时办结率<\/p>/,
    );
    expect(html).not.toContain('<img');
    expect(
      renderHtml(
        sampleDocument({ body: [{ kind: 'chart', svg: '<?xml version="1.0"?><svg></svg>', width: 1, height: 1 }] }),
      ),
    ).not.toContain('<?xml');
  });
  it('escapes user text', () => {
    const html = renderHtml(sampleDocument({ title: '<script>alert(1)</script>' }));
    expect(html).not.toContain('<script>');
  });
});

describe('renderPdf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-pdf-'));
  afterAll(async () => {
    await closePdfRenderer();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const ready = toolsAvailable(chromium, 'pdftotext', 'pdffonts');

  it.skipIf(!ready)(
    'prints extractable Chinese with embedded fonts, 𠮷 included',
    async () => {
      const file = path.join(dir, 'order.pdf');
      fs.writeFileSync(file, await renderPdf(sampleDocument({ title: '关于做好𠮷祥物评选工作的交办单' })));
      const text = run('pdftotext', [file, '-']).replace(/\s+/g, '');
      expect(text).toContain('关于做好𠮷祥物评选工作的交办单');
      expect(text).toContain('泉内外贸交〔2026〕12号');
      expect(text).toContain('泉州市内外贸发展工作指挥部文件');
      expect(text).toContain('—1—');
      const fonts = run('pdffonts', [file])
        .split('\n')
        .slice(2)
        .filter((line) => line.trim() !== '');
      expect(fonts.length).toBeGreaterThan(0);
      // the "emb" column: every font embedded
      for (const line of fonts) expect(line).toMatch(/\byes\s+(?:yes|no)\s+(?:yes|no)\s+\d+\s+\d+\s*$/);
      expect(run('pdfinfo', [file])).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    },
    120_000,
  );

  it.skipIf(!ready)(
    'rasterises a chart SVG to PNG for Word',
    async () => {
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="300" height="100" fill="#c00"/></svg>';
      const png = await renderChartPng(svg, 300, 100, 2);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width and height at twice the size
      expect(png.readUInt32BE(16)).toBe(600);
      expect(png.readUInt32BE(20)).toBe(200);
    },
    60_000,
  );

  it.skipIf(!ready)(
    'prints a chart’s labels as text; withChartPngs gives each chart a PNG for Word',
    async () => {
      const file = path.join(dir, 'chart.pdf');
      fs.writeFileSync(file, await renderPdf(chartDocument()));
      const text = run('pdftotext', [file, '-']);
      expect(text).toContain('𠮷祥县');
      expect(text).toContain('87.5%');
      const withPng = await withChartPngs(chartDocument());
      const png = (withPng.body[0] as ChartBlock).png;
      expect(
        Buffer.from(png ?? [])
          .subarray(1, 4)
          .toString('latin1'),
      ).toBe('PNG');
      expect(Buffer.from(png ?? []).readUInt32BE(16)).toBe(CHART_WIDTH * 2);
    },
    120_000,
  );

  it('withChartPngs leaves the chart SVG alone without Chromium (Word still works)', async () => {
    await closePdfRenderer();
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const doc = chartDocument();
      expect(await withChartPngs(doc)).toBe(doc);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it('says PDF_UNAVAILABLE when there is no Chromium', async () => {
    await closePdfRenderer();
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const error = await renderPdf(sampleDocument()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('PDF_UNAVAILABLE');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
      await closePdfRenderer();
    }
  });
});
