import type { MenuKey } from '@zaitun/contracts';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { visibleMenu } from '../../../access';
import { useCurrentUser } from '../../../api/session';
import { RoleTags } from '../../../components/RoleTags';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { unitName } from '../../../lib/units';

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const shortcuts = visibleMenu(me.permissions).filter(
    (e): e is typeof e & { key: Exclude<MenuKey, 'home'> } => e.key !== 'home',
  );
  const org = me.unit ?? me.enterprise ?? me.institute;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('home.shortcuts')}>
            <Row gutter={[12, 12]}>
              {shortcuts.map((entry) => (
                <Col xs={24} sm={12} xl={8} key={entry.key}>
                  <Link to={entry.path}>
                    <Card size="small" hoverable style={{ height: '100%' }}>
                      <Typography.Text strong>{t(`menu.${entry.key}`)}</Typography.Text>
                      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
                        {t(`home.desc.${entry.key}`)}
                      </Typography.Paragraph>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('home.account')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'unit', label: t('home.unit'), children: unitName(org, currentLocale()) || t('common.none') },
                {
                  key: 'roles',
                  label: t('home.roles'),
                  children: <RoleTags roles={me.roles} />,
                },
                {
                  key: 'last',
                  label: t('home.lastLogin'),
                  children: me.lastLoginAt ? formatDateTime(me.lastLoginAt) : t('home.neverLoggedIn'),
                },
              ]}
            />
          </Card>
          <Card title={t('home.method')} style={{ marginTop: 16 }}>
            <Space size={[8, 8]} wrap>
              {t('home.methodText')
                .split('·')
                .map((part) => (
                  <Tag key={part} color="geekblue" style={{ marginInlineEnd: 0 }}>
                    {part.trim()}
                  </Tag>
                ))}
            </Space>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
