import {
  CreateItemBody,
  ITEM_PRIORITIES,
  ITEM_SOURCES,
  type ItemDetailT,
  type ItemPriority,
  type ItemSource,
  type ItemT,
  type MeT,
} from '@zaitun/contracts';
import { Alert, App, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed } from '../../access';
import { useCreateItem, useUpdateItem } from '../../api/dispatch';
import { useCurrentUser } from '../../api/session';
import { schemaRules } from '../../lib/form-rules';
import { useConflictReload } from '../../lib/use-conflict-reload';
import { EditModal } from '../EditModal';
import { useCategoryLookup, useUnitLookup } from './use-lookups';

export type ItemFormTarget = { mode: 'create'; source?: ItemSource } | { mode: 'edit'; item: ItemT };

interface Values {
  title: string;
  description: string;
  category: string;
  source: ItemSource;
  sourceRef?: string;
  priority: ItemPriority;
  countyUnitId?: string | null;
  tags?: string[];
  submit?: boolean;
}

const fields = CreateItemBody.properties;

/** The sources the user may register under (mirrors the server's createItem rules). */
export function sourcesFor(me: MeT): ItemSource[] {
  const dispatcher = allowed(me, 'item.dispatch');
  return ITEM_SOURCES.filter((s) => {
    if (s === 'leader_instruction') return dispatcher || me.roles.includes('leader');
    if (s === 'meeting_decision') return dispatcher;
    if (s === 'enterprise_demand') return dispatcher || allowed(me, 'item.handle');
    return true;
  });
}

function valuesOf(item: ItemT): Partial<Values> {
  return {
    title: item.title,
    description: item.description,
    category: item.category,
    source: item.source,
    sourceRef: item.sourceRef,
    priority: item.priority,
    countyUnitId: item.countyUnitId,
    tags: item.tags,
  };
}

/**
 * Registers an item (or a coordination request, 一协调) or edits one before it is dispatched. A new item is a draft
 * unless "submit now" is ticked; a coordination request always goes to the dispatcher at once.
 */
export function ItemFormModal({
  target,
  latest,
  onClose,
  onSaved,
}: {
  target: ItemFormTarget;
  /** The edited item as the server has it now; taken over after a version conflict. */
  latest?: ItemT;
  onClose: () => void;
  onSaved?: (detail: ItemDetailT) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateItem();
  const update = useUpdateItem();
  const units = useUnitLookup();
  const categories = useCategoryLookup();
  const opened = target.mode === 'edit' ? target.item : null;
  const refill = useCallback((item: ItemT) => form.setFieldsValue(valuesOf(item)), [form]);
  const { base: editing, reloaded, onSaveError } = useConflictReload(opened, latest, refill);
  const coordination = target.mode === 'create' && target.source === 'coordination';
  const sources = sourcesFor(me);
  const defaultSource: ItemSource =
    target.mode === 'create' && target.source
      ? target.source
      : sources.includes('unit_report')
        ? 'unit_report'
        : (sources[0] ?? 'coordination');

  const initialValues: Partial<Values> = opened
    ? valuesOf(opened)
    : {
        source: defaultSource,
        priority: 'normal',
        countyUnitId: me.unit && units.counties.some((c) => c.id === me.unit?.id) ? me.unit.id : undefined,
        tags: [],
        submit: true,
      };

  const submit = async () => {
    const v = await form.validateFields();
    const common = {
      title: v.title.trim(),
      description: v.description ?? '',
      category: v.category,
      sourceRef: v.sourceRef?.trim() ?? '',
      priority: v.priority,
      countyUnitId: v.countyUnitId ?? null,
      tags: [...new Set((v.tags ?? []).map((s) => s.trim()).filter(Boolean))],
    };
    if (editing) {
      const detail = await update.mutateAsync({ id: editing.id, body: { version: editing.version, ...common } });
      message.success(t('dispatch.form.updated'));
      onClose();
      onSaved?.(detail);
    } else {
      const detail = await create.mutateAsync({
        ...common,
        source: coordination ? 'coordination' : v.source,
        submit: coordination ? true : v.submit === true,
      });
      message.success(t('dispatch.form.created', { number: detail.item.number }));
      onClose();
      onSaved?.(detail);
    }
  };

  const title = editing
    ? t('dispatch.form.editTitle', { number: editing.number })
    : coordination
      ? t('dispatch.form.coordinationTitle')
      : t('dispatch.form.registerTitle');

  return (
    <EditModal
      title={title}
      onSave={() => submit().catch(onSaveError)}
      onClose={onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
      width={720}
    >
      {coordination ? (
        <Alert type="info" showIcon title={t('dispatch.form.coordinationHint')} style={{ marginBottom: 16 }} />
      ) : null}
      {categories.failed ? (
        <Alert type="error" showIcon title={t('dispatch.form.categoryUnavailable')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item
          name="title"
          label={t('dispatch.field.title')}
          rules={schemaRules(fields.title, { label: t('dispatch.field.title'), required: true })}
        >
          <Input autoComplete="off" showCount maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('dispatch.field.description')}
          rules={schemaRules(fields.description, { label: t('dispatch.field.description') })}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} showCount maxLength={5000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="category"
              label={t('dispatch.field.category')}
              rules={[{ required: true, message: t('validation.required', { field: t('dispatch.field.category') }) }]}
            >
              <Select options={categories.options} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="countyUnitId" label={t('dispatch.field.county')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={units.counties.map((u) => ({ value: u.id, label: units.name(u.id) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('dispatch.field.source')}>
              <Select
                disabled={!!editing || coordination}
                options={(editing || coordination ? ITEM_SOURCES : sources).map((s) => ({
                  value: s,
                  label: t(`dispatch.source.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="sourceRef"
              label={t('dispatch.field.sourceRef')}
              rules={schemaRules(fields.sourceRef, { label: t('dispatch.field.sourceRef') })}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="priority" label={t('dispatch.field.priority')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={ITEM_PRIORITIES.map((p) => ({ value: p, label: t(`dispatch.priority.${p}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('dispatch.field.tags')}
          rules={[
            { type: 'array', max: 10, message: t('dispatch.form.tagsTooMany') },
            {
              validator: (_, tags: string[] | undefined) =>
                (tags ?? []).every((s) => s.trim().length <= 20)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('dispatch.form.tagTooLong'))),
            },
          ]}
        >
          <Select mode="tags" open={false} suffixIcon={null} placeholder={t('dispatch.form.tagsPlaceholder')} />
        </Form.Item>
        {editing || coordination ? null : (
          <Form.Item name="submit" valuePropName="checked" extra={t('dispatch.form.submitNowHint')}>
            <Checkbox>{t('dispatch.form.submitNow')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </EditModal>
  );
}
