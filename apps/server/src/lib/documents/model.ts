/**
 * The content model of an official document (公文) laid out after GB/T 9704-2012 "党政机关公文格式".
 *
 * One model, two renderers: `renderDocx` (./docx.ts) and `renderPdf` (./pdf.ts, print HTML from ./html.ts).
 * Assignment orders (交办单), meeting minutes (会议纪要) and bulletins (通报) all build an `OfficialDocument`;
 * the renderers own the layout (fonts, margins, grid, header, page numbers), so callers only supply content.
 *
 * Official documents are in Chinese only: every string here is printed as given, no i18n.
 * Keep this shape stable — fields are added, never renamed.
 */

/** Heading levels of a 公文 body: 1 → `一、`, 2 → `（一）`, 3 → `1.`, 4 → `（1）`. */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** A heading; its number is generated from its position (`numbered: false` prints the text alone). */
export interface HeadingBlock {
  kind: 'heading';
  level: HeadingLevel;
  text: string;
  /** Default true. False prints the heading without a generated number and does not advance the counter. */
  numbered?: boolean;
}

/** A body paragraph: first line indented two characters, justified, 仿宋 3号. */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** `left`/`right`/`center` override the default justified, indented body paragraph (e.g. a 落款 inside the body). */
  align?: 'justify' | 'left' | 'center' | 'right';
  /** Default true for justified paragraphs: indent the first line by two characters. */
  indent?: boolean;
  /** Print in bold (e.g. a lead-in sentence). */
  bold?: boolean;
}

/** A column of a table; `width` is relative (the widths of all columns are scaled to the type area). */
export interface TableColumn {
  title: string;
  width: number;
  /** Cell alignment, default `left` (`center` suits numbers such as 序号). */
  align?: 'left' | 'center' | 'right';
}

/** A bordered table, e.g. the items of an assignment order or the per-unit table of a bulletin. */
export interface TableBlock {
  kind: 'table';
  /** Optional caption printed centred above the table, in bold. */
  caption?: string;
  columns: TableColumn[];
  /** Each row holds one cell text per column (missing cells print empty). */
  rows: string[][];
  /** Row indexes (0-based, into `rows`) to print highlighted, e.g. top and bottom units of a bulletin. */
  highlightRows?: number[];
  /** Font size in points for the table (default 12 pt — 小四 — so wide tables fit; the body stays 16 pt). */
  fontSizePt?: number;
}

/**
 * A chart, e.g. an ECharts server-rendered SVG (`barChartSvg` of ./charts.ts). The PDF inlines the SVG markup in the
 * print HTML (its text then uses the page's fonts and is extractable); Word embeds it as an image.
 */
export interface ChartBlock {
  kind: 'chart';
  /** The complete `<svg …>…</svg>` markup. */
  svg: string;
  /** Intended width × height in pixels at 96 dpi (the SVG's own size); scaled down to the type area if wider. */
  width: number;
  height: number;
  /** Optional caption printed centred under the chart. */
  caption?: string;
  /**
   * PNG bytes of the same chart for Word. `.docx` readers vary in SVG support, so docx embeds this PNG when given
   * (with the SVG as the modern alternative); without it, the SVG alone is embedded (Word 2016+/WPS show it).
   * `renderChartPng(svg, width, height)` from ./pdf.ts makes this PNG with the PDF renderer's Chromium
   * (`withChartPngs(doc)` for every chart of a document, when Chromium is installed).
   */
  png?: Uint8Array;
}

/** A block of the body, in reading order. */
export type BodyBlock = HeadingBlock | ParagraphBlock | TableBlock | ChartBlock;

/** The red header (版头). */
export interface DocumentHeader {
  /** Issuing body name, printed in red, centred, e.g. `泉州市内外贸发展工作指挥部文件`. */
  issuer: string;
  /** 发文字号, e.g. `泉内外贸交〔2026〕12号` (checked by `isDocumentNumber`); omitted for documents without one. */
  number?: string;
}

