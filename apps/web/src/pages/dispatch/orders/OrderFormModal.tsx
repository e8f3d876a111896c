import type { OrderDetailT } from '@zaitun/contracts';
import { DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateOrder, useUpdateOrder } from '../../../api/orders';
import { EditModal } from '../../../components/EditModal';
import { ignoreHandled } from '../../../lib/promise';
import { useConflictReload } from '../../../lib/use-conflict-reload';
import { ItemPicker } from './parts';

interface Values {
  title: string;
  requirements?: string;
  feedbackDue?: dayjs.Dayjs | null;
  itemIds?: string[];
}

const toValues = (d: OrderDetailT): Values => ({
  title: d.order.title,
  requirements: d.order.requirements,
  feedbackDue: d.order.feedbackDue ? dayjs(d.order.feedbackDue) : null,
  itemIds: d.items.map((i) => i.id),
});

/** Drafts a new order, or edits a draft (title, requirements, feedback date, items). */
export function OrderFormModal(props: {
  detail?: OrderDetailT;
  latest?: OrderDetailT;
  onClose: () => void;
  onSaved: (d: OrderDetailT) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrder();
  const update = useUpdateOrder();
  const opened = props.detail
    ? { ...props.detail, id: props.detail.order.id, version: props.detail.order.version }
    : null;
  const latest = props.latest
    ? { ...props.latest, id: props.latest.order.id, version: props.latest.order.version }
    : null;
  const onReload = useCallback((row: OrderDetailT) => form.setFieldsValue(toValues(row)), [form]);
  const { base, reloaded, onSaveError } = useConflictReload(opened, latest, onReload);

  const save = async () => {
    const v = await form.validateFields();
    const fields = {
      title: v.title,
      requirements: v.requirements ?? '',
      feedbackDue: v.feedbackDue ? v.feedbackDue.format('YYYY-MM-DD') : null,
      itemIds: v.itemIds ?? [],
    };
    const saved = base
      ? await update.mutateAsync({ id: base.order.id, body: { version: base.version, ...fields } }).catch((e) => {
          onSaveError(e);
          throw e;
        })
      : await create.mutateAsync(fields);
    props.onSaved(saved);
  };

  return (
    <EditModal
      title={props.detail ? t('orders.form.editTitle') : t('orders.form.createTitle')}
      onSave={() => save().catch(ignoreHandled)}
      onClose={props.onClose}
      saving={create.isPending || update.isPending}
      reloaded={reloaded}
      width={720}
    >
      <Form form={form} layout="vertical" initialValues={props.detail ? toValues(props.detail) : {}}>
        <Form.Item name="title" label={t('orders.form.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="itemIds" label={t('orders.form.items')} extra={t('orders.form.itemsHint')}>
          <ItemPicker initial={props.detail?.items} />
        </Form.Item>
        <Form.Item name="requirements" label={t('orders.form.requirements')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="feedbackDue" label={t('orders.form.feedbackDue')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </EditModal>
  );
}
