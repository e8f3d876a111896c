import {
  type AgendaEntryT,
  DEFAULT_DOCUMENT_SETTINGS,
  type MeetingT,
  type OrderItemT,
  type OrderT,
} from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { isDocumentNumber, type ParagraphBlock, type TableBlock } from '../../lib/documents/model';
import {
  copyToList,
  DEFAULT_ORDER_REQUIREMENTS,
  minutesDocument,
  minutesFileName,
  minutesNumber,
  orderDocument,
  orderFileName,
} from './official-docs.domain';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NAMES: Record<string, string> = { [U(1)]: '晋江市', [U(2)]: '石狮市', [U(3)]: '市商务局', [U(4)]: '泉州海关' };
const unitName = (id: string) => NAMES[id] ?? '';
const settings = { ...DEFAULT_DOCUMENT_SETTINGS, copyTo: '市委办公室、市政府办公室' };

function order(over: Partial<OrderT> = {}): OrderT {
  return {
    id: U(100),
    year: 2026,
    seq: 12,
    number: '泉内外贸交〔2026〕12号',
    title: '关于加快出口退税办理的交办单',
    requirements: '',
    feedbackDue: '2026-04-30',
    state: 'issued',
    issuerUserId: U(200),
    issuerName: '调度员',
    issuerUnitId: null,
    meetingId: null,
    // 23:30 UTC is already the next day in Beijing.
    issuedAt: '2026-04-16T23:30:00.000Z',
    completedAt: null,
    withdrawnAt: null,
    withdrawReason: null,
    itemCount: 2,
    units: [
      { unitId: U(3), role: 'co', confirmedAt: null, confirmedBy: null, confirmedByName: null },
      { unitId: U(1), role: 'lead', confirmedAt: null, confirmedBy: null, confirmedByName: null },
      { unitId: U(2), role: 'lead', confirmedAt: null, confirmedBy: null, confirmedByName: null },
    ],
    version: 2,
    createdAt: '2026-04-10T02:00:00.000Z',
    updatedAt: '2026-04-16T23:30:00.000Z',
    ...over,
  };
}
const item = (position: number, over: Partial<OrderItemT> = {}): OrderItemT => ({
  id: U(300 + position),
  position,
  number: `2026-00${position}5`,
  title: `事项${position}`,
  description: '',
  state: 'in_progress',
  light: 'green',
  leadUnitId: U(1),
  coUnitIds: [],
  deadline: '2026-04-17T10:00:00.000Z',
  ...over,
});

describe('the assignment order document', () => {
  const items = [item(2, { leadUnitId: U(2), coUnitIds: [U(3), U(4)], title: '推动海外仓项目落地' }), item(1)];
  const doc = orderDocument({ order: order(), items, settings, unitName, today: new Date('2026-06-01T00:00:00Z') });

  it('has the red header, the number with 〔〕, the title and the units as addressees (leads first)', () => {
    expect(doc.header).toEqual({ issuer: '泉州市内外贸高质量发展总指挥部文件', number: '泉内外贸交〔2026〕12号' });
    expect(isDocumentNumber(doc.header.number ?? '')).toBe(true);
    expect(doc.title).toBe('关于加快出口退税办理的交办单');
    expect(doc.addressees).toEqual(['晋江市', '石狮市', '市商务局']);
  });

  it('lists the items in their order: number, matter, lead unit, co-units, deadline in Chinese style', () => {
    const table = doc.body.find((b): b is TableBlock => b.kind === 'table');
    expect(table?.columns.map((c) => c.title)).toEqual([
      '序号',
      '事项编号',
      '交办事项',
      '牵头单位',
      '配合单位',
      '办结时限',
    ]);
    expect(table?.rows).toEqual([
      ['1', '2026-0015', '事项1', '晋江市', '', '2026年4月17日'],
      ['2', '2026-0025', '推动海外仓项目落地', '石狮市', '市商务局、泉州海关', '2026年4月17日'],
    ]);
  });

  it('prints default requirements, the feedback date, signature and 版记 dated the issue day in Beijing', () => {
    const texts = doc.body.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((b) => b.text);
    expect(texts[0]).toContain('现将2项事项交由你单位办理');
    expect(texts).toContain(DEFAULT_ORDER_REQUIREMENTS);
    expect(texts.at(-1)).toBe('请于2026年4月30日前将办理情况书面反馈泉州市内外贸高质量发展总指挥部办公室。');
    expect(doc.signature).toEqual({ issuer: '泉州市内外贸高质量发展总指挥部', date: '2026-04-16T23:30:00.000Z' });
    expect(doc.record).toEqual({
      copyTo: ['市委办公室', '市政府办公室'],
      printer: '泉州市内外贸高质量发展总指挥部办公室',
      printDate: '2026-04-16T23:30:00.000Z',
    });
  });

  it("prints the order's own requirements line by line and names its meeting", () => {
    const own = orderDocument({
      order: order({ requirements: '一是压实责任。\n\n二是按时反馈。' }),
      items,
      settings,
      unitName,
      meetingNumber: '2026年第3次调度会',
      today: new Date(),
    });
    const texts = own.body.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((b) => b.text);
    expect(texts[0]?.startsWith('根据2026年第3次调度会议定事项，')).toBe(true);
    expect(texts).toContain('一是压实责任。');
    expect(texts).toContain('二是按时反馈。');
    expect(texts).not.toContain(DEFAULT_ORDER_REQUIREMENTS);
  });

  it('prints a draft without a number, dated today, to the default addressees when it has no units', () => {
    const draft = orderDocument({
      order: order({ number: null, seq: null, issuedAt: null, state: 'draft', units: [], feedbackDue: null }),
      items: [],
      settings,
      unitName,
      today: new Date('2026-05-02T01:00:00Z'),
    });
    expect(draft.header.number).toBeUndefined();
    expect(draft.addressees).toEqual([DEFAULT_DOCUMENT_SETTINGS.addressees]);
    expect(draft.signature?.date).toEqual(new Date('2026-05-02T01:00:00Z'));
    expect(draft.body.some((b) => b.kind === 'heading' && b.text === '反馈时间')).toBe(false);
    expect(orderFileName({ number: null }, 'docx')).toBe('交办单-草稿.docx');
  });

  it('names the file after the number', () => {
    expect(orderFileName(order(), 'docx')).toBe('交办单-泉内外贸交〔2026〕12号.docx');
    expect(orderFileName(order(), 'pdf')).toBe('交办单-泉内外贸交〔2026〕12号.pdf');
  });
});

