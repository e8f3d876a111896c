import { LOCALES, type Locale, UpdateMeBody } from '@zaitun/contracts';
import { App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser, useLogout, useUpdateMe } from '../../../api/session';
import { ChangePasswordForm } from '../../../components/ChangePasswordForm';
import { PageHeader } from '../../../components/PageHeader';
import { RoleTags } from '../../../components/RoleTags';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/datetime';
import { schemaRules } from '../../../lib/form-rules';
import { unitName } from '../../../lib/units';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const updateMe = useUpdateMe();
  const logoutEverywhere = useLogout(true);
  const [editingName, setEditingName] = useState(false);
  const org = me.unit ?? me.enterprise ?? me.institute;

  const changeLocale = (locale: Locale) =>
    updateMe.mutate({ version: me.version, locale }, { onSuccess: () => message.success(t('profile.languageSaved')) });

  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('profile.account')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('profile.username'), children: me.username },
                {
                  key: 'name',
                  label: t('profile.displayName'),
                  children: editingName ? (
                    <Form
                      layout="inline"
                      initialValues={{ displayName: me.displayName }}
                      onFinish={(v: { displayName: string }) =>
                        updateMe.mutate(
                          { version: me.version, displayName: v.displayName.trim() },
                          {
                            onSuccess: () => {
                              setEditingName(false);
                              message.success(t('common.saved'));
                            },
                          },
                        )
                      }
                    >
                      <Form.Item
                        name="displayName"
                        rules={schemaRules(UpdateMeBody.properties.displayName, {
                          label: t('profile.displayName'),
                          required: true,
                        })}
                      >
                        <Input aria-label={t('profile.displayName')} style={{ width: 180 }} />
                      </Form.Item>
                      <Space>
                        <Button type="primary" htmlType="submit" loading={updateMe.isPending}>
                          {t('common.save')}
                        </Button>
                        <Button onClick={() => setEditingName(false)}>{t('common.cancel')}</Button>
                      </Space>
                    </Form>
                  ) : (
                    <Space>
                      {me.displayName}
                      <Button type="link" size="small" onClick={() => setEditingName(true)}>
                        {t('profile.editName')}
                      </Button>
                    </Space>
                  ),
                },
                { key: 'unit', label: t('profile.unit'), children: unitName(org, currentLocale()) || t('common.none') },
                {
                  key: 'roles',
                  label: t('profile.roles'),
                  children: <RoleTags roles={me.roles} />,
                },
                { key: 'last', label: t('profile.lastLogin'), children: formatDateTime(me.lastLoginAt) },
              ]}
            />
          </Card>
          <Card title={t('profile.language')} style={{ marginTop: 16 }}>
            <Radio.Group
              value={me.locale}
              onChange={(e) => changeLocale(e.target.value as Locale)}
              disabled={updateMe.isPending}
              optionType="button"
              buttonStyle="solid"
              options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
              aria-label={t('profile.language')}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('profile.languageHint')}
            </Typography.Paragraph>
          </Card>
          <Card title={t('profile.sessions')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary">{t('profile.sessionsText')}</Typography.Paragraph>
            <Button
              danger
              loading={logoutEverywhere.isPending}
              onClick={() =>
                modal.confirm({
                  title: t('header.signOutEverywhere'),
                  content: t('header.signOutEverywhereConfirm'),
                  okText: t('common.confirm'),
                  cancelText: t('common.cancel'),
                  onOk: () =>
                    logoutEverywhere.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }),
                })
              }
            >
              {t('header.signOutEverywhere')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('profile.changePassword')}>
            <ChangePasswordForm username={me.username} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
