/** The unit metrics table as an xlsx sheet, in the caller's language; rates as percentages with one decimal. */
import type { Locale, RateT, UnitMetricsT } from '@zaitun/contracts';
import { type BilingualColumn, sheetIn } from '../../lib/list-export';
import type { ExportSheet } from '../../lib/xlsx';

type L = Record<Locale, string>;
const COLUMNS: BilingualColumn[] = [
  { key: 'rank', header: { 'zh-CN': '排名', 'en-US': 'Rank' }, width: 8, kind: 'string' },
  { key: 'unit', header: { 'zh-CN': '单位', 'en-US': 'Unit' }, width: 28, kind: 'string' },
  { key: 'received', header: { 'zh-CN': '收件数', 'en-US': 'Received' }, width: 10, kind: 'number' },
  {
    key: 'signedOnTime',
    header: { 'zh-CN': '按时签收率(%)', 'en-US': 'Signed on time (%)' },
    width: 14,
    kind: 'number',
  },
  { key: 'resolved', header: { 'zh-CN': '办结数', 'en-US': 'Resolved' }, width: 10, kind: 'number' },
  {
    key: 'resolvedOnTime',
    header: { 'zh-CN': '按时办结率(%)', 'en-US': 'Resolved on time (%)' },
    width: 14,
    kind: 'number',
  },
  { key: 'overdueNow', header: { 'zh-CN': '当前超期数', 'en-US': 'Overdue now' }, width: 12, kind: 'number' },
  { key: 'urgeRate', header: { 'zh-CN': '催办率(%)', 'en-US': 'Urge rate (%)' }, width: 12, kind: 'number' },
  { key: 'redoRate', header: { 'zh-CN': '重办率(%)', 'en-US': 'Redo rate (%)' }, width: 12, kind: 'number' },
  { key: 'satisfaction', header: { 'zh-CN': '满意率(%)', 'en-US': 'Satisfaction (%)' }, width: 12, kind: 'number' },
  {
    key: 'meanWorkingDays',
    header: { 'zh-CN': '平均办结用时(工作日)', 'en-US': 'Mean working days to resolve' },
    width: 18,
    kind: 'number',
  },
  { key: 'note', header: { 'zh-CN': '备注', 'en-US': 'Note' }, width: 22, kind: 'string' },
];

/** A rate as a percentage with one decimal (66.7), or empty when there is no denominator. */
export const percent = (r: RateT): number | null => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);

export function metricsSheet(m: UnitMetricsT, locale: Locale): ExportSheet {
  const tooFew: L = {
    'zh-CN': `样本不足（办结少于 ${m.minItemsForRanking} 件），不参与排名`,
    'en-US': `Too few items (fewer than ${m.minItemsForRanking} resolved), not ranked`,
  };
  const name: L = { 'zh-CN': `单位考评 ${m.from}至${m.to}`, 'en-US': `Units ${m.from} – ${m.to}` };
  return sheetIn(
    locale,
    name,
    COLUMNS,
    m.rows.map((r) => ({
      rank: r.rank === null ? '—' : String(r.rank),
      unit: locale === 'en-US' ? r.nameEn || r.nameZh : r.nameZh,
      received: r.received,
      signedOnTime: percent(r.signedOnTime),
      resolved: r.resolved,
      resolvedOnTime: percent(r.resolvedOnTime),
      overdueNow: r.overdueNow,
      urgeRate: percent(r.urgeRate),
      redoRate: percent(r.redoRate),
      satisfaction: percent(r.satisfaction),
      meanWorkingDays: r.meanWorkingDays === null ? null : Math.round(r.meanWorkingDays * 10) / 10,
      note: r.tooFew ? tooFew[locale] : '',
    })),
  );
}
