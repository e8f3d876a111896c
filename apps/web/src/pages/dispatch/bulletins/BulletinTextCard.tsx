import type { BulletinDetailT, BulletinTextT } from '@zaitun/contracts';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useBulletinWrite } from '../../../api/bulletins';
import { ignoreHandled } from '../../../lib/promise';
import { useConflictReload } from '../../../lib/use-conflict-reload';

export const TEXT_BLOCKS = ['opening', 'commendation', 'criticism', 'requirements'] as const;

type TextForm = { title: string } & BulletinTextT;

/** The four text blocks as paragraphs (pre-wrapped, as the dispatcher typed them). */
export function TextBlocks({ text }: { text: BulletinTextT }) {
  const { t } = useTranslation();
  return (
    <>
      {TEXT_BLOCKS.map((block) => (
        <section key={block} data-testid={`bulletin-text-${block}`} style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t(`bulletins.text.${block}`)}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {text[block] || <Typography.Text type="secondary">{t('bulletins.text.empty')}</Typography.Text>}
          </Typography.Paragraph>
        </section>
      ))}
    </>
  );
}

/**
 * The bulletin's text: read as paragraphs, or (a draft, `editing`) edited in a form with its title. A save sends the
 * version the form started from; a stale one is 409: the policy announces it and refetches, and the form takes the
 * latest text (`useConflictReload`).
 */
export function BulletinTextCard({
  detail,
  editing,
  onEditingChange,
}: {
  detail: BulletinDetailT;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t('bulletins.text.title')} size="small" style={{ marginBottom: 16 }}>
      {editing ? (
        <TextEditor detail={detail} onDone={() => onEditingChange(false)} />
      ) : (
        <TextBlocks text={detail.text} />
      )}
    </Card>
  );
}

function TextEditor({ detail, onDone }: { detail: BulletinDetailT; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const write = useBulletinWrite();
  const [form] = Form.useForm<TextForm>();
  const refill = useCallback(
    (b: BulletinDetailT['bulletin'] & { text?: BulletinTextT }) => {
      if (b.text) form.setFieldsValue({ title: b.title, ...b.text });
    },
    [form],
  );
  // The bulletin row carries the version; the text comes with the detail it belongs to.
  const latest = { ...detail.bulletin, text: detail.text };
  const { base, reloaded, onSaveError } = useConflictReload(latest, latest, refill);

  const save = () =>
    form
      .validateFields()
      .then(({ title, ...text }) =>
        write.mutateAsync({
          kind: 'update',
          id: detail.bulletin.id,
          body: { version: base?.version ?? detail.bulletin.version, title: title.trim(), text },
        }),
      )
      .then((d) => {
        message.success(t('bulletins.text.saved', { version: d.bulletin.version }));
        onDone();
      })
      .catch((error: unknown) => onSaveError(error));

  return (
    <Form<TextForm>
      form={form}
      layout="vertical"
      initialValues={{ title: detail.bulletin.title, ...detail.text }}
      data-testid="bulletin-text-form"
    >
      {reloaded ? (
        <Alert type="warning" showIcon title={t('common.reloadedAfterConflict')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form.Item
        name="title"
        label={t('bulletins.text.titleField')}
        rules={[{ required: true, whitespace: true, max: 200 }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      {TEXT_BLOCKS.map((block) => (
        <Form.Item key={block} name={block} label={t(`bulletins.text.${block}`)} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
      ))}
      <Space>
        <Button type="primary" loading={write.isPending} onClick={() => save().catch(ignoreHandled)}>
          {t('bulletins.text.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
