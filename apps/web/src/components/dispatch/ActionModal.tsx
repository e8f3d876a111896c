import { type ItemAction, ItemActionBody, type ItemDetailT, type ItemT, ruleFor } from '@zaitun/contracts';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Rate, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ItemActionBody as Body, useDeadlinePreview, useItemAction, useItems } from '../../api/dispatch';
import { currentLocale } from '../../i18n';
import { DISPLAY_TZ, formatDateTime } from '../../lib/datetime';
import { schemaRules } from '../../lib/form-rules';
import { formatList } from '../../lib/list-format';
import { useConflictReload } from '../../lib/use-conflict-reload';
import { UnitSelect } from './UnitSelect';
import { useUnitLookup } from './use-lookups';

interface Values {
  reason?: string;
  note?: string;
  answer?: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadline?: Dayjs | null;
  mergeIntoId?: string;
  unitId?: string;
  rating?: number;
  level?: 'yellow' | 'red';
  public?: boolean;
}

const fields = ItemActionBody.properties;

/** Which label the reason field carries for an action. */
const REASON_LABEL: Partial<Record<ItemAction, string>> = {
  cancel: 'cancelReason',
  return: 'returnReason',
  reject: 'rejectReason',
  reopen: 'reopenReason',
  request_extension: 'extensionReason',
  deny_extension: 'denyReason',
};
/** Actions with a free-text note that is optional (the event records it). */
const OPTIONAL_NOTE: readonly ItemAction[] = [
  'sign',
  'verify',
  'urge',
  'approve_extension',
  'flag',
  'unflag',
  'submit',
];
const DANGER: readonly ItemAction[] = ['cancel', 'merge', 'return', 'reject', 'deny_extension', 'escalate'];

/** The instant a picked day ends its business day (the end-of-business hour of the default deadline). */
function endOfDay(day: Dayjs, hourMinute: string): string {
  return dayjs.tz(`${day.format('YYYY-MM-DD')} ${hourMinute}`, DISPLAY_TZ).toISOString();
}

/**
 * One dialog for every workflow action: it asks for exactly what the state machine says the action needs
 * (ITEM_TRANSITIONS in the contract) and sends it with the item's version. After a version conflict it keeps the
 * reloaded item and says so; an action no longer allowed on the reloaded item cannot be sent.
 */
