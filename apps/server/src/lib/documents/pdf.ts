import fs from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';
import { DomainError } from '../errors';
import { renderHtml } from './html';
import type { OfficialDocument } from './model';
import { cleanText } from './text';

// PDF = the print HTML (./html.ts) printed by the system's Chromium (Debian's `chromium` package) through
// playwright-core. One browser per process, launched on the first PDF and closed by closePdfRenderer() when the
// server shuts down; one browser context (JavaScript off, offline — the pages are our own static HTML) and a
// short-lived page per document. Never downloads a browser.

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

let launching: Promise<BrowserContext> | null = null;

function browserContext(): Promise<BrowserContext> {
  if (!launching) {
    const executablePath = chromiumPath();
    if (!fs.existsSync(executablePath)) {
      return Promise.reject(new DomainError('PDF_UNAVAILABLE', { chromiumPath: executablePath }));
    }
    let started: Promise<BrowserContext> | undefined;
    started = (async () => {
      try {
        const launched = await chromium.launch({ executablePath, args: ARGS });
        // A crashed browser is dropped so the next PDF launches a fresh one.
        launched.on('disconnected', () => {
          if (launching === started) launching = null;
        });
        return await launched.newContext({ javaScriptEnabled: false, offline: true });
      } catch (error) {
        if (launching === started) launching = null;
        throw new DomainError('PDF_UNAVAILABLE', {
          chromiumPath: executablePath,
          reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        });
      }
    })();
    launching = started;
  }
  return launching;
}

/**
 * Renders an official document as PDF (A4, GB/T 9704 margins, page numbers `— n —` on the outer side, fonts
 * embedded; Chinese text extractable). Throws DomainError PDF_UNAVAILABLE (503) when Chromium cannot be started.
 */
export async function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const page = await (await browserContext()).newPage();
  try {
    await page.setContent(renderHtml(doc), { waitUntil: 'load' });
    // JavaScript is off in this page, and page.pdf() waits for web fonts itself; the fonts here are local ones.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    return Buffer.from(pdf);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * Rasterises a chart SVG (e.g. ECharts server-side SVG) to PNG with the same browser, at `scale` × its size (2 =
 * about 192 dpi). For `ChartBlock.png`: Word readers without SVG support (older Word, LibreOffice 7.4) show this
 * PNG. Throws DomainError PDF_UNAVAILABLE when Chromium cannot be started.
 */
export async function renderChartPng(svg: string, width: number, height: number, scale = 2): Promise<Buffer> {
  const browser = (await browserContext()).browser();
  if (!browser) throw new DomainError('PDF_UNAVAILABLE');
  const context = await browser.newContext({
    javaScriptEnabled: false,
    offline: true,
    viewport: { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) },
    deviceScaleFactor: scale,
  });
  try {
    const page = await context.newPage();
    const src = `data:image/svg+xml;base64,${Buffer.from(cleanText(svg), 'utf8').toString('base64')}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff"><img src="${src}" style="display:block;width:${width}px;height:${height}px"></body></html>`,
      { waitUntil: 'load' },
    );
    return await page.screenshot({ type: 'png', fullPage: false });
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Closes the shared browser (server shutdown; tests). Safe to call when none was launched. */
export async function closePdfRenderer(): Promise<void> {
  const current = launching;
  launching = null;
  if (!current) return;
  const context = await current.catch(() => null);
  await context
    ?.browser()
    ?.close()
    .catch(() => undefined);
}
