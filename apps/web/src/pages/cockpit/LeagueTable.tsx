/**
 * The league table (争先榜) of counties or of working groups: rank, unit, composite score and every component
 * (value with its own rank), sortable, each cell coloured by its light (completion against time progress) or,
 * without one, by its rank; downloadable as the server's xlsx or as a PNG drawn here.
 */
import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import type { LeagueBoard } from '@zaitun/contracts';
import { App, Button, Card, Empty, Segmented, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leagueExportUrl } from '../../api/cockpit';
import { currentLocale } from '../../i18n';
import { DrillNumber } from './CountyView';
import { formatFigure, formatPercent, lightCellColor, rankCellColor } from './format';
import { leaguePng, saveBlob } from './league-png';
import type { LeagueColumnT, LeagueData, LeagueRowT } from './types';

const byNullable = (a: number | null, b: number | null) =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);

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

  const columns: TableColumnsType<LeagueRowT> = [
    {
      title: t('cockpit.league.rank'),
      key: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      sorter: (a, b) => byNullable(a.rank, b.rank),
      defaultSortOrder: 'ascend',
      render: (_, r) => r.rank ?? '—',
    },
    {
      title: t('cockpit.league.unit'),
      key: 'unit',
      width: 130,
      fixed: 'left',
      ellipsis: true,
      render: (_, r) => unitName(r.unit),
    },
    {
      title: t('cockpit.league.score'),
      key: 'score',
      width: 84,
      align: 'right',
      sorter: (a, b) => (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY),
      render: (_, r) => <strong>{formatFigure(r.score, 1)}</strong>,
    },
    ...(league?.columns ?? []).map((c, i): TableColumnsType<LeagueRowT>[number] => ({
      key: c.key,
      width: 104,
      align: 'right',
      title: (
        <span className="cockpit-league-head" title={label(c)}>
          <span>{label(c)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 11, fontWeight: 'normal' }}>
            {`${c.unit} · ${t('cockpit.league.weight', { weight: c.weight })}`}
          </Typography.Text>
        </span>
      ),
      sorter: (a, b) => byNullable(a.cells[i]?.rank ?? null, b.cells[i]?.rank ?? null),
      onCell: (r) => {
        const cell = r.cells[i];
        const bg = cell ? (lightCellColor(cell.light) ?? rankCellColor(cell.rank, ranked)) : undefined;
        return { style: bg ? { background: bg } : {}, 'data-light': cell?.light ?? undefined } as object;
      },
      render: (_, r) => {
        const cell = r.cells[i];
        if (!cell) return '—';
        const text = c.unit === '%' ? formatPercent(cell.value, c.decimals) : formatFigure(cell.value, c.decimals);
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            <DrillNumber figureId={cell.figureId} text={text} onDrill={onDrill} testId="league-cell" />
            {cell.rank !== null && <span className="cockpit-league-rank">{cell.rank}</span>}
          </span>
        );
      },
    })),
  ];

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
      <Table<LeagueRowT>
        size="small"
        rowKey={(r) => r.unit.unitId}
        loading={loading}
        columns={columns}
        dataSource={league?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="league-table"
        locale={{ emptyText: <Empty description={t('cockpit.league.empty')} /> }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {t('cockpit.league.colouring')}
      </Typography.Text>
    </Card>
  );
}
