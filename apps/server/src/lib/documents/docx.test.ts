import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocx } from './docx';
import { sampleDocument } from './sample';
import { readZipEntry, run, toolsAvailable } from './test-tools';

const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

describe('renderDocx', () => {
  it('lays out an A4 page with the GB/T 9704 margins, grid and fonts', async () => {
    const xml = (await readZipEntry(await renderDocx(sampleDocument()), 'word/document.xml')) ?? '';
    expect(attr(xml, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attr(xml, 'w:pgSz', 'w:h')).toBe('16838');
    // 37, 35, 28, 26 mm in twips
    expect(attr(xml, 'w:pgMar', 'w:top')).toBe('2098');
    expect(attr(xml, 'w:pgMar', 'w:bottom')).toBe('1984');
    expect(attr(xml, 'w:pgMar', 'w:left')).toBe('1587');
    expect(attr(xml, 'w:pgMar', 'w:right')).toBe('1474');
    // 22 lines of 28.95 pt in the 225 mm type area
    expect(attr(xml, 'w:docGrid', 'w:type')).toBe('lines');
    expect(Number(attr(xml, 'w:docGrid', 'w:linePitch'))).toBe(579);
    expect(22 * 579).toBeLessThanOrEqual(16838 - 2098 - 1984);
    for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312']) {
      expect(xml).toContain(`w:eastAsia="${font}"`);
      expect(xml).toContain(`w:ascii="${font}"`);
    }
    expect(xml).toMatch(/<w:sz w:val="32"\/>/); // 3号 body
    expect(xml).toMatch(/<w:sz w:val="44"\/>/); // 2号 title
  });

  it('prints the red header, the number with 〔〕, the rule, headings, table, attachments, signature and 版记', async () => {
    const xml = (await readZipEntry(await renderDocx(sampleDocument()), 'word/document.xml')) ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
    expect(text).toContain('泉州市内外贸发展工作指挥部文件');
    expect(text).toContain('泉内外贸交〔2026〕12号');
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(text).toContain('一、交办事项');
    expect(text).toContain('（一）压实责任');
    expect(text).toContain('1.建立台账');
    expect(text).toContain('（1）每周更新进展');
    expect(text).toContain('二、工作要求');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<w:tblBorders>');
    expect(text).toContain('协调解决某鞋服企业出口订单用工缺口约300人');
    expect(text).toContain('附件：1. 交办事项办理情况反馈表');
    expect(text).toContain('2026年4月17日');
    expect(text).toContain('抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。');
    expect(text).toContain('2026年4月17日印发');
  });

  it('has different odd and even footers with — page —, outer side, 4号 宋体', async () => {
    const docx = await renderDocx(sampleDocument());
    const settings = (await readZipEntry(docx, 'word/settings.xml')) ?? '';
    expect(settings).toContain('<w:evenAndOddHeaders');
    const xml = (await readZipEntry(docx, 'word/document.xml')) ?? '';
    expect(xml).toMatch(/<w:footerReference w:type="default"/);
    expect(xml).toMatch(/<w:footerReference w:type="even"/);
    const footers = [
      (await readZipEntry(docx, 'word/footer1.xml')) ?? '',
      (await readZipEntry(docx, 'word/footer2.xml')) ?? '',
    ];
    const sides = footers.map((footer) => /<w:jc w:val="(\w+)"\/>/.exec(footer)?.[1]).sort();
    expect(sides).toEqual(['left', 'right']);
    for (const footer of footers) {
      expect(footer).toContain('PAGE');
      expect(footer).toContain('— ');
      expect(footer).toContain('w:eastAsia="宋体"');
      expect(footer).toContain('<w:sz w:val="28"/>');
    }
  });

  it('keeps characters outside GB 2312 (𠮷, emoji) with a fallback font, and survives control characters', async () => {
    const doc = sampleDocument({
      title: '关于𠮷祥物😀评选的通知',
      body: [{ kind: 'paragraph', text: '吉𠮷祥👍🏽，控制字符\u0000\u0007不破坏文件。' }],
    });
    const xml = (await readZipEntry(await renderDocx(doc), 'word/document.xml')) ?? '';
    expect(xml).toContain('𠮷');
    expect(xml).toContain('😀');
    expect(xml).toContain('👍🏽');
    expect(xml).toContain('w:eastAsia="SimSun-ExtB"');
    expect(xml).toContain('w:ascii="Segoe UI Emoji"');
    expect(xml).not.toContain('\u0000');
  });

  it('numbers a document without a number, addressees, attachments or 版记', async () => {
    const doc = sampleDocument({
      header: { issuer: '泉州市内外贸发展工作指挥部' },
      addressees: [],
      attachments: [],
      record: undefined,
    });
    const xml = (await readZipEntry(await renderDocx(doc), 'word/document.xml')) ?? '';
    expect(xml).not.toContain('〔2026〕');
    expect(xml).not.toContain('抄送');
    expect(xml).not.toContain('附件：');
  });

  it('embeds a chart SVG', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#c00"/></svg>';
    const docx = await renderDocx(
      sampleDocument({ body: [{ kind: 'chart', svg, width: 600, height: 300, caption: '按期办结率' }] }),
    );
    const xml = (await readZipEntry(docx, 'word/document.xml')) ?? '';
    expect(xml).toContain('svgBlip');
    expect(xml).toContain('按期办结率');
  });

  it('embeds the chart’s PNG instead, when it has one (Word and WPS draw a PNG alike)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"></svg>';
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const docx = await renderDocx(
      sampleDocument({ body: [{ kind: 'chart', svg, png, width: 600, height: 300, caption: '按期办结率' }] }),
    );
    const xml = (await readZipEntry(docx, 'word/document.xml')) ?? '';
    expect(xml).not.toContain('svgBlip');
    expect(xml).toContain('<a:blip r:embed=');
  });
});

describe('the .docx in LibreOffice', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-docx-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ready = toolsAvailable('soffice', 'pdftotext');

  it.skipIf(!ready)(
    'converts to PDF without error and keeps the title, number and 𠮷',
    async () => {
      const file = path.join(dir, 'order.docx');
      fs.writeFileSync(file, await renderDocx(sampleDocument({ title: '关于做好𠮷祥物评选工作的交办单' })));
      run(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          file,
        ],
        180_000,
      );
      const pdf = path.join(dir, 'order.pdf');
      expect(fs.existsSync(pdf)).toBe(true);
      const text = run('pdftotext', [pdf, '-']).replace(/\s+/g, '');
      expect(text).toContain('关于做好𠮷祥物评选工作的交办单');
      expect(text).toContain('泉内外贸交〔2026〕12号');
      expect(text).toContain('2026年4月17日印发');
    },
    200_000,
  );
});
