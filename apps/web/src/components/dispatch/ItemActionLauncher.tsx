import type { ItemAction, ItemT } from '@zaitun/contracts';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useItem } from '../../api/dispatch';
import { ActionModal } from './ActionModal';

/** Loads the item (its actions, version, extensions) and opens the action dialog on it. */
function Launch({ id, action, onClose }: { id: string; action: ItemAction; onClose: () => void }) {
  const detail = useItem(id);
  if (!detail.data) return null;
  return <ActionModal detail={detail.data} action={action} onClose={onClose} />;
}

/**
 * Row buttons for list pages (dispatch on the board, verify, decide an extension, urge). The server decides
 * again when the dialog opens: an action it no longer lists cannot be sent.
 */
export function RowActions({ item, actions }: { item: ItemT; actions: readonly ItemAction[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ItemAction | null>(null);
  return (
    <>
      <Space size={0} wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type="link"
            size="small"
            danger={a === 'deny_extension'}
            onClick={() => setOpen(a)}
            aria-label={`${t(`dispatch.action.${a}`)} ${item.number}`}
          >
            {t(`dispatch.action.${a}`)}
          </Button>
        ))}
      </Space>
      {open ? <Launch id={item.id} action={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
