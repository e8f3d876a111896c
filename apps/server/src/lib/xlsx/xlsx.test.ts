import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import {
  checkXlsxLimits,
  DEFAULT_XLSX_LIMITS,
  errorReportXlsx,
  type ImportSpec,
  parseXlsx,
  templateXlsx,
  writeXlsx,
  XlsxError,
  type XlsxLimits,
  xlsxBuffer,
} from './index';

const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS };

type MemberKey = 'name' | 'amount' | 'count' | 'joined' | 'active' | 'kind' | 'total' | 'note';

const memberSpec: ImportSpec<MemberKey> = {
  type: 'members',
  sheetName: { 'zh-CN': '会员', 'en-US': 'Members' },
  maxRows: 100,
  columns: [
    {
      key: 'name',
      header: { 'zh-CN': '名称', 'en-US': 'Name' },
      required: true,
      kind: 'string',
      maxLength: 10,
      example: '泉州茶业',
    },
    { key: 'amount', header: { 'zh-CN': '金额', 'en-US': 'Amount' }, kind: 'number', example: 12.5 },
    { key: 'count', header: { 'zh-CN': '人数', 'en-US': 'Headcount' }, kind: 'integer', example: 3 },
    { key: 'joined', header: { 'zh-CN': '加入日期', 'en-US': 'Joined' }, kind: 'date', example: '2024-01-31' },
    { key: 'active', header: { 'zh-CN': '有效', 'en-US': 'Active' }, kind: 'boolean', example: '是' },
    {
      key: 'kind',
      header: { 'zh-CN': '类别', 'en-US': 'Kind' },
      aliases: ['类型'],
      kind: 'enum',
      values: ['企业', '个人', 'Other'],
      example: '企业',
    },
    { key: 'total', header: { 'zh-CN': '合计', 'en-US': 'Total' }, kind: 'number' },
    { key: 'note', header: { 'zh-CN': '备注', 'en-US': 'Note' }, kind: 'string' },
  ],
};

async function workbookBuffer(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** ExcelJS's in-memory reader, to check what the writers produced. Its typings declare their own `Buffer`. */
async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

async function refusal(promise: Promise<unknown>): Promise<XlsxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxError);
  return error as XlsxError;
}

interface ZipFileSpec {
  name: string;
  data: Buffer | string;
  /** Lie about the uncompressed size (a bomb that under-declares). */
  declaredSize?: number;
  /** Leave the entry out of the central directory (a hidden entry). */
  listed?: boolean;
}

/** A minimal zip writer (deflate, no data descriptors), enough to build malformed archives. */
function makeZip(files: ZipFileSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data);
    const name = Buffer.from(file.name);
    const compressed = deflateRawSync(data);
    const size = file.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    if (file.listed !== false) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(crc32(data), 16);
      central.writeUInt32LE(compressed.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
    }
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = files.filter((file) => file.listed !== false).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a one-sheet xlsx, written by hand. */
const handMadeParts = (
  sharedStrings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
  sheetData = '<sheetData/>',
) => [
  {
    name: '[Content_Types].xml',
    data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  },
  {
    name: 'xl/workbook.xml',
    data: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
  },
  {
    name: 'xl/worksheets/sheet1.xml',
    data: `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetData}</worksheet>`,
  },
  { name: 'xl/sharedStrings.xml', data: sharedStrings },
];

/** Rewrites a zip with its entries in another order (directories dropped), as other spreadsheet programs lay them out. */
async function reorderZip(buffer: Buffer, rank: (name: string) => number): Promise<Buffer> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  const parts: ZipFileSpec[] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return makeZip(parts.sort((a, b) => rank(a.name) - rank(b.name)));
}

const exceljsTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));

