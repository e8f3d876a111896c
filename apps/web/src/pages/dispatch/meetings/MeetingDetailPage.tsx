import { PlusOutlined, PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { AgendaEntryT, AgendaReason } from '@zaitun/contracts';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMeeting, useMeetingWrite } from '../../../api/orders';
import { DetailHeader } from '../../../components/dispatch/DetailHeader';
import { LightTag } from '../../../components/dispatch/LightTag';
import { OfficialDocButtons } from '../../../components/dispatch/OfficialDocButtons';
import { StateTag } from '../../../components/dispatch/StateTag';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { formatList } from '../../../lib/list-format';
import { ignoreHandled } from '../../../lib/promise';
import { DecideModal } from './DecideModal';
import { MeetingFormModal } from './MeetingFormModal';
import { MinutesPrint } from './MinutesPrint';
import '../orders/official-print.css';

const REASON_COLORS: Record<AgendaReason, string> = {
  red: 'error',
  yellow: 'warning',
  flagged: 'purple',
  coordination: 'blue',
  manual: 'default',
};

export function MeetingDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { modal, message } = App.useApp();
  const query = useMeeting(id);
  const write = useMeetingWrite();
  const units = useUnitLookup();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<AgendaEntryT | null>(null);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [entryForm] = Form.useForm<{ topic: string; unitId?: string }>();
  const detail = query.data;

  // The minutes box follows the server until the user types.
  useEffect(() => {
    if (detail && minutes === null) setMinutes(detail.meeting.minutes);
  }, [detail, minutes]);

  /** The agenda in groups by unit, in the server's order (a unit's first entry places the group). */
  const groups = useMemo(() => {
    const out: { unitId: string | null; entries: AgendaEntryT[] }[] = [];
    for (const e of detail?.agenda ?? []) {
      const last = out.at(-1);
      if (last && last.unitId === e.unitId) last.entries.push(e);
      else out.push({ unitId: e.unitId, entries: [e] });
    }
    return out;
  }, [detail?.agenda]);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (query.isError || !detail) {
    return (
      <Result
        status="404"
        title={t('error.notFoundTitle')}
        subTitle={t('error.notFoundText')}
        extra={<Link to="/dispatch/meetings">{t('orders.meeting.back')}</Link>}
      />
    );
  }
  const { meeting } = detail;
  const planned = meeting.state === 'planned';
  const canEdit = detail.editable;

  const confirmRun = (title: string, content: string, go: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => go().catch(ignoreHandled),
    });

  const columns: TableColumnsType<AgendaEntryT> = [
    { title: '#', dataIndex: 'position', width: 50 },
    {
      title: t('orders.meeting.reasonColumn'),
      dataIndex: 'reason',
      width: 120,
      render: (r: AgendaReason) => (
        <Tag color={REASON_COLORS[r]} data-reason={r}>
          {t(`orders.meeting.reason.${r}`)}
        </Tag>
      ),
    },
    {
      title: t('orders.meeting.topic'),
      key: 'topic',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span>
            {e.itemId ? <Link to={`/dispatch/items/${e.itemId}`}>{e.itemNumber}</Link> : null} {e.topic}
          </span>
          <Space size={4}>
            {e.itemState ? <StateTag state={e.itemState} /> : null}
            <LightTag light={e.itemLight} />
            {e.itemDeadline ? (
              <Typography.Text type="secondary">{formatDateTime(e.itemDeadline)}</Typography.Text>
            ) : null}
          </Space>
        </Space>
      ),
    },
    {
      title: t('orders.meeting.decisionColumn'),
      key: 'decision',
      width: 280,
      render: (_, e) =>
        e.decisionKind ? (
          <Space orientation="vertical" size={0}>
            <span>
              <Tag>{t(`orders.meeting.kinds.${e.decisionKind}`)}</Tag>
              {e.decision}
            </span>
            {e.createdItemId ? (
              <Link to={`/dispatch/items/${e.createdItemId}`}>
                {t('orders.meeting.createdItem', { number: e.createdItemNumber ?? '' })}
              </Link>
            ) : null}
            {e.orderId ? (
              <Link to={`/dispatch/orders/${e.orderId}`}>
                {e.orderNumber
                  ? t('orders.meeting.inOrder', { number: e.orderNumber })
                  : t('orders.meeting.draftOrder')}
              </Link>
            ) : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDeciding(e)}>
            {t('orders.meeting.decide')}
          </Button>
          {planned && !e.decisionKind ? (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                confirmRun(t('orders.meeting.remove'), t('orders.meeting.removeConfirm'), () =>
                  write.mutateAsync({ kind: 'removeEntry', id, entryId: e.id, version: e.version }),
                )
              }
            >
              {t('orders.meeting.remove')}
            </Button>
          ) : null}
        </Space>
      ),
    });
  }

  const buttons = [];
  if (canEdit && planned) {
    buttons.push(
      <Button
        key="prepare"
        type="primary"
        icon={<ThunderboltOutlined />}
        loading={write.isPending && write.variables?.kind === 'prepare'}
        onClick={() =>
          write
            .mutateAsync({ kind: 'prepare', id, version: meeting.version })
            .then(() => message.success(t('orders.meeting.prepared')))
            .catch(ignoreHandled)
        }
      >
        {t('orders.meeting.prepare')}
      </Button>,
      <Button key="add" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
        {t('orders.meeting.addEntry')}
      </Button>,
    );
  }
  if (canEdit) {
    buttons.push(
      <Button key="edit" onClick={() => setEditing(true)}>
        {t('orders.meeting.edit')}
      </Button>,
    );
  }
  if (canEdit && planned) {
    buttons.push(
      <Button
        key="hold"
        onClick={() =>
          confirmRun(t('orders.meeting.hold'), t('orders.meeting.holdConfirm'), () =>
            write.mutateAsync({ kind: 'hold', id, version: meeting.version }),
          )
        }
      >
        {t('orders.meeting.hold')}
      </Button>,
    );
  }
  buttons.push(<OfficialDocButtons key="documents" route="meetingMinutes" id={meeting.id} />);
  buttons.push(
    <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
      {t('orders.meeting.print')}
    </Button>,
  );

  return (
    <>
      <DetailHeader
        title={`${meeting.number} ${meeting.title}`}
        actions={buttons}
        back={{ to: '/dispatch/meetings', label: t('orders.meeting.back') }}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('orders.meetings.type')}>
            {t(`orders.meetings.types.${meeting.type}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.meetings.heldAt')}>{formatDateTime(meeting.heldAt)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.meetings.state')}>
            <Tag color={planned ? 'processing' : 'success'}>{t(`orders.meetings.states.${meeting.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.meetings.place')}>{meeting.place || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('orders.meetings.chair')}>{meeting.chair || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('orders.meetings.agenda')}>
            {t('orders.meetings.agendaCount', { decided: meeting.decidedCount, total: meeting.agendaCount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.meetings.attending')} span={3}>
            {formatList(
              meeting.attendingUnitIds.map((u) => units.name(u)),
              currentLocale(),
            ) || t('common.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('orders.meeting.agendaTitle')} size="small" style={{ marginBottom: 16 }}>
        {groups.length === 0 ? (
          <Empty description={t('orders.meeting.agendaEmpty')} />
        ) : (
          groups.map((g) => (
            <section key={`${g.unitId}-${g.entries[0]?.id}`} className="agenda-group" style={{ marginBottom: 16 }}>
              <Typography.Title level={5}>
                {g.unitId ? units.name(g.unitId) : t('orders.meeting.noUnit')}
              </Typography.Title>
              <Table<AgendaEntryT>
                rowKey="id"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={g.entries}
                scroll={{ x: 900 }}
              />
            </section>
          ))
        )}
      </Card>
      <Card title={t('orders.meeting.minutes')} size="small">
        {canEdit ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={6}
              maxLength={50000}
              value={minutes ?? ''}
              onChange={(e) => setMinutes(e.target.value)}
              placeholder={t('orders.meeting.minutesPlaceholder')}
              aria-label={t('orders.meeting.minutes')}
            />
            <Button
              loading={write.isPending && write.variables?.kind === 'update'}
              disabled={minutes === meeting.minutes}
              onClick={() =>
                write
                  .mutateAsync({ kind: 'update', id, body: { version: meeting.version, minutes: minutes ?? '' } })
                  .then(() => message.success(t('common.saved')))
                  .catch(ignoreHandled)
              }
            >
              {t('orders.meeting.saveMinutes')}
            </Button>
          </Space>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {meeting.minutes || t('common.none')}
          </Typography.Paragraph>
        )}
      </Card>
      <MinutesPrint detail={detail} />
      {editing ? (
        <MeetingFormModal
          detail={detail}
          latest={query.data}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      ) : null}
      {deciding ? <DecideModal meetingId={id} entry={deciding} onClose={() => setDeciding(null)} /> : null}
      <Modal
        open={adding}
        title={t('orders.meeting.addEntryTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={write.isPending}
        destroyOnHidden
        onCancel={() => setAdding(false)}
        onOk={() =>
          entryForm
            .validateFields()
            .then((v) =>
              write.mutateAsync({
                kind: 'addEntry',
                id,
                body: { version: meeting.version, topic: v.topic, ...(v.unitId ? { unitId: v.unitId } : {}) },
              }),
            )
            .then(() => setAdding(false))
            .catch(ignoreHandled)
        }
      >
        <Form form={entryForm} layout="vertical" preserve={false}>
          <Form.Item
            name="topic"
            label={t('orders.meeting.topic')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="unitId" label={t('orders.meeting.entryUnit')}>
            <Select allowClear showSearch options={units.options} optionFilterProp="label" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
