import type { ItemT } from '@zaitun/contracts';
import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarYear } from '../../api/dispatch';
import { formatDateTime } from '../../lib/datetime';
import { type DayKind, shanghaiYear, workingDaysLeft } from './working-days';

/** The official calendar's overrides for the years between now and a deadline (weekends only when missing). */
function useOverrides(deadline: Date | null, now: Date) {
  const first = deadline ? Math.min(shanghaiYear(now), shanghaiYear(deadline)) : null;
  const last = deadline ? Math.max(shanghaiYear(now), shanghaiYear(deadline)) : null;
  const a = useCalendarYear(first);
  const b = useCalendarYear(last !== first ? last : null);
  return useMemo(() => {
    const map = new Map<string, DayKind>();
    for (const year of [a.data, b.data]) for (const d of year?.days ?? []) map.set(d.date, d.kind);
    const covered = !!a.data?.covered && (last === first || !!b.data?.covered);
    return { map, covered };
  }, [a.data, b.data, first, last]);
}

/** The working days left on an open item's clock, or past its deadline. */
export function DaysLeft({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const now = useMemo(() => new Date(), []);
  const due = new Date(deadline);
  const { map } = useOverrides(due, now);
  const n = workingDaysLeft(now, due, map);
  if (n < 0) return <Typography.Text type="danger">{t('dispatch.due.over', { count: -n })}</Typography.Text>;
  if (n === 0) return <Typography.Text type="danger">{t('dispatch.due.over', { count: 0 })}</Typography.Text>;
  if (n === 1) return <Typography.Text type="warning">{t('dispatch.due.today')}</Typography.Text>;
  return <Typography.Text type="secondary">{t('dispatch.due.left', { count: n })}</Typography.Text>;
}

/** A deadline in Beijing time, with the working days left while the clock runs. */
export function DeadlineText({ item, stacked = false }: { item: ItemT; stacked?: boolean }) {
  const running = item.state === 'assigned' || item.state === 'in_progress';
  if (!item.deadline) return <>{formatDateTime(null)}</>;
  return (
    <Space size={[6, 0]} orientation={stacked ? 'vertical' : 'horizontal'} wrap>
      <span className="nowrap">{formatDateTime(item.deadline)}</span>
      {running ? <DaysLeft deadline={item.deadline} /> : null}
    </Space>
  );
}
