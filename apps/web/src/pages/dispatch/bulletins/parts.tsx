/**
 * Pieces of the bulletin pages: the state tag, the period label, rates as percentages, and the progress of the
 * task that generates or refreshes a bulletin.
 */
import {
  BULLETIN_TASK_STEPS,
  type BulletinPeriodKind,
  type BulletinState,
  type BulletinTaskStep,
  type RateT,
  type TaskT,
} from '@zaitun/contracts';
import { Alert, Button, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useTask } from '../../../api/bulletins';
import { errorText } from '../../../api/error-policy';
import { currentLocale } from '../../../i18n';
import { periodLabelOf } from './bulletin-period';

const STATE_COLORS: Record<BulletinState, string> = { draft: 'default', published: 'success', withdrawn: 'warning' };

export function BulletinStateTag({ state }: { state: BulletinState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-bulletin-state={state}>
      {t(`bulletins.state.${state}`)}
    </Tag>
  );
}

/** `2026 年 11 月`, `2026 年第 48 周`, …; the dates themselves in the title (shown on hover). */
export function PeriodText({ kind, from, to }: { kind: BulletinPeriodKind; from: string; to: string }) {
  const { t } = useTranslation();
  const label = periodLabelOf(kind, from, to);
  return (
    <span title={t('bulletins.period.range', { from, to })} style={{ whiteSpace: 'nowrap' }}>
      {t(label.key, label.values)}
    </span>
  );
}

/** A rate as a percentage with one decimal (as on the metrics page); a dash when nothing was counted. */
export const percent = (r: RateT) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

const isBulletinStep = (step: string): step is BulletinTaskStep =>
  (BULLETIN_TASK_STEPS as readonly string[]).includes(step);

/**
 * Follows a bulletin task until it ends: a progress bar with the step named in the UI language, then `onSucceeded`
 * with the bulletin's id; a failure shows the server's message (already in the UI language) and `onBack`.
 */
export function TaskProgress({
  taskId,
  onSucceeded,
  onBack,
}: {
  taskId: string;
  onSucceeded: (bulletinId: string, task: TaskT) => void;
  onBack?: () => void;
}) {
  const { t } = useTranslation();
  const task = useTask(taskId);
  const data = task.data;
  const reported = useRef(false);
  useEffect(() => {
    if (data?.state !== 'succeeded' || reported.current) return;
    reported.current = true;
    onSucceeded(data.result?.bulletinId ?? '', data);
  }, [data, onSucceeded]);

  const failed = data?.state === 'failed' || task.isError;
  const step = data
    ? isBulletinStep(data.step)
      ? t(`bulletins.step.${data.step}`)
      : data.step
    : t('bulletins.step.start');
  return (
    <Space
      orientation="vertical"
      style={{ width: '100%' }}
      data-testid="bulletin-task"
      data-state={data?.state ?? 'running'}
    >
      <Progress
        percent={data?.progress ?? 0}
        status={failed ? 'exception' : data?.state === 'succeeded' ? 'success' : 'active'}
        aria-label={step}
      />
      <Typography.Text type="secondary" data-testid="bulletin-task-step">
        {step}
      </Typography.Text>
      {failed ? (
        <Alert
          type="error"
          showIcon
          title={t('bulletins.builder.failed')}
          description={data?.error?.message ?? (task.error ? errorText(task.error, currentLocale()) : undefined)}
          action={
            onBack ? (
              <Button size="small" onClick={onBack}>
                {t('bulletins.builder.again')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
    </Space>
  );
}
