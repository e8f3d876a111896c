import { ArrowLeftOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { ItemAction, ItemDetailT, ItemT } from '@zaitun/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  List,
  Rate,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { attachmentUrl, useItem, useItemEvents, useUploadAttachment } from '../../../api/dispatch';
import { ActionModal } from '../../../components/dispatch/ActionModal';
import { DaysLeft } from '../../../components/dispatch/DeadlineText';
import { ItemSignals } from '../../../components/dispatch/EscalationTag';
import { ItemFormModal } from '../../../components/dispatch/ItemFormModal';
import { LightTag } from '../../../components/dispatch/LightTag';
import { PriorityTag } from '../../../components/dispatch/PriorityTag';
import { StateTag } from '../../../components/dispatch/StateTag';
import { useCategoryLookup, useEventLabel, useUnitLookup } from '../../../components/dispatch/use-lookups';
import '../../../components/dispatch/dispatch.css';
import { currentLocale } from '../../../i18n';
import { formatBytes, formatDateTime } from '../../../lib/datetime';
import { formatList } from '../../../lib/list-format';
import { ignoreHandled } from '../../../lib/promise';

const MAX_UPLOAD = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
/** The action that moves the item on for whoever holds it; shown as the primary button. */
const PRIMARY: readonly ItemAction[] = ['submit', 'dispatch', 'sign', 'contribute', 'resolve', 'verify', 'rate'];
const DANGER: readonly ItemAction[] = ['cancel', 'merge', 'return', 'reject', 'deny_extension', 'reopen'];

export function ItemDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const item = useItem(id);
  const [action, setAction] = useState<ItemAction | null>(null);
  const [editing, setEditing] = useState(false);

  if (item.isPending) {
    return (
      <div className="full-page-center" style={{ minHeight: 240 }}>
        <Spin />
      </div>
    );
  }
  if (item.isError) {
    const missing = isApiError(item.error) && (item.error.status === 404 || item.error.status === 400);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('dispatch.detail.notFound') : t('error.unknown')}
        extra={
          <Button type="primary" onClick={() => navigate('/dispatch/items')}>
            {t('dispatch.detail.back')}
          </Button>
        }
      />
    );
  }
  const detail = item.data;
  const it = detail.item;
  const canEdit = it.canEdit;

  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>
          {t('dispatch.detail.back')}
        </Button>
      </div>
      <ItemHeader detail={detail} canEdit={canEdit} onAction={setAction} onEdit={() => setEditing(true)} />
      {detail.uncoveredYears.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="item-section"
          title={t('dispatch.detail.uncovered', {
            years: formatList(detail.uncoveredYears.map(String), currentLocale()),
          })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <ItemFacts item={it} />
          <CoUnits item={it} />
          {detail.extensions.length > 0 ? <Extensions detail={detail} /> : null}
          <Attachments detail={detail} />
        </Col>
        <Col xs={24} xl={9}>
          <ItemTimeline id={it.id} enterprise={!!it.enterpriseId} />
        </Col>
      </Row>
      {action ? <ActionModal detail={detail} action={action} onClose={() => setAction(null)} /> : null}
      {editing ? (
        <ItemFormModal target={{ mode: 'edit', item: it }} latest={it} onClose={() => setEditing(false)} />
      ) : null}
    </>
  );
}

function ItemHeader({
  detail,
  canEdit,
  onAction,
  onEdit,
}: {
  detail: ItemDetailT;
  canEdit: boolean;
  onAction: (a: ItemAction) => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const units = useUnitLookup();
  const it = detail.item;
  const ordered = [...detail.actions].sort((a, b) => Number(PRIMARY.includes(b)) - Number(PRIMARY.includes(a)));
  return (
    <section className="item-header" aria-labelledby="item-title">
      <div className="item-header-top">
        <Typography.Text type="secondary" className="item-number" data-testid="item-number">
          {it.number}
        </Typography.Text>
        <Typography.Title level={4} id="item-title">
          {it.title}
        </Typography.Title>
      </div>
      <div className="item-header-meta">
        <Space size={[4, 4]} wrap>
          <StateTag state={it.state} />
          <LightTag light={it.light} />
          <PriorityTag priority={it.priority} />
          <ItemSignals item={it} />
        </Space>
        {it.leadUnitId ? (
          <span>
            <Typography.Text type="secondary">
              {t('dispatch.field.leadUnit')}
              {t('common.colon')}
            </Typography.Text>
            {units.name(it.leadUnitId)}
          </span>
        ) : null}
        {it.deadline ? (
          <span>
            <Typography.Text type="secondary">
              {t('dispatch.field.deadline')}
              {t('common.colon')}
            </Typography.Text>
            <span className="nowrap">{formatDateTime(it.deadline)}</span>
            {it.workingDaysLeft !== null ? (
              <>
                {' '}
                <DaysLeft n={it.workingDaysLeft} />
              </>
            ) : null}
          </span>
        ) : null}
        {detail.relations.length > 0 ? (
          <span>
            <Typography.Text type="secondary">
              {t('dispatch.detail.myRelation')}
              {t('common.colon')}
            </Typography.Text>
            {detail.relations.map((r) => (
              <Tag key={r} variant="outlined">
                {t(`dispatch.relation.${r}`)}
              </Tag>
            ))}
          </span>
        ) : null}
      </div>
      <div className="item-actions" role="toolbar" aria-label={t('common.actions')}>
        {ordered.map((a) => (
          <Button
            key={a}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            onClick={() => onAction(a)}
          >
            {t(`dispatch.action.${a}`)}
          </Button>
        ))}
        {canEdit ? (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('dispatch.detail.edit')}
          </Button>
        ) : null}
        {ordered.length === 0 && !canEdit ? (
          <Typography.Text type="secondary">{t('dispatch.detail.noActions')}</Typography.Text>
        ) : null}
      </div>
    </section>
  );
}

