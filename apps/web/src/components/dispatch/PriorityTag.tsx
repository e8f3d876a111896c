import type { ItemPriority } from '@zaitun/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Only the priorities above normal stand out; a normal item shows plain text. */
export function PriorityTag({ priority }: { priority: ItemPriority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return <span className="priority-normal">{t('dispatch.priority.normal')}</span>;
  return (
    <Tag color={priority === 'urgent' ? 'volcano' : 'orange'} variant="outlined">
      {t(`dispatch.priority.${priority}`)}
    </Tag>
  );
}
