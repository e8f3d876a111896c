import { useQueryClient } from '@tanstack/react-query';
import { BULLETIN_PERIOD_KINDS, type BulletinPeriodKind } from '@zaitun/contracts';
import { App, DatePicker, Form, Input, Modal, Segmented, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bulletinKeys, useStartBulletin } from '../../../api/bulletins';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/error-policy';
import { currentLocale, hasMessage } from '../../../i18n';
import { DISPLAY_TZ } from '../../../lib/datetime';
import { ignoreHandled } from '../../../lib/promise';
import { createBody, type PeriodValues, periodOfValues } from './bulletin-period';
import { TaskProgress } from './parts';

/** Today's Shanghai date as a plain (zone-less) day. */
const today = () => dayjs(dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD'));

interface PeriodProblem {
  path?: string;
  keyword?: string;
}

/** The form field a BULLETIN_PERIOD_INVALID detail belongs to. */
function fieldOf(kind: BulletinPeriodKind, path: string | undefined): 'anchor' | 'range' | 'title' {
  if (path === '/title') return 'title';
  return kind === 'custom' ? 'range' : 'anchor';
}

/**
 * The bulletin builder (新建通报): the period (week, month, quarter or custom) and an optional title, then the
 * generation's progress; on success the new draft opens (`onCreated`). A period the server refuses is shown on
 * its field.
 */
export function BulletinBuilderModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (bulletinId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PeriodValues>();
  const start = useStartBulletin();
  const [taskId, setTaskId] = useState<string | null>(null);
  const values = Form.useWatch([], form) as PeriodValues | undefined;
  const kind: BulletinPeriodKind = values?.periodKind ?? 'month';
  const period = values ? periodOfValues({ ...values, periodKind: kind }) : null;

  const submit = () =>
    form
      .validateFields()
      .then((v) =>
        start.mutateAsync(createBody(v)).then(
          (task) => setTaskId(task.id),
          (error: unknown) => {
            if (isApiError(error, 'BULLETIN_PERIOD_INVALID') && Array.isArray(error.details)) {
              const problems = error.details as PeriodProblem[];
              form.setFields(
                problems.map((p) => ({
                  name: fieldOf(v.periodKind, p.path),
                  errors: [
                    p.keyword && hasMessage(`bulletins.builder.reason.${p.keyword}`)
                      ? t(`bulletins.builder.reason.${p.keyword}` as 'bulletins.builder.required')
                      : errorText(error, currentLocale()),
                  ],
                })),
              );
              return;
            }
            message.error(errorText(error, currentLocale()));
          },
        ),
      )
      .catch(ignoreHandled);

  const succeeded = useCallback(
    (bulletinId: string) => {
      void queryClient.invalidateQueries({ queryKey: bulletinKeys.all });
      onCreated(bulletinId);
    },
    [queryClient, onCreated],
  );

  const picker = (k: BulletinPeriodKind) => {
    if (k === 'custom') {
      return (
        <Form.Item
          name="range"
          label={t('bulletins.builder.range')}
          rules={[{ required: true, message: t('bulletins.builder.required') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    }
    const label = {
      week: t('bulletins.builder.anchorWeek'),
      month: t('bulletins.builder.anchorMonth'),
      quarter: t('bulletins.builder.anchorQuarter'),
    }[k];
    return (
      <Form.Item name="anchor" label={label} rules={[{ required: true, message: t('bulletins.builder.required') }]}>
        <DatePicker picker={k} style={{ width: '100%' }} allowClear={false} />
      </Form.Item>
    );
  };

  return (
    <Modal
      open
      title={taskId ? t('bulletins.builder.progressTitle') : t('bulletins.builder.title')}
      okText={t('bulletins.builder.start')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: start.isPending }}
      // While the task runs there is nothing to submit: closing leaves it running, and the draft still appears.
      footer={taskId ? null : undefined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {taskId ? (
        <TaskProgress taskId={taskId} onSucceeded={succeeded} onBack={() => setTaskId(null)} />
      ) : (
        <Form<PeriodValues>
          form={form}
          layout="vertical"
          initialValues={{ periodKind: 'month', anchor: today() }}
          onValuesChange={(changed: Partial<PeriodValues>) => {
            // Another kind of period: keep the day, drop a custom range's errors.
            if (changed.periodKind)
              form.setFields([
                { name: 'anchor', errors: [] },
                { name: 'range', errors: [] },
              ]);
          }}
        >
          <Form.Item name="periodKind" label={t('bulletins.builder.kind')}>
            <Segmented<BulletinPeriodKind>
              options={BULLETIN_PERIOD_KINDS.map((k) => ({ value: k, label: t(`bulletins.kind.${k}`) }))}
            />
          </Form.Item>
          {picker(kind)}
          {period ? (
            <Typography.Paragraph type="secondary" data-testid="bulletin-period-preview" style={{ marginTop: -12 }}>
              {t('bulletins.builder.preview', period)}
            </Typography.Paragraph>
          ) : null}
          <Form.Item name="title" label={t('bulletins.builder.titleField')} rules={[{ max: 200 }]}>
            <Input placeholder={t('bulletins.builder.titlePlaceholder')} maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
