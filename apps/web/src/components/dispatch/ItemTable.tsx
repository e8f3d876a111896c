import type { ItemT, RouteResponse } from '@zaitun/contracts';
import {
  Card,
  Empty,
  Grid,
  List,
  Space,
  Table,
  type TableColumnsType,
  type TablePaginationConfig,
  Typography,
} from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/datetime';
import { DeadlineText } from './DeadlineText';
import { ItemSignals } from './EscalationTag';
import { LightTag } from './LightTag';
import { PriorityTag } from './PriorityTag';
import { StateTag } from './StateTag';
import { useCategoryLookup, useUnitLookup } from './use-lookups';
import './dispatch.css';

export type ItemColumn =
  | 'number'
  | 'state'
  | 'light'
  | 'priority'
  | 'category'
  | 'source'
  | 'lead'
  | 'deadline'
  | 'createdAt'
  | 'updatedAt'
  | 'raisedBy';

export type SortKey = 'deadline' | 'createdAt' | 'number' | 'updatedAt';
export interface SortState {
  sort?: SortKey;
  order?: 'asc' | 'desc';
}

const DEFAULT_COLUMNS: ItemColumn[] = ['number', 'state', 'light', 'priority', 'lead', 'deadline', 'createdAt'];
/**
 * The number/title column takes what the others leave, and at least this much: the table scrolls sideways only
 * when the columns cannot fit at that width (a 1280 px laptop fits the lists of six columns and an actions column).
 */
