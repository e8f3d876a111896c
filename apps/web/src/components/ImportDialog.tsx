import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportType, RouteQuery } from '@zaitun/contracts';
import { Alert, Button, Modal, Progress, Result, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportPreviewT, useCommitImport, useDownload, useUploadImport } from '../api/admin';
import { ignoreHandled } from '../lib/promise';

type Phase =
  | { kind: 'params' }
  | { kind: 'upload' }
  | { kind: 'preview'; preview: ImportPreviewT }
  | { kind: 'done'; preview: ImportPreviewT };

/** A column of the preview's sample table (the rows as they will be stored). */
export interface SampleColumn {
  key: string;
  title: string;
  render?: (value: unknown) => ReactNode;
}

/**
 * The spreadsheet import of any register: (parameters →) template download → upload with progress → preview
 * (changes per group, the errors with their row numbers, the error report, a few rows as they will be stored) →
 * commit. Nothing is applied before the commit.
 */
export function ImportDialog({
  type,
  title,
  groupLabel,
  query,
  paramsStep,
  sampleColumns,
  onClose,
  onCommitted,
}: {
  type: ImportType;
  title: string;
  /** How a group is named (the calendar: `2027 年`). */
  groupLabel?: (key: string) => string;
  /** The import type's parameters, sent with the upload (the bureau sheet: indicator and period). */
  query?: RouteQuery<'previewImport'>;
  /** A first step choosing the parameters; `ready` enables 下一步, `summary` recalls the choice while uploading. */
  paramsStep?: { content: ReactNode; summary?: ReactNode; ready: boolean };
  /** Columns of the preview's sample rows; without them no sample is shown. */
  sampleColumns?: SampleColumn[];
  onClose: () => void;
  onCommitted: () => void;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: paramsStep ? 'params' : 'upload' });
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useUploadImport(type);
  const commit = useCommitImport();
  const download = useDownload();

  const send = (file: File) => {
    setProgress(0);
    upload
      .mutateAsync({ file, onProgress: setProgress, query })
      .then((preview) => setPhase({ kind: 'preview', preview }), ignoreHandled)
      .finally(() => setProgress(null));
  };

  const doCommit = (preview: ImportPreviewT) =>
    commit.mutateAsync(preview.id).then((done) => {
      setPhase({ kind: 'done', preview: done });
      onCommitted();
    }, ignoreHandled);

  const offset = paramsStep ? 1 : 0;
  const step = (phase.kind === 'params' ? -1 : phase.kind === 'upload' ? 1 : phase.kind === 'preview' ? 2 : 3) + offset;
  const preview = phase.kind === 'preview' || phase.kind === 'done' ? phase.preview : null;
  const changesNothing =
    !!preview &&
    preview.changes.create + preview.changes.update === 0 &&
    preview.groups.every((g) => !g.isNew && g.remove === 0);

  const footer =
    phase.kind === 'params' ? (
      <Space>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button type="primary" disabled={!paramsStep?.ready} onClick={() => setPhase({ kind: 'upload' })}>
          {t('admin.importDialog.next')}
        </Button>
      </Space>
    ) : phase.kind === 'upload' && paramsStep ? (
      <Space>
        <Button onClick={() => setPhase({ kind: 'params' })} disabled={progress !== null}>
          {t('admin.importDialog.back')}
        </Button>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Space>
    ) : phase.kind === 'preview' ? (
      <Space>
        <Button onClick={() => setPhase({ kind: paramsStep ? 'params' : 'upload' })}>
          {t('admin.importDialog.reupload')}
        </Button>
        <Button
          type="primary"
          disabled={phase.preview.rowsInvalid > 0 || changesNothing}
          loading={commit.isPending}
          onClick={() => doCommit(phase.preview)}
        >
          {t('admin.importDialog.commit')}
        </Button>
      </Space>
    ) : (
      <Button onClick={onClose}>{t('common.close')}</Button>
    );

  return (
    <Modal open title={title} width={760} onCancel={onClose} footer={footer} destroyOnHidden mask={{ closable: false }}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          ...(paramsStep ? [{ title: t('admin.importDialog.stepParams') }] : []),
          { title: t('admin.importDialog.stepTemplate') },
          { title: t('admin.importDialog.stepUpload') },
          { title: t('admin.importDialog.stepPreview') },
          { title: t('admin.importDialog.stepDone') },
        ]}
      />

      {phase.kind === 'params' ? paramsStep?.content : null}

      {phase.kind === 'upload' ? (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {paramsStep?.summary ? <Alert type="info" showIcon title={paramsStep.summary} /> : null}
          <Space wrap>
            <Typography.Text type="secondary">{t('admin.importDialog.templateHint')}</Typography.Text>
            <Button
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() =>
                download
                  .mutateAsync({ key: 'importTemplate', params: { type }, fallback: `${type}-template.xlsx` })
                  .catch(ignoreHandled)
              }
            >
              {t('admin.importDialog.downloadTemplate')}
            </Button>
          </Space>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={progress !== null}
            beforeUpload={(file) => {
              send(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('admin.importDialog.drop')}</p>
            <p className="ant-upload-hint">{t('admin.importDialog.dropHint')}</p>
          </Upload.Dragger>
          {progress !== null ? (
            <div>
              <Typography.Text type="secondary">{t('admin.importDialog.uploading')}</Typography.Text>
              <Progress percent={progress} status="active" />
            </div>
          ) : null}
        </Space>
      ) : null}

      {phase.kind === 'preview' ? (
        <PreviewBody
          preview={phase.preview}
          groupLabel={groupLabel}
          sampleColumns={sampleColumns}
          changesNothing={changesNothing}
          onErrorReport={() =>
            download
              .mutateAsync({ key: 'importErrors', params: { id: phase.preview.id }, fallback: 'errors.xlsx' })
              .catch(ignoreHandled)
          }
          downloading={download.isPending}
        />
      ) : null}

      {phase.kind === 'done' ? (
        <Result
          status="success"
          title={t('admin.importDialog.committed')}
          subTitle={t('admin.importDialog.changes', phase.preview.changes)}
        />
      ) : null}
    </Modal>
  );
}

