import { Descriptions, Drawer, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFigure } from '../../../api/cockpit';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { unitName } from '../../../lib/units';
import { formatPercent, formatValue } from './figure-format';
import { indicatorName } from './IndicatorTable';

/** A figure's drill-down: its value and state, and every change — who entered or imported what, from which file. */
export function FigureHistoryDrawer({ figureId, onClose }: { figureId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const detail = useFigure(figureId);
  const d = detail.data;
  const fmt = (v: number | null | undefined) =>
    d ? formatValue(v, d.indicator.decimals, d.indicator.measureUnit, locale) : '—';
  return (
    <Drawer
      open={figureId !== null}
      onClose={onClose}
      title={t('cockpitAdmin.figures.historyTitle')}
      width={480}
      loading={detail.isLoading}
      destroyOnHidden
    >
      {d ? (
        <>
          <Typography.Paragraph strong data-testid="figure-history-of">
            {t('cockpitAdmin.figures.historyOf', {
              unit: unitName({ nameZh: d.unitNameZh, nameEn: d.unitNameEn }, locale),
              indicator: indicatorName(d.indicator),
              year: d.figure.year,
              month: d.figure.month,
            })}
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('cockpitAdmin.figures.value')}>{fmt(d.figure.value)}</Descriptions.Item>
            <Descriptions.Item label={t('cockpitAdmin.figures.reportedYoy')}>
              {formatPercent(d.figure.reportedYoy)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cockpitAdmin.figures.state')}>
              <Tag color={d.figure.state === 'verified' ? 'success' : 'processing'}>
                {t(`cockpitAdmin.figures.stateLabel.${d.figure.state}`)}
              </Tag>
              {d.figure.verifiedAt ? (
                <Typography.Text type="secondary">
                  {t('cockpitAdmin.figures.verifiedBy', {
                    name: d.figure.verifiedByName ?? '—',
                    at: formatDateTime(d.figure.verifiedAt),
                  })}
                </Typography.Text>
              ) : null}
            </Descriptions.Item>
            {d.figure.conflictValue !== null ? (
              <Descriptions.Item label={t('cockpitAdmin.figures.conflict')}>
                <Typography.Text type="danger">
                  {t('cockpitAdmin.figures.conflictText', {
                    entered: fmt(d.figure.conflictValue),
                    imported: fmt(d.figure.value),
                  })}
                </Typography.Text>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Timeline
            items={[...d.history].reverse().map((c) => ({
              key: c.version,
              color: c.state === 'verified' ? 'green' : 'blue',
              content: (
                <div>
                  <div>
                    <Tag>{t(`cockpitAdmin.figures.sourceLabel.${c.source}`)}</Tag>
                    {fmt(c.value)}
                    {c.reportedYoy !== null ? ` · ${formatPercent(c.reportedYoy)}` : ''}
                    {' · '}
                    {t(`cockpitAdmin.figures.stateLabel.${c.state}`)}
                  </div>
                  {c.importFileName ? (
                    <Typography.Text type="secondary">
                      {t('cockpitAdmin.figures.importFile')}
                      {t('common.colon')}
                      {c.importFileName}
                      {c.importRow !== null ? ` · ${t('cockpitAdmin.figures.importRow', { row: c.importRow })}` : ''}
                    </Typography.Text>
                  ) : null}
                  <div>
                    <Typography.Text type="secondary">
                      {formatDateTime(c.at)} · {c.byName ?? '—'}
                    </Typography.Text>
                  </div>
                </div>
              ),
            }))}
          />
        </>
      ) : null}
    </Drawer>
  );
}
