/** The dispatch-meeting list as an xlsx sheet: the list's filters and scope, every page, in the caller's language. */
import type { Locale, MeetingState, MeetingT, MeetingType, RouteQuery } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { type BilingualColumn, pagedRows, sheetIn } from '../../lib/list-export';
import type { ExportSheet } from '../../lib/xlsx';
import { meetingListFilter, meetingListOrder, presentMeeting, selectMeetingsForExport } from './meetings.repository';

type L = Record<Locale, string>;

const STATE: Record<MeetingState, L> = {
  planned: { 'zh-CN': '筹备中', 'en-US': 'Planned' },
  held: { 'zh-CN': '已召开', 'en-US': 'Held' },
};
const TYPE: Record<MeetingType, L> = {
  regular: { 'zh-CN': '例行调度会', 'en-US': 'Regular' },
  special: { 'zh-CN': '专题调度会', 'en-US': 'Special' },
};

const COLUMNS: BilingualColumn[] = [
  { key: 'number', header: { 'zh-CN': '期数', 'en-US': 'Number' }, width: 22, kind: 'string' },
  { key: 'title', header: { 'zh-CN': '会议名称', 'en-US': 'Title' }, width: 40, kind: 'string' },
  { key: 'type', header: { 'zh-CN': '类型', 'en-US': 'Type' }, width: 12, kind: 'string' },
  { key: 'heldAt', header: { 'zh-CN': '会议时间', 'en-US': 'Date' }, width: 18, kind: 'datetime' },
  { key: 'state', header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 10, kind: 'string' },
  { key: 'chair', header: { 'zh-CN': '主持人', 'en-US': 'Chair' }, width: 14, kind: 'string' },
  { key: 'agendaCount', header: { 'zh-CN': '议题数', 'en-US': 'Agenda entries' }, width: 10, kind: 'number' },
  { key: 'decidedCount', header: { 'zh-CN': '已议定', 'en-US': 'Decisions' }, width: 10, kind: 'number' },
  { key: 'orders', header: { 'zh-CN': '交办单文号', 'en-US': 'Order number' }, width: 26, kind: 'string' },
];

/** One spreadsheet row of a meeting; `orderNumbers`: its issued orders (usually one, none before issue). */
export function meetingRow(m: MeetingT, orderNumbers: readonly string[], locale: Locale): Record<string, unknown> {
  return {
    number: m.number,
    title: m.title,
    type: TYPE[m.type][locale],
    heldAt: m.heldAt,
    state: STATE[m.state][locale],
    chair: m.chair,
    agendaCount: m.agendaCount,
    decidedCount: m.decidedCount,
    orders: orderNumbers.length ? orderNumbers.join(locale === 'en-US' ? ', ' : '、') : null,
  };
}

/** The meetings `listMeetings` would show for `query` (same filter, scope and order), all pages up to the cap. */
export function meetingSheet(db: Db, ctx: AuthedContext, query: RouteQuery<'listMeetings'>): ExportSheet {
  const where = meetingListFilter(ctx.actor, query);
  const rows = pagedRows(async (offset, limit) =>
    (
      await selectMeetingsForExport(db).where(where).orderBy(meetingListOrder).limit(limit).offset(offset).execute()
    ).map((r) => meetingRow(presentMeeting(r), r.order_numbers, ctx.locale)),
  );
  return sheetIn(ctx.locale, { 'zh-CN': '调度会', 'en-US': 'Dispatch meetings' }, COLUMNS, rows);
}
