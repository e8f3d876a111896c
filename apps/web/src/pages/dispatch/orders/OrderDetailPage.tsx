import { PrinterOutlined } from '@ant-design/icons';
import type { OrderDetailT, OrderItemT, OrderUnitT } from '@zaitun/contracts';
import { App, Button, Card, Descriptions, Result, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMeeting, useOrder, useOrderAction } from '../../../api/orders';
import { DetailHeader } from '../../../components/dispatch/DetailHeader';
import { LightTag } from '../../../components/dispatch/LightTag';
import { OfficialDocButtons } from '../../../components/dispatch/OfficialDocButtons';
import { ReasonModal } from '../../../components/dispatch/ReasonModal';
import { StateTag } from '../../../components/dispatch/StateTag';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { formatList } from '../../../lib/list-format';
import { ignoreHandled } from '../../../lib/promise';
import { OrderFormModal } from './OrderFormModal';
import { OrderPrint } from './OrderPrint';
import { OrderStateTag } from './parts';
import './official-print.css';

export function OrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { modal, message } = App.useApp();
  const query = useOrder(id);
  const action = useOrderAction();
  const units = useUnitLookup();
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (query.isError || !query.data) {
    return (
      <Result
        status="404"
        title={t('error.notFoundTitle')}
        subTitle={t('error.notFoundText')}
        extra={<Link to="/dispatch/orders">{t('orders.detail.back')}</Link>}
      />
    );
  }
  const detail = query.data;
  const { order } = detail;
  const run = (body: Parameters<typeof action.mutateAsync>[0]['body'], done: (d: OrderDetailT) => string) =>
    action.mutateAsync({ id, body }).then((d) => {
      message.success(done(d));
      return d;
    });

  const confirmRun = (title: string, content: string, go: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => go().catch(ignoreHandled),
    });

  const buttons = [];
  if (detail.editable) {
    buttons.push(
      <Button key="edit" onClick={() => setEditing(true)}>
        {t('orders.detail.edit')}
      </Button>,
    );
  }
  if (detail.actions.includes('issue')) {
    buttons.push(
      <Button
        key="issue"
        type="primary"
        onClick={() =>
          confirmRun(t('orders.detail.issue'), t('orders.detail.issueConfirm'), () =>
            run({ action: 'issue', version: order.version }, (d) =>
              t('orders.detail.issued', { number: d.order.number ?? '' }),
            ),
          )
        }
      >
        {t('orders.detail.issue')}
      </Button>,
    );
  }
  if (detail.actions.includes('confirm')) {
    buttons.push(
      <Button
        key="confirm"
        type="primary"
        onClick={() =>
          confirmRun(t('orders.detail.confirm'), t('orders.detail.confirmConfirm'), () =>
            run({ action: 'confirm', version: order.version }, () => t('orders.detail.confirmed')),
          )
        }
      >
        {t('orders.detail.confirm')}
      </Button>,
    );
  }
  if (detail.actions.includes('withdraw')) {
    buttons.push(
      <Button key="withdraw" danger onClick={() => setWithdrawing(true)}>
        {t('orders.detail.withdraw')}
      </Button>,
    );
  }
  buttons.push(<OfficialDocButtons key="documents" route="orderDocument" id={order.id} />);
  buttons.push(
    <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
      {t('orders.detail.print')}
    </Button>,
  );

  const unitColumns: TableColumnsType<OrderUnitT> = [
    { title: t('orders.detail.unit'), dataIndex: 'unitId', render: (u: string) => units.name(u) },
    {
      title: t('orders.detail.role'),
      dataIndex: 'role',
      width: 100,
      render: (r: OrderUnitT['role']) => <Tag color={r === 'lead' ? 'blue' : 'default'}>{t(`orders.role.${r}`)}</Tag>,
    },
    {
      title: t('orders.detail.receipt'),
      key: 'receipt',
      render: (_, u) =>
        u.confirmedAt ? (
          <Typography.Text type="success" data-confirmed="true">
            {u.confirmedByName
              ? t('orders.detail.confirmedBy', { name: u.confirmedByName, time: formatDateTime(u.confirmedAt) })
              : t('orders.detail.confirmedAt', { time: formatDateTime(u.confirmedAt) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-confirmed="false">
            {t('orders.detail.notConfirmed')}
          </Typography.Text>
        ),
    },
  ];

  const itemColumns: TableColumnsType<OrderItemT> = [
    {
      title: t('orders.detail.itemNumber'),
      dataIndex: 'number',
      width: 110,
      render: (n: string, i) => <Link to={`/dispatch/items/${i.id}`}>{n}</Link>,
    },
    { title: t('orders.detail.matter'), dataIndex: 'title', ellipsis: true },
    {
      title: t('orders.detail.leadUnit'),
      dataIndex: 'leadUnitId',
      width: 150,
      render: (u: string | null) => units.name(u),
    },
    {
      title: t('orders.detail.coUnits'),
      dataIndex: 'coUnitIds',
      width: 180,
      render: (ids: string[]) =>
        formatList(
          ids.map((u) => units.name(u)),
          currentLocale(),
        ) || t('common.none'),
    },
    {
      title: t('orders.detail.deadline'),
      dataIndex: 'deadline',
      width: 150,
      render: (d: string | null) => formatDateTime(d),
    },
    {
      title: t('orders.detail.itemState'),
      dataIndex: 'state',
      width: 100,
      render: (s: OrderItemT['state']) => <StateTag state={s} />,
    },
    {
      title: t('orders.detail.light'),
      dataIndex: 'light',
      width: 90,
      render: (l: OrderItemT['light']) => <LightTag light={l} />,
    },
  ];

  return (
    <>
      <DetailHeader
        title={order.number ? `${order.number}  ${order.title}` : order.title}
        actions={buttons}
        back={{ to: '/dispatch/orders', label: t('orders.detail.back') }}
      />
      <Card title={t('orders.detail.basics')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('orders.list.number')}>
            <span style={{ whiteSpace: 'nowrap' }}>{order.number ?? t('orders.list.unnumbered')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.list.filterState')}>
            <OrderStateTag state={order.state} />
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.detail.issuer')}>{order.issuerName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.detail.createdAt')}>{formatDateTime(order.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.list.issuedAt')}>{formatDateTime(order.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.list.feedbackDue')}>
            {order.feedbackDue ?? t('common.none')}
          </Descriptions.Item>
          {order.completedAt ? (
            <Descriptions.Item label={t('orders.detail.completedAt')}>
              {formatDateTime(order.completedAt)}
            </Descriptions.Item>
          ) : null}
          {order.withdrawnAt ? (
            <Descriptions.Item label={t('orders.detail.withdrawnAt')}>
              {formatDateTime(order.withdrawnAt)} · {order.withdrawReason}
            </Descriptions.Item>
          ) : null}
          {order.meetingId ? (
            <Descriptions.Item label={t('orders.detail.meeting')}>
              <MeetingLink id={order.meetingId} />
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('orders.form.requirements')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {order.requirements || t('orders.detail.empty')}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('orders.detail.addresseesTitle')} size="small" style={{ marginBottom: 16 }}>
        <Table<OrderUnitT>
          rowKey="unitId"
          size="small"
          pagination={false}
          columns={unitColumns}
          dataSource={order.units}
          aria-label={t('orders.detail.addresseesTitle')}
        />
      </Card>
      <Card title={t('orders.detail.itemsTitle')} size="small">
        <Table<OrderItemT>
          rowKey="id"
          size="small"
          pagination={false}
          columns={itemColumns}
          dataSource={detail.items}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('orders.detail.noItems') }}
          aria-label={t('orders.detail.itemsTitle')}
        />
      </Card>
      <OrderPrint detail={detail} />
      {editing ? (
        <OrderFormModal
          detail={detail}
          latest={query.data}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      ) : null}
      <ReasonModal
        open={withdrawing}
        title={t('orders.detail.withdrawTitle')}
        label={t('orders.detail.withdrawReason')}
        maxLength={2000}
        loading={action.isPending}
        onCancel={() => setWithdrawing(false)}
        onSubmit={(reason) =>
          run({ action: 'withdraw', version: order.version, reason }, () => t('orders.detail.withdrawn')).then(() =>
            setWithdrawing(false),
          )
        }
      />
    </>
  );
}

/** The meeting an order came from, named by its number once loaded. */
function MeetingLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(id);
  return (
    <Link to={`/dispatch/meetings/${id}`} style={{ whiteSpace: 'nowrap' }}>
      {meeting.data ? meeting.data.meeting.number : t('orders.detail.meeting')}
    </Link>
  );
}
