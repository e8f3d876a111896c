/** The item list as an xlsx sheet: the list's filters, scope and order, every page up to the cap, in the caller's language. */
import type { ItemT, Locale, RouteQuery } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { type BilingualColumn, pagedRows, sheetIn } from '../../lib/list-export';
import type { ExportSheet } from '../../lib/xlsx';
import { type ItemViewer, listFilter, orderBy, presentItem, selectItems } from './items.repository';
import { viewerFor } from './items.service';

type L = Record<Locale, string>;
const STATE: Record<ItemT['state'], L> = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  pending_dispatch: { 'zh-CN': '待分派', 'en-US': 'To dispatch' },
  assigned: { 'zh-CN': '待签收', 'en-US': 'To sign' },
  in_progress: { 'zh-CN': '办理中', 'en-US': 'In progress' },
  resolved: { 'zh-CN': '待审核', 'en-US': 'Resolved' },
  closed: { 'zh-CN': '已办结', 'en-US': 'Closed' },
  cancelled: { 'zh-CN': '已撤销', 'en-US': 'Cancelled' },
};
const PRIORITY: Record<ItemT['priority'], L> = {
  urgent: { 'zh-CN': '特急', 'en-US': 'Urgent' },
  high: { 'zh-CN': '加急', 'en-US': 'High' },
  normal: { 'zh-CN': '一般', 'en-US': 'Normal' },
};
const SOURCE: Record<ItemT['source'], L> = {
  enterprise_demand: { 'zh-CN': '企业诉求', 'en-US': 'Enterprise demand' },
  meeting_decision: { 'zh-CN': '会议决定', 'en-US': 'Meeting decision' },
  unit_report: { 'zh-CN': '单位上报', 'en-US': 'Unit report' },
  leader_instruction: { 'zh-CN': '领导批示', 'en-US': 'Leader instruction' },
  coordination: { 'zh-CN': '协调事项', 'en-US': 'Coordination request' },
};
const LIGHT: Record<NonNullable<ItemT['light']>, L> = {
  green: { 'zh-CN': '绿灯', 'en-US': 'Green' },
  yellow: { 'zh-CN': '黄灯', 'en-US': 'Yellow' },
  red: { 'zh-CN': '红灯', 'en-US': 'Red' },
};
const CARD: Record<'yellow' | 'red', L> = {
  yellow: { 'zh-CN': '黄牌', 'en-US': 'Yellow card' },
  red: { 'zh-CN': '红牌', 'en-US': 'Red card' },
};

const COLUMNS: BilingualColumn[] = [
  { key: 'number', header: { 'zh-CN': '编号', 'en-US': 'Number' }, width: 12, kind: 'string' },
  { key: 'title', header: { 'zh-CN': '事项', 'en-US': 'Title' }, width: 40, kind: 'string' },
  { key: 'category', header: { 'zh-CN': '类别', 'en-US': 'Category' }, width: 12, kind: 'string' },
  { key: 'source', header: { 'zh-CN': '来源', 'en-US': 'Source' }, width: 12, kind: 'string' },
  { key: 'priority', header: { 'zh-CN': '紧急程度', 'en-US': 'Priority' }, width: 10, kind: 'string' },
  { key: 'state', header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 10, kind: 'string' },
  { key: 'light', header: { 'zh-CN': '灯色', 'en-US': 'Light' }, width: 8, kind: 'string' },
  { key: 'escalation', header: { 'zh-CN': '督办', 'en-US': 'Escalation' }, width: 10, kind: 'string' },
  { key: 'lead', header: { 'zh-CN': '牵头单位', 'en-US': 'Lead unit' }, width: 20, kind: 'string' },
  { key: 'co', header: { 'zh-CN': '配合单位', 'en-US': 'Co-units' }, width: 28, kind: 'string' },
  { key: 'county', header: { 'zh-CN': '所属县（市、区）', 'en-US': 'County' }, width: 14, kind: 'string' },
  { key: 'raisedBy', header: { 'zh-CN': '登记人', 'en-US': 'Raised by' }, width: 12, kind: 'string' },
  { key: 'createdAt', header: { 'zh-CN': '登记时间', 'en-US': 'Registered' }, width: 18, kind: 'datetime' },
  { key: 'deadline', header: { 'zh-CN': '办理时限', 'en-US': 'Deadline' }, width: 18, kind: 'datetime' },
  { key: 'resolvedAt', header: { 'zh-CN': '办结时间', 'en-US': 'Resolved' }, width: 18, kind: 'datetime' },
  { key: 'urgeCount', header: { 'zh-CN': '催办次数', 'en-US': 'Urges' }, width: 8, kind: 'number' },
  { key: 'redoCount', header: { 'zh-CN': '重办次数', 'en-US': 'Redos' }, width: 8, kind: 'number' },
  { key: 'rating', header: { 'zh-CN': '评价', 'en-US': 'Rating' }, width: 6, kind: 'number' },
];

