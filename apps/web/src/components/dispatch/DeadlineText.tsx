import type { ItemT } from '@zaitun/contracts';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/datetime';

/**
 * The working days left on an open item's clock, or past its deadline: `n` is the item's `workingDaysLeft`, counted
 * by the server on the official calendar (holidays, adjusted working weekends, end of business).
 */
export function DaysLeft({ n }: { n: number }) {
  const { t } = useTranslation();
  if (n <= 0) return <Typography.Text type="danger">{t('dispatch.due.over', { count: Math.abs(n) })}</Typography.Text>;
  if (n === 1) return <Typography.Text type="warning">{t('dispatch.due.today')}</Typography.Text>;
  return <Typography.Text type="secondary">{t('dispatch.due.left', { count: n })}</Typography.Text>;
}

/** A deadline in Beijing time, with the working days left while the clock runs. */
export function DeadlineText({ item, stacked = false }: { item: ItemT; stacked?: boolean }) {
  if (!item.deadline) return <>{formatDateTime(null)}</>;
  return (
    <Space size={[6, 0]} orientation={stacked ? 'vertical' : 'horizontal'} wrap>
      <span className="nowrap">{formatDateTime(item.deadline)}</span>
      {item.workingDaysLeft !== null ? <DaysLeft n={item.workingDaysLeft} /> : null}
    </Space>
  );
}