function PreviewBody({
  preview,
  groupLabel,
  sampleColumns,
  changesNothing,
  onErrorReport,
  downloading,
}: {
  preview: ImportPreviewT;
  groupLabel?: (key: string) => string;
  sampleColumns?: SampleColumn[];
  changesNothing: boolean;
  onErrorReport: () => void;
  downloading: boolean;
}) {
  const { t } = useTranslation();
  const hasErrors = preview.rowsInvalid > 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text>
        {t('admin.importDialog.fileSummary', { name: preview.fileName, rows: preview.rowsTotal })}
      </Typography.Text>
      {hasErrors ? (
        <Alert
          type="error"
          showIcon
          title={t('admin.importDialog.hasErrors', { count: preview.rowsInvalid })}
          action={
            <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={onErrorReport}>
              {t('admin.importDialog.errorReport')}
            </Button>
          }
        />
      ) : (
        <Alert
          type={changesNothing ? 'info' : 'success'}
          showIcon
          title={changesNothing ? t('admin.importDialog.nothingToDo') : t('admin.importDialog.noErrors')}
        />
      )}
      <Typography.Text strong>{t('admin.importDialog.changes', preview.changes)}</Typography.Text>
      {preview.groups.length > 0 ? (
        <Space wrap data-testid="import-groups">
          {preview.groups.map((g) => {
            const replaced = g.create + g.update + g.remove > 0;
            return (
              <Tag key={g.key} color={g.isNew ? 'green' : replaced ? 'orange' : 'default'}>
                {groupLabel ? groupLabel(g.key) : g.key}
                {t('common.colon')}
                {g.isNew
                  ? t('admin.importDialog.groupNew')
                  : replaced
                    ? t('admin.importDialog.groupReplace')
                    : t('admin.importDialog.groupUnchanged')}
                {' · '}
                {t('admin.importDialog.changes', g)}
                {g.remove > 0 ? ` · ${t('admin.importDialog.groupRemove', { count: g.remove })}` : ''}
              </Tag>
            );
          })}
        </Space>
      ) : null}
      {hasErrors ? (
        <>
          <Table
            size="small"
            rowKey={(e) => `${e.rowNumber}-${e.column}-${e.code}`}
            pagination={false}
            scroll={{ y: 240 }}
            dataSource={preview.errors}
            columns={[
              { title: t('admin.importDialog.row'), dataIndex: 'rowNumber', width: 80 },
              { title: t('admin.importDialog.reason'), dataIndex: 'message' },
            ]}
          />
          {preview.errors.length < preview.rowsInvalid ? (
            <Typography.Text type="secondary">
              {t('admin.importDialog.moreErrors', { shown: preview.errors.length })}
            </Typography.Text>
          ) : null}
        </>
      ) : null}
      {sampleColumns && preview.sample.length > 0 ? (
        <>
          <Typography.Text type="secondary">{t('admin.importDialog.sample')}</Typography.Text>
          <Table
            size="small"
            data-testid="import-sample"
            rowKey="__key"
            pagination={false}
            scroll={{ y: 200 }}
            dataSource={preview.sample.map((row, n) => ({ ...row, __key: n }))}
            columns={sampleColumns.map((c) => ({
              key: c.key,
              title: c.title,
              dataIndex: c.key,
              render: (value: unknown) => (c.render ? c.render(value) : value === null ? '—' : String(value ?? '')),
            }))}
          />
        </>
      ) : null}
    </Space>
  );
}
