/**
 * The league table (争先榜) of counties or of working groups: rank, unit, composite score and every component
 * (value with its own rank), sortable, each cell coloured by its light (completion against time progress) or,
 * without one, by its rank; downloadable as the server's xlsx or as a PNG drawn here.
 *
 * It never scrolls sideways: the component columns share the card's width (a long label is cut with an ellipsis and
 * shown whole in its tooltip); when the card is too narrow for all of them (a 1280 px screen with many components,
 * a phone), the last ones move into a row that opens under each unit.
 */
import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import type { LeagueBoard } from '@zaitun/contracts';
import { App, Button, Card, Empty, Segmented, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leagueExportUrl } from '../../api/cockpit';
import { currentLocale } from '../../i18n';
import { DrillNumber } from './CountyView';
import { formatFigure, formatPercent, lightCellColor, rankCellColor } from './format';
import { leaguePng, saveBlob } from './league-png';
import type { LeagueColumnT, LeagueData, LeagueRowT } from './types';

const byNullable = (a: number | null, b: number | null) =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);

/** Widths (px) of the fixed columns, and the narrowest a component column may be (`−12.3%` with its rank `13`). */
const RANK_WIDTH = 56;
/** The unit's column: Chinese names are short (泉州经济技术开发区 is cut), English ones longer (Luojiang District). */
export const UNIT_WIDTH = { 'zh-CN': 104, 'en-US': 132 } as const;
const SCORE_WIDTH = 72;
const EXPAND_WIDTH = 40;
const MIN_COMPONENT_WIDTH = 88;
const MAX_COMPONENT_WIDTH = 140;

/**
 * How many component columns fit beside rank, unit and score in `width` px, and how wide each is; the others go
 * into the expanded row (which takes a column of its own). Before the width is known (0) all are shown.
 */
export function leagueLayout(
  width: number,
  components: number,
  unitWidth: number = UNIT_WIDTH['zh-CN'],
): { shown: number; columnWidth: number } {
  const fixed = RANK_WIDTH + unitWidth + SCORE_WIDTH;
  if (width <= 0 || components === 0) return { shown: components, columnWidth: MIN_COMPONENT_WIDTH };
  const all = Math.floor((width - fixed) / components);
  if (all >= MIN_COMPONENT_WIDTH) return { shown: components, columnWidth: Math.min(all, MAX_COMPONENT_WIDTH) };
  const shown = Math.max(0, Math.floor((width - fixed - EXPAND_WIDTH) / MIN_COMPONENT_WIDTH));
  const columnWidth = shown > 0 ? Math.floor((width - fixed - EXPAND_WIDTH) / shown) : MIN_COMPONENT_WIDTH;
  return { shown, columnWidth: Math.min(columnWidth, MAX_COMPONENT_WIDTH) };
}

// Inline: these styles belong to this table alone (cockpit.css holds the page's shared ones).
const headStyle = {
  display: 'flex',
  flexDirection: 'column',
  lineHeight: 1.3,
  minWidth: 0,
  whiteSpace: 'normal',
} as const;
/** At most two lines of a component's name, then an ellipsis (the tooltip has it whole); words kept whole. */
const headLabelStyle = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  fontSize: 12,
  wordBreak: 'normal',
  overflowWrap: 'anywhere',
} as const;
const headNoteStyle = { fontSize: 11, fontWeight: 'normal', whiteSpace: 'nowrap' } as const;
const MEASURES = ['completion', 'growth', 'value'] as const;

/**
 * A component's name without its measure, which the header shows on a line of its own: `出口额增速` → `出口额`,
 * `Exports (growth)` → `Exports`. A delivery metric (按时办结率) has no measure and keeps its label.
 */
export function componentName(c: LeagueColumnT, locale: 'zh-CN' | 'en-US', measureZh: string): string {
  if (c.kind !== 'indicator') return locale === 'en-US' ? c.labelEn : c.labelZh;
  if (locale === 'en-US') return c.labelEn.replace(/\s*\([^()]*\)$/u, '') || c.labelEn;
  return c.labelZh.endsWith(measureZh) && c.labelZh.length > measureZh.length
    ? c.labelZh.slice(0, -measureZh.length)
    : c.labelZh;
}
const moreStyle = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
  gap: 6,
  paddingInlineStart: RANK_WIDTH,
} as const;
const moreItemStyle = {
  display: 'flex',
  justifyContent: 'space-between',
  gap: 8,
  padding: '2px 8px',
  borderRadius: 4,
  border: '1px solid #f0f0f0',
  minWidth: 0,
} as const;
const moreLabelStyle = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  color: '#595959',
} as const;

