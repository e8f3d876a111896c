import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { CreateDictEntryBody, type RouteResponse } from '@zaitun/contracts';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateDictEntry, useDictionary, useUpdateDictEntry } from '../../../api/admin';
import { EditModal } from '../../../components/EditModal';
import { currentLocale } from '../../../i18n';
import { schemaRules } from '../../../lib/form-rules';
import { ignoreHandled } from '../../../lib/promise';
import { useConflictReload } from '../../../lib/use-conflict-reload';

type Entry = RouteResponse<'createDictEntry'>;
const DICT = 'item_category' as const;
const fields = CreateDictEntryBody.properties;

/** The item category dictionary: add, rename, reorder (up/down), deactivate and activate. */
export function CategoryTable({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const list = useDictionary(DICT, includeInactive);
  const update = useUpdateDictEntry(DICT);
  const entries = list.data?.items ?? [];

  /** Swaps the sort order with the neighbour (two versioned writes; equal orders get distinct ones first). */
  const move = async (index: number, delta: -1 | 1) => {
    const a = entries[index];
    const b = entries[index + delta];
    if (!a || !b) return;
    const [orderA, orderB] =
      a.sortOrder === b.sortOrder ? [b.sortOrder + delta, a.sortOrder] : [b.sortOrder, a.sortOrder];
    await update.mutateAsync({ id: a.id, body: { version: a.version, sortOrder: orderA } });
    await update.mutateAsync({ id: b.id, body: { version: b.version, sortOrder: orderB } });
  };

  const setActive = (entry: Entry, active: boolean) =>
    update
      .mutateAsync({ id: entry.id, body: { version: entry.version, active } })
      .then(() => message.success(t('admin.settings.categorySaved')), ignoreHandled);

  return (
    <Card
      title={t('admin.settings.categoriesCard')}
      extra={
        <Space>
          <Switch
            id="categories-inactive"
            size="small"
            checked={includeInactive}
            onChange={setIncludeInactive}
            aria-label={t('admin.settings.showInactive')}
          />
          <label htmlFor="categories-inactive">{t('admin.settings.showInactive')}</label>
          {canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('admin.settings.addCategory')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('admin.settings.categoriesHint')}</Typography.Paragraph>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        pagination={false}
        dataSource={entries}
        columns={[
          { title: t('admin.settings.code'), dataIndex: 'code', width: 160 },
          { title: t('admin.settings.nameZh'), dataIndex: 'nameZh' },
          { title: t('admin.settings.nameEn'), dataIndex: 'nameEn' },
          { title: t('admin.settings.sortOrder'), dataIndex: 'sortOrder', width: 80, align: 'right' },
          {
            title: t('admin.settings.status'),
            dataIndex: 'active',
            width: 90,
            render: (active: boolean) =>
              active ? (
                <Tag color="success">{t('admin.settings.active')}</Tag>
              ) : (
                <Tag>{t('admin.settings.inactive')}</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 260,
                  render: (_: unknown, entry: Entry, index: number) => (
                    <Space size={0} wrap>
                      <Button
                        type="link"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('admin.settings.moveUp')}
                        title={t('admin.settings.moveUp')}
                        disabled={index === 0 || update.isPending}
                        onClick={() => move(index, -1).catch(ignoreHandled)}
                      />
                      <Button
                        type="link"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('admin.settings.moveDown')}
                        title={t('admin.settings.moveDown')}
                        disabled={index === entries.length - 1 || update.isPending}
                        onClick={() => move(index, 1).catch(ignoreHandled)}
                      />
                      <Button type="link" size="small" onClick={() => setEditing(entry)}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        danger={entry.active}
                        onClick={() => setActive(entry, !entry.active)}
                      >
                        {entry.active ? t('admin.settings.deactivate') : t('admin.settings.activate')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <CategoryModal
          entry={editing === 'new' ? null : editing}
          latest={editing === 'new' ? undefined : entries.find((e) => e.id === editing.id)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder?: number | null;
}

function CategoryModal({ entry, latest, onClose }: { entry: Entry | null; latest?: Entry; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDictEntry(DICT);
  const update = useUpdateDictEntry(DICT);
  const refill = useCallback(
    (e: Entry) => form.setFieldsValue({ nameZh: e.nameZh, nameEn: e.nameEn, sortOrder: e.sortOrder }),
    [form],
  );
  const { base, reloaded, onSaveError } = useConflictReload(entry, latest, refill);

  const submit = async () => {
    const v = await form.validateFields();
    const sortOrder = typeof v.sortOrder === 'number' ? { sortOrder: v.sortOrder } : {};
    if (base) {
      await update.mutateAsync({
        id: base.id,
        body: { version: base.version, nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), ...sortOrder },
      });
    } else {
      await create.mutateAsync({ code: v.code.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), ...sortOrder });
    }
    message.success(t('admin.settings.categorySaved'));
    onClose();
  };

  const label = (key: 'code' | 'nameZh' | 'nameEn' | 'sortOrder') => t(`admin.settings.${key}`);
  return (
    <EditModal
      title={
        base
          ? `${t('admin.settings.editCategory')} · ${currentLocale() === 'zh-CN' ? base.nameZh : base.nameEn}`
          : t('admin.settings.addCategory')
      }
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          entry ? { code: entry.code, nameZh: entry.nameZh, nameEn: entry.nameEn, sortOrder: entry.sortOrder } : {}
        }
      >
        <Form.Item
          name="code"
          label={label('code')}
          extra={t('admin.settings.codeHint')}
          rules={
            entry
              ? []
              : schemaRules(fields.code, {
                  label: label('code'),
                  required: true,
                  patternMessage: t('admin.settings.codeHint'),
                })
          }
        >
          <Input disabled={!!entry} autoCapitalize="none" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameZh"
              label={label('nameZh')}
              rules={schemaRules(fields.nameZh, { label: label('nameZh'), required: true })}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameEn"
              label={label('nameEn')}
              rules={schemaRules(fields.nameEn, { label: label('nameEn'), required: true })}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="sortOrder"
          label={label('sortOrder')}
          rules={schemaRules(fields.sortOrder, { label: label('sortOrder') })}
        >
          <InputNumber style={{ width: '100%' }} precision={0} />
        </Form.Item>
      </Form>
    </EditModal>
  );
}
