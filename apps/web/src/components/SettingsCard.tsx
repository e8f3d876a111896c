import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, type FormInstance, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { ignoreHandled } from '../lib/promise';

/** A settings document as the server keeps it: one row, edited whole, version-checked. */
export interface SettingsDoc<S> {
  version: number;
  settings: S;
}

interface Props<S, V> {
  title: string;
  /** A paragraph under the title. */
  hint?: ReactNode;
  canEdit: boolean;
  /** The page's form, so that it can watch fields (a number preview) with `Form.useWatch`. */
  form: FormInstance<V>;
  query: UseQueryResult<SettingsDoc<S>>;
  update: UseMutationResult<unknown, unknown, SettingsDoc<S>>;
  /** The form's values from the stored settings, and back (units shown differently, text trimmed). */
  toValues: (settings: S) => V;
  fromValues: (values: V) => S;
  savedMessage: string;
  testId?: string;
  /** The form's fields. */
  children: ReactNode;
}

/**
 * A card editing one settings document (dispatch, official documents, cockpit): the version in the corner, the
 * form read-only without the permission, and a save that sends the version the form shows. A stale save is
 * refused (409) and the form reloads the other change, saying so, before the user saves again.
 */
export function SettingsCard<S, V>(props: Props<S, V>) {
  const { t } = useTranslation();
  const doc = props.query.data;
  return (
    <Card
      title={props.title}
      loading={props.query.isLoading}
      data-testid={props.testId}
      extra={
        doc ? (
          <Typography.Text type="secondary">{t('admin.settings.version', { version: doc.version })}</Typography.Text>
        ) : null
      }
    >
      {props.hint ? <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph> : null}
      {/* Mounted once the document is there: the conflict check starts from the version the form shows. */}
      {doc ? <SettingsForm {...props} doc={doc} /> : null}
    </Card>
  );
}

function SettingsForm<S, V>({
  doc,
  form,
  canEdit,
  update,
  toValues,
  fromValues,
  savedMessage,
  children,
}: Props<S, V> & { doc: SettingsDoc<S> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The version a save was refused with (VERSION_CONFLICT): the error policy refetches every query, and once the
  // document comes back newer than that, the form takes the other change in. Keyed on the refused version, not
  // on the one the form opened with: after our own saves that one is long gone.
  const [refused, setRefused] = useState<number | null>(null);
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => {
    if (refused === null || doc.version === refused) return;
    setRefused(null);
    setReloaded(true);
    form.setFieldsValue(toValues(doc.settings) as Parameters<typeof form.setFieldsValue>[0]);
  }, [refused, doc, form, toValues]);

  const submit = async () => {
    const values = await form.validateFields();
    const { version } = doc;
    try {
      await update.mutateAsync({ settings: fromValues(values), version });
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) setRefused(version);
      throw error;
    }
    message.success(savedMessage);
  };

  return (
    <>
      {reloaded ? (
        <Alert type="warning" showIcon title={t('common.reloadedAfterConflict')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<V>
        form={form}
        layout="vertical"
        disabled={!canEdit}
        // read at mount only: a refetch never overwrites typing
        initialValues={toValues(doc.settings) as object}
        onFinish={() => submit().catch(ignoreHandled)}
      >
        {children}
        {canEdit ? (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </>
  );
}
