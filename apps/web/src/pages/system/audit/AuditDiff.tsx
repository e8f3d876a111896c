import { type Locale, ROLES, type RouteResponse, USER_STATUSES } from '@zaitun/contracts';
import { Descriptions, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLocale, hasMessage, isLocale } from '../../../i18n';
import { permissionLabel } from '../../../lib/labels';
import { formatList } from '../../../lib/list-format';

type Event = RouteResponse<'listAudit'>['items'][number];

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

/** Names of units by id, to show `unitId: <uuid>` as the unit's name. */
export type UnitNames = ReadonlyMap<string, { nameZh: string; nameEn: string }>;

/** The changed fields of one event, before and after (a create has only "after", a delete only "before"). */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}

const isRole = (v: unknown): v is (typeof ROLES)[number] =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);
const isStatus = (v: unknown): v is (typeof USER_STATUSES)[number] =>
  typeof v === 'string' && (USER_STATUSES as readonly string[]).includes(v);

/** A value as people read it: unit names for unit ids, translated roles and statuses; else the raw value. */
export function readable(field: string, value: unknown, t: TFunction, units: UnitNames, locale: Locale): string {
  const none = t('common.none');
  if (value === undefined || value === null || value === '') return none;
  if ((field === 'unitId' || field === 'parentId') && typeof value === 'string') {
    const unit = units.get(value);
    return unit ? `${locale === 'en-US' ? unit.nameEn : unit.nameZh} (${value})` : value;
  }
  if (field === 'roles' && Array.isArray(value))
    return formatList(
      value.map((r) => (isRole(r) ? t(`role.${r}`) : String(r))),
      locale,
    );
  if (field === 'permissions' && Array.isArray(value))
    return formatList(
      value.map((p) => permissionLabel(t, String(p))),
      locale,
    );
  if (field === 'status' && isStatus(value)) return `${t(`userStatus.${value}`)} (${value})`;
  if (field === 'locale' && isLocale(value)) return t(`lang.${value}`);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

function fieldLabel(field: string, t: TFunction): string {
  const key = `auditField.${field}`;
  return hasMessage(key) ? `${String(t(key as 'common.none'))} (${field})` : field;
}

export function AuditDiff({ event, units }: { event: Event; units: UnitNames }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rows = diffRows(event.before, event.after);
  const none = t('common.none');
  const cell = (field: string, v: unknown) => (
    <span className="diff-value">{readable(field, v, t, units, locale)}</span>
  );
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
          style={{ margin: '8px 0 12px', maxWidth: 1000 }}
          dataSource={rows}
          columns={[
            { title: t('audit.field'), dataIndex: 'field', width: 220, render: (f: string) => fieldLabel(f, t) },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              className: 'diff-before',
              render: (v: unknown, row) => cell(row.field, v),
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              className: 'diff-after',
              render: (v: unknown, row) => cell(row.field, v),
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
