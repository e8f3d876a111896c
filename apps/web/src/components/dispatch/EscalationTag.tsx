import { FlagFilled } from '@ant-design/icons';
import type { ItemT } from '@zaitun/contracts';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** The supervision card (督办): a yellow or red card, named. */
export function EscalationTag({ level }: { level: 'yellow' | 'red' | null }) {
  const { t } = useTranslation();
  if (!level) return null;
  return (
    <Tag color={level === 'red' ? 'red' : 'gold'} variant="solid" icon={<FlagFilled aria-hidden />} data-card={level}>
      {t(`dispatch.escalation.${level}`)}
    </Tag>
  );
}

/** The other signals of an item: signing overdue, urged, redone, extended, on a meeting's agenda. */
export function ItemSignals({ item, compact = false }: { item: ItemT; compact?: boolean }) {
  const { t } = useTranslation();
  const tags = [
    item.escalation ? <EscalationTag key="card" level={item.escalation} /> : null,
    item.signOverdue ? (
      <Tag key="sign" color="error" variant="outlined">
        {t('dispatch.flag.signOverdue')}
      </Tag>
    ) : null,
    item.urgeCount > 0 ? (
      <Tag key="urge" color="orange" variant="outlined">
        {t('dispatch.flag.urged', { count: item.urgeCount })}
      </Tag>
    ) : null,
    item.redoCount > 0 && !compact ? (
      <Tag key="redo" variant="outlined">
        {t('dispatch.flag.redo', { count: item.redoCount })}
      </Tag>
    ) : null,
    item.extensionCount > 0 && !compact ? (
      <Tag key="ext" variant="outlined">
        {t('dispatch.flag.extended', { count: item.extensionCount })}
      </Tag>
    ) : null,
    item.flaggedForMeeting ? (
      <Tag key="meeting" color="purple" variant="outlined">
        {t('dispatch.flag.meeting')}
      </Tag>
    ) : null,
  ].filter(Boolean);
  if (tags.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap>
      {tags}
    </Space>
  );
}
