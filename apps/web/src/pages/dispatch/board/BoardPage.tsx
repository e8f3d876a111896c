import { ReloadOutlined } from '@ant-design/icons';
import { LIGHTS, type Light } from '@zaitun/contracts';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ItemListQuery, useItemCounts, useItems } from '../../../api/dispatch';
import { CountTabLabel } from '../../../components/dispatch/CountTabLabel';
import { RowActions } from '../../../components/dispatch/ItemActionLauncher';
import { ItemFilters, type ItemFilterValues } from '../../../components/dispatch/ItemFilters';
import { ItemTable, type SortState } from '../../../components/dispatch/ItemTable';
import { LightDot } from '../../../components/dispatch/LightTag';
import '../../../components/dispatch/dispatch.css';
import { PageHeader } from '../../../components/PageHeader';

type BoardTab = 'pending_dispatch' | 'open' | 'to_verify' | 'extension_pending';
const BOARD: ItemListQuery = { view: 'board' };
const CLOCK: ItemListQuery = { ...BOARD, bucket: 'open' };
const TILE_BUCKETS = ['pending_dispatch', 'open', 'to_verify', 'extension_pending', 'sign_overdue'] as const;

function usePaged() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  return {
    page,
    reset: () => setPage((p) => ({ ...p, page: 1 })),
    pagination: {
      ...page,
      onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
    },
  };
}