describe('parseXlsx', () => {
  it('reads strings, numbers, dates, booleans, enums, formulas (even a 0 result), rich text and hyperlinks', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow([' 名　称 ', 'AMOUNT', '人数', '加入日期', '有效', '类型', '合计', '备注', '无关列']);
      sheet.addRow(['  泉州茶业 ', 12.5, 3, utcDate(2024, 1, 31), true, '企业', { formula: 'B2*2', result: 25 }]);
      sheet.addRow([]);
      sheet.addRow([
        { richText: [{ text: '晋江' }, { text: '鞋业', font: { bold: true } }] },
        '1,234.5',
        '７',
        '2024/2/3',
        '否',
        'other',
        { formula: 'B4', result: 1234.5 },
        { text: '官网', hyperlink: 'https://example.com' },
      ]);
      sheet.addRow(['石狮服装', null, 0.1 * 30, 45351, 'yes', '个人', { formula: 'B5*0', result: 0 }, '']);
      sheet.getCell('D2').numFmt = 'yyyy-mm-dd';
      sheet.getCell('I2').value = 'ignored: outside the spec';
    });

    const progress: number[] = [];
    const result = await parseXlsx(buffer, memberSpec, limits, (rows) => progress.push(rows));

    expect(result.errors).toEqual([]);
    expect(result.sheetName).toBe('会员');
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          name: '泉州茶业',
          amount: 12.5,
          count: 3,
          joined: '2024-01-31',
          active: true,
          kind: '企业',
          total: 25,
          note: null,
        },
      },
      {
        rowNumber: 4,
        values: {
          name: '晋江鞋业',
          amount: 1234.5,
          count: 7,
          joined: '2024-02-03',
          active: false,
          kind: 'Other',
          total: 1234.5,
          note: '官网',
        },
      },
      {
        rowNumber: 5,
        values: {
          name: '石狮服装',
          amount: null,
          count: 3,
          joined: '2024-02-29',
          active: true,
          kind: '个人',
          total: 0,
          note: null,
        },
      },
    ]);
    expect(progress.at(-1)).toBe(3);
  });

  it('reads dates as the calendar day Excel shows, including datetimes late in the day', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.addRow(['名称', '加入日期']);
      sheet.addRow(['a', new Date(Date.UTC(2023, 11, 31, 23, 59, 59))]);
      sheet.addRow(['b', new Date(Date.UTC(2024, 0, 1, 0, 0, 0))]);
      sheet.addRow(['c', { formula: 'DATE(2024,3,1)', result: 45352 }]);
      sheet.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
    });
    const { rows, errors } = await parseXlsx(buffer, memberSpec, limits);
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.values.joined)).toEqual(['2023-12-31', '2024-01-01', '2024-03-01']);
  });

  it('understands a two-level header under a title row, the top cells merged', async () => {
    type Key = 'unit' | 'monthAmount' | 'monthCount' | 'yearAmount' | 'yearCount';
    const spec: ImportSpec<Key> = {
      type: 'monthly',
      sheetName: { 'zh-CN': '月报', 'en-US': 'Monthly' },
      maxRows: 10,
      columns: [
        { key: 'unit', header: { 'zh-CN': '单位', 'en-US': 'Unit' }, required: true, kind: 'string' },
        {
          key: 'monthAmount',
          header: { 'zh-CN': '1-本月累计/金额', 'en-US': 'Month to date/Amount' },
          required: true,
          kind: 'number',
        },
        {
          key: 'monthCount',
          header: { 'zh-CN': '1-本月累计/数量', 'en-US': 'Month to date/Count' },
          required: true,
          kind: 'integer',
        },
        {
          key: 'yearAmount',
          header: { 'zh-CN': '2-本年累计/金额', 'en-US': 'Year to date/Amount' },
          required: true,
          kind: 'number',
        },
        { key: 'yearCount', header: { 'zh-CN': '2-本年累计/数量', 'en-US': 'Year to date/Count' }, kind: 'integer' },
      ],
    };
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('月报');
      sheet.addRow(['2024 年 3 月招商月报']);
      sheet.mergeCells('A1:E1');
      sheet.addRow(['单位', '1-本月累计', null, '2-本年累计', null]);
      sheet.addRow([null, '金额', '数量', '金额', '数量']);
      sheet.mergeCells('A2:A3');
      sheet.mergeCells('B2:C2');
      sheet.mergeCells('D2:E2');
      sheet.addRow(['丰泽区', 100.5, 2, 300, 6]);
      sheet.addRow(['鲤城区', 50, 1, 80, 2]);
    });

    const { rows, errors } = await parseXlsx(buffer, spec, limits);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { rowNumber: 4, values: { unit: '丰泽区', monthAmount: 100.5, monthCount: 2, yearAmount: 300, yearCount: 6 } },
      { rowNumber: 5, values: { unit: '鲤城区', monthAmount: 50, monthCount: 1, yearAmount: 80, yearCount: 2 } },
    ]);
  });

  it('matches English headers and aliases, and reads the first visible sheet', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const hidden = workbook.addWorksheet('Old', { state: 'hidden' });
      hidden.addRow(['Name']);
      hidden.addRow(['from the hidden sheet']);
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['name', 'Kind']);
      sheet.addRow(['Anxi Tea', '企业']);
      workbook.addWorksheet('After').addRow(['Name']);
    });
    const result = await parseXlsx(buffer, memberSpec, limits);
    expect(result.sheetName).toBe('Data');
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          name: 'Anxi Tea',
          amount: null,
          count: null,
          joined: null,
          active: null,
          kind: '企业',
          total: null,
          note: null,
        },
      },
    ]);
  });

  it('collects bad cells with row numbers and bilingual messages, and still returns the good rows', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称', '金额', '人数', '加入日期', '有效', '类别', '合计']);
      sheet.addRow(['好的一行', 1, 1, '2024-01-01', '是', '企业']);
      sheet.addRow([null, 'abc', 1.5, '2024-02-30', 'maybe', '政府']);
      sheet.addRow([
        '这个名称实在是太长太长了',
        2,
        2,
        null,
        null,
        null,
        { formula: '1/0', result: { error: '#DIV/0!' } },
      ]);
      sheet.addRow(['没有计算结果', 3, 3, null, null, null, { formula: 'B5*2' }]);
      sheet.addRow(['又一行好的', '4', '5', 20240315, 1, '个人']);
    });

    const { rows, errors } = await parseXlsx(buffer, memberSpec, limits);

    expect(rows.map((row) => row.rowNumber)).toEqual([2, 6]);
    expect(rows[1]?.values).toMatchObject({ amount: 4, count: 5, joined: '2024-03-15', active: true, kind: '个人' });
    expect(errors.map(({ rowNumber, column, code }) => ({ rowNumber, column, code }))).toEqual([
      { rowNumber: 3, column: 'name', code: 'REQUIRED' },
      { rowNumber: 3, column: 'amount', code: 'NOT_A_NUMBER' },
      { rowNumber: 3, column: 'count', code: 'NOT_AN_INTEGER' },
      { rowNumber: 3, column: 'joined', code: 'NOT_A_DATE' },
      { rowNumber: 3, column: 'active', code: 'NOT_A_BOOLEAN' },
      { rowNumber: 3, column: 'kind', code: 'NOT_IN_LIST' },
      { rowNumber: 4, column: 'name', code: 'TOO_LONG' },
      { rowNumber: 4, column: 'total', code: 'FORMULA_ERROR' },
      { rowNumber: 5, column: 'total', code: 'FORMULA_NOT_CALCULATED' },
    ]);
    expect(errors[1]?.message).toEqual({
      'zh-CN': '「金额」应为数字，不能是「abc」',
      'en-US': '"Amount" must be a number, not "abc"',
    });
    expect(errors[5]?.message['zh-CN']).toContain('企业、个人、Other');
    expect(errors[6]?.message['en-US']).toBe('"Name" takes at most 10 characters, this one has 12');
  });

  it('refuses a sheet without a required column, naming what is missing', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['金额', '人数']);
      sheet.addRow([1, 2]);
    });
    const error = await refusal(parseXlsx(buffer, memberSpec, limits));
    expect(error.code).toBe('XLSX_HEADER_MISMATCH');
    expect(error.details).toMatchObject({
      missing: ['name'],
      missingHeaders: [{ 'zh-CN': '名称', 'en-US': 'Name' }],
      headerRow: 1,
    });
  });

  it('refuses an empty sheet as a header mismatch', async () => {
    const buffer = await workbookBuffer((workbook) => {
      workbook.addWorksheet('空');
    });
    const error = await refusal(parseXlsx(buffer, memberSpec, limits));
    expect(error.code).toBe('XLSX_HEADER_MISMATCH');
    expect(error.details).toMatchObject({ missing: ['name'], headerRow: null });
  });

  it('stops at the first row past maxRows, and leaves no temporary files behind', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称']);
      for (let i = 1; i <= 10; i++) sheet.addRow([`单位${i}`]);
      workbook.addWorksheet('Second').addRow(['名称']);
    });
    const error = await refusal(parseXlsx(buffer, { ...memberSpec, maxRows: 5 }, limits));
    expect(error.code).toBe('XLSX_TOO_MANY_ROWS');
    expect(error.details).toEqual({ limit: 5, atRow: 7 });

    await expect(parseXlsx(buffer, { ...memberSpec, maxRows: 10 }, limits)).resolves.toMatchObject({
      errors: [],
    });
    // ExcelJS's own zip driver parks worksheets in temporary files; ours reads the parts in a fixed order instead.
    expect(exceljsTempFiles()).toEqual([]);
  });

  it('reads a workbook whose shared strings and styles come before its sheets, and stops early there too', async () => {
    // The layout ExcelJS's own driver could stream directly; the next test has the one it parked in temporary files.
    const written = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称', '加入日期']);
      for (let day = 1; day <= 8; day++) sheet.addRow([`单位${day}`, utcDate(2024, 1, day)]);
      sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
      workbook.addWorksheet('Second').addRow(['名称']);
    });
    const sheetsLast = await reorderZip(written, (name) =>
      name === '[Content_Types].xml' ? 0 : name === 'xl/workbook.xml' ? 1 : name.startsWith('xl/worksheets/') ? 3 : 2,
    );

    const { rows } = await parseXlsx(sheetsLast, memberSpec, limits);
    expect(rows.map((row) => [row.rowNumber, row.values.name, row.values.joined])).toEqual(
      Array.from({ length: 8 }, (_, i) => [i + 2, `单位${i + 1}`, `2024-01-0${i + 1}`]),
    );
    const error = await refusal(parseXlsx(sheetsLast, { ...memberSpec, maxRows: 3 }, limits));
    expect(error.code).toBe('XLSX_TOO_MANY_ROWS');
  });

  it('gives the same answers, many at once, for a workbook whose sheets come before its workbook part', async () => {
    // ExcelJS's own driver parked such sheets in temporary files, and under load a refused sheet could come back
    // as "not an xlsx" or a crash on the unread workbook part. Ten parses of each kind run together here.
    const written = await workbookBuffer((workbook) => {
      workbook.addWorksheet('Hidden', { state: 'hidden' }).addRow(['名称']);
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称', '加入日期']);
      for (let day = 1; day <= 8; day++) sheet.addRow([`单位${day}`, utcDate(2024, 1, day)]);
      workbook.addWorksheet('Third').addRow(['别的']);
    });
    const sheetsFirst = await reorderZip(written, (name) => (name.startsWith('xl/worksheets/') ? 0 : 1));
    const needsHeadcount = {
      ...memberSpec,
      columns: memberSpec.columns.map((column) => (column.key === 'count' ? { ...column, required: true } : column)),
    };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => [
        parseXlsx(sheetsFirst, memberSpec, limits),
        parseXlsx(sheetsFirst, { ...memberSpec, maxRows: 3 }, limits),
        parseXlsx(sheetsFirst, needsHeadcount, limits),
      ]).flat(),
    );
    const outcome = (result: PromiseSettledResult<{ sheetName: string; rows: unknown[] }>) =>
      result.status === 'fulfilled'
        ? `${result.value.sheetName}:${result.value.rows.length}`
        : (result.reason as XlsxError).code;
    expect(results.map(outcome)).toEqual(
      Array.from({ length: 10 }, () => ['会员:8', 'XLSX_TOO_MANY_ROWS', 'XLSX_HEADER_MISMATCH']).flat(),
    );
    expect(exceljsTempFiles()).toEqual([]);
  });

  it('keeps every Chinese character whole, wherever the unpacked XML is cut into chunks', async () => {
    // Three bytes a character: among 3000 names of varying length, many straddle a chunk boundary of the inflater.
    const names = Array.from({ length: 3000 }, (_, i) => `中秋${'节'.repeat(i % 7)}${i}`);
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称', '备注']);
      for (const name of names) sheet.addRow([name.slice(0, 10), `${name}：泉州市内外贸发展工作指挥部`]);
    });
    const { rows, errors } = await parseXlsx(buffer, { ...memberSpec, maxRows: 5000 }, limits);
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.values.note)).toEqual(names.map((name) => `${name}：泉州市内外贸发展工作指挥部`));
  });

  it('reads a minimal hand-written workbook with inline strings, and refuses one whose XML is broken', async () => {
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const rows = `<row r="1">${cell('A1', '名称')}</row><row r="2">${cell('A2', '德化陶瓷')}</row>`;
    const good = makeZip(handMadeParts(undefined, `<sheetData>${rows}</sheetData>`));
    const { rows: parsed } = await parseXlsx(good, memberSpec, limits);
    expect(parsed.map((row) => row.values.name)).toEqual(['德化陶瓷']);

    const broken = makeZip(handMadeParts(undefined, `<sheetData>${rows}<row r="3"><c r="A3"</sheetData>`));
    const error = await refusal(parseXlsx(broken, memberSpec, limits));
    expect(error.code).toBe('XLSX_NOT_XLSX');
    expect(error.details).toEqual({ reason: 'unreadable-xml' });
  });

  it('hashes the uploaded bytes: same bytes, same hash', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称']);
      sheet.addRow(['甲']);
    });
    const first = await parseXlsx(buffer, memberSpec, limits);
    const second = await parseXlsx(Buffer.from(buffer), memberSpec, limits);
    expect(first.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.fileHash).toBe(first.fileHash);
    expect(first.fileHash).toBe(createHash('sha256').update(buffer).digest('hex'));

    const other = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称']);
      sheet.addRow(['乙']);
    });
    expect((await parseXlsx(other, memberSpec, limits)).fileHash).not.toBe(first.fileHash);
  });

  it('refuses an invalid spec as a programming error', async () => {
    const buffer = await workbookBuffer((workbook) => {
      workbook.addWorksheet('S').addRow(['名称']);
    });
    const spec: ImportSpec<'a' | 'b'> = {
      type: 'broken',
      sheetName: { 'zh-CN': 'S', 'en-US': 'S' },
      maxRows: 1,
      columns: [
        { key: 'a', header: { 'zh-CN': '名称', 'en-US': 'Name' }, kind: 'string' },
        { key: 'b', header: { 'zh-CN': '名 称', 'en-US': 'Other' }, kind: 'string' },
      ],
    };
    await expect(parseXlsx(buffer, spec, limits)).rejects.toThrow(/names both a and b/);
  });
});

