import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  type BodyBlock,
  type ChartBlock,
  chineseDate,
  type DocumentRecord,
  type DocumentSignature,
  type HeadingLevel,
  numberHeadings,
  type OfficialDocument,
  type TableBlock,
} from './model';
import { type FallbackKind, splitByFallback, textWidthEm } from './text';

// GB/T 9704-2012 in Word units. 1 mm = 1440 / 25.4 twips.
const mm = (value: number): number => Math.round((value * 1440) / 25.4);

/** A4 in twips (210 × 297 mm). */
export const PAGE = { width: 11906, height: 16838 } as const;
/** Margins: top 37, bottom 35, left (订口) 28, right 26 mm → type area 156 × 225 mm. */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
const TYPE_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845 twips = 156 mm
const TYPE_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom; // 12756 twips = 225 mm
/** 22 lines per page: the line pitch Word itself writes for 22 lines in a 225 mm type area (28.95 pt). */
export const LINE_PITCH = Math.floor(TYPE_HEIGHT / 22); // 579
/**
 * 28 characters per line of 3号 (16 pt) text: the pitch is 156 mm / 28 = 15.8 pt, which Word stores as the
 * difference to the Normal font size in 1/4096 pt. The grid is of type `lines` (line pitch only): LibreOffice
 * spreads characters of a `linesAndChars` grid far wider than Word does (20 a line, not 28), so the 28 come
 * from the body runs' character spacing instead (BODY_CHARACTER_SPACING) and charSpace is kept for Word's dialog.
 */
export const CHAR_SPACE = Math.round((TYPE_WIDTH / 28 / 20 - 16) * 4096); // -839

/** Font names as Word/WPS on a Chinese Windows know them (the .docx only names them; it cannot ship them). */
export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  /** Has the CJK extension B ideographs (𠮷…), shipped with Windows. */
  cjkExt: 'SimSun-ExtB',
  emoji: 'Segoe UI Emoji',
} as const;

const RED = 'FF0000';
const BODY_SIZE = 32; // half-points: 3号 = 16 pt
const TITLE_SIZE = 44; // 2号 = 22 pt
const PAGE_NUMBER_SIZE = 28; // 4号 = 14 pt
const RECORD_SIZE = 28; // 版记: 4号 仿宋
/** Twentieths of a point added to each 3号 character: 28 × (320 − 5) twips = 8820 ≤ 8845, the type width. */
const BODY_CHARACTER_SPACING = -5;
const CHAR = 315; // one 3号 character in twips (16 pt − 0.25 pt), for indents given in characters

interface RunStyle {
  font: string;
  size?: number;
  bold?: boolean;
  color?: string;
  scale?: number;
}

/** Runs for text in `style.font`, with characters the GB 2312 fonts lack put in runs naming a fallback font. */
function runs(text: string, style: RunStyle): TextRun[] {
  return splitByFallback(text).map(
    (segment) =>
      new TextRun({
        text: segment.text,
        size: style.size ?? BODY_SIZE,
        bold: style.bold,
        color: style.color,
        scale: style.scale,
        // 3号 text a hair narrower (15.75 pt) so exactly 28 characters fill the 156 mm line (see CHAR_SPACE).
        characterSpacing: (style.size ?? BODY_SIZE) === BODY_SIZE ? BODY_CHARACTER_SPACING : undefined,
        font: fontFor(style.font, segment.fallback),
      }),
  );
}

