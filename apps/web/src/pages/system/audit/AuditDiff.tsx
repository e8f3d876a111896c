import type { RouteResponse } from '@zaitun/contracts';
import { Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Event = RouteResponse<'listAudit'>['items'][number];

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

/** The changed fields of one event, before and after (a create has only "after", a delete only "before"). */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}

function show(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

export function AuditDiff({ event }: { event: Event }) {
  const { t } = useTranslation();
  const rows = diffRows(event.before, event.after);
  const none = t('common.none');
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Text strong>{t('audit.diff')}</Typography.Text>
      {rows.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('audit.noDiff')}</Typography.Paragraph>
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          style={{ margin: '8px 0 12px', maxWidth: 960 }}
          dataSource={rows}
          columns={[
            { title: t('audit.field'), dataIndex: 'field', width: 180 },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              className: 'diff-before',
              render: (v: unknown) => <span className="diff-value">{show(v, none)}</span>,
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              className: 'diff-after',
              render: (v: unknown) => <span className="diff-value">{show(v, none)}</span>,
            },
          ]}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'request', label: t('audit.requestId'), children: event.requestId ?? none },
          { key: 'ua', label: t('audit.userAgent'), children: event.userAgent ?? none },
          {
            key: 'hash',
            label: t('audit.hash'),
            children: (
              <Typography.Text code style={{ fontSize: 11 }}>
                {event.hash}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