describe('checkXlsxLimits', () => {
  it('accepts an ordinary workbook and says what it measured', async () => {
    const buffer = await workbookBuffer((workbook) => {
      workbook.addWorksheet('A').addRow(['x']);
      workbook.addWorksheet('B').addRow(['y']);
    });
    const inspection = await checkXlsxLimits(buffer, limits);
    expect(inspection).toMatchObject({ fileBytes: buffer.length, sheets: 2 });
    expect(inspection.unpackedBytes).toBeGreaterThan(buffer.length);
  });

  it('refuses a file over the size limit', async () => {
    const buffer = await workbookBuffer((workbook) => {
      workbook.addWorksheet('A').addRow(['x']);
    });
    const error = await refusal(checkXlsxLimits(buffer, { ...limits, maxFileBytes: 1000 }));
    expect(error.code).toBe('XLSX_TOO_LARGE');
    expect(error.details).toEqual({ measure: 'bytes', limit: 1000, actual: buffer.length });
  });

  it('refuses a zip with too many entries', async () => {
    const buffer = await workbookBuffer((workbook) => {
      workbook.addWorksheet('A').addRow(['x']);
    });
    const error = await refusal(checkXlsxLimits(buffer, { ...limits, maxEntries: 3 }));
    expect(error.code).toBe('XLSX_TOO_LARGE');
    expect(error.details).toMatchObject({ measure: 'entries', limit: 3 });
  });

  it('refuses a zip that is not a workbook', async () => {
    const error = await refusal(parseXlsx(makeZip([{ name: 'readme.txt', data: 'hello' }]), memberSpec, limits));
    expect(error.code).toBe('XLSX_NOT_XLSX');
    expect(error.details).toEqual({ reason: 'missing-parts', missing: ['[Content_Types].xml', 'xl/workbook.xml'] });
  });

  it('refuses bytes that are not a zip, and tells an .xls from garbage', async () => {
    const text = await refusal(parseXlsx(Buffer.from('名称,金额\n甲,1\n'), memberSpec, limits));
    expect(text.code).toBe('XLSX_NOT_XLSX');
    expect(text.details).toEqual({ reason: 'not-zip' });

    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect((await refusal(parseXlsx(xls, memberSpec, limits))).details).toEqual({ reason: 'ole-compound-file' });

    const truncated = await workbookBuffer((workbook) => {
      workbook.addWorksheet('A').addRow(['x']);
    });
    const cut = await refusal(parseXlsx(truncated.subarray(0, truncated.length - 30), memberSpec, limits));
    expect(cut.code).toBe('XLSX_NOT_XLSX');
  });

  it('refuses a workbook whose strings unpack past the limit, before parsing', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称', '备注']);
      const filler = '闽'.repeat(1000);
      for (let i = 0; i < 2000; i++) sheet.addRow([`单位${i}`, `${i}${filler}`]);
    });
    expect(buffer.length).toBeLessThan(1024 * 1024);
    const error = await refusal(parseXlsx(buffer, memberSpec, { ...limits, maxUnpackedBytes: 1024 * 1024 }));
    expect(error.code).toBe('XLSX_UNPACKED_TOO_LARGE');
    expect(error.details.limit).toBe(1024 * 1024);
    expect(error.details.actual).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('does not trust declared sizes: an entry inflating past its declared size is refused', async () => {
    const bomb = makeZip(
      handMadeParts(
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'a'.repeat(
          2_000_000,
        )}</t></si></sst>`,
      ).map((part) => (part.name === 'xl/sharedStrings.xml' ? { ...part, declaredSize: 100 } : part)),
    );
    const error = await refusal(checkXlsxLimits(bomb, { ...limits, maxUnpackedBytes: 1024 * 1024 }));
    expect(error.code).toBe('XLSX_NOT_XLSX');
    expect(error.details).toEqual({ reason: 'corrupt-zip' });
  });

  it('refuses an entry hidden from the central directory (the streaming parser would read it)', async () => {
    const parts = handMadeParts();
    const smuggled = makeZip([
      ...parts.slice(0, 2),
      { name: 'xl/sharedStrings.xml', data: 'x'.repeat(5_000_000), listed: false },
      ...parts.slice(2),
    ]);
    const error = await refusal(checkXlsxLimits(smuggled, limits));
    expect(error.code).toBe('XLSX_NOT_XLSX');
    expect(error.details).toEqual({ reason: 'unlisted-data' });

    // The same parts, all listed, pass.
    await expect(checkXlsxLimits(makeZip(parts), limits)).resolves.toMatchObject({ sheets: 1 });
  });

  it('refuses too many sheets', async () => {
    const buffer = await workbookBuffer((workbook) => {
      for (const name of ['A', 'B', 'C']) workbook.addWorksheet(name).addRow(['名称']);
    });
    const error = await refusal(parseXlsx(buffer, memberSpec, { ...limits, maxSheets: 2 }));
    expect(error.code).toBe('XLSX_TOO_MANY_SHEETS');
    expect(error.details).toEqual({ limit: 2, actual: 3 });
  });

  it('refuses a workbook without worksheets', async () => {
    const buffer = await workbookBuffer(() => {});
    const error = await refusal(parseXlsx(buffer, memberSpec, limits));
    expect(error.code).toBe('XLSX_NO_SHEET');
  });
});

describe('templateXlsx', () => {
  it('round-trips: the example row of the template is a valid import', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const template = await templateXlsx(memberSpec, locale);
      const { rows, errors, sheetName } = await parseXlsx(template, memberSpec, limits);
      expect(errors).toEqual([]);
      expect(sheetName).toBe(memberSpec.sheetName[locale]);
      expect(rows).toEqual([
        {
          rowNumber: 2,
          values: {
            name: '泉州茶业',
            amount: 12.5,
            count: 3,
            joined: '2024-01-31',
            active: true,
            kind: '企业',
            total: null,
            note: null,
          },
        },
      ]);
    }
  });

  it('has the header in the locale and a notes sheet describing each column', async () => {
    const workbook = await readBack(await templateXlsx(memberSpec, 'zh-CN'));
    const [data, notes] = workbook.worksheets;
    expect(data?.getRow(1).values).toEqual([
      undefined,
      '名称',
      '金额',
      '人数',
      '加入日期',
      '有效',
      '类别',
      '合计',
      '备注',
    ]);
    expect(data?.getCell('A1').font?.bold).toBe(true);
    expect(data?.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(notes?.name).toBe('说明');
    expect(notes?.getRow(1).values).toEqual([undefined, '列名', '必填', '类型', '允许的值', '最大长度', '示例']);
    expect(notes?.getRow(2).values).toEqual([undefined, '名称', '是', '文本', undefined, 10, '泉州茶业']);
    expect(notes?.getRow(7).getCell(4).value).toBe('企业、个人、Other');
    expect(String(notes?.getCell('A11').value)).toContain('最多 100 行');
  });
});

describe('errorReportXlsx', () => {
  it('lists row, column title and reason in the locale', async () => {
    const buffer = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('会员');
      sheet.addRow(['名称', '金额']);
      sheet.addRow(['甲', 'abc']);
      sheet.addRow([null, 1]);
    });
    const { errors } = await parseXlsx(buffer, memberSpec, limits);

    const workbook = await readBack(await errorReportXlsx(errors, 'en-US', memberSpec));
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Errors');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Row', 'Column', 'Reason']);
    expect(sheet?.getRow(2).values).toEqual([undefined, 2, 'Amount', '"Amount" must be a number, not "abc"']);
    expect(sheet?.getRow(3).values).toEqual([undefined, 3, 'Name', '"Name" is required']);

    const zh = await readBack(await errorReportXlsx(errors, 'zh-CN'));
    expect(zh.worksheets[0]?.getRow(1).values).toEqual([undefined, '行号', '列', '原因']);
    expect(zh.worksheets[0]?.getRow(2).values).toEqual([undefined, 2, 'amount', '「金额」应为数字，不能是「abc」']);
  });
});

describe('writeXlsx', () => {
  it('streams headers and rows that read back, one sheet per entry', async () => {
    async function* enterprises() {
      yield {
        code: '00123',
        name: '泉州茶业',
        capital: 1_000_000.5,
        founded: '2001-05-20',
        at: new Date('2024-03-01T16:30:00Z'),
      };
      yield {
        code: 'A-2',
        name: null,
        capital: '42',
        founded: new Date('2010-01-01T00:00:00+08:00'),
        at: '2024-03-02T00:00:00Z',
      };
    }
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeXlsx(sink, [
      {
        name: '企业/名录',
        columns: [
          { header: '代码', key: 'code', kind: 'string' },
          { header: '名称', key: 'name', width: 30 },
          { header: '注册资本', key: 'capital', kind: 'number' },
          { header: '成立日期', key: 'founded', kind: 'date' },
          { header: '更新时间', key: 'at', kind: 'datetime' },
        ],
        rows: enterprises(),
      },
      { name: '企业/名录', columns: [{ header: 'N', key: 'n' }], rows: [{ n: 1 }, { n: 2 }] },
    ]);

    const workbook = await readBack(Buffer.concat(chunks));
    const [first, second] = workbook.worksheets;
    expect(first?.name).toBe('企业_名录');
    expect(second?.name).toBe('企业_名录 (2)');
    expect(first?.getRow(1).values).toEqual([undefined, '代码', '名称', '注册资本', '成立日期', '更新时间']);
    expect(first?.getCell('A1').font?.bold).toBe(true);
    expect(first?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(first?.getRow(2).values).toEqual([
      undefined,
      '00123',
      '泉州茶业',
      1_000_000.5,
      utcDate(2001, 5, 20),
      new Date(Date.UTC(2024, 2, 2, 0, 30, 0)), // 16:30Z is 00:30 the next day in Shanghai
    ]);
    expect(first?.getRow(3).values).toEqual([
      undefined,
      'A-2',
      undefined,
      42,
      utcDate(2010, 1, 1),
      new Date(Date.UTC(2024, 2, 2, 8, 0, 0)),
    ]);
    expect(first?.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(second?.getColumn(1).values).toEqual([undefined, 'N', 1, 2]);
  });

  it('writes a sheet the importer reads back', async () => {
    const buffer = await xlsxBuffer(
      [
        {
          name: '会员',
          columns: [
            { header: '名称', key: 'name', kind: 'string' },
            { header: '加入日期', key: 'joined', kind: 'date' },
            { header: '金额', key: 'amount', kind: 'number' },
          ],
          rows: [{ name: '甲', joined: '2024-12-31', amount: 3 }],
        },
      ],
      { timeZone: 'UTC' },
    );
    const { rows } = await parseXlsx(buffer, memberSpec, limits);
    expect(rows[0]?.values).toMatchObject({ name: '甲', joined: '2024-12-31', amount: 3 });
  });
});
