import { Badge } from 'antd';
import type { ReactNode } from 'react';

/** A tab's name with its count (grey when zero, red for the lists that need attention). */
export function CountTabLabel({ label, count, alert = false }: { label: ReactNode; count?: number; alert?: boolean }) {
  return (
    <span className="nowrap">
      {label}{' '}
      <Badge
        count={count ?? 0}
        showZero
        overflowCount={999}
        color={alert && (count ?? 0) > 0 ? '#cf1322' : (count ?? 0) > 0 ? '#1d5fb4' : '#bfc7d2'}
        style={{ boxShadow: 'none' }}
      />
    </span>
  );
}