/** The signature (落款): issuing body and date, right-aligned under the body. */
export interface DocumentSignature {
  /** E.g. `泉州市内外贸发展工作指挥部`. */
  issuer: string;
  /** Date of issue (only the calendar day is used, printed `2026年4月17日` via `chineseDate`). */
  date: Date | string;
}

/** 版记: the closing block between two rules at the end of the last page. */
export interface DocumentRecord {
  /** 抄送 list (organisation names), printed `抄送：甲，乙，丙。`; empty or missing → no 抄送 line. */
  copyTo?: string[];
  /** 印发机关, e.g. `泉州市内外贸发展工作指挥部办公室`. */
  printer: string;
  /** 印发日期 (printed `2026年4月17日印发`). */
  printDate: Date | string;
}

/** A complete official document. */
export interface OfficialDocument {
  header: DocumentHeader;
  /** The title (标题), 2号 方正小标宋简体, centred; may contain `\n` to break it over lines. */
  title: string;
  /** 主送机关, printed `甲、乙、丙：` on the line after the title; empty or missing → no addressee line. */
  addressees?: string[];
  body: BodyBlock[];
  /** 附件说明: attachment names, printed `附件：1. …` under the body; empty or missing → none. */
  attachments?: string[];
  /** 落款; missing → none (e.g. minutes signed elsewhere). */
  signature?: DocumentSignature;
  /** 版记; missing → none. */
  record?: DocumentRecord;
  /** Document metadata for the file properties (author); defaults to the header's issuer. */
  author?: string;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * A number 1…99 in Chinese numerals as used in headings: 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九.
 * Throws RangeError outside 1…99 (no 公文 has a hundredth level-1 heading).
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n} is outside 1…99`);
  const digit = (d: number): string => CHINESE_DIGITS[d] ?? '';
  if (n < 10) return digit(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digit(tens)}十${ones === 0 ? '' : digit(ones)}`;
}

/** The number prefix of a heading at `level` with ordinal `n` (1-based): `一、`, `（一）`, `1.`, `（1）`. */
export function headingPrefix(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * Numbers the headings of a body: returns, per block index, the prefix of each numbered heading.
 * A heading resets the counters of all deeper levels (一、 then （一） starts again at （一）).
 */
export function numberHeadings(body: readonly BodyBlock[]): Map<number, string> {
  const counters: Record<HeadingLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const prefixes = new Map<number, string>();
  body.forEach((block, index) => {
    if (block.kind !== 'heading' || block.numbered === false) return;
    counters[block.level] += 1;
    for (let deeper = block.level + 1; deeper <= 4; deeper++) counters[deeper as HeadingLevel] = 0;
    prefixes.set(index, headingPrefix(block.level, counters[block.level]));
  });
  return prefixes;
}

/**
 * A date in 公文 style with Arabic numerals and no leading zeros: `2026年4月17日`.
 * A `YYYY-MM-DD` string is taken as that calendar day; a Date is read in China time (UTC+8),
 * so a server running in UTC prints the day the office sees.
 */
export function chineseDate(date: Date | string): string {
  if (typeof date === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    if (match) return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
    date = new Date(date);
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('chineseDate: invalid date');
  const china = new Date(date.getTime() + 8 * 3600_000);
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日`;
}

/**
 * Whether `text` is a 发文字号 in the standard form: an agency code (机关代字, CJK characters), the year in
 * 六角括号 〔〕, the serial number without leading zeros or 第, then 号 — e.g. `泉内外贸交〔2026〕12号`.
 * Square brackets [], round brackets （）or 【】 around the year are the common mistakes this refuses.
 */
export function isDocumentNumber(text: string): boolean {
  return /^[\p{Script=Han}A-Za-z]+〔\d{4}〕[1-9]\d*号$/u.test(text);
}

/** Builds a 发文字号 from its prefix (机关代字), year and serial: (`泉内外贸交`, 2026, 12) → `泉内外贸交〔2026〕12号`. */
export function formatDocumentNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`;
}
