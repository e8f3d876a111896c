/**
 * The assignment order and the meeting minutes as official documents, through the API on the real database:
 * the .docx is unzipped and its document.xml read (number with 〔〕, the items table, the unit names, the decisions);
 * out of scope is 404 like missing; the PDF when Chromium is installed (pdftotext finds the number), else 503.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ItemDetailT, MeetingDetailT, OrderDetailT, UnitT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { closePdfRenderer } from '../src/lib/documents/pdf';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { itemActOk, registerItem } from './item-helpers';

type Err = { error: { code: string; message: string } };
let t: TestApp;
let hq: Client;
let jinjiang: Client;
let shishi: Client;
let admin: Client;
let units: Map<string, UnitT>;
const unit = (code: string) => (units.get(code) as UnitT).id;
const NOBODY = '00000000-0000-4000-8000-000000000000';
const HAS_CHROMIUM = existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
  hq = await signIn(t.app, 'hq');
  jinjiang = await signIn(t.app, 'jinjiang');
  shishi = await signIn(t.app, 'shishi');
  admin = await signIn(t.app, 'admin');
  units = new Map((await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.map((u) => [u.code, u] as const));
});
afterAll(async () => {
  await closePdfRenderer();
  await t?.close();
});

/** The raw bytes of a download (the harness client decodes text). */
async function download(by: Client, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: {
      'accept-language': by.locale,
      ...(by.auth.cookie ? { cookie: by.auth.cookie } : {}),
    },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() as Err };
}

/** `word/document.xml` of a .docx, and its text with the XML tags removed. */
function documentXml(docx: Buffer): Promise<{ xml: string; text: string }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(docx, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'word/document.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const xml = Buffer.concat(chunks).toString('utf8');
            resolve({ xml, text: xml.replace(/<[^>]+>/g, '') });
            zip.close();
          });
        });
      });
      zip.on('end', () => reject(new Error('no word/document.xml')));
      zip.readEntry();
    });
  });
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zaitun-pdf-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dispatched(title: string, lead: string, co: string[], deadline: string): Promise<ItemDetailT> {
  const created = await registerItem(hq, { title, description: '', category: 'financing' });
  return itemActOk(hq, created, 'dispatch', { leadUnitId: unit(lead), coUnitIds: co.map(unit), deadline });
}

let order: OrderDetailT;
let meeting: MeetingDetailT;

