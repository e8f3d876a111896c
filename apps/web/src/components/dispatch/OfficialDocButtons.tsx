import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/admin';
import { ApiError } from '../../api/client';
import { errorText, reactionTo } from '../../api/error-policy';
import { currentLocale } from '../../i18n';
import { ignoreHandled } from '../../lib/promise';

type Format = 'docx' | 'pdf';

/**
 * "下载 Word" / "下载 PDF" of an official document (the assignment order, the meeting minutes, the bulletin). A
 * server without the PDF renderer answers PDF_UNAVAILABLE with how to enable it: that message is shown in a dialog,
 * not a toast, so it can be read in full; other failures follow the request-error policy.
 */
export function OfficialDocButtons({
  route,
  id,
}: {
  route: 'orderDocument' | 'meetingMinutes' | 'bulletinDocument';
  id: string;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const fetchFile = useMutation({
    mutationFn: (format: Format) => download(route, { id }, `${route}.${format}`, { format }),
    meta: { silent: true },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'PDF_UNAVAILABLE') {
        modal.warning({ title: t('officialDocs.download.pdfUnavailable'), content: errorText(error, currentLocale()) });
        return;
      }
      const reaction = reactionTo(error, currentLocale());
      message.error('text' in reaction && reaction.text ? reaction.text : t('officialDocs.download.failed'));
    },
  });
  const pending = fetchFile.isPending ? fetchFile.variables : null;
  // A Space of their own: in a page header's Space the pair is one child, and would otherwise touch.
  return (
    <Space wrap>
      <Button
        icon={<FileWordOutlined />}
        loading={pending === 'docx'}
        data-testid="download-docx"
        onClick={() => fetchFile.mutateAsync('docx').catch(ignoreHandled)}
      >
        {t('officialDocs.download.word')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={pending === 'pdf'}
        data-testid="download-pdf"
        onClick={() => fetchFile.mutateAsync('pdf').catch(ignoreHandled)}
      >
        {t('officialDocs.download.pdf')}
      </Button>
    </Space>
  );
}