function Text({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value?.trim()) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return <div className="item-text">{value}</div>;
}

function ItemFacts({ item: it }: { item: ItemT }) {
  const { t } = useTranslation();
  const units = useUnitLookup();
  const categories = useCategoryLookup();
  const none = t('common.none');
  const basics: DescriptionsProps['items'] = [
    { key: 'category', label: t('dispatch.field.category'), children: categories.name(it.category) },
    { key: 'source', label: t('dispatch.field.source'), children: t(`dispatch.source.${it.source}`) },
    { key: 'sourceRef', label: t('dispatch.field.sourceRef'), children: it.sourceRef || none },
    { key: 'county', label: t('dispatch.field.county'), children: units.name(it.countyUnitId) || none },
    { key: 'createdAt', label: t('dispatch.field.createdAt'), children: formatDateTime(it.createdAt) },
    {
      key: 'tags',
      label: t('dispatch.field.tags'),
      children:
        it.tags.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {it.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Space>
        ) : (
          none
        ),
    },
    {
      // A row of its own: a person and a long unit name would squeeze the column beside it.
      key: 'raisedBy',
      label: t('dispatch.field.raisedBy'),
      span: 'filled',
      children: [it.raisedByName, units.name(it.raisedByUnitId)].filter(Boolean).join(' · '),
    },
    {
      key: 'description',
      label: t('dispatch.field.description'),
      span: 'filled',
      children: <Text value={it.description} />,
    },
  ];
  const handling: NonNullable<DescriptionsProps['items']> = [
    { key: 'lead', label: t('dispatch.field.leadUnit'), children: units.name(it.leadUnitId) || none },
    { key: 'dispatchedAt', label: t('dispatch.field.dispatchedAt'), children: formatDateTime(it.dispatchedAt) },
    { key: 'signBy', label: t('dispatch.field.signBy'), children: formatDateTime(it.signBy) },
    { key: 'signedAt', label: t('dispatch.field.signedAt'), children: formatDateTime(it.signedAt) },
    { key: 'deadline', label: t('dispatch.field.deadline'), children: formatDateTime(it.deadline) },
  ];
  if (it.originalDeadline && it.originalDeadline !== it.deadline) {
    handling.push({
      key: 'original',
      label: t('dispatch.field.originalDeadline'),
      children: formatDateTime(it.originalDeadline),
    });
  }
  if (it.resolvedAt) {
    handling.push({
      key: 'resolvedAt',
      label: t('dispatch.field.resolvedAt'),
      children: formatDateTime(it.resolvedAt),
    });
  }
  if (it.closedAt) {
    handling.push({ key: 'closedAt', label: t('dispatch.field.closedAt'), children: formatDateTime(it.closedAt) });
  }
  if (it.answer) {
    handling.push({
      key: 'answer',
      label: t('dispatch.field.answer'),
      span: 'filled',
      children: <Text value={it.answer} />,
    });
  }
  if (it.rating !== null) {
    handling.push({
      key: 'rating',
      label: t('dispatch.field.rating'),
      span: 'filled',
      children: (
        <Space wrap>
          <Rate disabled value={it.rating} />
          <span>{t('dispatch.detail.rated', { rating: it.rating })}</span>
          {it.ratingComment ? <Typography.Text type="secondary">{it.ratingComment}</Typography.Text> : null}
        </Space>
      ),
    });
  }
  if (it.cancelReason) {
    handling.push({
      key: 'cancel',
      label: t('dispatch.field.cancelReason'),
      span: 'filled',
      children: it.cancelReason,
    });
  }
  if (it.mergedIntoId) {
    handling.push({
      key: 'merged',
      label: t('dispatch.field.mergedInto'),
      children: <Link to={`/dispatch/items/${it.mergedIntoId}`}>{t('common.details')}</Link>,
    });
  }
  return (
    <>
      <Card size="small" title={t('dispatch.detail.basics')} className="item-section">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={basics} />
      </Card>
      {it.dispatchedAt || it.closedAt || it.cancelledAt ? (
        <Card size="small" title={t('dispatch.detail.handling')} className="item-section">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={handling} />
        </Card>
      ) : null}
    </>
  );
}