function fontFor(font: string, fallback: FallbackKind) {
  const name = fallback === 'cjk-ext' ? FONTS.cjkExt : fallback === 'emoji' ? FONTS.emoji : font;
  // eastAsia as well as ascii/hAnsi: Word picks the eastAsia font for CJK and the ascii one for Latin and digits.
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

const emptyLine = (): Paragraph => new Paragraph({ children: [] });

/** 发文机关标志: red, centred, 小标宋; its size shrinks (then its width) so a long name stays on one line. */
function headerParagraph(issuer: string): Paragraph {
  const widthEm = Math.max(textWidthEm(issuer), 1);
  const fitPt = (TYPE_WIDTH / 20 / widthEm) * 0.98;
  const sizePt = Math.max(22, Math.min(42, Math.floor(fitPt)));
  const scale = fitPt < 22 ? Math.max(50, Math.floor((fitPt / 22) * 100)) : undefined;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // The header's upper edge sits 35 mm below the top of the type area.
    spacing: { before: mm(35) - LINE_PITCH, line: Math.ceil(sizePt * 1.3) * 20, lineRule: 'atLeast' },
    children: runs(issuer, { font: FONTS.title, size: sizePt * 2, color: RED, scale }),
  });
}

/** 发文字号, centred two lines under the header, with the red rule 4 mm under it, as wide as the type area. */
function numberAndRule(number: string | undefined): Paragraph[] {
  return [
    emptyLine(),
    emptyLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      children: number ? runs(number, { font: FONTS.body }) : [],
    }),
  ];
}

function titleParagraphs(title: string): Paragraph[] {
  return [
    emptyLine(),
    emptyLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: title
        .split('\n')
        .flatMap((line, index) => [
          ...(index > 0 ? [new TextRun({ break: 1 })] : []),
          ...runs(line, { font: FONTS.title, size: TITLE_SIZE }),
        ]),
    }),
    emptyLine(),
  ];
}

const HEADING_FONT: Record<HeadingLevel, string> = {
  1: FONTS.heading1,
  2: FONTS.heading2,
  3: FONTS.body,
  4: FONTS.body,
};

function bodyParagraph(text: string, options: { align?: string; indent?: boolean; bold?: boolean; font?: string }) {
  const align = options.align ?? 'justify';
  const indent = options.indent ?? align === 'justify';
  return new Paragraph({
    alignment:
      align === 'center'
        ? AlignmentType.CENTER
        : align === 'right'
          ? AlignmentType.RIGHT
          : align === 'left'
            ? AlignmentType.LEFT
            : AlignmentType.BOTH,
    indent: indent ? { firstLineChars: 200, firstLine: 2 * CHAR } : undefined,
    children: runs(text, { font: options.font ?? FONTS.body, bold: options.bold }),
  });
}

function tableBlock(block: TableBlock): (Paragraph | Table)[] {
  const size = Math.round((block.fontSizePt ?? 12) * 2);
  const total = block.columns.reduce((sum, column) => sum + Math.max(column.width, 0), 0) || block.columns.length;
  const widths = block.columns.map((column) => Math.floor((TYPE_WIDTH * Math.max(column.width, 0)) / total));
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const highlighted = new Set(block.highlightRows ?? []);
  const cell = (text: string, index: number, header: boolean, shaded: boolean) =>
    new TableCell({
      width: { size: widths[index] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: shaded ? { fill: 'FDE9E7', type: 'clear', color: 'auto' } : undefined,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: text.split('\n').map(
        (part) =>
          new Paragraph({
            alignment:
              header || block.columns[index]?.align === 'center'
                ? AlignmentType.CENTER
                : block.columns[index]?.align === 'right'
                  ? AlignmentType.RIGHT
                  : AlignmentType.LEFT,
            children: runs(part, { font: header ? FONTS.heading1 : FONTS.body, size }),
          }),
      ),
    });
  const table = new Table({
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.columns.map((column, index) => cell(column.title, index, true, false)),
      }),
      ...block.rows.map(
        (row, rowIndex) =>
          new TableRow({
            cantSplit: true,
            children: block.columns.map((_, index) => cell(row[index] ?? '', index, false, highlighted.has(rowIndex))),
          }),
      ),
    ],
  });
  const caption = block.caption
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: runs(block.caption, { font: FONTS.heading1 }),
        }),
      ]
    : [];
  return [...caption, table, emptyLine()];
}

