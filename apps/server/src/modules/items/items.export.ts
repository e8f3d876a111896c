/** The item list as an xlsx file, in the caller's language, streamed page by page. */
import type { ItemT, Locale } from '@zaitun/contracts';
import type { ExportSheet } from '../../lib/xlsx';

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

const COLUMNS: { key: string; header: L; width: number; kind?: 'string' | 'number' | 'datetime' }[] = [
  { key: 'number', header: { 'zh-CN': '编号', 'en-US': 'Number' }, width: 12 },
  { key: 'title', header: { 'zh-CN': '事项', 'en-US': 'Title' }, width: 40 },
  { key: 'category', header: { 'zh-CN': '类别', 'en-US': 'Category' }, width: 12 },
  { key: 'source', header: { 'zh-CN': '来源', 'en-US': 'Source' }, width: 12 },
  { key: 'priority', header: { 'zh-CN': '紧急程度', 'en-US': 'Priority' }, width: 10 },
  { key: 'state', header: { 'zh-CN': '状态', 'en-US': 'State' }, width: 10 },
  { key: 'light', header: { 'zh-CN': '灯色', 'en-US': 'Light' }, width: 8 },
  { key: 'escalation', header: { 'zh-CN': '督办', 'en-US': 'Escalation' }, width: 10 },
  { key: 'lead', header: { 'zh-CN': '牵头单位', 'en-US': 'Lead unit' }, width: 20 },
  { key: 'co', header: { 'zh-CN': '配合单位', 'en-US': 'Co-units' }, width: 28 },
  { key: 'county', header: { 'zh-CN': '所属县（市、区）', 'en-US': 'County' }, width: 14 },
  { key: 'raisedBy', header: { 'zh-CN': '登记人', 'en-US': 'Raised by' }, width: 12 },
  { key: 'createdAt', header: { 'zh-CN': '登记时间', 'en-US': 'Registered' }, width: 18, kind: 'datetime' },
  { key: 'deadline', header: { 'zh-CN': '办理时限', 'en-US': 'Deadline' }, width: 18, kind: 'datetime' },
  { key: 'resolvedAt', header: { 'zh-CN': '办结时间', 'en-US': 'Resolved' }, width: 18, kind: 'datetime' },
  { key: 'urgeCount', header: { 'zh-CN': '催办次数', 'en-US': 'Urges' }, width: 8, kind: 'number' },
  { key: 'redoCount', header: { 'zh-CN': '重办次数', 'en-US': 'Redos' }, width: 8, kind: 'number' },
  { key: 'rating', header: { 'zh-CN': '评价', 'en-US': 'Rating' }, width: 6, kind: 'number' },
];

export interface Names {
  units: Map<string, { nameZh: string; nameEn: string }>;
  categories: Map<string, { nameZh: string; nameEn: string }>;
}

export function itemSheet(rows: AsyncIterable<ItemT>, names: Names, locale: Locale): ExportSheet {
  const name = (m: Map<string, { nameZh: string; nameEn: string }>, id: string | null) => {
    const n = id ? m.get(id) : undefined;
    return n ? (locale === 'en-US' ? n.nameEn || n.nameZh : n.nameZh) : '';
  };
  async function* present() {
    for await (const i of rows) {
      yield {
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
  }
  return {
    name: locale === 'en-US' ? 'Dispatch items' : '调度事项',
    columns: COLUMNS.map((c) => ({ key: c.key, header: c.header[locale], width: c.width, kind: c.kind ?? 'string' })),
    rows: present(),
  };
}
