import { type AgendaEntryT, DECISION_KINDS, type DecisionKind } from '@zaitun/contracts';
import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMeetingWrite } from '../../../api/orders';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { shanghaiDayBoundary } from '../../../lib/datetime';
import { ignoreHandled } from '../../../lib/promise';

interface Values {
  kind: DecisionKind;
  decision: string;
  title?: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadline?: dayjs.Dayjs | null;
}

/** Records the meeting's decision on one agenda entry: a new item, into the meeting's order, or a note. */
export function DecideModal(props: { meetingId: string; entry: AgendaEntryT; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const write = useMeetingWrite();
  const units = useUnitLookup();
  const kind = Form.useWatch('kind', form) ?? props.entry.decisionKind ?? 'note';
  // Once an entry produced an item or an order place, its kind is fixed.
  const locked = !!(props.entry.createdItemId || props.entry.orderId);
  const kinds = DECISION_KINDS.filter(
    (k) => (k !== 'order' || props.entry.itemId) && (!locked || k === props.entry.decisionKind),
  );

  const save = async () => {
    const v = await form.validateFields();
    await write.mutateAsync({
      kind: 'decide',
      id: props.meetingId,
      entryId: props.entry.id,
      body: {
        version: props.entry.version,
        kind: v.kind,
        decision: v.decision,
        ...(v.kind === 'item' && !props.entry.createdItemId
          ? {
              ...(v.title?.trim() ? { title: v.title.trim() } : {}),
              ...(v.leadUnitId ? { leadUnitId: v.leadUnitId } : {}),
              ...(v.leadUnitId && v.coUnitIds?.length ? { coUnitIds: v.coUnitIds } : {}),
              ...(v.leadUnitId && v.deadline ? { deadline: shanghaiDayBoundary(v.deadline, 'end') } : {}),
            }
          : {}),
      },
    });
    props.onClose();
  };

  return (
    <Modal
      open
      title={`${t('orders.meeting.decideTitle')} · ${props.entry.topic}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => save().catch(ignoreHandled)}
      onCancel={props.onClose}
      confirmLoading={write.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: props.entry.decisionKind ?? (props.entry.itemId ? 'order' : 'note'),
          decision: props.entry.decision,
          title: props.entry.topic.slice(0, 200),
        }}
      >
        <Form.Item name="kind" label={t('orders.meeting.decisionKind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: t(`orders.meeting.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="decision"
          label={t('orders.meeting.decision')}
          rules={[{ required: true, whitespace: true, max: 5000 }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {kind === 'item' && !props.entry.createdItemId ? (
          <>
            <Form.Item name="title" label={t('orders.meeting.itemTitle')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="leadUnitId" label={t('orders.meeting.leadUnit')}>
              <Select allowClear showSearch options={units.options} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="coUnitIds" label={t('orders.meeting.coUnits')}>
              <Select mode="multiple" allowClear options={units.options} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="deadline" label={t('orders.meeting.deadline')}>
              <DatePicker style={{ width: 200 }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
