/**
 * The county league table (争先榜) a bulletin carries from the cockpit: rank, county, composite score and each
 * component's value (its rank beneath), completion cells coloured by their light. As snapshotted with the bulletin.
 */
import type { LeagueT } from '@zaitun/contracts';
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';

type Row = LeagueT['rows'][number];

const LIGHT_COLOURS: Record<string, string> = { green: '#389e0d', yellow: '#d48806', red: '#cf1322' };

export function BulletinLeagueCard({ league }: { league: LeagueT }) {
  const { t } = useTranslation();
  const en = currentLocale() === 'en-US';
  const columns: ColumnsType<Row> = [
    {
      title: t('bulletins.league.rank'),
      key: 'rank',
      width: 64,
      align: 'center',
      render: (_, r) => r.rank ?? '—',
    },
    {
      title: t('bulletins.league.county'),
      key: 'county',
      width: 150,
      render: (_, r) => (en ? r.unit.nameEn || r.unit.nameZh : r.unit.nameZh),
    },
    {
      title: t('bulletins.league.score'),
      key: 'score',
      width: 80,
      align: 'right',
      render: (_, r) => (r.score === null ? '—' : r.score.toFixed(1)),
    },
    ...league.columns.map((c, k): ColumnsType<Row>[number] => ({
      title: (
        <span>
          {en ? c.labelEn : c.labelZh}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontWeight: 400 }}>
            {c.unit} · {t('bulletins.league.weight', { weight: c.weight })}
          </Typography.Text>
        </span>
      ),
      key: c.key,
      align: 'right',
      render: (_, r) => {
        const cell = r.cells[k];
        if (!cell || cell.value === null) return '—';
        return (
          <span>
            <span style={{ color: cell.light ? LIGHT_COLOURS[cell.light] : undefined }}>
              {cell.value.toFixed(c.decimals)}
            </span>
            {cell.rank !== null ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('bulletins.league.nth', { rank: cell.rank })}
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    })),
  ];
  return (
    <Card
      title={t('bulletins.league.title')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <Typography.Text type="secondary">
          {t('bulletins.league.asOf', {
            year: league.year,
            month: league.month,
            progress: league.timeProgress.toFixed(1),
          })}
        </Typography.Text>
      }
    >
      <Table<Row>
        data-testid="bulletin-league"
        aria-label={t('bulletins.league.title')}
        size="small"
        rowKey={(r) => r.unit.unitId}
        columns={columns}
        dataSource={league.rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('bulletins.league.note')}
      </Typography.Paragraph>
    </Card>
  );
}
