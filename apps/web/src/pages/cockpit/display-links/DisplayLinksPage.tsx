import { CreateDisplayLinkBody, type RouteResponse } from '@zaitun/contracts';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  displayLinkAddress,
  useCreateDisplayLink,
  useDisplayLinks,
  useRevokeDisplayLink,
} from '../../../api/display-links';
import { CredentialsPage, type CredentialValues } from '../../../components/CredentialsPage';
import { formatDateTime } from '../../../lib/datetime';

type Link = RouteResponse<'listDisplayLinks'>['items'][number];

const EXPIRY_CHOICES = [7, 30, 90, 180, 366] as const;

/** The HQ office's display links (大屏) for meeting-room screens: list, create (address shown once), revoke. */
export function DisplayLinksPage() {
  const { t } = useTranslation();
  const links = useDisplayLinks();
  const create = useCreateDisplayLink();
  const revoke = useRevokeDisplayLink();

  const columns: TableColumnsType<Link> = [
    {
      title: t('displayLinks.createdBy'),
      dataIndex: 'createdByName',
      width: 120,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('displayLinks.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
  ];

  return (
    <CredentialsPage<Link, CredentialValues>
      messages="displayLinks"
      list={links}
      revoke={revoke}
      create={(v) => create.mutateAsync(v).then((r) => displayLinkAddress(r.url))}
      creating={create.isPending}
      nameSchema={CreateDisplayLinkBody.properties.name}
      expiryChoices={EXPIRY_CHOICES}
      initialValues={{ expiresInDays: 90 }}
      columns={columns}
      widths={{ name: 200, prefix: 150, table: 1100 }}
      secret={{
        title: t('displayLinks.urlTitle'),
        label: t('displayLinks.url'),
        intro: t('displayLinks.urlIntro'),
        note: t('displayLinks.urlNote'),
      }}
    />
  );
}
