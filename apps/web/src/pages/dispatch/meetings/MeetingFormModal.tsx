import { MEETING_TYPES, type MeetingDetailT, type MeetingType } from '@zaitun/contracts';
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeetingWrite } from '../../../api/orders';
import { useUnitLookup } from '../../../components/dispatch/use-lookups';
import { EditModal } from '../../../components/EditModal';
import { ignoreHandled } from '../../../lib/promise';
import { useConflictReload } from '../../../lib/use-conflict-reload';

interface Values {
  type: MeetingType;
  title: string;
  heldAt: dayjs.Dayjs;
  place?: string;
  chair?: string;
  attendingUnitIds?: string[];
}

const toValues = (d: MeetingDetailT): Values => ({
  type: d.meeting.type,
  title: d.meeting.title,
  heldAt: dayjs(d.meeting.heldAt),
  place: d.meeting.place,
  chair: d.meeting.chair,
  attendingUnitIds: d.meeting.attendingUnitIds,
});

/** Schedules a meeting or edits one (time, place, chair, attending units). */
export function MeetingFormModal(props: {
  detail?: MeetingDetailT;
  latest?: MeetingDetailT;
  onClose: () => void;
  onSaved: (d: MeetingDetailT) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const write = useMeetingWrite();
  const units = useUnitLookup();
  const wrap = (d?: MeetingDetailT) => (d ? { ...d, id: d.meeting.id, version: d.meeting.version } : null);
  const onReload = useCallback((row: MeetingDetailT) => form.setFieldsValue(toValues(row)), [form]);
  const { base, reloaded, onSaveError } = useConflictReload(wrap(props.detail), wrap(props.latest), onReload);

  const save = async () => {
    const v = await form.validateFields();
    const fields = {
      type: v.type,
      title: v.title,
      heldAt: v.heldAt.toISOString(),
      place: v.place ?? '',
      chair: v.chair ?? '',
      attendingUnitIds: v.attendingUnitIds ?? [],
    };
    const saved = await write
      .mutateAsync(
        base
          ? { kind: 'update', id: base.meeting.id, body: { version: base.version, ...fields } }
          : { kind: 'create', body: fields },
      )
      .catch((e) => {
        onSaveError(e);
        throw e;
      });
    props.onSaved(saved);
  };

  return (
    <EditModal
      title={props.detail ? t('orders.meeting.editTitle') : t('orders.meeting.createTitle')}
      onSave={() => save().catch(ignoreHandled)}
      onClose={props.onClose}
      saving={write.isPending}
      reloaded={reloaded}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={props.detail ? toValues(props.detail) : { type: 'regular', attendingUnitIds: [] }}
      >
        <Form.Item name="type" label={t('orders.meetings.type')} rules={[{ required: true }]}>
          <Radio.Group
            options={MEETING_TYPES.map((m) => ({ value: m, label: t(`orders.meetings.types.${m}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('orders.meetings.titleCol')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="heldAt" label={t('orders.meetings.heldAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="place" label={t('orders.meetings.place')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="chair" label={t('orders.meetings.chair')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="attendingUnitIds" label={t('orders.meetings.attending')}>
          <Select mode="multiple" options={units.options} optionFilterProp="label" allowClear />
        </Form.Item>
      </Form>
    </EditModal>
  );
}
