/**
 * Filter bars of the dispatch lists: the shell every bar shares (keyword search, the list's own choices, reset,
 * refresh), a labelled select, the year choice, the bar of the order and meeting lists, and their export link.
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, type SelectProps, Tooltip } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The shell of a filter bar: `prefix`, the keyword box (applied on Enter), the list's own choices, then reset (which
 * also empties the keyword box) and refresh.
 */
export function FilterBar({
  search,
  onReset,
  onRefresh,
  prefix,
  children,
}: {
  search?: { value: string | undefined; onSearch: (q: string | undefined) => void; label: string; width: number };
  onReset: () => void;
  onRefresh?: () => void;
  prefix?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState(search?.value ?? '');
  useEffect(() => setKeyword(search?.value ?? ''), [search?.value]);
  return (
    <search className="toolbar">
      {prefix}
      {search ? (
        <Input.Search
          allowClear
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(q) => search.onSearch(q.trim() || undefined)}
          placeholder={search.label}
          aria-label={search.label}
          style={{ width: search.width }}
        />
      ) : null}
      {children}
      <Button
        onClick={() => {
          setKeyword('');
          onReset();
        }}
      >
        {t('common.reset')}
      </Button>
      {onRefresh ? <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} /> : null}
    </search>
  );
}

/** A clearable select of a filter bar, its label shown as the placeholder and named for screen readers. */
export function FilterSelect<V extends string | number>({
  label,
  width,
  ...rest
}: { label: string; width: number } & Omit<SelectProps<V>, 'placeholder' | 'aria-label' | 'style' | 'allowClear'>) {
  return <Select<V> allowClear placeholder={label} aria-label={label} style={{ width }} {...rest} />;
}

/** The year choice: this year and the four before it. */
export function YearSelect({ value, onChange }: { value: number | undefined; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const now = new Date().getFullYear();
  return (
    <FilterSelect<number>
      label={t('dispatch.filter.year')}
      width={100}
      value={value}
      onChange={onChange}
      options={[0, 1, 2, 3, 4].map((back) => ({ value: now - back, label: String(now - back) }))}
    />
  );
}

/** What the order and meeting lists filter by (their list queries take these, besides paging). */
export interface ListFilterValues<S extends string> {
  q?: string;
  state?: S;
  year?: number;
}

/** The filter bar of the order and meeting lists: keyword, state and year, each applied at once. */
export function ListFilterBar<S extends string>({
  value,
  onChange,
  onRefresh,
  searchLabel,
  stateLabel,
  stateOptions,
}: {
  value: ListFilterValues<S>;
  onChange: (next: ListFilterValues<S>) => void;
  onRefresh: () => void;
  searchLabel: string;
  stateLabel: string;
  stateOptions: { value: S; label: string }[];
}) {
  const set = (patch: ListFilterValues<S>) => onChange({ ...value, ...patch });
  return (
    <FilterBar
      search={{ value: value.q, onSearch: (q) => set({ q }), label: searchLabel, width: 220 }}
      onReset={() => onChange({})}
      onRefresh={onRefresh}
    >
      <FilterSelect<S>
        label={stateLabel}
        width={130}
        value={value.state}
        onChange={(state) => set({ state })}
        options={stateOptions}
      />
      <YearSelect value={value.year} onChange={(year) => set({ year })} />
    </FilterBar>
  );
}

/** The xlsx export of a list as a download link: `href` carries the list's current filters. */
export function ExportLink({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('orders.filters.exportHint')}>
      <Button icon={<DownloadOutlined />} href={href} download>
        {t('orders.filters.export')}
      </Button>
    </Tooltip>
  );
}
