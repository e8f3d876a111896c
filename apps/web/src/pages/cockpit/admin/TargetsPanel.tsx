import { type IndicatorT, PutTargetBody, TARGET_KINDS, type TargetT } from '@zaitun/contracts';
import {
  App,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmTargets, useIndicators, usePutTarget, useTargetChanges, useTargets } from '../../../api/cockpit';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { EditModal } from '../../../components/EditModal';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { schemaRules } from '../../../lib/form-rules';
import { ignoreHandled } from '../../../lib/promise';
import { unitName } from '../../../lib/units';
import { useConflictReload } from '../../../lib/use-conflict-reload';
import { formatValue } from './figure-format';
import { indicatorName } from './IndicatorTable';

interface GridRow {
  unitId: string;
  unitLabel: string;
  target: TargetT | null;
}

/** A year's targets of one indicator: the city and the counties, edited one by one, confirmed together. */
export function TargetsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [year, setYear] = useState(dayjs().year());
  const indicators = useIndicators();
  const active = (indicators.data?.items ?? []).filter((i) => i.active);
  const [picked, setPicked] = useState<string | null>(null);
  const indicator = active.find((i) => i.id === picked) ?? active[0] ?? null;
  const targets = useTargets({ year, indicatorId: indicator?.id ?? '' }, indicator !== null);
  const confirm = useConfirmTargets();
  const units = useUnitLookup();
  const [editing, setEditing] = useState<GridRow | null>(null);
  const [historyOf, setHistoryOf] = useState<GridRow | null>(null);

  const rows: GridRow[] = useMemo(() => {
    const byUnit = new Map((targets.data?.items ?? []).map((x) => [x.unitId, x]));
    const city = units.units.filter((u) => u.type === 'headquarters' && u.active);
    return [...city, ...units.counties].map((u) => ({
      unitId: u.id,
      unitLabel: unitName(u, locale),
      target: byUnit.get(u.id) ?? null,
    }));
  }, [targets.data, units.units, units.counties, locale]);
  const drafts = rows.filter((r) => r.target?.state === 'draft').length;

  const confirmAll = () =>
    indicator
      ? confirm
          .mutateAsync({ year, indicatorId: indicator.id })
          .then((r) => message.success(t('cockpitAdmin.targets.confirmed', { count: r.changed })), ignoreHandled)
      : undefined;

  const fmt = (v: number | null | undefined) =>
    indicator ? formatValue(v, indicator.decimals, indicator.measureUnit, locale) : '—';

  return (
    <>
      <div className="toolbar" style={{ marginBottom: 12, flexWrap: 'wrap', gap: 8 }}>
        <Space wrap>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs().year(year)}
            onChange={(d) => d && setYear(d.year())}
            aria-label={t('cockpitAdmin.targets.year')}
          />
          <Select
            style={{ width: 260 }}
            value={indicator?.id}
            onChange={setPicked}
            aria-label={t('cockpitAdmin.targets.indicator')}
            options={active.map((i) => ({ value: i.id, label: `${indicatorName(i)}（${i.measureUnit}）` }))}
          />
        </Space>
        {canEdit && indicator ? (
          <Popconfirm
            title={t('cockpitAdmin.targets.confirmAllTitle', { year, indicator: indicatorName(indicator) })}
            onConfirm={confirmAll}
            disabled={drafts === 0}
          >
            <Button type="primary" disabled={drafts === 0} loading={confirm.isPending}>
              {t('cockpitAdmin.targets.confirmAll')}
              {drafts > 0 ? `（${drafts}）` : ''}
            </Button>
          </Popconfirm>
        ) : null}
      </div>
      <Table<GridRow>
        rowKey="unitId"
        size="small"
        loading={targets.isFetching || units.loading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('cockpitAdmin.targets.unit'), dataIndex: 'unitLabel', width: 180 },
          {
            title: t('cockpitAdmin.targets.kind'),
            key: 'kind',
            width: 110,
            render: (_, r) => (r.target ? t(`cockpitAdmin.targets.kindLabel.${r.target.kind}`) : '—'),
          },
          {
            title: t('cockpitAdmin.targets.value'),
            key: 'value',
            align: 'right',
            width: 150,
            render: (_, r) =>
              r.target
                ? r.target.kind === 'growth'
                  ? formatValue(r.target.value, 1, '%', locale)
                  : fmt(r.target.value)
                : '—',
          },
          {
            title: <span title={t('cockpitAdmin.targets.amountsToHint')}>{t('cockpitAdmin.targets.amountsTo')}</span>,
            key: 'amountsTo',
            align: 'right',
            width: 170,
            render: (_, r) =>
              r.target ? (
                r.target.targetValue === null ? (
                  <Typography.Text type="secondary">{t('cockpitAdmin.targets.noBase')}</Typography.Text>
                ) : (
                  fmt(r.target.targetValue)
                )
              ) : (
                '—'
              ),
          },
          {
            title: t('cockpitAdmin.targets.state'),
            key: 'state',
            width: 100,
            render: (_, r) =>
              r.target ? (
                <Tag color={r.target.state === 'confirmed' ? 'success' : 'warning'}>
                  {t(`cockpitAdmin.targets.stateLabel.${r.target.state}`)}
                </Tag>
              ) : (
                <Typography.Text type="secondary">{t('cockpitAdmin.targets.notSet')}</Typography.Text>
              ),
          },
          {
            title: t('cockpitAdmin.targets.updated'),
            key: 'updated',
            width: 200,
            render: (_, r) =>
              r.target ? (
                <Typography.Text type="secondary">
                  {formatDateTime(r.target.updatedAt)} {r.target.updatedByName ?? ''}
                </Typography.Text>
              ) : null,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {canEdit ? (
                  <Button type="link" size="small" onClick={() => setEditing(r)}>
                    {r.target ? t('common.edit') : t('cockpitAdmin.targets.set')}
                  </Button>
                ) : null}
                {r.target ? (
                  <Button type="link" size="small" onClick={() => setHistoryOf(r)}>
                    {t('cockpitAdmin.targets.history')}
                  </Button>
                ) : null}
              </span>
            ),
          },
        ]}
      />
      {editing && indicator ? (
        <TargetModal
          indicator={indicator}
          year={year}
          row={editing}
          latest={(targets.data?.items ?? []).find((x) => x.unitId === editing.unitId) ?? null}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <TargetHistoryDrawer row={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}

interface Values {
  kind: TargetT['kind'];
  value: number;
  note: string;
}

function TargetModal({
  indicator,
  year,
  row,
  latest,
  onClose,
}: {
  indicator: IndicatorT;
  year: number;
  row: GridRow;
  latest: TargetT | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutTarget();
  const refill = useCallback(
    (x: TargetT) => form.setFieldsValue({ kind: x.kind, value: x.value, note: x.note }),
    [form],
  );
  const { base, reloaded, onSaveError } = useConflictReload(row.target, latest, refill);
  const kind = Form.useWatch('kind', form) ?? row.target?.kind ?? 'growth';

  const submit = async () => {
    const v = await form.validateFields();
    await put.mutateAsync({
      indicatorId: indicator.id,
      unitId: row.unitId,
      year,
      kind: v.kind,
      value: v.value,
      note: (v.note ?? '').trim(),
      ...(base ? { version: base.version } : {}),
    });
    message.success(t('cockpitAdmin.targets.saved'));
    onClose();
  };

  return (
    <EditModal
      title={t('cockpitAdmin.targets.editTitle', { unit: row.unitLabel, indicator: indicatorName(indicator), year })}
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={put.isPending}
      reloaded={reloaded}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          row.target ? { kind: row.target.kind, value: row.target.value, note: row.target.note } : { kind: 'growth' }
        }
      >
        <Form.Item name="kind" label={t('cockpitAdmin.targets.kind')} rules={[{ required: true }]}>
          <Select options={TARGET_KINDS.map((k) => ({ value: k, label: t(`cockpitAdmin.targets.kindLabel.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('cockpitAdmin.targets.value')}
          extra={kind === 'growth' ? t('cockpitAdmin.targets.amountsToHint') : undefined}
          rules={schemaRules(PutTargetBody.properties.value, {
            label: t('cockpitAdmin.targets.value'),
            required: true,
          })}
        >
          <InputNumber
            style={{ width: '100%' }}
            precision={kind === 'growth' ? 1 : indicator.decimals}
            suffix={kind === 'growth' ? '%' : indicator.measureUnit}
          />
        </Form.Item>
        <Form.Item name="note" label={t('cockpitAdmin.targets.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </EditModal>
  );
}

function TargetHistoryDrawer({ row, onClose }: { row: GridRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const changes = useTargetChanges(row?.target?.id ?? null);
  const items = changes.data?.items ?? [];
  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      title={`${t('cockpitAdmin.targets.historyTitle')}${row ? ` · ${row.unitLabel}` : ''}`}
      width={420}
    >
      {items.length === 0 && !changes.isFetching ? (
        <Empty description={t('cockpitAdmin.targets.noHistory')} />
      ) : (
        <Timeline
          items={items.map((c) => ({
            key: c.version,
            content: (
              <div>
                <div>
                  <Tag color={c.state === 'confirmed' ? 'success' : 'warning'}>
                    {t(`cockpitAdmin.targets.stateLabel.${c.state}`)}
                  </Tag>
                  {t(`cockpitAdmin.targets.kindLabel.${c.kind}`)} {c.value}
                  {c.kind === 'growth' ? '%' : ''}
                </div>
                <Typography.Text type="secondary">
                  {t('cockpitAdmin.targets.version')} {c.version} · {formatDateTime(c.at)} · {c.byName ?? '—'}
                </Typography.Text>
                {c.note ? <div>{c.note}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