function CoUnits({ item: it }: { item: ItemT }) {
  const { t } = useTranslation();
  const units = useUnitLookup();
  if (!it.leadUnitId && it.coUnits.length === 0) return null;
  return (
    <Card size="small" title={t('dispatch.detail.coUnits')} className="item-section">
      {it.coUnits.length === 0 ? (
        <Typography.Text type="secondary">{t('dispatch.detail.noCoUnits')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={it.coUnits}
          renderItem={(c) => (
            <List.Item key={c.unitId}>
              <div style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{units.name(c.unitId)}</Typography.Text>
                  <Tag color={c.status === 'done' ? 'success' : c.status === 'waived' ? 'default' : 'warning'}>
                    {t(`dispatch.coStatus.${c.status}`)}
                  </Tag>
                  {c.doneAt ? <Typography.Text type="secondary">{formatDateTime(c.doneAt)}</Typography.Text> : null}
                </Space>
                {c.contribution ? (
                  <div className="item-text" style={{ marginTop: 4 }}>
                    {c.contribution}
                  </div>
                ) : null}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Extensions({ detail }: { detail: ItemDetailT }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('dispatch.detail.extensions')} className="item-section">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.extensions}
        columns={[
          {
            title: t('dispatch.detail.requestedBy'),
            key: 'by',
            render: (_, e) => (
              <div>
                {e.requestedByName}
                <div>
                  <Typography.Text type="secondary">{formatDateTime(e.requestedAt)}</Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('dispatch.detail.requestedDeadline'),
            key: 'deadline',
            render: (_, e) => <span className="nowrap">{formatDateTime(e.requestedDeadline)}</span>,
          },
          { title: t('dispatch.actionForm.reason'), dataIndex: 'reason', render: (r: string) => <Text value={r} /> },
          {
            title: t('dispatch.field.state'),
            key: 'state',
            render: (_, e) => (
              <div>
                <Tag color={e.state === 'approved' ? 'success' : e.state === 'denied' ? 'error' : 'processing'}>
                  {t(`dispatch.extensionState.${e.state}`)}
                </Tag>
                {e.decisionNote ? <div className="item-text">{e.decisionNote}</div> : null}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Attachments({ detail }: { detail: ItemDetailT }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const it = detail.item;
  const upload = useUploadAttachment(it.id);
  const canUpload = detail.relations.length > 0 && it.state !== 'closed' && it.state !== 'cancelled';
  return (
    <Card
      size="small"
      title={t('dispatch.detail.attachments')}
      className="item-section"
      extra={
        canUpload ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MAX_UPLOAD) {
                message.error(t('dispatch.detail.tooLarge'));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              upload
                .mutateAsync(file as File)
                .then((a) => {
                  message.success(t('dispatch.detail.uploaded'));
                  onSuccess?.(a);
                })
                .catch((e: unknown) => {
                  onError?.(e as Error);
                  ignoreHandled();
                });
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('dispatch.detail.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {canUpload ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('dispatch.detail.uploadHint')}
        </Typography.Paragraph>
      ) : null}
      {detail.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.detail.noAttachments')} />
      ) : (
        <List
          size="small"
          dataSource={detail.attachments}
          renderItem={(a) => (
            <List.Item key={a.id}>
              <Space wrap size={[8, 0]}>
                <PaperClipOutlined aria-hidden />
                <a href={attachmentUrl(it.id, a.id)} download={a.fileName}>
                  {a.fileName}
                </a>
                <Typography.Text type="secondary">
                  {formatBytes(a.size)} · {a.uploadedByName} · {formatDateTime(a.createdAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function ItemTimeline({ id, enterprise }: { id: string; enterprise: boolean }) {
  const { t } = useTranslation();
  const events = useItemEvents(id);
  const units = useUnitLookup();
  const label = useEventLabel();
  const list = [...(events.data?.items ?? [])].reverse();
  return (
    <Card size="small" title={t('dispatch.detail.timeline')} loading={events.isPending}>
      <Timeline
        items={list.map((e) => ({
          key: e.id,
          color: e.toState === 'closed' ? 'green' : e.action === 'reject' || e.action === 'return' ? 'red' : 'blue',
          content: (
            <div data-testid="timeline-entry">
              <Typography.Text type="secondary" className="nowrap" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)}
              </Typography.Text>
              <Space size={[6, 2]} wrap style={{ display: 'flex' }}>
                <Typography.Text strong>{label(e.action)}</Typography.Text>
                {e.fromState && e.toState && e.fromState !== e.toState ? (
                  <Typography.Text type="secondary">
                    {t('dispatch.detail.fromTo', {
                      from: t(`dispatch.state.${e.fromState}`),
                      to: t(`dispatch.state.${e.toState}`),
                    })}
                  </Typography.Text>
                ) : !e.fromState && e.toState ? (
                  <Typography.Text type="secondary">→ {t(`dispatch.state.${e.toState}`)}</Typography.Text>
                ) : null}
                {e.public && enterprise ? <Tag variant="outlined">{t('dispatch.detail.publicNote')}</Tag> : null}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {[e.actorName, units.name(e.actorUnitId)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              {e.note ? <div className="item-text">{e.note}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
