import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { NOTIFICATION_EVENTS, type RouteResponse, routes, scopeOf, WEBHOOK_KINDS } from '@zaitun/contracts';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actorOf } from '../../../access';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useTestWebhook,
  useUpdateWebhook,
  useWebhookDeliveries,
  useWebhooks,
} from '../../../api/notify';
import { useUnitTree } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { EditModal } from '../../../components/EditModal';
import { PageHeader } from '../../../components/PageHeader';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { schemaRules } from '../../../lib/form-rules';
import { unitName } from '../../../lib/units';
import { useConflictReload } from '../../../lib/use-conflict-reload';

type Hook = RouteResponse<'listWebhooks'>['items'][number];
type Delivery = RouteResponse<'listWebhookDeliveries'>['items'][number];
type Kind = (typeof WEBHOOK_KINDS)[number];
type EventType = (typeof NOTIFICATION_EVENTS)[number];

const fields = routes.createWebhook.body.properties;

/** Group robots of the units in my scope: configure, test, and watch their deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const allUnits = scopeOf(actorOf(me), 'webhook.manage') === 'all';
  const [unitFilter, setUnitFilter] = useState<string | undefined>();
  const hooks = useWebhooks(unitFilter);
  const units = useUnitTree(false, allUnits);
  const [editing, setEditing] = useState<{ mode: 'create' } | { mode: 'edit'; hook: Hook } | null>(null);
  const test = useTestWebhook();
  const remove = useDeleteWebhook();
  const locale = currentLocale();
  const unitNames = useMemo(
    () => new Map((units.data?.items ?? []).map((u) => [u.id, unitName(u, locale)])),
    [units.data, locale],
  );
  const nameOfUnit = (id: string) =>
    unitNames.get(id) ?? (id === me.unit?.id ? unitName(me.unit, locale) : id.slice(0, 8));

  const sendTest = (hook: Hook) =>
    test.mutate(hook.id, {
      onSuccess: (r) =>
        r.ok
          ? message.success(t('notify.webhooks.testOk'))
          : message.error(t('notify.webhooks.testFailed', { error: r.error ?? r.status })),
    });

  const confirmDelete = (hook: Hook) =>
    modal.confirm({
      title: t('common.delete'),
      content: t('notify.webhooks.deleteConfirm', { name: hook.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove
          .mutateAsync({ id: hook.id, version: hook.version })
          .then(() => message.success(t('notify.webhooks.deleted'))),
    });

  const columns: TableColumnsType<Hook> = [
    ...(allUnits
      ? [{ title: t('notify.webhooks.unit'), dataIndex: 'unitId', width: 160, render: (id: string) => nameOfUnit(id) }]
      : []),
    {
      title: t('notify.webhooks.name'),
      dataIndex: 'name',
      render: (name: string, h) => (
        <Space direction="vertical" size={0}>
          <span>
            {name} {h.active ? null : <Tag>{t('notify.webhooks.inactive')}</Tag>}
          </span>
          {/* One line (the full, masked address in the tooltip): wrapped, it broke the row at every character. */}
          <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 320 }} ellipsis={{ tooltip: h.url }}>
            <code>{h.url}</code>
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('notify.webhooks.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: Kind) => <Tag color={k === 'dingtalk' ? 'blue' : 'green'}>{t(`notify.webhooks.kinds.${k}`)}</Tag>,
    },
    {
      title: t('notify.webhooks.events'),
      dataIndex: 'eventTypes',
      width: 180,
      render: (events: EventType[]) =>
        events.length ? (
          <Space size={[0, 4]} wrap>
            {events.map((e) => (
              <Tag key={e}>{t(`notify.events.${e}`)}</Tag>
            ))}
          </Space>
        ) : (
          t('notify.webhooks.eventsAll')
        ),
    },
    {
      title: t('notify.webhooks.status'),
      key: 'status',
      width: 190,
      render: (_, h) => (
        <Space direction="vertical" size={2}>
          <Space size={4} wrap>
            <Tag color="success">{t('notify.webhooks.sent', { count: h.sent })}</Tag>
            <Tag color={h.pending ? 'processing' : 'default'}>{t('notify.webhooks.pending', { count: h.pending })}</Tag>
            <Tag color={h.failed ? 'error' : 'default'}>{t('notify.webhooks.failed', { count: h.failed })}</Tag>
          </Space>
          {h.lastError ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('notify.webhooks.lastError')}: {h.lastError}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, h) => (
        <Space size={0}>
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              icon={<EditOutlined />}
              aria-label={`${t('common.edit')} ${h.name}`}
              onClick={() => setEditing({ mode: 'edit', hook: h })}
            />
          </Tooltip>
          <Tooltip title={t('notify.webhooks.test')}>
            <Button
              type="text"
              icon={<SendOutlined />}
              aria-label={`${t('notify.webhooks.test')} ${h.name}`}
              loading={test.isPending && test.variables === h.id}
              disabled={!h.active}
              onClick={() => sendTest(h)}
            />
          </Tooltip>
          <Tooltip title={t('common.delete')}>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('common.delete')} ${h.name}`}
              onClick={() => confirmDelete(h)}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notify.webhooks.title')}
        subtitle={t('notify.webhooks.subtitle')}
        extra={
          <>
            {allUnits ? (
              <UnitTreeSelect
                units={units.data?.items ?? []}
                value={unitFilter}
                onChange={setUnitFilter}
                allowClear
                placeholder={t('notify.webhooks.allUnits')}
                aria-label={t('notify.webhooks.unit')}
                style={{ width: 220 }}
              />
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => hooks.refetch()} aria-label={t('common.refresh')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
              {t('notify.webhooks.create')}
            </Button>
          </>
        }
      />
      <Table<Hook>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={hooks.data?.items ?? []}
        loading={hooks.isFetching}
        pagination={false}
        locale={{ emptyText: t('notify.webhooks.empty') }}
        expandable={{ expandedRowRender: (h) => <Deliveries hookId={h.id} /> }}
      />
      {editing ? (
        <WebhookFormModal
          hook={editing.mode === 'edit' ? editing.hook : null}
          latest={editing.mode === 'edit' ? hooks.data?.items.find((h) => h.id === editing.hook.id) : undefined}
          allUnits={allUnits}
          ownUnitId={me.unit?.id ?? null}
          units={units.data?.items ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

/** The recent deliveries of one robot, with their errors. */
function Deliveries({ hookId }: { hookId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const deliveries = useWebhookDeliveries(hookId, { page, pageSize: 10 });
  const columns: TableColumnsType<Delivery> = [
    {
      title: t('notify.webhooks.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('notify.page.event'),
      dataIndex: 'eventType',
      width: 150,
      render: (e: string) => t(`notify.events.${e as EventType}`, { defaultValue: e }),
    },
    { title: t('notify.webhooks.text'), dataIndex: 'text', ellipsis: true },
    {
      title: t('notify.page.state'),
      dataIndex: 'state',
      width: 90,
      render: (s: Delivery['state']) => (
        <Tag color={s === 'sent' ? 'success' : s === 'failed' ? 'error' : 'processing'}>
          {t(`notify.webhooks.deliveryState.${s}`)}
        </Tag>
      ),
    },
    { title: t('notify.webhooks.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('notify.webhooks.nextAttempt'),
      dataIndex: 'nextAttemptAt',
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('notify.webhooks.lastStatus'),
      dataIndex: 'lastStatus',
      width: 90,
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('notify.webhooks.error'),
      dataIndex: 'lastError',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
    },
  ];
  return (
    <div>
      <Typography.Title level={5}>{t('notify.webhooks.deliveries')}</Typography.Title>
      <Table<Delivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={deliveries.data?.items ?? []}
        loading={deliveries.isFetching}
        locale={{ emptyText: t('notify.webhooks.noDeliveries') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: deliveries.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </div>
  );
}

interface Values {
  unitId?: string;
  kind: Kind;
  name: string;
  url: string;
  secret?: string;
  clearSecret?: boolean;
  eventTypes: EventType[];
  active: boolean;
}

const valuesOf = (h: Hook): Values => ({
  unitId: h.unitId,
  kind: h.kind,
  name: h.name,
  url: h.url,
  eventTypes: h.eventTypes,
  active: h.active,
});

function WebhookFormModal(props: {
  hook: Hook | null;
  latest: Hook | undefined;
  allUnits: boolean;
  ownUnitId: string | null;
  units: Parameters<typeof UnitTreeSelect>[0]['units'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const refill = useCallback((h: Hook) => form.setFieldsValue(valuesOf(h)), [form]);
  const { base: editing, reloaded, onSaveError } = useConflictReload(props.hook, props.latest, refill);
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    const v = await form.validateFields();
    const secret = v.secret?.trim() ? v.secret.trim() : undefined;
    if (editing) {
      await update.mutateAsync({
        id: editing.id,
        body: {
          version: editing.version,
          kind: v.kind,
          name: v.name.trim(),
          ...(v.url.trim() !== editing.url ? { url: v.url.trim() } : {}),
          ...(secret ? { secret } : v.clearSecret ? { secret: null } : {}),
          eventTypes: v.eventTypes,
          active: v.active,
        },
      });
    } else {
      await create.mutateAsync({
        unitId: (props.allUnits ? v.unitId : props.ownUnitId) as string,
        kind: v.kind,
        name: v.name.trim(),
        url: v.url.trim(),
        ...(secret ? { secret } : {}),
        eventTypes: v.eventTypes,
        active: v.active,
      });
    }
    message.success(t('common.saved'));
    props.onClose();
  };

  return (
    <EditModal
      title={editing ? t('notify.webhooks.edit') : t('notify.webhooks.create')}
      onSave={() => submit().catch(onSaveError)}
      onClose={props.onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={
          editing
            ? valuesOf(editing)
            : {
                kind: 'dingtalk',
                eventTypes: [],
                active: true,
                unitId: props.allUnits ? undefined : (props.ownUnitId ?? undefined),
              }
        }
      >
        {props.allUnits && !editing ? (
          <Form.Item
            name="unitId"
            label={t('notify.webhooks.unit')}
            rules={[{ required: true, message: t('validation.required', { field: t('notify.webhooks.unit') }) }]}
          >
            <UnitTreeSelect units={props.units} />
          </Form.Item>
        ) : null}
        <Form.Item name="kind" label={t('notify.webhooks.kind')} rules={[{ required: true }]}>
          <Select<Kind> options={WEBHOOK_KINDS.map((k) => ({ value: k, label: t(`notify.webhooks.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('notify.webhooks.name')}
          rules={schemaRules(fields.name, { label: t('notify.webhooks.name'), required: true })}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notify.webhooks.url')}
          extra={t('notify.webhooks.urlHelp')}
          rules={schemaRules(fields.url, { label: t('notify.webhooks.url'), required: true })}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        {kind === 'dingtalk' ? (
          <>
            <Form.Item
              name="secret"
              label={t('notify.webhooks.secret')}
              extra={t('notify.webhooks.secretHelp')}
              rules={schemaRules(fields.secret, { label: t('notify.webhooks.secret') })}
            >
              <Input.Password
                autoComplete="new-password"
                placeholder={
                  editing ? (editing.hasSecret ? t('notify.webhooks.secretKept') : t('notify.webhooks.secretNone')) : ''
                }
              />
            </Form.Item>
            {editing?.hasSecret ? (
              <Form.Item name="clearSecret" valuePropName="checked">
                <Checkbox>{t('notify.webhooks.secretClear')}</Checkbox>
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="eventTypes" label={t('notify.webhooks.events')} extra={t('notify.webhooks.eventsAll')}>
          <Select<EventType[]>
            mode="multiple"
            allowClear
            placeholder={t('notify.webhooks.eventsAll')}
            options={NOTIFICATION_EVENTS.map((e) => ({ value: e, label: t(`notify.events.${e}`) }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('notify.webhooks.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </EditModal>
  );
}
