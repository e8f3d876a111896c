import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { RouteQuery, RouteResponse } from '@zaitun/contracts';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed } from '../../../access';
import { useUnitTree } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { useAuditEvents, useVerifyAudit } from '../../../api/system';
import { PageHeader } from '../../../components/PageHeader';
import { flattenKeys, resources } from '../../../i18n';
import { formatDateTime, shanghaiDayBoundary } from '../../../lib/datetime';
import { auditActionLabel, entityTypeLabel } from '../../../lib/labels';
import { AuditDiff } from './AuditDiff';

type Event = RouteResponse<'listAudit'>['items'][number];
type Filters = Omit<RouteQuery<'listAudit'>, 'page' | 'pageSize'>;

interface FilterValues {
  actor?: string;
  entityType?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTIONS = flattenKeys(resources['zh-CN'].translation.auditAction);
const ENTITY_TYPES = Object.keys(resources['zh-CN'].translation.entityType);
const ACTOR_COLORS: Record<Event['actorType'], string> = {
  user: 'blue',
  token: 'purple',
  system: 'default',
  anonymous: 'orange',
};

export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const events = useAuditEvents({ ...filters, ...page });
  const verify = useVerifyAudit();
  const tree = useUnitTree(true, allowed(me, 'unit.read'));
  const unitNames = useMemo(() => new Map((tree.data?.items ?? []).map((u) => [u.id, u])), [tree.data]);

  const apply = (v: FilterValues) => {
    const [from, to] = v.range ?? [null, null];
    setFilters({
      actor: v.actor?.trim() || undefined,
      entityType: v.entityType || undefined,
      action: v.action || undefined,
      from: from ? shanghaiDayBoundary(from, 'start') : undefined,
      to: to ? shanghaiDayBoundary(to, 'end') : undefined,
    });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const runVerify = () =>
    verify.mutate(undefined, {
      onSuccess: (result) => {
        const show = result.intact ? modal.success : modal.error;
        show({
          title: t('audit.verify'),
          content: result.intact
            ? t('audit.verifyOk', { checked: result.checked })
            : t('audit.verifyBroken', { id: result.firstBrokenId ?? '?', checked: result.checked }),
          okText: t('common.ok'),
        });
      },
    });

  const columns: TableColumnsType<Event> = [
    { title: t('audit.time'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 190,
      render: (_, e) => (
        <Space size={4}>
          <Tag color={ACTOR_COLORS[e.actorType]}>{t(`actorType.${e.actorType}`)}</Tag>
          <Typography.Text>{e.actorName ?? t('common.none')}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 220,
      render: (action: string) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{auditActionLabel(t, action)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{entityTypeLabel(t, e.entityType)}</Typography.Text>
          {e.entityId ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.entityId }}>
              {e.entityId}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? t('common.none') },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          allowed(me, 'audit.verify') ? (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={runVerify}>
              {t('audit.verify')}
            </Button>
          ) : null
        }
      />
      <Form<FilterValues> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 160 }} autoCapitalize="none" />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entity')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('common.all')}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: entityTypeLabel(t, e) }))}
          />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            placeholder={t('common.all')}
            options={ACTIONS.map((a) => ({ value: a, label: `${auditActionLabel(t, a)} (${a})` }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => events.refetch()} aria-label={t('common.refresh')} />
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('audit.expandHint')}
      </Typography.Paragraph>
      <Table<Event>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={events.data?.items ?? []}
        loading={events.isFetching}
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (e) => <AuditDiff event={e} units={unitNames} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: events.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
      />
    </>
  );
}
