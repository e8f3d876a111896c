/**
 * One indicator across the counties: the Quanzhou map (coloured by the figure or by its light) beside the ranked
 * table (rank, county, value, YoY, share, completion, gap, light), the city's row at the foot. A county clicked on
 * either side is the one the trend chart shows; a figure clicked opens its drill-down.
 */
import { Card, Col, Row, Segmented, Table, type TableColumnsType, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountyMapMode, CountyValue } from '../../components/cockpit/county-map';
import { LazyCountyMap } from '../../components/cockpit/lazy-charts';
import { currentLocale } from '../../i18n';
import { formatFigure, formatPercent, formatPoints } from './format';
import { LightBadge, YoyText } from './HeadlineTiles';
import type { IndicatorRow, IndicatorTableData } from './types';

/** A figure as a link to its drill-down when it has a source row; plain text otherwise. */
export function DrillNumber({
  figureId,
  text,
  onDrill,
  testId,
}: {
  figureId: string | null;
  text: string;
  onDrill: (figureId: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!figureId || text === '—') return <span data-testid={testId}>{text}</span>;
  return (
    <Tooltip title={t('cockpit.drill.clickHint')} mouseEnterDelay={0.6}>
      <button
        type="button"
        className="cockpit-number"
        data-testid={testId}
        onClick={(e) => {
          e.stopPropagation();
          onDrill(figureId);
        }}
      >
        {text}
      </button>
    </Tooltip>
  );
}

/** Ranked first (by rank), then the unranked in the server's order. */
export function byRank(rows: readonly IndicatorRow[]): IndicatorRow[] {
  return [...rows].sort((a, b) => (a.cell.rank ?? Number.MAX_SAFE_INTEGER) - (b.cell.rank ?? Number.MAX_SAFE_INTEGER));
}

export function CountyView({
  table,
  loading,
  selectedUnitId,
  onSelectUnit,
  onDrill,
}: {
  table: IndicatorTableData;
  loading: boolean;
  selectedUnitId: string | null;
  onSelectUnit: (unitId: string) => void;
  onDrill: (figureId: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [mode, setMode] = useState<CountyMapMode>('value');
  const { indicator } = table;
  const name = locale === 'en-US' ? indicator.nameEn : indicator.nameZh;
  const unitName = (u: IndicatorRow['unit']) => (locale === 'en-US' ? u.nameEn : u.nameZh);
  const rows = useMemo(() => byRank(table.rows), [table.rows]);
  const values = useMemo<CountyValue[]>(
    () =>
      table.rows.map((r) => ({
        divisionCode: r.unit.divisionCode,
        unitCode: r.unit.code,
        name: locale === 'en-US' ? r.unit.nameEn : r.unit.nameZh,
        value: r.cell.value,
        light: r.cell.light,
      })),
    [table.rows, locale],
  );
  const selectedCode = table.rows.find((r) => r.unit.unitId === selectedUnitId)?.unit.code ?? null;
  const hasTargets = table.rows.some((r) => r.cell.completion !== null);

  const columns: TableColumnsType<IndicatorRow> = [
    {
      title: t('cockpit.county.rank'),
      key: 'rank',
      width: 48,
      align: 'center',
      render: (_, r) => r.cell.rank ?? <span title={t('cockpit.county.unranked')}>—</span>,
    },
    {
      title: t('cockpit.county.unit'),
      key: 'unit',
      ellipsis: { showTitle: true },
      render: (_, r) => unitName(r.unit),
    },
    {
      title: `${t('cockpit.county.value')}（${indicator.measureUnit}）`,
      key: 'value',
      align: 'right',
      width: 100,
      render: (_, r) => (
        <DrillNumber
          figureId={r.cell.figureId}
          text={formatFigure(r.cell.value, indicator.decimals)}
          onDrill={onDrill}
          testId="county-value"
        />
      ),
    },
    {
      title: t('cockpit.county.yoy'),
      key: 'yoy',
      align: 'right',
      width: 80,
      render: (_, r) => <YoyText yoy={r.cell.yoy} direction={indicator.direction} />,
    },
    {
      title: t('cockpit.county.share'),
      key: 'share',
      align: 'right',
      width: 64,
      render: (_, r) => formatPercent(r.cell.share),
    },
    {
      title: t('cockpit.county.completion'),
      key: 'completion',
      align: 'right',
      width: 70,
      render: (_, r) => formatPercent(r.cell.completion),
    },
    {
      title: t('cockpit.county.gap'),
      key: 'gap',
      align: 'right',
      width: 58,
      render: (_, r) => formatPoints(r.cell.gap),
    },
    {
      title: t('cockpit.county.light'),
      key: 'light',
      width: 84,
      render: (_, r) => <LightBadge light={r.cell.light} />,
    },
  ];

  return (
    <Card
      size="small"
      title={t('cockpit.county.title', { name })}
      data-testid="county-view"
      extra={
        <Segmented<CountyMapMode>
          size="small"
          value={mode}
          onChange={setMode}
          disabled={!hasTargets}
          options={[
            { value: 'value', label: t('cockpit.county.byValue') },
            { value: 'light', label: t('cockpit.county.byLight') },
          ]}
        />
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <LazyCountyMap
            values={values}
            measureUnit={indicator.measureUnit}
            decimals={indicator.decimals}
            mode={mode}
            selectedUnitCode={selectedCode}
            onSelect={(code) => {
              const row = table.rows.find((r) => r.unit.code === code);
              if (row) onSelectUnit(row.unit.unitId);
            }}
            height={360}
          />
        </Col>
        <Col xs={24} lg={16}>
          <Table<IndicatorRow>
            size="small"
            rowKey={(r) => r.unit.unitId}
            loading={loading}
            columns={columns}
            dataSource={rows}
            pagination={false}
            tableLayout="fixed"
            data-testid="county-table"
            rowClassName={(r) => (r.unit.unitId === selectedUnitId ? 'cockpit-row-selected' : 'cockpit-row')}
            onRow={(r) => ({ onClick: () => onSelectUnit(r.unit.unitId) })}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} />
                <Table.Summary.Cell index={1}>
                  <strong style={{ whiteSpace: 'nowrap' }}>{t('cockpit.county.city')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <DrillNumber
                    figureId={table.city.figureId}
                    text={formatFigure(table.city.value, indicator.decimals)}
                    onDrill={onDrill}
                  />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <YoyText yoy={table.city.yoy} direction={indicator.direction} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {table.city.value === null ? '—' : formatPercent(100)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {formatPercent(table.city.completion)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {formatPoints(table.city.gap)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7}>
                  <LightBadge light={table.city.light} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
