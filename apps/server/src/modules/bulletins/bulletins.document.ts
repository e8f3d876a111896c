/**
 * The bulletin (通报) as an official document: a pure mapping of its sections and edited text to the document model
 * of `lib/documents`. Chinese only, like every 公文. Sections (docs/documents.md): the opening, 一、总体情况 (the
 * headline figures), 二、各单位办理情况 (the unit table, best and worst three highlighted, then the bar chart of the
 * on-time rates), 三、各县（市、区）争先榜 (the cockpit's county league table, when there are figures), 四、超期未办结事项,
 * 五、红牌督办事项, 六、通报表扬, 七、通报批评, 八、下步工作要求.
 */
import type {
  BulletinItemRowT,
  BulletinSectionsT,
  BulletinT,
  BulletinTextT,
  DocumentSettingsT,
  LeagueT,
} from '@zaitun/contracts';
import { type Bar, barChartHeight, barChartSvg, CHART_WIDTH, MAX_BARS } from '../../lib/documents/charts';
import { type BodyBlock, chineseDate, type OfficialDocument, type ParagraphBlock } from '../../lib/documents/model';
import { copyToList } from '../official-docs/official-docs.domain';
import { headlineSentence, percent, periodLabel } from './bulletins.domain';

function paragraphs(text: string): ParagraphBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): ParagraphBlock => ({ kind: 'paragraph', text: line }));
}

/** `超4天`; an item due less than a day before the period's end is `超期不足1天`, not `超0天`. */
export const overdueWords = (days: number) => (days > 0 ? `超${days}天` : '超期不足1天');

function itemTable(rows: readonly BulletinItemRowT[], last: { title: string; cell: (r: BulletinItemRowT) => string }) {
  return {
    kind: 'table' as const,
    columns: [
      { title: '序号', width: 1.3, align: 'center' as const },
      { title: '事项编号', width: 2.5, align: 'center' as const },
      { title: '事项', width: 5.4 },
      { title: '牵头单位', width: 2.8 },
      { title: last.title, width: 3.4, align: 'center' as const },
    ],
    rows: rows.map((r, i) => [String(i + 1), r.number, r.title, r.leadUnitNameZh, last.cell(r)]),
  };
}

/** With more ranked units than the chart holds, it shows this many at each end (the best, then the worst). */
export const CHART_ENDS = MAX_BARS / 2;

/**
 * 各单位按时办结率: a horizontal bar per ranked unit in the table's order (best at the top), value labels `92.3%`, the
 * table's best and worst three highlighted, the city-wide rate as a dashed line. Units with too few closed items
 * (not ranked, `—` or an unranked rate in the table) are left out and counted in the note. More than MAX_BARS
 * ranked units: the best and worst CHART_ENDS with a `……` row between, and the caption says so. No ranked unit: a
 * sentence instead. SVG by ECharts, synchronously (charts.ts).
 */
export function onTimeChart(sections: BulletinSectionsT): BodyBlock[] {
  // computeSections takes commendationMinResolved from the metrics' minimum sample: below it a unit is not ranked.
  const minSample = sections.commendationMinResolved;
  const ranked = sections.units.filter((u) => u.resolved >= minSample && u.resolvedOnTime.rate !== null);
  const unranked = sections.units.length - ranked.length;
  const left = unranked ? `办结事项少于${minSample}项的${unranked}个单位不参与排名，未列入图中。` : '';
  if (ranked.length === 0) {
    return sections.units.length
      ? [{ kind: 'paragraph', text: `本期各单位办结事项均少于${minSample}项，不作按时办结率排名。` }]
      : [];
  }
  const bar = (u: (typeof ranked)[number]): Bar => ({
    name: u.nameZh,
    value: Math.round((u.resolvedOnTime.rate ?? 0) * 1000) / 10,
    label: percent(u.resolvedOnTime),
    highlight: u.mark !== null,
  });
  const cut = ranked.length > MAX_BARS;
  const bars = cut
    ? [...ranked.slice(0, CHART_ENDS).map(bar), { name: '……', value: null }, ...ranked.slice(-CHART_ENDS).map(bar)]
    : ranked.map(bar);
  const city = sections.headline.resolvedOnTime;
  const height = barChartHeight(bars.length);
  const svg = barChartSvg({
    bars,
    height,
    max: 100,
    unit: '%',
    ...(city.rate !== null
      ? { markLine: { value: Math.round(city.rate * 1000) / 10, label: `全市 ${percent(city)}` } }
      : {}),
  });
  const note = [
    cut ? `参与排名的${ranked.length}个单位中，图中列出按时办结率前${CHART_ENDS}位和后${CHART_ENDS}位。` : '',
    bars.some((b) => b.highlight) ? '突出显示的为排名前三位和后三位的单位。' : '',
    city.rate !== null ? `虚线为全市按时办结率（${percent(city)}）。` : '',
    left,
  ].join('');
  return [
    {
      kind: 'chart',
      svg,
      width: CHART_WIDTH,
      height,
      caption: cut ? `各单位按时办结率（前${CHART_ENDS}位和后${CHART_ENDS}位）` : '各单位按时办结率',
    },
    ...(note ? [{ kind: 'paragraph' as const, text: `注：${note}`, indent: false }] : []),
  ];
}

export interface BulletinDocumentInput {
  bulletin: BulletinT;
  sections: BulletinSectionsT;
  text: BulletinTextT;
  settings: DocumentSettingsT;
  /** The day a draft prints as its date (a published bulletin prints its publication day). */
  today: Date;
}