const TITLE_MIN_WIDTH = 240;
const ACTIONS_WIDTH = 110;
const SORTABLE: Partial<Record<ItemColumn, SortKey>> = {
  number: 'number',
  deadline: 'deadline',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

interface Props {
  page: RouteResponse<'listItems'> | undefined;
  loading: boolean;
  columns?: ItemColumn[];
  /** Server-side paging; omitted: no pager (short lists such as the board's). */
  pagination?: { page: number; pageSize: number; onChange: (page: number, pageSize: number) => void };
  sort?: SortState;
  onSort?: (sort: SortState) => void;
  /** Columns shown only on very wide screens (≥ 1600 px), so that a long list still fits a 1280 px laptop. */
  wideOnly?: ItemColumn[];
  /** A last column with the row's own buttons (e.g. dispatch on the board). */
  actions?: (item: ItemT) => ReactNode;
  emptyText?: string;
  'aria-label'?: string;
}

/**
 * The item list every dispatch page uses: a dense table with a sticky header on wide screens, a card per item on
 * a phone. Number and title link to the item.
 */
export function ItemTable(props: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const units = useUnitLookup();
  const categories = useCategoryLookup();
  const wanted = (props.columns ?? DEFAULT_COLUMNS).filter((c) => screens.xxl || !props.wideOnly?.includes(c));
  const items = props.page?.items ?? [];

  const sortOrder = (key: SortKey) =>
    props.sort?.sort === key ? (props.sort.order === 'desc' ? 'descend' : 'ascend') : null;

  const all: Record<ItemColumn, TableColumnsType<ItemT>[number]> = {
    number: {
      title: `${t('dispatch.field.number')} / ${t('dispatch.field.title')}`,
      key: 'number',
      fixed: 'left',
      render: (_, item) => <ItemTitle item={item} />,
    },
    state: {
      title: t('dispatch.field.state'),
      key: 'state',
      width: 92,
      render: (_, item) => <StateTag state={item.state} />,
    },
    light: {
      title: t('dispatch.field.light'),
      key: 'light',
      width: 130,
      render: (_, item) => (
        <Space size={[0, 4]} wrap>
          <LightTag light={item.light} />
          <ItemSignals item={item} compact />
        </Space>
      ),
    },
    priority: {
      title: t('dispatch.field.priority'),
      key: 'priority',
      width: 80,
      render: (_, item) => <PriorityTag priority={item.priority} />,
    },
    category: {
      title: t('dispatch.field.category'),
      key: 'category',
      width: 120,
      ellipsis: true,
      render: (_, item) => categories.name(item.category),
    },
    source: {
      title: t('dispatch.field.source'),
      key: 'source',
      width: 120,
      ellipsis: true,
      render: (_, item) => t(`dispatch.source.${item.source}`),
    },
    lead: {
      title: t('dispatch.field.leadUnit'),
      key: 'lead',
      width: 150,
      ellipsis: true,
      render: (_, item) =>
        item.leadUnitId ? (
          <span title={units.name(item.leadUnitId)}>
            {units.name(item.leadUnitId)}
            {item.coUnits.length > 0 ? (
              <Typography.Text type="secondary"> +{item.coUnits.length}</Typography.Text>
            ) : null}
          </span>
        ) : (
          t('common.none')
        ),
    },
    deadline: {
      title: t('dispatch.field.deadline'),
      key: 'deadline',
      width: 170,
      render: (_, item) => <DeadlineText item={item} stacked />,
    },
    createdAt: {
      title: t('dispatch.field.createdAt'),
      key: 'createdAt',
      width: 140,
      render: (_, item) => formatDateTime(item.createdAt),
    },
    updatedAt: {
      title: t('dispatch.field.updatedAt'),
      key: 'updatedAt',
      width: 140,
      render: (_, item) => formatDateTime(item.updatedAt),
    },
    raisedBy: {
      title: t('dispatch.field.raisedBy'),
      key: 'raisedBy',
      width: 150,
      ellipsis: true,
      render: (_, item) => (
        <span>
          {item.raisedByName}
          {item.raisedByUnitId ? (
            <Typography.Text type="secondary"> · {units.name(item.raisedByUnitId)}</Typography.Text>
          ) : null}
        </span>
      ),
    },
  };

  const columns: TableColumnsType<ItemT> = wanted.map((key) => {
    const col = all[key];
    const sortKey = SORTABLE[key];
    return sortKey && props.onSort
      ? { ...col, sorter: true, sortOrder: sortOrder(sortKey), showSorterTooltip: false }
      : col;
  });
  if (props.actions) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: ACTIONS_WIDTH,
      render: (_, item) => props.actions?.(item),
    });
  }

  const scrollX = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : TITLE_MIN_WIDTH), 0);

  const pagination: TablePaginationConfig | false = props.pagination
    ? {
        current: props.pagination.page,
        pageSize: props.pagination.pageSize,
        total: props.page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        onChange: props.pagination.onChange,
        size: screens.md === false ? 'small' : undefined,
      }
    : false;

  if (screens.md === false) {
    return (
      <List<ItemT>
        aria-label={props['aria-label']}
        dataSource={items}
        loading={props.loading}
        locale={{ emptyText: <Empty description={props.emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        pagination={
          props.pagination
            ? {
                current: props.pagination.page,
                pageSize: props.pagination.pageSize,
                total: props.page?.total ?? 0,
                onChange: props.pagination.onChange,
                align: 'center',
                size: 'small',
                hideOnSinglePage: true,
                showSizeChanger: false,
              }
            : false
        }
        renderItem={(item) => (
          <Card size="small" className="item-card" key={item.id}>
            <ItemTitle item={item} />
            <Space size={[4, 4]} wrap style={{ marginTop: 6 }}>
              <StateTag state={item.state} />
              <LightTag light={item.light} />
              <PriorityTag priority={item.priority} />
              <ItemSignals item={item} compact />
            </Space>
            <div className="item-card-meta">
              {item.leadUnitId ? <span>{units.name(item.leadUnitId)}</span> : null}
              {item.deadline ? <DeadlineText item={item} /> : null}
            </div>
            {props.actions ? <div style={{ marginTop: 8 }}>{props.actions(item)}</div> : null}
          </Card>
        )}
      />
    );
  }

  return (
    <Table<ItemT>
      rowKey="id"
      size="middle"
      sticky
      aria-label={props['aria-label']}
      columns={columns}
      dataSource={items}
      loading={props.loading}
      scroll={{ x: scrollX }}
      locale={{ emptyText: <Empty description={props.emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      pagination={pagination}
      onChange={(_p, _f, sorter, extra) => {
        if (!props.onSort || extra.action !== 'sort') return;
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<ItemT> | undefined;
        const key = s?.columnKey ? SORTABLE[s.columnKey as ItemColumn] : undefined;
        if (!key || !s?.order) props.onSort({});
        else props.onSort({ sort: key, order: s.order === 'descend' ? 'desc' : 'asc' });
      }}
    />
  );
}

/** Number, title and, underneath, the category: the link into the item. */
export function ItemTitle({ item }: { item: ItemT }) {
  return (
    <div className="item-title-cell">
      <Typography.Text type="secondary" className="item-number">
        {item.number}
      </Typography.Text>
      <Link to={`/dispatch/items/${item.id}`} className="item-title-link">
        {item.title}
      </Link>
    </div>
  );
}