function meeting(over: Partial<MeetingT> = {}): MeetingT {
  return {
    id: U(400),
    year: 2026,
    seq: 3,
    number: '2026年第3次调度会',
    type: 'regular',
    title: '2026年第3次调度会',
    heldAt: '2026-04-17T07:00:00.000Z',
    place: '市政府3号会议室',
    chair: '王副市长',
    attendingUnitIds: [U(1), U(2), U(1)],
    state: 'held',
    minutes: '会议听取了各县（市、区）一季度外贸运行情况汇报。',
    createdBy: U(200),
    agendaCount: 3,
    decidedCount: 2,
    version: 5,
    createdAt: '2026-04-10T02:00:00.000Z',
    updatedAt: '2026-04-17T09:00:00.000Z',
    ...over,
  };
}
const entry = (position: number, over: Partial<AgendaEntryT> = {}): AgendaEntryT => ({
  id: U(500 + position),
  position,
  itemId: null,
  itemNumber: null,
  itemState: null,
  itemLight: null,
  itemDeadline: null,
  unitId: null,
  topic: `议题${position}`,
  reason: 'manual',
  decisionKind: null,
  decision: '',
  createdItemId: null,
  createdItemNumber: null,
  orderId: null,
  orderNumber: null,
  orderState: null,
  version: 1,
  ...over,
});

describe('the meeting minutes document', () => {
  const agenda = [
    entry(3, { decisionKind: 'note', decision: '由市商务局牵头研究。' }),
    entry(2),
    entry(1, {
      topic: '海外仓用地问题',
      itemId: U(600),
      itemNumber: '2026-0007',
      unitId: U(2),
      decisionKind: 'order',
      decision: '请石狮市加快办理。',
      orderId: U(700),
      orderNumber: '泉内外贸交〔2026〕13号',
    }),
  ];
  const doc = minutesDocument({ meeting: meeting(), agenda, settings, unitName });

  it('has the minutes header and a stable number from the meeting year and sequence', () => {
    expect(doc.header).toEqual({ issuer: '泉州市内外贸高质量发展总指挥部会议纪要', number: '泉内外贸纪〔2026〕3号' });
    expect(isDocumentNumber(doc.header.number ?? '')).toBe(true);
    expect(minutesNumber({ ...settings, minutesPrefix: '泉外纪' }, { year: 2027, seq: 1 })).toBe('泉外纪〔2027〕1号');
    expect(doc.title).toBe('2026年第3次调度会纪要');
    expect(minutesFileName('泉内外贸纪〔2026〕3号', 'docx')).toBe('会议纪要-泉内外贸纪〔2026〕3号.docx');
  });

  it('opens with date, chair and place, then the minutes text, the decisions per entry, chair and attendees', () => {
    const texts = doc.body.map((b) =>
      b.kind === 'heading' ? `# ${b.text}` : b.kind === 'paragraph' ? b.text : b.kind,
    );
    expect(texts).toEqual([
      '2026年4月17日，王副市长在市政府3号会议室主持召开2026年第3次调度会，听取有关单位工作推进情况汇报，研究协调有关问题。现将会议议定事项纪要如下：',
      '会议听取了各县（市、区）一季度外贸运行情况汇报。',
      '# 海外仓用地问题',
      '请石狮市加快办理。（事项2026-0007纳入交办单泉内外贸交〔2026〕13号。）',
      '# 议题3',
      '由市商务局牵头研究。',
      '主持：王副市长',
      '参会单位：晋江市、石狮市',
    ]);
    expect(doc.signature).toEqual({ issuer: '泉州市内外贸高质量发展总指挥部', date: '2026-04-17T07:00:00.000Z' });
    expect(doc.record?.copyTo).toEqual(['市委办公室', '市政府办公室']);
  });

  it('says so when nothing was decided, and names a special meeting by its title too', () => {
    const special = minutesDocument({
      meeting: meeting({ title: '出口退税专题调度会', chair: '', place: '', minutes: '' }),
      agenda: [entry(1)],
      settings,
      unitName,
    });
    const texts = special.body.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(texts[0]).toBe(
      '2026年4月17日，泉州市内外贸高质量发展总指挥部召开2026年第3次调度会（出口退税专题调度会），听取有关单位工作推进情况汇报，研究协调有关问题。现将会议议定事项纪要如下：',
    );
    expect(texts).toContain('本次会议未形成议定事项。');
    expect(special.title).toBe('出口退税专题调度会纪要');
  });
});

describe('copy-to list', () => {
  it('splits on Chinese and ASCII separators and drops blanks', () => {
    expect(copyToList('')).toEqual([]);
    expect(copyToList(' 甲、乙，丙,丁；戊\n己 ')).toEqual(['甲', '乙', '丙', '丁', '戊', '己']);
  });
});
