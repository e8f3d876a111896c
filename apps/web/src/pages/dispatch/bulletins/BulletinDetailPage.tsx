import { HistoryOutlined, TrophyOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { BulletinDetailT, BulletinItemRowT, BulletinUnitRowT, RateT } from '@zaitun/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { allowed } from '../../../access';
import { bulletinKeys, useBulletin, useBulletinWrite, useRefreshBulletin } from '../../../api/bulletins';
import { useCurrentUser } from '../../../api/session';
import { DetailHeader } from '../../../components/dispatch/DetailHeader';
import { OfficialDocButtons } from '../../../components/dispatch/OfficialDocButtons';
import { ReasonModal } from '../../../components/dispatch/ReasonModal';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { ignoreHandled } from '../../../lib/promise';
import { BulletinLeagueCard } from './BulletinLeagueCard';
import { BulletinReceiptsCard, BulletinVersionsDrawer } from './BulletinSidePanels';
import { BulletinTextCard } from './BulletinTextCard';
import { BulletinStateTag, PeriodText, percent, TaskProgress } from './parts';

const nameIn = (locale: string, zh: string, en: string) => (locale === 'en-US' ? en || zh : zh);

/**
 * One bulletin (通报): its number, state and period; the actions the server allows (edit the text, refresh the
 * figures, publish, withdraw); the headline figures, the unit table, the overdue and red-card lists, the commended
 * units and the text; for managers its versions and, once published, its read receipts. A unit user's opening of a
 * published bulletin is its read receipt (the server records it on the read).
 */
export function BulletinDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { modal, message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const query = useBulletin(id);
  const write = useBulletinWrite();
  const refresh = useRefreshBulletin();
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [refreshTask, setRefreshTask] = useState<string | null>(null);
  const manager = allowed(me, 'bulletin.manage');

  const refreshed = useCallback(() => {
    setRefreshTask(null);
    void queryClient.invalidateQueries({ queryKey: bulletinKeys.all });
    message.success(t('bulletins.detail.refreshed'));
  }, [queryClient, message, t]);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (query.isError || !query.data) {
    return (
      <Result
        status="404"
        title={t('error.notFoundTitle')}
        subTitle={t('error.notFoundText')}
        extra={<Link to="/dispatch/bulletins">{t('bulletins.detail.back')}</Link>}
      />
    );
  }
  const detail: BulletinDetailT = query.data;
  const { bulletin, sections } = detail;
  const can = (a: BulletinDetailT['actions'][number]) => detail.actions.includes(a);

  const confirm = (title: string, content: string, go: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => go().catch(ignoreHandled),
    });

  const buttons = [];
  if (can('edit') && !editing) {
    buttons.push(
      <Button key="edit" onClick={() => setEditing(true)}>
        {t('bulletins.detail.edit')}
      </Button>,
    );
  }
  if (can('refresh')) {
    buttons.push(
      <Button
        key="refresh"
        loading={refresh.isPending}
        onClick={() =>
          confirm(t('bulletins.detail.refresh'), t('bulletins.detail.refreshConfirm'), () =>
            refresh.mutateAsync({ id, version: bulletin.version }).then((task) => setRefreshTask(task.id)),
          )
        }
      >
        {t('bulletins.detail.refresh')}
      </Button>,
    );
  }
  if (can('publish')) {
    buttons.push(
      <Button
        key="publish"
        type="primary"
        onClick={() =>
          confirm(t('bulletins.detail.publish'), t('bulletins.detail.publishConfirm'), () =>
            write.mutateAsync({ kind: 'publish', id, version: bulletin.version }).then((d) => {
              setEditing(false);
              message.success(t('bulletins.detail.published', { number: d.bulletin.number ?? '' }));
            }),
          )
        }
      >
        {t('bulletins.detail.publish')}
      </Button>,
    );
  }
  if (can('withdraw')) {
    buttons.push(
      <Button key="withdraw" danger onClick={() => setWithdrawing(true)}>
        {t('bulletins.detail.withdraw')}
      </Button>,
    );
  }
  if (manager) {
    buttons.push(
      <Button key="versions" icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
        {t('bulletins.detail.versions')}
      </Button>,
    );
  }
  buttons.push(<OfficialDocButtons key="documents" route="bulletinDocument" id={bulletin.id} />);

  return (
    <>
      <DetailHeader
        title={bulletin.number ? `${bulletin.number}  ${bulletin.title}` : bulletin.title}
        actions={buttons}
        back={{ to: '/dispatch/bulletins', label: t('bulletins.detail.back') }}
      />
      {!manager && bulletin.state === 'published' ? (
        <Alert type="info" showIcon title={t('bulletins.detail.readOnlyHint')} style={{ marginBottom: 16 }} />
      ) : null}
      <Card title={t('bulletins.detail.basics')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('bulletins.list.number')}>
            <span style={{ whiteSpace: 'nowrap' }} data-testid="bulletin-number">
              {bulletin.number ?? t('bulletins.list.unnumbered')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletins.list.state')}>
            <BulletinStateTag state={bulletin.state} />
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletins.detail.period')}>
            <Space size={4} wrap>
              <PeriodText kind={bulletin.periodKind} from={bulletin.from} to={bulletin.to} />
              {bulletin.periodKind === 'custom' ? null : (
                <Typography.Text type="secondary">
                  {t('bulletins.period.range', { from: bulletin.from, to: bulletin.to })}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletins.detail.computedAt')}>
            {formatDateTime(bulletin.computedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletins.detail.updatedAt')}>
            {formatDateTime(bulletin.updatedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletins.detail.publishedAt')}>
            {formatDateTime(bulletin.publishedAt)}
          </Descriptions.Item>
          {bulletin.withdrawnAt ? (
            <Descriptions.Item label={t('bulletins.detail.withdrawnAt')} span={3}>
              {formatDateTime(bulletin.withdrawnAt)}
              {bulletin.withdrawReason ? ` · ${bulletin.withdrawReason}` : ''}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Figures detail={detail} />
      <UnitTable rows={sections.units} minResolved={sections.commendationMinResolved} />
      {sections.league ? <BulletinLeagueCard league={sections.league} /> : null}
      <ItemList kind="overdue" rows={sections.overdue} />
      <ItemList kind="redCards" rows={sections.redCards} />
      <Card
        title={t('bulletins.commended.title')}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          <Typography.Text type="secondary">
            {t('bulletins.commended.hint', { min: sections.commendationMinResolved })}
          </Typography.Text>
        }
      >
        {sections.commended.length === 0 ? (
          <Typography.Text type="secondary">{t('bulletins.commended.none')}</Typography.Text>
        ) : (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="bulletin-commended">
            {sections.commended.map((c) => (
              <Tag key={c.unitId} color="green" style={{ marginInlineEnd: 0 }}>
                {t('bulletins.commended.resolved', {
                  name: nameIn(currentLocale(), c.nameZh, c.nameEn),
                  count: c.resolved,
                })}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <BulletinTextCard detail={detail} editing={editing && can('edit')} onEditingChange={setEditing} />
      {manager && bulletin.state !== 'draft' ? <BulletinReceiptsCard id={bulletin.id} /> : null}
      {manager ? (
        <BulletinVersionsDrawer id={bulletin.id} open={versionsOpen} onClose={() => setVersionsOpen(false)} />
      ) : null}
      <Modal
        open={!!refreshTask}
        title={t('bulletins.detail.refreshing')}
        footer={null}
        closable={false}
        mask={{ closable: false }}
        destroyOnHidden
      >
        {refreshTask ? (
          <TaskProgress taskId={refreshTask} onSucceeded={refreshed} onBack={() => setRefreshTask(null)} />
        ) : null}
      </Modal>
      <ReasonModal
        open={withdrawing}
        title={t('bulletins.detail.withdrawTitle')}
        label={t('bulletins.detail.withdrawReason')}
        maxLength={500}
        loading={write.isPending}
        onCancel={() => setWithdrawing(false)}
        onSubmit={(reason) =>
          write
            .mutateAsync({ kind: 'withdraw', id, body: { version: bulletin.version, reason: reason.trim() } })
            .then(() => {
              message.success(t('bulletins.detail.withdrawn'));
              setWithdrawing(false);
            })
        }
      />
    </>
  );
}

/** The headline figures as tiles: counts, and rates as percentages (a dash when nothing was counted). */
function Figures({ detail }: { detail: BulletinDetailT }) {
  const { t } = useTranslation();
  const h = detail.sections.headline;
  const rateTile = (title: string, r: RateT) => (
    <Tooltip title={t('bulletins.figures.ratio', { numerator: r.numerator, denominator: r.denominator })}>
      <div>
        <Statistic title={title} value={percent(r)} />
      </div>
    </Tooltip>
  );
  const tile = (key: string, content: ReactNode) => (
    <Col xs={12} lg={6} key={key}>
      <Card size="small" data-testid={`bulletin-figure-${key}`}>
        {content}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} aria-label={t('bulletins.figures.title')}>
      {tile('opened', <Statistic title={t('bulletins.figures.opened')} value={h.opened} />)}
      {tile('resolved', <Statistic title={t('bulletins.figures.resolved')} value={h.resolved} />)}
      {tile('resolvedOnTime', rateTile(t('bulletins.figures.resolvedOnTime'), h.resolvedOnTime))}
      {tile('satisfaction', rateTile(t('bulletins.figures.satisfaction'), h.satisfaction))}
    </Row>
  );
}

/**
 * Every unit's row in its sorted position; the best and worst three highlighted as in the document. A unit with
 * fewer than `minResolved` items closed is not ranked (the metrics' minimum sample, which also bounds commendation):
 * it is listed after the ranked ones with a tag instead of a rank, as on the metrics page.
 */
function UnitTable({ rows, minResolved }: { rows: BulletinUnitRowT[]; minResolved: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rate = (r: RateT) => (
    <Tooltip title={t('bulletins.figures.ratio', { numerator: r.numerator, denominator: r.denominator })}>
      <span>{percent(r)}</span>
    </Tooltip>
  );
  const count = (key: 'received' | 'resolved' | 'urged' | 'redone') => ({
    title: t(`bulletins.units.${key}`),
    dataIndex: key,
    width: 80,
    align: 'right' as const,
  });
  const columns: TableColumnsType<BulletinUnitRowT> = [
    {
      title: t('bulletins.units.position'),
      dataIndex: 'position',
      width: 110,
      render: (position: number, row) =>
        row.resolved < minResolved ? (
          <Tooltip title={t('bulletins.units.notRankedHint', { min: minResolved })}>
            <Tag style={{ marginInlineEnd: 0 }}>{t('bulletins.units.notRanked')}</Tag>
          </Tooltip>
        ) : (
          <Space size={4}>
            <Typography.Text strong>{position}</Typography.Text>
            {row.mark === 'top' ? (
              <TrophyOutlined aria-label={t('bulletins.units.top')} style={{ color: '#d48806' }} />
            ) : null}
            {row.mark === 'bottom' ? (
              <WarningOutlined aria-label={t('bulletins.units.bottom')} style={{ color: '#cf1322' }} />
            ) : null}
          </Space>
        ),
    },
    {
      title: t('bulletins.units.unit'),
      key: 'unit',
      ellipsis: true,
      render: (_, row) => nameIn(locale, row.nameZh, row.nameEn),
    },
    count('received'),
    count('resolved'),
    {
      title: t('bulletins.units.resolvedOnTime'),
      key: 'resolvedOnTime',
      width: 110,
      align: 'right',
      render: (_, row) => rate(row.resolvedOnTime),
    },
    count('urged'),
    count('redone'),
    {
      title: t('bulletins.units.satisfaction'),
      key: 'satisfaction',
      width: 110,
      align: 'right',
      render: (_, row) => rate(row.satisfaction),
    },
  ];
  return (
    <Card
      title={t('bulletins.units.title')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <Typography.Text type="secondary">{t('bulletins.units.notRankedHint', { min: minResolved })}</Typography.Text>
      }
    >
      <Table<BulletinUnitRowT>
        rowKey="unitId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={[...rows].sort((a, b) => a.position - b.position)}
        locale={{ emptyText: t('bulletins.units.empty') }}
        aria-label={t('bulletins.units.title')}
        onRow={(row) => {
          const background = row.mark === 'top' ? '#f6ffed' : row.mark === 'bottom' ? '#fff1f0' : undefined;
          return { 'data-mark': row.mark ?? undefined, style: background ? { background } : undefined } as object;
        }}
      />
    </Card>
  );
}

/** The overdue list (days past the deadline at the period's end) or the red-card list (when the card was raised). */
function ItemList({ kind, rows }: { kind: 'overdue' | 'redCards'; rows: BulletinItemRowT[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const columns: TableColumnsType<BulletinItemRowT> = [
    {
      title: t('bulletins.lists.number'),
      dataIndex: 'number',
      width: 110,
      render: (n: string, row) => (
        <Link to={`/dispatch/items/${row.itemId}`} style={{ whiteSpace: 'nowrap' }}>
          {n}
        </Link>
      ),
    },
    { title: t('bulletins.lists.matter'), dataIndex: 'title', ellipsis: true },
    {
      title: t('bulletins.lists.leadUnit'),
      key: 'lead',
      width: 180,
      ellipsis: true,
      render: (_, row) => nameIn(locale, row.leadUnitNameZh, row.leadUnitNameEn) || t('common.none'),
    },
    kind === 'overdue'
      ? {
          title: t('bulletins.lists.daysOverdue'),
          dataIndex: 'daysOverdue',
          width: 120,
          align: 'right',
          // Whole days past the deadline: 0 is an item that fell due less than a day before the period's end.
          render: (d: number | null) =>
            d === null
              ? t('common.none')
              : d === 0
                ? t('bulletins.lists.underADay')
                : t('bulletins.lists.days', { count: d }),
        }
      : {
          title: t('bulletins.lists.raisedAt'),
          dataIndex: 'at',
          width: 140,
          render: (d: string | null) => formatDateTime(d),
        },
  ];
  return (
    <Card title={t(`bulletins.lists.${kind}`)} size="small" style={{ marginBottom: 16 }}>
      <Table<BulletinItemRowT>
        rowKey="itemId"
        size="small"
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: t(kind === 'overdue' ? 'bulletins.lists.noOverdue' : 'bulletins.lists.noRedCards') }}
        aria-label={t(`bulletins.lists.${kind}`)}
      />
    </Card>
  );
}