describe('the assignment order document', () => {
  beforeAll(async () => {
    const a = await dispatched('晋江鞋企出口退税慢', 'JINJIANG', ['WG-FOREIGN'], '2026-04-17T18:00:00+08:00');
    const b = await dispatched('泉州港查验时间长', 'D-CUSTOMS', ['JINJIANG'], '2026-04-30T18:00:00+08:00');
    const created = await hq.post<OrderDetailT>('/api/v1/orders', {
      title: '关于加快出口退税的交办单',
      requirements: '牵头单位要压实责任。\n配合单位要主动对接。',
      feedbackDue: '2026-04-20',
      itemIds: [a.item.id, b.item.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const issued = await hq.post<OrderDetailT>(`/api/v1/orders/${created.body.order.id}/actions`, {
      action: 'issue',
      version: created.body.order.version,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    order = issued.body;
  });

  it('downloads as a .docx named after the number, with the number, the items table and the units', async () => {
    const number = order.order.number as string;
    expect(number).toMatch(/^泉内外贸交〔2026〕\d+号$/);
    const res = await download(hq, `/api/v1/orders/${order.order.id}/document?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`交办单-${number}.docx`)}`);
    expect(res.bytes.subarray(0, 2).toString()).toBe('PK');
    const { xml, text } = await documentXml(res.bytes);
    expect(text).toContain(number);
    expect(text).toContain('泉州市内外贸高质量发展总指挥部文件');
    expect(text).toContain('关于加快出口退税的交办单');
    expect(xml).toContain('<w:tbl>');
    for (const s of [
      '序号',
      '交办事项',
      '牵头单位',
      '配合单位',
      '办结时限',
      '晋江鞋企出口退税慢',
      '泉州港查验时间长',
    ]) {
      expect(text).toContain(s);
    }
    for (const code of ['JINJIANG', 'WG-FOREIGN', 'D-CUSTOMS']) expect(text).toContain(units.get(code)?.nameZh);
    expect(text).toContain('2026年4月17日');
    expect(text).toContain('牵头单位要压实责任。');
    expect(text).toContain('请于2026年4月20日前将办理情况书面反馈');
    // Without ?format the Word file is the default.
    expect((await download(hq, `/api/v1/orders/${order.order.id}/document`)).headers['content-type']).toContain(
      'wordprocessingml',
    );
  });

  it('prints the document settings an admin changed', async () => {
    const current = (
      await admin.get<{ settings: Record<string, string>; version: number }>('/api/v1/settings/documents')
    ).body;
    const saved = await admin.put('/api/v1/settings/documents', {
      settings: { ...current.settings, copyTo: '市委办公室、市政府办公室', printer: '泉州市指挥部办公室' },
      version: current.version,
    });
    expect(saved.status).toBe(200);
    const { text } = await documentXml((await download(hq, `/api/v1/orders/${order.order.id}/document`)).bytes);
    expect(text).toContain('市委办公室');
    expect(text).toContain('泉州市指挥部办公室');
  });

  it('is read within the order scope: an addressed unit downloads it, another unit gets 404 like missing', async () => {
    expect((await download(jinjiang, `/api/v1/orders/${order.order.id}/document`)).status).toBe(200);
    const outside = await download(shishi, `/api/v1/orders/${order.order.id}/document`);
    expect(outside.status).toBe(404);
    expect(outside.json().error.code).toBe('NOT_FOUND');
    expect((await download(hq, `/api/v1/orders/${NOBODY}/document`)).status).toBe(404);
    expect((await download(hq, `/api/v1/orders/${order.order.id}/document?format=odt`)).status).toBe(400);
  });

  it.runIf(HAS_CHROMIUM)('downloads as a PDF whose text holds the number', { timeout: 120_000 }, async () => {
    const res = await download(hq, `/api/v1/orders/${order.order.id}/document?format=pdf`);
    expect(res.status, res.bytes.toString().slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent(`交办单-${order.order.number}.pdf`),
    );
    const text = pdfText(res.bytes);
    expect(text).toContain(order.order.number);
    expect(text).toContain('晋江鞋企出口退税慢');
  });

  it.runIf(!HAS_CHROMIUM)('answers 503 PDF_UNAVAILABLE without Chromium', async () => {
    const res = await download(hq, `/api/v1/orders/${order.order.id}/document?format=pdf`);
    expect(res.status).toBe(503);
    expect(res.json().error.code).toBe('PDF_UNAVAILABLE');
  });
});

describe('the meeting minutes document', () => {
  beforeAll(async () => {
    const item = await dispatched('石材企业集装箱短缺', 'JINJIANG', [], '2026-05-15T18:00:00+08:00');
    const created = await hq.post<MeetingDetailT>('/api/v1/meetings', {
      type: 'regular',
      title: '一季度外贸调度会',
      heldAt: '2026-03-20T15:00:00+08:00',
      place: '市政府3号会议室',
      chair: '王副市长',
      attendingUnitIds: [unit('JINJIANG'), unit('D-CUSTOMS')],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const added = await hq.post<MeetingDetailT>(`/api/v1/meetings/${created.body.meeting.id}/agenda`, {
      version: created.body.meeting.version,
      topic: '集装箱短缺问题',
      itemId: item.item.id,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const entry = added.body.agenda[0] as MeetingDetailT['agenda'][number];
    const decided = await hq.post<MeetingDetailT>(
      `/api/v1/meetings/${created.body.meeting.id}/agenda/${entry.id}/decision`,
      { version: entry.version, kind: 'note', decision: '请晋江市会同泉州海关协调船公司增加空箱调运。' },
    );
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const withMinutes = await hq.patch<MeetingDetailT>(`/api/v1/meetings/${created.body.meeting.id}`, {
      version: decided.body.meeting.version,
      minutes: '会议听取了各地一季度外贸运行情况汇报。',
    });
    expect(withMinutes.status, JSON.stringify(withMinutes.body)).toBe(200);
    meeting = withMinutes.body;
  });

  it('downloads as a .docx with the minutes number, date, chair, attendees, decisions and minutes text', async () => {
    const number = `泉内外贸纪〔2026〕${meeting.meeting.seq}号`;
    const res = await download(hq, `/api/v1/meetings/${meeting.meeting.id}/minutes?format=docx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent(`会议纪要-${number}.docx`)}`,
    );
    const { text } = await documentXml(res.bytes);
    for (const s of [
      number,
      '泉州市内外贸高质量发展总指挥部会议纪要',
      '一季度外贸调度会纪要',
      '2026年3月20日',
      '王副市长',
      '市政府3号会议室',
      '集装箱短缺问题',
      '请晋江市会同泉州海关协调船公司增加空箱调运。',
      '会议听取了各地一季度外贸运行情况汇报。',
      units.get('JINJIANG')?.nameZh,
      units.get('D-CUSTOMS')?.nameZh,
    ]) {
      expect(text).toContain(s);
    }
  });

  it('keeps its number when the meeting moves, and follows the minutes prefix setting', async () => {
    const moved = await hq.patch<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}`, {
      version: meeting.meeting.version,
      heldAt: '2026-03-27T15:00:00+08:00',
    });
    expect(moved.status).toBe(200);
    const current = (
      await admin.get<{ settings: Record<string, string>; version: number }>('/api/v1/settings/documents')
    ).body;
    await admin.put('/api/v1/settings/documents', {
      settings: { ...current.settings, minutesPrefix: '泉外纪' },
      version: current.version,
    });
    const { text } = await documentXml((await download(hq, `/api/v1/meetings/${meeting.meeting.id}/minutes`)).bytes);
    expect(text).toContain(`泉外纪〔2026〕${meeting.meeting.seq}号`);
    expect(text).toContain('2026年3月27日');
  });

  it('is read within the meeting scope: an attending unit downloads it, another unit gets 404', async () => {
    expect((await download(jinjiang, `/api/v1/meetings/${meeting.meeting.id}/minutes`)).status).toBe(200);
    expect((await download(shishi, `/api/v1/meetings/${meeting.meeting.id}/minutes`)).status).toBe(404);
    expect((await download(hq, `/api/v1/meetings/${NOBODY}/minutes`)).status).toBe(404);
  });

  it.runIf(HAS_CHROMIUM)('downloads as a PDF whose text holds the number', { timeout: 120_000 }, async () => {
    const res = await download(hq, `/api/v1/meetings/${meeting.meeting.id}/minutes?format=pdf`);
    expect(res.status, res.bytes.toString().slice(0, 300)).toBe(200);
    expect(pdfText(res.bytes)).toContain(`〔2026〕${meeting.meeting.seq}号`);
  });
});