// A 1 × 1 transparent PNG: the required non-SVG fallback when the caller gives no PNG of the chart.
const BLANK_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function chartBlock(block: ChartBlock): Paragraph[] {
  const maxWidth = (TYPE_WIDTH / 1440) * 96;
  const scale = Math.min(1, maxWidth / Math.max(block.width, 1));
  const transformation = {
    width: Math.round(block.width * scale),
    height: Math.round(block.height * scale),
  };
  const altText = { name: 'chart', description: block.caption ?? 'chart', title: block.caption ?? 'chart' };
  // The PNG when there is one: every Word and WPS version draws it exactly as Chromium drew it, whereas their SVG
  // support varies (text placed by `dominant-baseline` may shift). Without one, the SVG with a blank fallback.
  const image = block.png
    ? new ImageRun({ type: 'png', data: block.png, transformation, altText })
    : new ImageRun({
        type: 'svg',
        data: Buffer.from(block.svg, 'utf8'),
        fallback: { type: 'png', data: BLANK_PNG },
        transformation,
        altText,
      });
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: block.caption !== undefined, children: [image] }),
    ...(block.caption ? [bodyParagraph(block.caption, { align: 'center', indent: false })] : []),
  ];
}

function bodyBlocks(body: readonly BodyBlock[]): (Paragraph | Table)[] {
  const prefixes = numberHeadings(body);
  return body.flatMap((block, index): (Paragraph | Table)[] => {
    switch (block.kind) {
      case 'heading':
        return [
          new Paragraph({
            alignment: AlignmentType.BOTH,
            keepNext: true,
            indent: { firstLineChars: 200, firstLine: 2 * CHAR },
            children: runs(`${prefixes.get(index) ?? ''}${block.text}`, { font: HEADING_FONT[block.level] }),
          }),
        ];
      case 'paragraph':
        return [bodyParagraph(block.text, block)];
      case 'table':
        return tableBlock(block);
      default:
        return chartBlock(block);
    }
  });
}

/** 附件说明: a blank line under the body, then `附件：1. …` indented two characters, later names aligned. */
function attachmentParagraphs(attachments: readonly string[]): Paragraph[] {
  if (attachments.length === 0) return [];
  const label = '附件：';
  const lines =
    attachments.length === 1
      ? [`${label}${attachments[0]}`]
      : attachments.map((name, index) => `${index === 0 ? label : ''}${index + 1}. ${name}`);
  return [
    emptyLine(),
    ...lines.map(
      (text, index) =>
        new Paragraph({
          alignment: AlignmentType.LEFT,
          indent: index === 0 ? { left: 5 * CHAR, hanging: 3 * CHAR } : { left: 5 * CHAR },
          children: runs(text, { font: FONTS.body }),
        }),
    ),
  ];
}

/**
 * 落款 without a seal: a blank line, the issuer right-aligned two characters from the edge, the date on the
 * next line starting two characters right of the issuer's first character (if the date is the longer, the date
 * keeps two characters to the edge and the issuer moves left).
 */
function signatureParagraphs(signature: DocumentSignature): Paragraph[] {
  const date = chineseDate(signature.date);
  const issuerWidth = textWidthEm(signature.issuer);
  const dateWidth = textWidthEm(date);
  let issuerRight = 2;
  let dateRight = issuerWidth - dateWidth;
  if (dateRight < 2) {
    dateRight = 2;
    issuerRight = 4 + dateWidth - issuerWidth;
  }
  const line = (text: string, right: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(right * CHAR) },
      children: runs(text, { font: FONTS.body }),
    });
  return [emptyLine(), emptyLine(), line(signature.issuer, issuerRight), line(date, dateRight)];
}

/**
 * 版记 at the foot of the last page: 抄送 and 印发 lines in 4号 仿宋, thick rules (0.35 mm) first and last, thin
 * (0.25 mm) between. A table floated to the bottom of the type area so it sits on the last page's foot.
 */
