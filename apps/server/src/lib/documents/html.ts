import { SUBSET_SANS, SUBSET_SERIF } from './font-subset';
import {
  type BodyBlock,
  chineseDate,
  type DocumentRecord,
  type DocumentSignature,
  type HeadingLevel,
  numberHeadings,
  type OfficialDocument,
  type TableBlock,
} from './model';
import { cleanText, textWidthEm } from './text';

// The print HTML of an official document: the same layout as the .docx, for Chromium's page.pdf().
// Sizes in pt/mm as GB/T 9704 gives them; the font stacks name the 公文 fonts first (used when installed) and
// the open Noto CJK fonts Debian ships (fonts-noto-cjk) as the documented substitute.

// Before each Noto name: the same Noto face cut down to the document's characters, when pdf.ts supplies it
// (font-subset.ts) — Chromium prints a small face in a fraction of the time the full 65,535-glyph one takes.
const SERIF_SUBSET = `"${SUBSET_SERIF}"`;
const SANS_SUBSET = `"${SUBSET_SANS}"`;
const FANGSONG = `"FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", ${SERIF_SUBSET}, "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
const XIAOBIAOSONG = `"方正小标宋简体", "FZXiaoBiaoSong-B05S", ${SERIF_SUBSET}, "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
const HEITI = `"黑体", "SimHei", ${SANS_SUBSET}, "Noto Sans CJK SC", sans-serif`;
const KAITI = `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", ${SERIF_SUBSET}, "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
const SONGTI = `"宋体", "SimSun", ${SERIF_SUBSET}, "Noto Serif CJK SC", serif`;

const htmlText = (text: string): string => cleanText(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const HEADING_CLASS: Record<HeadingLevel, string> = { 1: 'h1', 2: 'h2', 3: 'h3', 4: 'h4' };

function table(block: TableBlock): string {
  const total = block.columns.reduce((sum, column) => sum + Math.max(column.width, 0), 0) || block.columns.length;
  const highlighted = new Set(block.highlightRows ?? []);
  const cols = block.columns
    .map((column) => `<col style="width:${((Math.max(column.width, 0) / total) * 100).toFixed(2)}%">`)
    .join('');
  const head = block.columns.map((column) => `<th>${htmlText(column.title)}</th>`).join('');
  const rows = block.rows
    .map(
      (row, rowIndex) =>
        `<tr${highlighted.has(rowIndex) ? ' class="hl"' : ''}>${block.columns
          .map(
            (column, index) =>
              `<td style="text-align:${column.align ?? 'left'}">${htmlText(row[index] ?? '').replace(/\n/g, '<br>')}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const caption = block.caption ? `<caption>${htmlText(block.caption)}</caption>` : '';
  return `<table style="font-size:${block.fontSizePt ?? 12}pt">${caption}<colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * A chart's SVG is inlined in the page, not an `<img>`: an image cannot use the page's web fonts, so its CJK text
 * would print with the full installed Noto face (about a second more per document, see font-subset.ts); inlined, its
 * text uses the subset faces and its characters are part of the text pdf.ts subsets. The SVGs are our own (ECharts,
 * charts.ts) and the page runs no JavaScript; the markup outside the `<svg>` element (an XML prolog, a doctype) is
 * dropped.
 */
function chart(svg: string, width: number, height: number, caption: string | undefined): string {
  const markup = cleanText(svg);
  const start = markup.search(/<svg[\s>]/i);
  const end = markup.toLowerCase().lastIndexOf('</svg>');
  const inline = start >= 0 && end > start ? markup.slice(start, end + 6) : '';
  const captionHtml = caption ? `<p class="center">${htmlText(caption)}</p>` : '';
  return `<div class="figure"><div class="chart" style="width:${width}px;aspect-ratio:${width}/${height}" role="img" aria-label="${htmlText(caption ?? 'chart')}">${inline}</div>${captionHtml}</div>`;
}

function body(blocks: readonly BodyBlock[]): string {
  const prefixes = numberHeadings(blocks);
  return blocks
    .map((block, index) => {
      switch (block.kind) {
        case 'heading':
          return `<p class="${HEADING_CLASS[block.level]}">${htmlText(`${prefixes.get(index) ?? ''}${block.text}`)}</p>`;
        case 'paragraph': {
          const align = block.align ?? 'justify';
          const indent = block.indent ?? align === 'justify';
          const style = `text-align:${align};${indent ? '' : 'text-indent:0;'}${block.bold ? 'font-weight:bold;' : ''}`;
          return `<p style="${style}">${htmlText(block.text)}</p>`;
        }
        case 'table':
          return table(block);
        default:
          return chart(block.svg, block.width, block.height, block.caption);
      }
    })
    .join('\n');
}

function attachments(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `<div class="attach"><p>附件：${htmlText(names[0] ?? '')}</p></div>`;
  return `<div class="attach">${names
    .map(
      (name, index) =>
        `<p>${index === 0 ? '附件：' : '<span class="pad">附件：</span>'}${index + 1}. ${htmlText(name)}</p>`,
    )
    .join('')}</div>`;
}

function signature(sig: DocumentSignature): string {
  const date = chineseDate(sig.date);
  const issuerWidth = textWidthEm(sig.issuer);
  const dateWidth = textWidthEm(date);
  let issuerRight = 2;
  let dateRight = issuerWidth - dateWidth;
  if (dateRight < 2) {
    dateRight = 2;
    issuerRight = 4 + dateWidth - issuerWidth;
  }
  return `<div class="sign"><p style="padding-right:${issuerRight}em">${htmlText(sig.issuer)}</p><p style="padding-right:${dateRight}em">${htmlText(date)}</p></div>`;
}

function record(rec: DocumentRecord): string {
  const copyTo = (rec.copyTo ?? []).filter((name) => name.trim() !== '');
  const copyLine = copyTo.length > 0 ? `<div class="copy">抄送：${htmlText(copyTo.join('，'))}。</div>` : '';
  return `<div class="record">${copyLine}<div class="printed"><span>${htmlText(rec.printer)}</span><span>${htmlText(
    chineseDate(rec.printDate),
  )}印发</span></div></div>`;
}

/**
 * Renders an official document as a self-contained print HTML page (A4, GB/T 9704 margins, no external resources).
 * `fontFaces`: @font-face rules placed first in the style sheet (pdf.ts: the subset Noto faces).
 */
export function renderHtml(doc: OfficialDocument, fontFaces = ''): string {
  const addressees = (doc.addressees ?? []).filter((name) => name.trim() !== '');
  const issuerWidth = Math.max(textWidthEm(doc.header.issuer), 1);
  // 156 mm type area ≈ 442 pt; the header shrinks so a long issuing body stays on one line.
  const headerPt = Math.max(16, Math.min(42, Math.floor((442 / issuerWidth) * 0.98)));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${htmlText(doc.title.replace(/\n/g, ''))}</title>
<style>
${fontFaces}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
/* Page numbers: — n —, 4号 宋体, one character in from the outer edge (odd pages right, even pages left). */
@page :right { @bottom-right { content: "— " counter(page) " —"; font-family: ${SONGTI}; font-size: 14pt;
  vertical-align: top; padding-top: 4.5mm; padding-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-family: ${SONGTI}; font-size: 14pt;
  vertical-align: top; padding-top: 4.5mm; padding-left: 1em; } }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
/* 22 lines of 28.95 pt; 16 pt characters 0.25 pt closer so 28 fill the 156 mm line, as in the .docx. */
body { font-family: ${FANGSONG}; font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.25pt; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.issuer { font-family: ${XIAOBIAOSONG}; color: #FF0000; text-align: center; text-indent: 0; white-space: nowrap;
  font-size: ${headerPt}pt; line-height: 1.2; margin-top: 35mm; letter-spacing: 0; }
.number { text-align: center; text-indent: 0; margin-top: 57.9pt; min-height: 28.95pt; }
.rule { border-top: 1.5pt solid #FF0000; margin-top: 4mm; }
.title { font-family: ${XIAOBIAOSONG}; font-size: 22pt; line-height: 1.45; text-align: center; text-indent: 0;
  margin-top: 57.9pt; margin-bottom: 28.95pt; white-space: pre-line; letter-spacing: 0; }
.to { text-indent: 0; }
.h1 { font-family: ${HEITI}; }
.h2 { font-family: ${KAITI}; }
.center { text-align: center; text-indent: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 6pt 0 28.95pt; line-height: 1.5;
  letter-spacing: 0; }
caption { font-family: ${HEITI}; font-size: 16pt; line-height: 28.95pt; }
th, td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: middle; word-break: break-all; }
th { font-family: ${HEITI}; font-weight: normal; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tr.hl td { background: #FDE9E7; }
.figure { break-inside: avoid; margin: 6pt 0 0; }
.chart { max-width: 100%; margin: 0 auto; line-height: normal; letter-spacing: 0; text-indent: 0; }
.chart svg { display: block; width: 100%; height: 100%; }
.attach { margin-top: 28.95pt; padding-left: 2em; }
.attach p { text-indent: 0; }
.attach .pad { visibility: hidden; }
.sign { margin-top: 57.9pt; break-inside: avoid; }
.sign p { text-align: right; text-indent: 0; }
.record { margin-top: 57.9pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt;
  line-height: 1.6; break-inside: avoid; }
.record .copy { padding: 2pt 1em; padding-left: 4em; text-indent: -3em; border-bottom: 0.7pt solid #000; }
.record .printed { display: flex; justify-content: space-between; padding: 2pt 1em; }
</style></head><body>
<p class="issuer">${htmlText(doc.header.issuer)}</p>
<p class="number">${doc.header.number ? htmlText(doc.header.number) : ''}</p>
<div class="rule"></div>
<p class="title">${htmlText(doc.title)}</p>
${addressees.length > 0 ? `<p class="to">${htmlText(addressees.join('、'))}：</p>` : ''}
${body(doc.body)}
${attachments(doc.attachments ?? [])}
${doc.signature ? signature(doc.signature) : ''}
${doc.record ? record(doc.record) : ''}
</body></html>`;
}