/** The width of an element, followed as it changes (0 until measured, or where ResizeObserver is missing). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export function LeagueTable({
  league,
  board,
  onBoardChange,
  loading,
  onDrill,
}: {
  league: LeagueData | undefined;
  board: LeagueBoard;
  onBoardChange: (board: LeagueBoard) => void;
  loading: boolean;
  onDrill: (figureId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [drawing, setDrawing] = useState(false);
  const label = (c: LeagueColumnT) => (locale === 'en-US' ? c.labelEn : c.labelZh);
  const unitName = (u: LeagueRowT['unit']) => (locale === 'en-US' ? u.nameEn : u.nameZh);
  const ranked = league?.rows.filter((r) => r.rank !== null).length ?? 0;
  const boardName = board === 'county' ? t('cockpit.league.county') : t('cockpit.league.workingGroup');

  const [bodyRef, width] = useWidth<HTMLDivElement>();
  const components = league?.columns ?? [];
  const unitWidth = UNIT_WIDTH[locale === 'en-US' ? 'en-US' : 'zh-CN'];
  const layout = leagueLayout(width, components.length, unitWidth);
  const hidden = components.slice(layout.shown);
  // Ranked first, by rank; the unranked last in the server's order (the sorters of the other columns start from it).
  const rows = [...(league?.rows ?? [])].sort((a, b) => byNullable(a.rank, b.rank));

  const cellBackground = (r: LeagueRowT, i: number) => {
    const cell = r.cells[i];
    return cell ? (lightCellColor(cell.light) ?? rankCellColor(cell.rank, ranked)) : undefined;
  };
  const cellContent = (c: LeagueColumnT, r: LeagueRowT, i: number) => {
    const cell = r.cells[i];
    if (!cell) return '—';
    const text = c.unit === '%' ? formatPercent(cell.value, c.decimals) : formatFigure(cell.value, c.decimals);
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        <DrillNumber figureId={cell.figureId} text={text} onDrill={onDrill} testId="league-cell" />
        {cell.rank !== null && <span className="cockpit-league-rank">{cell.rank}</span>}
      </span>
    );
  };
  const unitAndWeight = (c: LeagueColumnT) => `${c.unit} · ${t('cockpit.league.weight', { weight: c.weight })}`;
  const measureOf = (c: LeagueColumnT, lng?: string) =>
    (MEASURES as readonly string[]).includes(c.measure)
      ? t(`cockpit.league.measure.${c.measure as (typeof MEASURES)[number]}`, lng ? { lng } : undefined)
      : c.measure;
  /**
   * The header: the indicator's name (two lines at most), its measure with the unit where the cells do not show
   * it (`总量（亿元）`; a `%` is in every cell), the weight. The tooltip has the whole label.
   */
  const header = (c: LeagueColumnT) => {
    const name = componentName(c, locale === 'en-US' ? 'en-US' : 'zh-CN', measureOf(c, 'zh-CN'));
    const measure = c.kind === 'indicator' ? measureOf(c) : null;
    return (
      <Tooltip title={`${label(c)} (${unitAndWeight(c)})`}>
        <span style={headStyle} data-col={c.key}>
          <span style={headLabelStyle}>{name}</span>
          {measure && (
            <span style={{ ...headNoteStyle, fontSize: 12, color: '#1d5fb4' }}>
              {c.unit === '%' ? measure : t('cockpit.league.measureUnit', { measure, unit: c.unit })}
            </span>
          )}
          <Typography.Text type="secondary" style={headNoteStyle}>
            {t('cockpit.league.weight', { weight: c.weight })}
          </Typography.Text>
        </span>
      </Tooltip>
    );
  };

  const columns: TableColumnsType<LeagueRowT> = [
    {
      title: t('cockpit.league.rank'),
      key: 'rank',
      width: RANK_WIDTH,
      align: 'center',
      // The rows come ranked; no sorter here, so that "Rank" fits its narrow column in either language.
      render: (_, r) => r.rank ?? '—',
    },
    {
      title: t('cockpit.league.unit'),
      key: 'unit',
      width: unitWidth,
      ellipsis: { showTitle: true },
      render: (_, r) => unitName(r.unit),
    },
    {
      title: t('cockpit.league.score'),
      key: 'score',
      width: SCORE_WIDTH,
      align: 'right',
      showSorterTooltip: false,
      sorter: (a, b) => (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY),
      render: (_, r) => <strong>{formatFigure(r.score, 1)}</strong>,
    },
    ...components.slice(0, layout.shown).map((c, i): TableColumnsType<LeagueRowT>[number] => ({
      key: c.key,
      width: layout.columnWidth,
      align: 'right',
      showSorterTooltip: false,
      title: header(c),
      sorter: (a, b) => byNullable(a.cells[i]?.rank ?? null, b.cells[i]?.rank ?? null),
      onCell: (r) => {
        const bg = cellBackground(r, i);
        return {
          style: bg ? { background: bg } : {},
          'data-col': c.key,
          'data-light': r.cells[i]?.light ?? undefined,
        } as object;
      },
      render: (_, r) => cellContent(c, r, i),
    })),
  ];

  // The components that do not fit: under each unit, label, value and rank, coloured as in the table.
  const expandedRow = (r: LeagueRowT) => (
    <div style={moreStyle} data-testid="league-more">
      {hidden.map((c, k) => {
        const i = layout.shown + k;
        const bg = cellBackground(r, i);
        return (
          <div key={c.key} data-col={c.key} style={{ ...moreItemStyle, ...(bg ? { background: bg } : {}) }}>
            <span style={moreLabelStyle} title={`${label(c)} (${unitAndWeight(c)})`}>
              {label(c)}
            </span>
            {cellContent(c, r, i)}
          </div>
        );
      })}
    </div>
  );

  const exportPng = async () => {
    if (!league) return;
    setDrawing(true);
    try {
      const blob = await leaguePng(league, {
        title: t('cockpit.league.pngTitle', { year: league.year, month: league.month, board: boardName }),
        footer: t('cockpit.league.pngFooter', { progress: formatPercent(league.timeProgress) }),
        rank: t('cockpit.league.rank'),
        unit: t('cockpit.league.unit'),
        score: t('cockpit.league.score'),
        columnLabel: (c) => `${label(c)}\n${c.unit} · ${t('cockpit.league.weight', { weight: c.weight })}`,
        unitName,
      });
      saveBlob(blob, `league-${league.board}-${league.year}-${String(league.month).padStart(2, '0')}.png`);
    } catch {
      message.error(t('error.unknown'));
    } finally {
      setDrawing(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('cockpit.league.title')}
      data-testid="league"
      extra={
        <Space wrap>
          <Segmented<LeagueBoard>
            size="small"
            value={board}
            onChange={onBoardChange}
            options={[
              { value: 'county', label: t('cockpit.league.county') },
              { value: 'working_group', label: t('cockpit.league.workingGroup') },
            ]}
          />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={league ? leagueExportUrl({ board, year: league.year, month: league.month }) : undefined}
            disabled={!league}
            download
          >
            {t('cockpit.league.exportXlsx')}
          </Button>
          <Button size="small" icon={<FileImageOutlined />} onClick={exportPng} loading={drawing} disabled={!league}>
            {t('cockpit.league.exportPng')}
          </Button>
        </Space>
      }
    >
      <div ref={bodyRef}>
        <Table<LeagueRowT>
          size="small"
          rowKey={(r) => r.unit.unitId}
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={false}
          tableLayout="fixed"
          expandable={
            hidden.length > 0
              ? { expandedRowRender: expandedRow, columnWidth: EXPAND_WIDTH, expandIconColumnIndex: columns.length }
              : undefined
          }
          data-testid="league-table"
          locale={{ emptyText: <Empty description={t('cockpit.league.empty')} /> }}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {t('cockpit.league.colouring')}
      </Typography.Text>
    </Card>
  );
}