/**
 * The dispatcher's desk: new items to dispatch (inline), the open items by light and lead unit, answers to verify
 * and extension requests to decide.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<BoardTab>('pending_dispatch');
  const [light, setLight] = useState<Light | undefined>(undefined);
  const [signOverdue, setSignOverdue] = useState(false);
  const [filters, setFilters] = useState<ItemFilterValues>({});
  const [sort, setSort] = useState<SortState>({ sort: 'deadline', order: 'asc' });
  const pending = usePaged();
  const open = usePaged();
  const verify = usePaged();
  const ext = usePaged();

  // The tiles and tabs in one request; the light tiles follow the lead-unit filter, asked for apart only when set.
  const leadUnitId = filters.leadUnitId;
  const tiles = useItemCounts(BOARD, { buckets: TILE_BUCKETS, lights: leadUnitId ? [] : LIGHTS });
  const unitLights = useItemCounts({ ...BOARD, leadUnitId }, { lights: LIGHTS }, !!leadUnitId);
  const counts = tiles.data?.buckets ?? {};
  const lightCounts = (leadUnitId ? unitLights : tiles).data?.lights ?? {};

  const pendingList = useItems(
    { ...BOARD, bucket: 'pending_dispatch', sort: 'createdAt', order: 'asc', ...pending.page },
    tab === 'pending_dispatch',
  );
  const openList = useItems(
    { ...CLOCK, ...filters, light, ...sort, bucket: signOverdue ? 'sign_overdue' : 'open', ...open.page },
    tab === 'open',
  );
  const verifyList = useItems(
    { ...BOARD, bucket: 'to_verify', sort: 'updatedAt', order: 'asc', ...verify.page },
    tab === 'to_verify',
  );
  const extList = useItems(
    { ...BOARD, bucket: 'extension_pending', sort: 'deadline', order: 'asc', ...ext.page },
    tab === 'extension_pending',
  );

  const refresh = () => {
    for (const q of [pendingList, openList, verifyList, extList]) void q.refetch();
    void tiles.refetch();
    if (leadUnitId) void unitLights.refetch();
  };

  const showLight = (l: Light | undefined, onlySignOverdue = false) => {
    setTab('open');
    setLight(l);
    setSignOverdue(onlySignOverdue);
    open.reset();
  };

  return (
    <>
      <PageHeader
        title={t('dispatch.board.title')}
        subtitle={t('dispatch.board.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />}
      />
      <nav className="dispatch-tiles" aria-label={t('dispatch.board.title')}>
        <Tile
          label={t('dispatch.board.pending')}
          count={counts.pending_dispatch}
          pressed={tab === 'pending_dispatch'}
          onClick={() => setTab('pending_dispatch')}
        />
        {LIGHTS.map((l) => (
          <Tile
            key={l}
            light={l}
            label={t(`dispatch.light.${l}`)}
            count={lightCounts[l]}
            pressed={tab === 'open' && light === l}
            onClick={() => showLight(l)}
          />
        ))}
        <Tile
          label={t('dispatch.bucket.sign_overdue')}
          count={counts.sign_overdue}
          pressed={tab === 'open' && signOverdue}
          onClick={() => showLight(undefined, true)}
        />
        <Tile
          label={t('dispatch.board.toVerify')}
          count={counts.to_verify}
          pressed={tab === 'to_verify'}
          onClick={() => setTab('to_verify')}
        />
        <Tile
          label={t('dispatch.board.extensions')}
          count={counts.extension_pending}
          pressed={tab === 'extension_pending'}
          onClick={() => setTab('extension_pending')}
        />
      </nav>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as BoardTab)}
        items={[
          {
            key: 'pending_dispatch',
            label: <CountTabLabel label={t('dispatch.board.pending')} count={counts.pending_dispatch} alert />,
            children: (
              <ItemTable
                aria-label={t('dispatch.board.pending')}
                page={pendingList.data}
                loading={pendingList.isFetching}
                // No state column: every item here is waiting to be dispatched.
                columns={['number', 'priority', 'source', 'category', 'raisedBy', 'createdAt']}
                pagination={pending.pagination}
                actions={(item) => <RowActions item={item} actions={['dispatch']} />}
              />
            ),
          },
          {
            key: 'open',
            label: <CountTabLabel label={t('dispatch.board.open')} count={counts.open} />,
            children: (
              <>
                <div className="toolbar">
                  <Button
                    type={light === undefined && !signOverdue ? 'primary' : 'default'}
                    onClick={() => showLight(undefined)}
                  >
                    {t('dispatch.board.allLights')}
                  </Button>
                  <Button type={signOverdue ? 'primary' : 'default'} onClick={() => showLight(undefined, true)}>
                    {t('dispatch.bucket.sign_overdue')} {counts.sign_overdue ?? ''}
                  </Button>
                  {LIGHTS.map((l) => (
                    <Button
                      key={l}
                      type={light === l ? 'primary' : 'default'}
                      ghost={light === l}
                      onClick={() => showLight(l)}
                    >
                      <LightDot light={l} />
                      {t(`dispatch.light.${l}`)} {lightCounts[l] ?? ''}
                    </Button>
                  ))}
                </div>
                <ItemFilters
                  value={filters}
                  onChange={(next) => {
                    setFilters(next);
                    open.reset();
                  }}
                  fields={['q', 'leadUnitId', 'state', 'priority', 'countyUnitId', 'flagged']}
                />
                <ItemTable
                  aria-label={t('dispatch.board.open')}
                  page={openList.data}
                  loading={openList.isFetching}
                  columns={['number', 'state', 'light', 'priority', 'lead', 'deadline']}
                  pagination={open.pagination}
                  sort={sort}
                  onSort={(s) => {
                    setSort(s);
                    open.reset();
                  }}
                />
              </>
            ),
          },
          {
            key: 'to_verify',
            label: <CountTabLabel label={t('dispatch.board.toVerify')} count={counts.to_verify} />,
            children: (
              <ItemTable
                aria-label={t('dispatch.board.toVerify')}
                page={verifyList.data}
                loading={verifyList.isFetching}
                columns={['number', 'state', 'lead', 'deadline', 'updatedAt']}
                pagination={verify.pagination}
                actions={(item) => <RowActions item={item} actions={['verify', 'reject']} />}
              />
            ),
          },
          {
            key: 'extension_pending',
            label: <CountTabLabel label={t('dispatch.board.extensions')} count={counts.extension_pending} alert />,
            children: (
              <ItemTable
                aria-label={t('dispatch.board.extensions')}
                page={extList.data}
                loading={extList.isFetching}
                columns={['number', 'light', 'lead', 'deadline']}
                pagination={ext.pagination}
                actions={(item) => <RowActions item={item} actions={['approve_extension', 'deny_extension']} />}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function Tile({
  label,
  count,
  pressed,
  onClick,
  light,
}: {
  label: string;
  count: number | undefined;
  pressed: boolean;
  onClick: () => void;
  light?: Light;
}) {
  return (
    <button type="button" className="dispatch-tile" aria-pressed={pressed} onClick={onClick}>
      <span className="dispatch-tile-label">
        {light ? <LightDot light={light} /> : null}
        {label}
      </span>
      <span className="dispatch-tile-count">{count ?? '–'}</span>
    </button>
  );
}
