import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { DomainError } from '../errors';
import { preloadSubsetFonts, SUBSET_SERIF, subsetFontFaces } from './font-subset';
import { renderHtml } from './html';
import type { BodyBlock, OfficialDocument } from './model';
import { cleanText } from './text';

// PDF = the print HTML (./html.ts) printed by the system's Chromium (Debian's `chromium` package) through
// playwright-core. One browser per process, launched on the first PDF and closed by closePdfRenderer() when the
// server shuts down; one browser context (JavaScript off, offline — the pages are our own static HTML) whose pages
// are reused: a document takes an idle page (a new one only when all are busy) and gives it back, since opening a
// page cost 0.3–1 s on the loaded 2-core machine. Never downloads a browser. The Noto CJK faces reach the page cut
// down to the document's characters (font-subset.ts): printing the full faces costs about a second each per document.

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

// Idle pages of the current context (`idleOf`), reused by the next documents; at most MAX_IDLE_PAGES are kept.
const MAX_IDLE_PAGES = 2;
let idlePages: Page[] = [];
let idleOf: BrowserContext | null = null;

function browserContext(): Promise<BrowserContext> {
  if (!launching) {
    const executablePath = chromiumPath();
    if (!fs.existsSync(executablePath)) {
      return Promise.reject(new DomainError('PDF_UNAVAILABLE', { chromiumPath: executablePath }));
    }
    let started: Promise<BrowserContext> | undefined;
    started = (async () => {
      try {
        // playwright-core is loaded with the first browser, not at start-up (≈ 80 MB resident).
        const { chromium } = await import('playwright-core');
        const launched = await chromium.launch({ executablePath, args: ARGS });
        // A crashed browser is dropped so the next PDF launches a fresh one.
        launched.on('disconnected', () => {
          if (launching === started) {
            launching = null;
            idlePages = [];
            idleOf = null;
          }
        });
        const context = await launched.newContext({ javaScriptEnabled: false, offline: true });
        if (launching === started) {
          idlePages = [];
          idleOf = context;
        }
        return context;
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
  const plain = renderHtml(doc);
  const [context, fontFaces] = await Promise.all([
    browserContext(),
    subsetFontFaces(plain, plain.includes('font-weight:bold')),
  ]);
  const page = await takePage(context);
  let reusable = false;
  try {
    await page.setContent(fontFaces ? renderHtml(doc, fontFaces) : plain, { waitUntil: 'load' });
    // JavaScript is off in this page, and page.pdf() waits for web fonts itself; the fonts here are data URLs.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    reusable = true;
    return Buffer.from(pdf);
  } finally {
    await givePage(page, context, reusable);
  }
}

/** Returns a page to the pool; one that failed is closed instead, as is one of a browser closed or relaunched since. */
async function givePage(page: Page, context: BrowserContext, reusable: boolean): Promise<void> {
  if (reusable && !page.isClosed() && idlePages.length < MAX_IDLE_PAGES && idleOf === context) {
    idlePages.push(page);
  } else {
    await page.close().catch(() => undefined);
  }
}

async function takePage(context: BrowserContext): Promise<Page> {
  for (let page = idlePages.pop(); page; page = idlePages.pop()) {
    if (!page.isClosed() && page.context() === context) return page;
  }
  return context.newPage();
}

/**
 * Gets the renderer ready ahead of the first document, in the background (main.ts, after start-up): launches Chromium,
 * loads HarfBuzz and the Noto faces, and prints a line of Chinese on a page kept for reuse — the first PDF of a
 * process otherwise pays 3–7 s for these on the 2-core machine. Does nothing without Chromium; never throws; a
 * closePdfRenderer() meanwhile (shutdown) wins: nothing is relaunched.
 */
export async function warmPdfRenderer(): Promise<void> {
  if (!fs.existsSync(chromiumPath())) return;
  try {
    const [context] = await Promise.all([browserContext(), preloadSubsetFonts()]);
    if (idleOf !== context) return;
    const page = await context.newPage();
    const fontFaces = await subsetFontFaces('泉州市内外贸发展工作指挥部', false);
    await page.setContent(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${fontFaces} body { font-family: "${SUBSET_SERIF}", "Noto Serif CJK SC", serif; }</style></head><body>泉州市内外贸发展工作指挥部</body></html>`,
    );
    await page.pdf({ format: 'A4' });
    if (idleOf === context && idlePages.length < MAX_IDLE_PAGES) idlePages.push(page);
    else await page.close();
  } catch {
    // A warm-up that fails leaves the renderer as it was: the first document launches it.
  }
}

/** The viewport a pooled page gets back after rasterising a chart (Playwright's default; print ignores it). */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

/**
 * Rasterises a chart SVG (e.g. ECharts server-side SVG) to PNG with the same browser, at `scale` × its size (2 =
 * about 192 dpi). For `ChartBlock.png`: Word readers without SVG support (older Word, LibreOffice 7.4) show this
 * PNG. Throws DomainError PDF_UNAVAILABLE when Chromium cannot be started.
 * The SVG is drawn at `scale` × its CSS size on one of the PDF pages (a vector image loses nothing), rather than in a
 * context with a device scale factor of its own: a new context cost 0.7–0.9 s on the loaded 2-core machine.
 */
export async function renderChartPng(svg: string, width: number, height: number, scale = 2): Promise<Buffer> {
  const context = await browserContext();
  const page = await takePage(context);
  const pixels = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  let reusable = false;
  try {
    await page.setViewportSize(pixels);
    const src = `data:image/svg+xml;base64,${Buffer.from(cleanText(svg), 'utf8').toString('base64')}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff"><img src="${src}" style="display:block;width:${pixels.width}px;height:${pixels.height}px"></body></html>`,
      { waitUntil: 'load' },
    );
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...pixels } });
    await page.setViewportSize(DEFAULT_VIEWPORT);
    reusable = true;
    return png;
  } finally {
    await givePage(page, context, reusable);
  }
}

/**
 * The document with a PNG (`scale` ×) beside each chart's SVG, for `renderDocx`: Word readers without SVG support
 * (older Word, LibreOffice 7.4) show the PNG. Without Chromium — or when rasterising fails — the chart keeps its SVG
 * alone (Word 2016+ and WPS show it): the Word file never depends on the PDF renderer.
 */
export async function withChartPngs(doc: OfficialDocument, scale = 2): Promise<OfficialDocument> {
  if (!doc.body.some((block) => block.kind === 'chart' && !block.png)) return doc;
  if (!fs.existsSync(chromiumPath())) return doc;
  const body: BodyBlock[] = [];
  for (const block of doc.body) {
    if (block.kind !== 'chart' || block.png) {
      body.push(block);
      continue;
    }
    const png = await renderChartPng(block.svg, block.width, block.height, scale).catch(() => null);
    body.push(png ? { ...block, png } : block);
  }
  return { ...doc, body };
}

/** Closes the shared browser (server shutdown; tests). Safe to call when none was launched. */
export async function closePdfRenderer(): Promise<void> {
  const current = launching;
  launching = null;
  idlePages = [];
  idleOf = null;
  if (!current) return;
  const context = await current.catch(() => null);
  await context
    ?.browser()
    ?.close()
    .catch(() => undefined);
}
