/**
 * Assignment orders and meeting minutes as official documents (公文): pure mappings from what the API shows to the
 * document model of `lib/documents`. No I/O and no clock: the caller passes the settings, unit names and the day.
 * The documents are Chinese only (the UI around them is bilingual).
 */
import type { AgendaEntryT, DocumentSettingsT, MeetingT, OrderItemT, OrderT } from '@zaitun/contracts';
import {
  type BodyBlock,
  chineseDate,
  formatDocumentNumber,
  type OfficialDocument,
  type ParagraphBlock,
} from '../../lib/documents/model';

/** Unit id → Chinese name (official documents name units in Chinese only). */
export type UnitNameOf = (unitId: string) => string;

/** The 抄送 setting as a list: names separated by 、，,；; or new lines; blanks dropped. */
export function copyToList(copyTo: string): string[] {
  return copyTo
    .split(/[、，,；;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Free text as body paragraphs, one per non-empty line. */
function paragraphs(text: string): ParagraphBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): ParagraphBlock => ({ kind: 'paragraph', text: line }));
}

const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))];

/** Requirements printed when the order has none of its own. */
export const DEFAULT_ORDER_REQUIREMENTS =
  '各牵头单位要切实履行牵头责任，明确责任领导和具体责任人，会同配合单位细化工作措施，确保按期办结；配合单位要主动对接、积极配合。办理中遇到困难和问题，请及时报告。';

export interface OrderDocumentInput {
  order: OrderT;
  items: OrderItemT[];
  settings: DocumentSettingsT;
  unitName: UnitNameOf;
  /** The meeting the order came from (`2026年第3次调度会`), if any. */
  meetingNumber?: string | null;
  /** The day a draft prints as its date (an issued order prints its issue day). */
  today: Date;
}

/**
 * 交办单: red header, number (an issued order's; a draft prints without one), title, the addressed units (lead units
 * first), an opening paragraph, the items table, requirements, the feedback date, signature and date, 版记.
 */
export function orderDocument({
  order,
  items,
  settings,
  unitName,
  meetingNumber,
  today,
}: OrderDocumentInput): OfficialDocument {
  const day = order.issuedAt ?? today;
  const leads = order.units.filter((u) => u.role === 'lead').map((u) => unitName(u.unitId));
  const cos = order.units.filter((u) => u.role === 'co').map((u) => unitName(u.unitId));
  const addressees = uniq([...leads, ...cos]);
  const source = meetingNumber ? `根据${meetingNumber}议定事项，` : '';
  const body: BodyBlock[] = [
    {
      kind: 'paragraph',
      text: `${source}现将${items.length}项事项交由你单位办理。请牵头单位会同配合单位抓紧推进，按期办结，并按要求反馈办理情况。`,
    },
    { kind: 'heading', level: 1, text: '交办事项' },
    {
      kind: 'table',
      columns: [
        // Widths keep 序号, an item number (2026-0015) and a date (2026年12月31日) on one line at 12 pt.
        { title: '序号', width: 1.3, align: 'center' },
        { title: '事项编号', width: 2.5, align: 'center' },
        { title: '交办事项', width: 4.3 },
        { title: '牵头单位', width: 2.2 },
        { title: '配合单位', width: 2.3 },
        { title: '办结时限', width: 3.6, align: 'center' },
      ],
      rows: [...items]
        .sort((a, b) => a.position - b.position)
        .map((item, i) => [
          String(i + 1),
          item.number,
          item.title,
          item.leadUnitId ? unitName(item.leadUnitId) : '',
          item.coUnitIds.map(unitName).join('、'),
          item.deadline ? chineseDate(item.deadline) : '',
        ]),
    },
    { kind: 'heading', level: 1, text: '工作要求' },
    ...(order.requirements.trim() ? paragraphs(order.requirements) : paragraphs(DEFAULT_ORDER_REQUIREMENTS)),
  ];
  if (order.feedbackDue) {
    body.push({ kind: 'heading', level: 1, text: '反馈时间' });
    body.push({
      kind: 'paragraph',
      text: `请于${chineseDate(order.feedbackDue)}前将办理情况书面反馈${settings.printer}。`,
    });
  }
  return {
    header: { issuer: settings.redHeader, ...(order.number ? { number: order.number } : {}) },
    title: order.title,
    addressees: addressees.length ? addressees : [settings.addressees],
    body,
    signature: { issuer: settings.signature, date: day },
    record: { copyTo: copyToList(settings.copyTo), printer: settings.printer, printDate: day },
    author: settings.issuingBody,
  };
}

