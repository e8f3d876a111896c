/**
 * The drill-down: a figure with the rows it came from — entered by whom, imported from which file and row, when,
 * verified or not, and the unit's own value an import replaced. Outside the caller's scope the server answers 404
 * (as for a missing figure); the drawer then says that the source rows are the unit's and HQ's, without a toast.
 */

import type { FigureDetailT } from '@zaitun/contracts';
import { Alert, Descriptions, Drawer, Result, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useFigureDetail } from '../../api/cockpit';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../../lib/datetime';
import { formatGrowth, formatWithUnit } from './format';

type Change = FigureDetailT['history'][number];

export function FigureDrawer({ figureId, onClose }: { figureId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const query = useFigureDetail(figureId);
  const hidden = isApiError(query.error) && (query.error.status === 404 || query.error.status === 403);

  const sourceText = (c: Pick<Change, 'source' | 'importFileName' | 'importRow'>) =>
    c.source === 'import' && c.importFileName
      ? `${t('cockpit.drill.sourceKind.import')} · ${t('cockpit.drill.importRow', { file: c.importFileName, row: c.importRow ?? '—' })}`
      : t(`cockpit.drill.sourceKind.${c.source}`);

  let body: ReactNode = null;
  if (hidden) {
    body = (
      <Result
        status="info"
        data-testid="figure-not-visible"
        title={t('cockpit.drill.notVisible')}
        subTitle={t('cockpit.drill.notVisibleHint')}
      />
    );
  } else if (query.isError) {
    body = <Alert type="error" showIcon title={t('error.unknown')} />;
  } else if (!query.data) {
    body = <Skeleton active />;
  } else {
    const { figure, indicator, history } = query.data;
    const unit = locale === 'en-US' ? query.data.unitNameEn : query.data.unitNameZh;
    const fmt = (v: number | null) => formatWithUnit(v, indicator.decimals, indicator.measureUnit);
    const columns: TableColumnsType<Change> = [
      { title: t('cockpit.drill.updated'), dataIndex: 'at', width: 140, render: (at: string) => formatDateTime(at) },
      { title: t('cockpit.drill.value'), dataIndex: 'value', align: 'right', render: (v: number) => fmt(v) },
      { title: t('cockpit.drill.source'), key: 'source', render: (_, c) => sourceText(c) },
      {
        title: t('cockpit.drill.state'),
        dataIndex: 'state',
        render: (s: Change['state']) => t(`cockpit.drill.stateKind.${s}`),
      },
      { title: '', dataIndex: 'byName', render: (n: string | null) => n ?? '—' },
    ];
    body = (
      <div data-testid="figure-detail" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('cockpit.drill.figure')}>
            {locale === 'en-US' ? indicator.nameEn : indicator.nameZh}
          </Descriptions.Item>
          <Descriptions.Item label={t('cockpit.drill.unit')}>{unit}</Descriptions.Item>
          <Descriptions.Item label={t('cockpit.drill.period')}>
            {t('cockpit.drill.periodValue', { year: figure.year, month: figure.month })}
          </Descriptions.Item>
          <Descriptions.Item label={t('cockpit.drill.value')}>
            <strong>{fmt(figure.value)}</strong>
          </Descriptions.Item>
          {figure.reportedYoy !== null && (
            <Descriptions.Item label={t('cockpit.drill.reportedYoy')}>
              {formatGrowth(figure.reportedYoy)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('cockpit.drill.source')}>{sourceText(figure)}</Descriptions.Item>
          <Descriptions.Item label={t('cockpit.drill.state')}>
            <Tag color={figure.state === 'verified' ? 'success' : 'processing'}>
              {t(`cockpit.drill.stateKind.${figure.state}`)}
            </Tag>
          </Descriptions.Item>
          {figure.conflictValue !== null && (
            <Descriptions.Item label={t('cockpit.drill.conflictValue')}>
              <span style={{ color: '#cf1322' }}>{fmt(figure.conflictValue)}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('cockpit.drill.updated')}>
            {`${formatDateTime(figure.updatedAt)} · ${figure.updatedByName ?? '—'}`}
          </Descriptions.Item>
          {figure.verifiedAt && (
            <Descriptions.Item label={t('cockpit.drill.verified')}>
              {`${formatDateTime(figure.verifiedAt)} · ${figure.verifiedByName ?? '—'}`}
            </Descriptions.Item>
          )}
        </Descriptions>
        <div>
          <h4 style={{ margin: '0 0 8px' }}>{t('cockpit.drill.history')}</h4>
          <Table<Change>
            size="small"
            rowKey="version"
            columns={columns}
            dataSource={history}
            pagination={false}
            data-testid="figure-history"
          />
        </div>
      </div>
    );
  }

  return (
    <Drawer open={figureId !== null} onClose={onClose} title={t('cockpit.drill.title')} width={560} destroyOnHidden>
      {body}
    </Drawer>
  );
}
