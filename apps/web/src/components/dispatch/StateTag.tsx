import type { ItemState } from '@zaitun/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATE_COLORS: Record<ItemState, string> = {
  draft: 'default',
  pending_dispatch: 'purple',
  assigned: 'cyan',
  in_progress: 'processing',
  resolved: 'geekblue',
  closed: 'default',
  cancelled: 'default',
};

export function StateTag({ state }: { state: ItemState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {t(`dispatch.state.${state}`)}
    </Tag>
  );
}