/**
 * The minutes number: the minutes prefix, the meeting's year and its sequence within the year —
 * `泉内外贸纪〔2026〕3号` for `2026年第3次调度会`. Both are fixed when the meeting is scheduled, so the number never
 * changes (a later change of date keeps it) and two meetings never share one.
 */
export const minutesNumber = (settings: DocumentSettingsT, meeting: Pick<MeetingT, 'year' | 'seq'>) =>
  formatDocumentNumber(settings.minutesPrefix, meeting.year, meeting.seq);

/** What an agenda entry's decision led to, as a sentence (empty for a note). */
function decisionOutcome(e: AgendaEntryT, unitName: UnitNameOf): string {
  if (e.decisionKind === 'item' && e.createdItemNumber) return `（已立为调度事项${e.createdItemNumber}。）`;
  if (e.decisionKind === 'order' && e.itemNumber) {
    return e.orderNumber
      ? `（事项${e.itemNumber}纳入交办单${e.orderNumber}。）`
      : `（事项${e.itemNumber}纳入本次会议交办单。）`;
  }
  if (e.itemNumber && e.unitId) return `（事项${e.itemNumber}，牵头单位：${unitName(e.unitId)}。）`;
  return '';
}

export interface MinutesDocumentInput {
  meeting: MeetingT;
  agenda: AgendaEntryT[];
  settings: DocumentSettingsT;
  unitName: UnitNameOf;
}

/**
 * 会议纪要: the minutes header (`…会议纪要`, GB/T 9704 §10.3), number, title, an opening paragraph (date, chair,
 * place), the minutes text, one heading per decided agenda entry with its decision, the attending units, the
 * signature dated the meeting day, and the 版记.
 */
export function minutesDocument({ meeting, agenda, settings, unitName }: MinutesDocumentInput): OfficialDocument {
  const date = chineseDate(meeting.heldAt);
  const chair = meeting.chair.trim();
  const place = meeting.place.trim();
  const opening =
    `${date}，${chair || settings.issuingBody}${place ? `在${place}` : ''}${chair ? '主持' : ''}召开${meeting.number}` +
    `${meeting.title !== meeting.number ? `（${meeting.title}）` : ''}，听取有关单位工作推进情况汇报，研究协调有关问题。现将会议议定事项纪要如下：`;
  const body: BodyBlock[] = [{ kind: 'paragraph', text: opening }, ...paragraphs(meeting.minutes)];
  const decided = [...agenda].sort((a, b) => a.position - b.position).filter((e) => e.decision.trim());
  if (decided.length === 0) body.push({ kind: 'paragraph', text: '本次会议未形成议定事项。' });
  for (const e of decided) {
    body.push({ kind: 'heading', level: 1, text: e.topic });
    const lines = paragraphs(e.decision);
    const outcome = decisionOutcome(e, unitName);
    const last = lines.at(-1);
    if (outcome && last) last.text += outcome;
    body.push(...lines);
  }
  const attendees = uniq(meeting.attendingUnitIds.map(unitName));
  if (chair) body.push({ kind: 'paragraph', text: `主持：${chair}`, indent: false, align: 'left' });
  if (attendees.length) {
    body.push({ kind: 'paragraph', text: `参会单位：${attendees.join('、')}`, indent: false, align: 'left' });
  }
  const title = meeting.title.endsWith('纪要') ? meeting.title : `${meeting.title}纪要`;
  return {
    header: { issuer: `${settings.issuingBody}会议纪要`, number: minutesNumber(settings, meeting) },
    title,
    body,
    signature: { issuer: settings.signature, date: meeting.heldAt },
    record: { copyTo: copyToList(settings.copyTo), printer: settings.printer, printDate: meeting.heldAt },
    author: settings.issuingBody,
  };
}

/** `交办单-泉内外贸交〔2026〕12号.docx`; a draft (no number yet) `交办单-草稿.docx`. */
export const orderFileName = (order: Pick<OrderT, 'number'>, format: 'docx' | 'pdf') =>
  `交办单-${order.number ?? '草稿'}.${format}`;

/** `会议纪要-泉内外贸纪〔2026〕3号.docx`. */
export const minutesFileName = (number: string, format: 'docx' | 'pdf') => `会议纪要-${number}.${format}`;
