import { ArrowLeftOutlined } from '@ant-design/icons';
import { Space } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../PageHeader';

/**
 * The head of one record's page (an assignment order, a meeting, a bulletin): its title, the actions the server
 * allows as a wrapping row of buttons, and the link back to its list.
 */
export function DetailHeader({
  title,
  actions,
  back,
}: {
  title: string;
  actions: ReactNode[];
  back: { to: string; label: string };
}) {
  return (
    <>
      <PageHeader title={title} extra={<Space wrap>{actions}</Space>} />
      <div style={{ marginBottom: 12 }}>
        <Link to={back.to}>
          <ArrowLeftOutlined /> {back.label}
        </Link>
      </div>
    </>
  );
}
