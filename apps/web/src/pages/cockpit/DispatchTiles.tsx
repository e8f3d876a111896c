/** The dispatch side of the cockpit: open items, red items, the year's on-time rate, figures waiting to be checked. */
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPercent } from './format';
import type { CockpitData } from './types';

export function DispatchTiles({ data }: { data: CockpitData }) {
  const { t } = useTranslation();
  const tiles = [
    { key: 'open', label: t('cockpit.dispatch.open'), value: String(data.dispatch.open), to: '/dispatch/items' },
    {
      key: 'red',
      label: t('cockpit.dispatch.red'),
      value: String(data.dispatch.red),
      to: '/dispatch/supervision',
      alert: data.dispatch.red > 0,
    },
    {
      key: 'onTimeRate',
      label: t('cockpit.dispatch.onTimeRate'),
      value: formatPercent(data.dispatch.onTimeRate),
      to: '/dispatch/metrics',
    },
    {
      key: 'conflicts',
      label: t('cockpit.dispatch.conflicts'),
      value: String(data.conflicts),
      to: '/cockpit/figures',
      hint: t('cockpit.dispatch.conflictsHint'),
      alert: data.conflicts > 0,
    },
  ];
  return (
    <div className="cockpit-dispatch" data-testid="dispatch-tiles">
      {tiles.map((tile) => (
        <Tooltip key={tile.key} title={tile.hint}>
          <Link to={tile.to} className="cockpit-dispatch-tile" data-testid={`dispatch-${tile.key}`}>
            <span className="cockpit-dispatch-label">{tile.label}</span>
            <span className={`cockpit-dispatch-value${tile.alert ? ' cockpit-alert' : ''}`}>{tile.value}</span>
          </Link>
        </Tooltip>
      ))}
    </div>
  );
}
