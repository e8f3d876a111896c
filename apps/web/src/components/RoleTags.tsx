import type { Role } from '@zaitun/contracts';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** A user's roles as tags, in the UI language. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag color="blue" key={r}>
          {t(`role.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}