export function bulletinDocument({
  bulletin,
  sections,
  text,
  settings,
  today,
}: BulletinDocumentInput): OfficialDocument {
  const day = bulletin.publishedAt ?? today;
  const label = periodLabel(bulletin.periodKind, bulletin.from, bulletin.to);
  const units = sections.units;
  const highlightRows = units.flatMap((u, i) => (u.mark ? [i] : []));
  const body: BodyBlock[] = [
    ...paragraphs(text.opening),
    { kind: 'heading', level: 1, text: '总体情况' },
    { kind: 'paragraph', text: headlineSentence(sections, label) },
    { kind: 'heading', level: 1, text: '各单位办理情况' },
    units.length
      ? {
          kind: 'table',
          caption: `${label}各单位调度事项办理情况`,
          columns: [
            { title: '序号', width: 1.3, align: 'center' },
            { title: '单位', width: 4.2 },
            { title: '收件', width: 1.5, align: 'center' },
            { title: '办结', width: 1.5, align: 'center' },
            { title: '按时办结率', width: 2.4, align: 'center' },
            { title: '催办', width: 1.5, align: 'center' },
            { title: '重办', width: 1.5, align: 'center' },
            { title: '满意率', width: 2.2, align: 'center' },
          ],
          rows: units.map((u) => [
            String(u.position),
            u.nameZh,
            String(u.received),
            String(u.resolved),
            percent(u.resolvedOnTime),
            String(u.urged),
            String(u.redone),
            percent(u.satisfaction),
          ]),
          highlightRows,
        }
      : { kind: 'paragraph', text: '本期没有参与考评的单位。' },
  ];
  if (highlightRows.length) {
    body.push({ kind: 'paragraph', text: '注：表中突出显示的为按时办结率排名前三位和后三位的单位。', indent: false });
  }
  body.push(...onTimeChart(sections));
  if (sections.league) body.push(...leagueBlocks(sections.league));
  body.push({ kind: 'heading', level: 1, text: '超期未办结事项' });
  body.push(
    sections.overdue.length
      ? itemTable(sections.overdue, {
          title: '办结时限',
          cell: (r) => (r.deadline ? `${chineseDate(r.deadline)}（${overdueWords(r.daysOverdue ?? 0)}）` : ''),
        })
      : { kind: 'paragraph', text: '截至期末，没有超期未办结的事项。' },
  );
  body.push({ kind: 'heading', level: 1, text: '红牌督办事项' });
  body.push(
    sections.redCards.length
      ? itemTable(sections.redCards, { title: '督办日期', cell: (r) => (r.at ? chineseDate(r.at) : '') })
      : { kind: 'paragraph', text: '本期没有红牌督办的事项。' },
  );
  body.push({ kind: 'heading', level: 1, text: '通报表扬' });
  body.push(...paragraphs(text.commendation));
  body.push({ kind: 'heading', level: 1, text: '通报批评' });
  body.push(...paragraphs(text.criticism));
  body.push({ kind: 'heading', level: 1, text: '下步工作要求' });
  body.push(...paragraphs(text.requirements));
  return {
    header: { issuer: settings.redHeader, ...(bulletin.number ? { number: bulletin.number } : {}) },
    title: bulletin.title,
    addressees: [settings.addressees],
    body,
    signature: { issuer: settings.signature, date: day },
    record: { copyTo: copyToList(settings.copyTo), printer: settings.printer, printDate: day },
    author: settings.issuingBody,
  };
}

/** The league table shows the score and the components of the largest weight (the page holds about eight columns). */
export const LEAGUE_COLUMNS = 4;

const fixed = (v: number | null, decimals: number) => (v === null ? '—' : v.toFixed(decimals));

/**
 * 各县（市、区）争先榜: rank, county, composite score and the heaviest components' values, then a note on how the score
 * is made and the data month with its time progress (序时进度).
 */
export function leagueBlocks(league: LeagueT): BodyBlock[] {
  const shown = league.columns
    .map((c, k) => ({ c, k }))
    .sort((a, b) => b.c.weight - a.c.weight || a.k - b.k)
    .slice(0, LEAGUE_COLUMNS)
    .sort((a, b) => a.k - b.k);
  const month = `${league.year}年${league.month}月`;
  const weights = league.columns.map((c) => `${c.labelZh}${c.weight}`).join('、');
  return [
    { kind: 'heading', level: 1, text: '各县（市、区）争先榜' },
    {
      kind: 'table',
      caption: `${month}各县（市、区）争先榜`,
      columns: [
        { title: '名次', width: 1.3, align: 'center' },
        { title: '县（市、区）', width: 3.2 },
        { title: '综合得分', width: 1.9, align: 'center' },
        ...shown.map(({ c }) => ({
          title: `${c.labelZh}（${c.unit}）`,
          width: (15.6 - 6.4) / Math.max(1, shown.length),
          align: 'center' as const,
        })),
      ],
      rows: league.rows.map((r) => [
        r.rank === null ? '—' : String(r.rank),
        r.unit.nameZh,
        fixed(r.score, 1),
        ...shown.map(({ c, k }) => fixed(r.cells[k]?.value ?? null, c.decimals)),
      ]),
    },
    {
      kind: 'paragraph',
      indent: false,
      text: `注：数据截至${month}，序时进度${league.timeProgress.toFixed(1)}%；综合得分按各项排名赋分（第一名100分，末名0分）加权平均，权重为${weights}。`,
    },
  ];
}

/** `通报-泉内外贸通〔2026〕5号.docx`; a draft `通报-草稿.docx`. */
export const bulletinFileName = (b: Pick<BulletinT, 'number'>, format: 'docx' | 'pdf') =>
  `通报-${b.number ?? '草稿'}.${format}`;