export function ActionModal({
  detail,
  action,
  onClose,
  onDone,
}: {
  detail: ItemDetailT;
  action: ItemAction;
  onClose: () => void;
  onDone?: (detail: ItemDetailT) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnitLookup();
  const run = useItemAction();
  const refill = useCallback(() => {}, []);
  const { base, reloaded, onSaveError } = useConflictReload<ItemT>(detail.item, detail.item, refill);
  const item = base ?? detail.item;
  const stillAllowed = detail.actions.includes(action);
  const needs = ruleFor(item.state, action)?.needs ?? [];
  const actionLabel = t(`dispatch.action.${action}`);
  const preview = useDeadlinePreview(action === 'dispatch' ? item.priority : undefined);
  const eob = preview.data ? dayjs(preview.data.deadline).tz(DISPLAY_TZ).format('HH:mm') : '18:00';
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const coUnitIds = Form.useWatch('coUnitIds', form);
  const [mergeSearch, setMergeSearch] = useState('');
  const mergeCandidates = useItems(
    { view: 'all', bucket: 'open', q: mergeSearch.trim() || undefined, pageSize: 20 },
    action === 'merge',
  );
  const pendingExtension = detail.extensions.find((e) => e.state === 'pending');
  const openCoUnits = item.coUnits.filter((c) => c.status === 'open');

  const disabledForCo = useMemo(() => new Set(leadUnitId ? [leadUnitId] : []), [leadUnitId]);
  const disabledForLead = useMemo(() => new Set(coUnitIds ?? []), [coUnitIds]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: Body = { action, version: item.version };
    const text = (s?: string) => (s?.trim() ? s.trim() : undefined);
    if (v.reason !== undefined) body.reason = text(v.reason);
    if (v.note !== undefined) body.note = text(v.note);
    if (v.answer !== undefined) body.answer = text(v.answer);
    if (v.leadUnitId) body.leadUnitId = v.leadUnitId;
    if (action === 'dispatch') body.coUnitIds = v.coUnitIds ?? [];
    if (v.deadline) body.deadline = endOfDay(v.deadline, eob);
    if (v.mergeIntoId) body.mergeIntoId = v.mergeIntoId;
    if (v.unitId) body.unitId = v.unitId;
    if (v.rating) body.rating = v.rating;
    if (v.level) body.level = v.level;
    if (v.public !== undefined) body.public = v.public;
    const result = await run.mutateAsync({ id: item.id, body });
    message.success(t('dispatch.actionForm.done', { action: actionLabel }));
    onClose();
    onDone?.(result);
  };

  const required = (label: string) => [
    { required: true, whitespace: true, message: t('validation.required', { field: label }) },
  ];
  const reasonLabel = t(`dispatch.actionForm.${(REASON_LABEL[action] ?? 'reason') as 'reason'}`);
  const pastDay = (d: Dayjs) => d.isBefore(dayjs().tz(DISPLAY_TZ).startOf('day'));

  return (
    <Modal
      open
      title={t('dispatch.actionForm.title', { action: actionLabel, number: item.number })}
      okText={actionLabel}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: DANGER.includes(action), disabled: !stillAllowed }}
      onOk={() => submit().catch(onSaveError)}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={action === 'dispatch' ? 640 : 560}
    >
      {reloaded ? (
        <Alert type="warning" showIcon title={t('dispatch.detail.conflict')} style={{ marginBottom: 16 }} />
      ) : null}
      {!stillAllowed ? (
        <Alert type="error" showIcon title={t('dispatch.detail.noActions')} style={{ marginBottom: 16 }} />
      ) : null}
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {item.title}
      </Typography.Paragraph>
      {action === 'resolve' && openCoUnits.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('dispatch.actionForm.coUnitsOpen', {
            units: formatList(
              openCoUnits.map((c) => units.name(c.unitId)),
              currentLocale(),
            ),
          })}
        />
      ) : null}
      {(action === 'approve_extension' || action === 'deny_extension') && pendingExtension ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('dispatch.actionForm.extensionPending', {
            name: pendingExtension.requestedByName,
            date: formatDateTime(pendingExtension.requestedDeadline),
            reason: pendingExtension.reason,
          })}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ level: item.escalation === 'yellow' ? 'red' : 'yellow', coUnitIds: [], public: false }}
      >
        {action === 'dispatch' ? (
          <>
            <Form.Item
              name="leadUnitId"
              label={t('dispatch.actionForm.leadUnit')}
              rules={[
                { required: true, message: t('validation.required', { field: t('dispatch.actionForm.leadUnit') }) },
              ]}
            >
              <UnitSelect units={units.units} disabledIds={disabledForLead} />
            </Form.Item>
            <Form.Item name="coUnitIds" label={t('dispatch.actionForm.coUnits')}>
              <UnitSelect multiple units={units.units} disabledIds={disabledForCo} />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={t('dispatch.actionForm.deadline')}
              extra={
                preview.data
                  ? t('dispatch.actionForm.deadlineDefault', {
                      date: formatDateTime(preview.data.deadline),
                      days: preview.data.workingDays,
                    })
                  : t('dispatch.actionForm.deadlineKeepDefault')
              }
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={pastDay}
                placeholder={preview.data ? formatDateTime(preview.data.deadline) : undefined}
                format={`YYYY-MM-DD [${eob}]`}
              />
            </Form.Item>
          </>
        ) : null}

        {action === 'request_extension' ? (
          <Form.Item
            name="deadline"
            label={t('dispatch.actionForm.newDeadline')}
            extra={
              item.deadline ? t('dispatch.actionForm.currentDeadline', { date: formatDateTime(item.deadline) }) : null
            }
            rules={[
              { required: true, message: t('validation.required', { field: t('dispatch.actionForm.newDeadline') }) },
            ]}
          >
            <DatePicker
              style={{ width: '100%' }}
              format={`YYYY-MM-DD [${eob}]`}
              disabledDate={(d) =>
                pastDay(d) || (!!item.deadline && !d.isAfter(dayjs(item.deadline).tz(DISPLAY_TZ), 'day'))
              }
            />
          </Form.Item>
        ) : null}

        {action === 'reject' || action === 'reopen' ? (
          <Form.Item
            name="deadline"
            label={t('dispatch.actionForm.redoDeadline')}
            extra={
              item.deadline ? t('dispatch.actionForm.currentDeadline', { date: formatDateTime(item.deadline) }) : null
            }
          >
            <DatePicker style={{ width: '100%' }} format={`YYYY-MM-DD [${eob}]`} disabledDate={pastDay} />
          </Form.Item>
        ) : null}

        {action === 'merge' ? (
          <Form.Item
            name="mergeIntoId"
            label={t('dispatch.actionForm.mergeInto')}
            rules={[
              { required: true, message: t('validation.required', { field: t('dispatch.actionForm.mergeInto') }) },
            ]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setMergeSearch }}
              placeholder={t('dispatch.actionForm.mergeSearch')}
              loading={mergeCandidates.isFetching}
              options={(mergeCandidates.data?.items ?? [])
                .filter((c) => c.id !== item.id && c.state !== 'draft')
                .map((c) => ({ value: c.id, label: `${c.number} ${c.title}` }))}
            />
          </Form.Item>
        ) : null}

        {action === 'waive' ? (
          <Form.Item
            name="unitId"
            label={t('dispatch.actionForm.waiveUnit')}
            rules={[
              { required: true, message: t('validation.required', { field: t('dispatch.actionForm.waiveUnit') }) },
            ]}
          >
            <Radio.Group
              style={{ display: 'grid', gap: 8 }}
              options={openCoUnits.map((c) => ({ value: c.unitId, label: units.name(c.unitId) }))}
            />
          </Form.Item>
        ) : null}

        {action === 'escalate' ? (
          <Form.Item name="level" label={t('dispatch.actionForm.level')}>
            <Radio.Group
              optionType="button"
              options={(['yellow', 'red'] as const).map((l) => ({
                value: l,
                label: t(`dispatch.escalation.${l}`),
                disabled: l === 'yellow' && item.escalation === 'yellow',
              }))}
            />
          </Form.Item>
        ) : null}

        {action === 'rate' ? (
          <Form.Item
            name="rating"
            label={t('dispatch.actionForm.rating')}
            rules={[{ required: true, message: t('validation.required', { field: t('dispatch.actionForm.rating') }) }]}
          >
            <Rate
              tooltips={[1, 2, 3, 4, 5].map((n) => t(`dispatch.actionForm.rating${n as 1 | 2 | 3 | 4 | 5}`))}
              aria-label={t('dispatch.actionForm.rating')}
            />
          </Form.Item>
        ) : null}

        {action === 'resolve' ? (
          <Form.Item
            name="answer"
            label={t('dispatch.actionForm.answer')}
            extra={t('dispatch.actionForm.answerHint')}
            rules={[
              ...required(t('dispatch.actionForm.answer')),
              ...schemaRules(fields.answer, { label: t('dispatch.actionForm.answer') }),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} showCount maxLength={5000} />
          </Form.Item>
        ) : null}

        {needs.includes('reason') || action === 'merge' || action === 'escalate' ? (
          <Form.Item
            name="reason"
            label={reasonLabel}
            rules={[
              ...(needs.includes('reason') ? required(reasonLabel) : []),
              ...schemaRules(fields.reason, { label: reasonLabel }),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={2000} />
          </Form.Item>
        ) : null}

        {action === 'progress' || action === 'contribute' ? (
          <Form.Item
            name="note"
            label={t(action === 'progress' ? 'dispatch.actionForm.progressNote' : 'dispatch.actionForm.contribution')}
            rules={[
              ...required(
                t(action === 'progress' ? 'dispatch.actionForm.progressNote' : 'dispatch.actionForm.contribution'),
              ),
              ...schemaRules(fields.note, { label: t('dispatch.actionForm.note') }),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} showCount maxLength={5000} />
          </Form.Item>
        ) : null}

        {action === 'rate' ? (
          <Form.Item name="note" label={t('dispatch.actionForm.ratingComment')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={5000} />
          </Form.Item>
        ) : null}

        {OPTIONAL_NOTE.includes(action) ? (
          <Form.Item name="note" label={t('dispatch.actionForm.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
          </Form.Item>
        ) : null}

        {action === 'progress' && item.enterpriseId ? (
          <Form.Item name="public" valuePropName="checked">
            <Checkbox>{t('dispatch.actionForm.public')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
