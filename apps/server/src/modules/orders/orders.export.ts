/** The assignment-order list as an xlsx sheet: the list's filters and scope, every page, in the caller's language. */
import type { Locale, OrderListQueryT, OrderState, OrderT } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { type BilingualColumn, pagedRows, sheetIn } from '../../lib/list-export';
import type { ExportSheet } from '../../lib/xlsx';
import { orderListFilter, orderListOrder, presentOrder, selectOrdersForExport } from './orders.repository';

type L = Record<Locale, string>;

const STATE: Record<OrderState, L> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  issued: { 'zh-CN': '已签发', 'en-US': 'Issued' },
  completed: { 'zh-CN': '已完成', 'en-US': 'Completed' },
  withdrawn: { 'zh-CN': '已撤回', 'en-US': 'Withdrawn' },
};

const COLUMNS: BilingualColumn[] = [
  { key: 'number', header: { 'zh-CN': '文号', 'en-US': 'Number' }, width: 26, kind: 'string' },
  { key: 'title', header: { 'zh-CN': '标题', 'en-US': 'Title' }, width: 40, kind: 'string' },
  { key: 'state', header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 10, kind: 'string' },
  { key: 'issuedAt', header: { 'zh-CN': '签发时间', 'en-US': 'Issued' }, width: 18, kind: 'datetime' },
  { key: 'addressees', header: { 'zh-CN': '主送单位', 'en-US': 'Addressees' }, width: 36, kind: 'string' },
  { key: 'itemCount', header: { 'zh-CN': '事项数', 'en-US': 'Items' }, width: 8, kind: 'number' },
  { key: 'closedCount', header: { 'zh-CN': '已办结事项', 'en-US': 'Closed items' }, width: 10, kind: 'number' },
  { key: 'confirmed', header: { 'zh-CN': '已签收单位', 'en-US': 'Receipts confirmed' }, width: 10, kind: 'number' },
  { key: 'addresseeCount', header: { 'zh-CN': '应签收单位', 'en-US': 'Receipts due' }, width: 10, kind: 'number' },
  { key: 'feedbackDue', header: { 'zh-CN': '反馈日期', 'en-US': 'Feedback due' }, width: 12, kind: 'date' },
];

export type UnitNames = Map<string, { nameZh: string; nameEn: string }>;

/** One spreadsheet row of an order; receipts only once it is issued (before that nobody has been asked). */
export function orderRow(o: OrderT, closedCount: number, units: UnitNames, locale: Locale): Record<string, unknown> {
  const name = (id: string) => {
    const n = units.get(id);
    return n ? (locale === 'en-US' ? n.nameEn || n.nameZh : n.nameZh) : '';
  };
  return {
    number: o.number,
    title: o.title,
    state: STATE[o.state][locale],
    issuedAt: o.issuedAt,
    addressees: o.units.map((u) => name(u.unitId)).join(locale === 'en-US' ? ', ' : '、'),
    itemCount: o.itemCount,
    closedCount,
    confirmed: o.issuedAt ? o.units.filter((u) => u.confirmedAt).length : null,
    addresseeCount: o.issuedAt ? o.units.length : null,
    feedbackDue: o.feedbackDue,
  };
}

/** The orders `listOrders` would show for `query` (same filter, scope and order), all pages up to the export cap. */
export async function orderSheet(db: Db, ctx: AuthedContext, query: OrderListQueryT): Promise<ExportSheet> {
  const unitRows = await db.selectFrom('units').select(['id', 'name_zh', 'name_en']).execute();
  const units: UnitNames = new Map(unitRows.map((u) => [u.id, { nameZh: u.name_zh, nameEn: u.name_en }]));
  const where = orderListFilter(ctx.actor, query);
  const rows = pagedRows(async (offset, limit) =>
    (await selectOrdersForExport(db).where(where).orderBy(orderListOrder).limit(limit).offset(offset).execute()).map(
      (r) => orderRow(presentOrder(r), Number(r.closed_count), units, ctx.locale),
    ),
  );
  return sheetIn(ctx.locale, { 'zh-CN': '交办单', 'en-US': 'Assignment orders' }, COLUMNS, rows);
}