function recordTable(record: DocumentRecord): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const copyTo = (record.copyTo ?? []).filter((name) => name.trim() !== '');
  const oneEm = RECORD_SIZE * 10; // one 4号 character in twips
  const cellParagraph = (text: string, align: 'left' | 'right') =>
    new Paragraph({
      alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.RIGHT,
      indent: align === 'left' ? { left: oneEm } : { right: oneEm },
      spacing: { before: 60, after: 60 },
      children: runs(text, { font: FONTS.body, size: RECORD_SIZE }),
    });
  const printDate = `${chineseDate(record.printDate)}印发`;
  // The date column is as wide as the date; the printer's name gets the rest of the line.
  // Two ems of slack: LibreOffice and WPS put a little space between Chinese and digits.
  const half = TYPE_WIDTH - Math.ceil((textWidthEm(printDate) + 3) * oneEm) - 240;
  const rows: TableRow[] = [];
  if (copyTo.length > 0) {
    const text = `抄送：${copyTo.join('，')}。`;
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: 2,
            width: { size: TYPE_WIDTH, type: WidthType.DXA },
            children: [
              new Paragraph({
                alignment: AlignmentType.LEFT,
                // Continuation lines align under the first addressee (after 抄送：).
                indent: { left: oneEm * 4, right: oneEm, hanging: oneEm * 3 },
                spacing: { before: 60, after: 60 },
                children: runs(text, { font: FONTS.body, size: RECORD_SIZE }),
              }),
            ],
          }),
        ],
      }),
    );
  }
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: half, type: WidthType.DXA },
          children: [cellParagraph(record.printer, 'left')],
        }),
        new TableCell({
          width: { size: TYPE_WIDTH - half, type: WidthType.DXA },
          children: [cellParagraph(printDate, 'right')],
        }),
      ],
    }),
  );
  return new Table({
    width: { size: TYPE_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TYPE_WIDTH - half],
    layout: TableLayoutType.FIXED,
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
    borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    rows,
  });
}

/** `— 1 —` in 4号 宋体, one character in from the outer edge: right on odd pages, left on even pages. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const style = { font: fontFor(FONTS.pageNumber, 'none'), size: PAGE_NUMBER_SIZE };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_NUMBER_SIZE * 10 } : { left: PAGE_NUMBER_SIZE * 10 },
        children: [
          new TextRun({ ...style, text: '— ' }),
          new TextRun({ ...style, children: [PageNumber.CURRENT] }),
          new TextRun({ ...style, text: ' —' }),
        ],
      }),
    ],
  });
}

/** Builds the docx `Document` of an official document (exported for tests that inspect the object tree). */
export function buildDocx(doc: OfficialDocument): Document {
  const children: (Paragraph | Table)[] = [
    headerParagraph(doc.header.issuer),
    ...numberAndRule(doc.header.number),
    ...titleParagraphs(doc.title),
  ];
  const addressees = (doc.addressees ?? []).filter((name) => name.trim() !== '');
  if (addressees.length > 0) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        children: runs(`${addressees.join('、')}：`, { font: FONTS.body }),
      }),
    );
  }
  children.push(...bodyBlocks(doc.body));
  children.push(...attachmentParagraphs(doc.attachments ?? []));
  if (doc.signature) children.push(...signatureParagraphs(doc.signature));
  if (doc.record) children.push(emptyLine(), recordTable(doc.record));
  // A section must end with a paragraph; after a floating table it is an empty one.
  children.push(new Paragraph({ children: [] }));

  const defaultFont = fontFor(FONTS.body, 'none');
  return new Document({
    creator: doc.author ?? doc.header.issuer,
    title: doc.title.replace(/\n/g, ''),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: defaultFont, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 240, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: MARGIN.top,
              bottom: MARGIN.bottom,
              left: MARGIN.left,
              right: MARGIN.right,
              header: mm(15),
              // The page number's 一字线 sits about 7 mm under the type area.
              footer: mm(24),
              gutter: 0,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

/** Renders an official document as a GB/T 9704 `.docx` file. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc));
}