type NameMap = Map<string, { nameZh: string; nameEn: string }>;

export interface Names {
  units: NameMap;
  categories: NameMap;
}

/** One spreadsheet row of an item; units and categories by name in `locale` (co-units joined with 、). */
export function itemRow(i: ItemT, names: Names, locale: Locale): Record<string, unknown> {
  const name = (m: NameMap, id: string | null) => {
    const n = id ? m.get(id) : undefined;
    return n ? (locale === 'en-US' ? n.nameEn || n.nameZh : n.nameZh) : '';
  };
  return {
    number: i.number,
    title: i.title,
    category: name(names.categories, i.category) || i.category,
    source: SOURCE[i.source][locale],
    priority: PRIORITY[i.priority][locale],
    state: STATE[i.state][locale],
    light: i.light ? LIGHT[i.light][locale] : '',
    escalation: i.escalation ? CARD[i.escalation][locale] : '',
    lead: name(names.units, i.leadUnitId),
    co: i.coUnits.map((c) => name(names.units, c.unitId)).join('、'),
    county: name(names.units, i.countyUnitId),
    raisedBy: i.raisedByName,
    createdAt: new Date(i.createdAt),
    deadline: i.deadline ? new Date(i.deadline) : null,
    resolvedAt: i.resolvedAt ? new Date(i.resolvedAt) : null,
    urgeCount: i.urgeCount,
    redoCount: i.redoCount,
    rating: i.rating,
  };
}

async function loadNames(db: Db): Promise<Names> {
  const [units, categories] = await Promise.all([
    db.selectFrom('units').select(['id', 'name_zh', 'name_en']).execute(),
    db
      .selectFrom('dictionary_entries')
      .select(['code', 'name_zh', 'name_en'])
      .where('dict', '=', 'item_category')
      .execute(),
  ]);
  return {
    units: new Map(units.map((u) => [u.id, { nameZh: u.name_zh, nameEn: u.name_en }])),
    categories: new Map(categories.map((c) => [c.code, { nameZh: c.name_zh, nameEn: c.name_en }])),
  };
}

/** The items `listItems` would show for `query` (same filter, scope and order), all pages up to the export cap. */
export async function itemSheet(
  db: Db,
  ctx: AuthedContext,
  query: RouteQuery<'listItems'>,
  now: Date,
): Promise<ExportSheet> {
  const names = await loadNames(db);
  const where = listFilter(ctx.actor, query, now);
  // The clock rules are read once, with the first page that needs them.
  let viewer: ItemViewer | undefined;
  const rows = pagedRows(async (offset, limit) => {
    const page = await selectItems(db).where(where).orderBy(orderBy(query)).limit(limit).offset(offset).execute();
    if (!viewer?.clock) viewer = await viewerFor(db, ctx, page);
    const pageViewer = viewer;
    return page.map((r) => itemRow(presentItem(r, now, pageViewer), names, ctx.locale));
  });
  return sheetIn(ctx.locale, { 'zh-CN': '调度事项', 'en-US': 'Dispatch items' }, COLUMNS, rows);
}
