import { PlusOutlined } from '@ant-design/icons';
import {
  CreateIndicatorBody,
  INDICATOR_DIRECTIONS,
  INDICATOR_FREQUENCIES,
  INDICATOR_KINDS,
  type IndicatorT,
  MEASURE_UNITS,
} from '@zaitun/contracts';
import {
  App,
  AutoComplete,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateIndicator, useIndicators, useUpdateIndicator } from '../../../api/cockpit';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { EditModal } from '../../../components/EditModal';
import { currentLocale } from '../../../i18n';
import { schemaRules } from '../../../lib/form-rules';
import { ignoreHandled } from '../../../lib/promise';
import { useConflictReload } from '../../../lib/use-conflict-reload';

const fields = CreateIndicatorBody.properties;

/** The indicator's name in the UI's language. */
export function indicatorName(indicator: Pick<IndicatorT, 'nameZh' | 'nameEn'>): string {
  return currentLocale() === 'en-US' && indicator.nameEn ? indicator.nameEn : indicator.nameZh;
}

/** Every indicator with its definition; create and edit for `indicator.manage`, read-only otherwise. */
export function IndicatorTable({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useIndicators();
  const units = useUnitLookup();
  const update = useUpdateIndicator();
  const [editing, setEditing] = useState<IndicatorT | 'new' | null>(null);
  const items = list.data?.items ?? [];

  const setActive = (row: IndicatorT, active: boolean) =>
    update
      .mutateAsync({ id: row.id, body: { version: row.version, active } })
      .then(() => message.success(t('cockpitAdmin.indicators.saved')), ignoreHandled);

  return (
    <>
      {canEdit ? (
        <div className="toolbar" style={{ marginBottom: 12, justifyContent: 'flex-end' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('cockpitAdmin.indicators.add')}
          </Button>
        </div>
      ) : null}
      <Table<IndicatorT>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        pagination={false}
        dataSource={items}
        columns={[
          {
            title: t('cockpitAdmin.indicators.name'),
            key: 'name',
            render: (_, row) => (
              <div>
                <div>{indicatorName(row)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.code} · {currentLocale() === 'en-US' ? row.nameZh : row.nameEn}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('cockpitAdmin.indicators.measureUnit'), dataIndex: 'measureUnit', width: 80 },
          {
            title: `${t('cockpitAdmin.indicators.frequency')} · ${t('cockpitAdmin.indicators.kind')}`,
            key: 'kindFreq',
            width: 110,
            render: (_, row) =>
              `${t(`cockpitAdmin.indicators.freq.${row.frequency}`)} · ${t(`cockpitAdmin.indicators.kindLabel.${row.kind}`)}`,
          },
          {
            title: t('cockpitAdmin.indicators.direction'),
            dataIndex: 'direction',
            width: 100,
            render: (v: IndicatorT['direction']) => t(`cockpitAdmin.indicators.dir.${v}`),
          },
          { title: t('cockpitAdmin.indicators.decimals'), dataIndex: 'decimals', width: 70, align: 'right' },
          {
            title: t('cockpitAdmin.indicators.additive'),
            dataIndex: 'additive',
            width: 70,
            render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
          },
          {
            title: t('cockpitAdmin.indicators.responsibleUnit'),
            dataIndex: 'responsibleUnitId',
            width: 150,
            render: (id: string | null) => (id ? units.name(id) : '—'),
          },
          {
            title: t('cockpitAdmin.indicators.status'),
            dataIndex: 'active',
            width: 70,
            render: (active: boolean) =>
              active ? (
                <Tag color="success">{t('cockpitAdmin.indicators.active')}</Tag>
              ) : (
                <Tag>{t('cockpitAdmin.indicators.inactive')}</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, row: IndicatorT) => (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      <Button type="link" size="small" onClick={() => setEditing(row)}>
                        {t('common.edit')}
                      </Button>
                      <Button type="link" size="small" danger={row.active} onClick={() => setActive(row, !row.active)}>
                        {row.active ? t('cockpitAdmin.indicators.deactivate') : t('cockpitAdmin.indicators.activate')}
                      </Button>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <IndicatorModal
          indicator={editing === 'new' ? null : editing}
          latest={editing === 'new' ? undefined : items.find((i) => i.id === editing.id)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type LabelKey = Exclude<keyof Values, 'responsibleUnitId'> | 'responsibleUnit';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  measureUnit: string;
  frequency: IndicatorT['frequency'];
  kind: IndicatorT['kind'];
  direction: IndicatorT['direction'];
  decimals: number;
  additive: boolean;
  responsibleUnitId: string | null;
  definition: string;
  source: string;
  sortOrder: number;
}

const toValues = (i: IndicatorT): Values => ({
  code: i.code,
  nameZh: i.nameZh,
  nameEn: i.nameEn,
  measureUnit: i.measureUnit,
  frequency: i.frequency,
  kind: i.kind,
  direction: i.direction,
  decimals: i.decimals,
  additive: i.additive,
  responsibleUnitId: i.responsibleUnitId,
  definition: i.definition,
  source: i.source,
  sortOrder: i.sortOrder,
});

function IndicatorModal({
  indicator,
  latest,
  onClose,
}: {
  indicator: IndicatorT | null;
  latest?: IndicatorT;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateIndicator();
  const update = useUpdateIndicator();
  const units = useUnitLookup();
  const refill = useCallback((i: IndicatorT) => form.setFieldsValue(toValues(i)), [form]);
  const { base, reloaded, onSaveError } = useConflictReload(indicator, latest, refill);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      nameZh: v.nameZh.trim(),
      nameEn: v.nameEn.trim(),
      measureUnit: v.measureUnit.trim(),
      frequency: v.frequency,
      kind: v.kind,
      direction: v.direction,
      decimals: v.decimals,
      additive: v.additive,
      responsibleUnitId: v.responsibleUnitId ?? null,
      definition: v.definition ?? '',
      source: v.source ?? '',
      sortOrder: v.sortOrder ?? 0,
    };
    if (base) await update.mutateAsync({ id: base.id, body: { version: base.version, ...body } });
    else await create.mutateAsync({ code: v.code.trim(), ...body });
    message.success(t('cockpitAdmin.indicators.saved'));
    onClose();
  };

  const label = (key: LabelKey) => t(`cockpitAdmin.indicators.${key}`);
  const select = (name: 'frequency' | 'kind' | 'direction', options: { value: string; label: string }[]) => (
    <Col xs={24} sm={8}>
      <Form.Item name={name} label={label(name)} rules={[{ required: true }]}>
        <Select options={options} />
      </Form.Item>
    </Col>
  );

  return (
    <EditModal
      title={
        base ? `${t('cockpitAdmin.indicators.editTitle')} · ${indicatorName(base)}` : t('cockpitAdmin.indicators.add')
      }
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          indicator
            ? toValues(indicator)
            : {
                frequency: 'monthly',
                kind: 'ytd_cumulative',
                direction: 'higher',
                decimals: 2,
                additive: true,
                responsibleUnitId: null,
                sortOrder: 0,
              }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="code"
              label={label('code')}
              tooltip={t('cockpitAdmin.indicators.codeHint')}
              rules={
                indicator
                  ? []
                  : schemaRules(fields.code, {
                      label: label('code'),
                      required: true,
                      patternMessage: t('cockpitAdmin.indicators.codeHint'),
                    })
              }
            >
              <Input disabled={!!indicator} autoCapitalize="none" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="nameZh"
              label={label('nameZh')}
              rules={schemaRules(fields.nameZh, { label: label('nameZh'), required: true })}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="nameEn"
              label={label('nameEn')}
              rules={schemaRules(fields.nameEn, { label: label('nameEn'), required: true })}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="measureUnit"
              label={label('measureUnit')}
              rules={schemaRules(fields.measureUnit, { label: label('measureUnit'), required: true })}
            >
              <AutoComplete options={MEASURE_UNITS.map((u) => ({ value: u }))} />
            </Form.Item>
          </Col>
          {select(
            'frequency',
            INDICATOR_FREQUENCIES.map((v) => ({ value: v, label: t(`cockpitAdmin.indicators.freq.${v}`) })),
          )}
          {select(
            'kind',
            INDICATOR_KINDS.map((v) => ({ value: v, label: t(`cockpitAdmin.indicators.kindLabel.${v}`) })),
          )}
          {select(
            'direction',
            INDICATOR_DIRECTIONS.map((v) => ({ value: v, label: t(`cockpitAdmin.indicators.dir.${v}`) })),
          )}
          <Col xs={12} sm={8}>
            <Form.Item
              name="decimals"
              label={label('decimals')}
              rules={schemaRules(fields.decimals, { label: label('decimals'), required: true })}
            >
              <InputNumber style={{ width: '100%' }} precision={0} min={0} max={4} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="sortOrder" label={label('sortOrder')}>
              <InputNumber style={{ width: '100%' }} precision={0} min={0} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="responsibleUnitId" label={label('responsibleUnit')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.options} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="additive"
              label={label('additive')}
              valuePropName="checked"
              tooltip={t('cockpitAdmin.indicators.additiveHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="source" label={label('source')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="definition" label={label('definition')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </EditModal>
  );
}
