import { ReloadOutlined } from '@ant-design/icons';
import { ITEM_PRIORITIES, ITEM_SOURCES, ITEM_STATES, LIGHTS } from '@zaitun/contracts';
import { Button, Checkbox, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemListQuery } from '../../api/dispatch';
import { LightDot } from './LightTag';
import { UnitSelect } from './UnitSelect';
import { useCategoryLookup, useUnitLookup } from './use-lookups';

export type ItemFilterValues = Omit<ItemListQuery, 'page' | 'pageSize' | 'view' | 'bucket' | 'sort' | 'order'>;
export type ItemFilterField =
  | 'q'
  | 'state'
  | 'light'
  | 'priority'
  | 'source'
  | 'category'
  | 'leadUnitId'
  | 'countyUnitId'
  | 'year'
  | 'flagged';

const ALL_FIELDS: ItemFilterField[] = [
  'q',
  'state',
  'light',
  'priority',
  'source',
  'category',
  'leadUnitId',
  'countyUnitId',
  'year',
  'flagged',
];

/** The years offered in the year filter: this one and the four before it. */
function recentYears(): number[] {
  const now = new Date().getFullYear();
  return [now, now - 1, now - 2, now - 3, now - 4];
}

/** The filter bar of item lists; every choice applies at once (the search box on Enter). */
export function ItemFilters({
  value,
  onChange,
  fields = ALL_FIELDS,
  onRefresh,
  prefix,
}: {
  value: ItemFilterValues;
  onChange: (next: ItemFilterValues) => void;
  fields?: ItemFilterField[];
  onRefresh?: () => void;
  /** A control of the page placed first in the bar (e.g. open/closed). */
  prefix?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const units = useUnitLookup();
  const categories = useCategoryLookup();
  const [keyword, setKeyword] = useState(value.q ?? '');
  useEffect(() => setKeyword(value.q ?? ''), [value.q]);
  const has = (f: ItemFilterField) => fields.includes(f);
  const set = (patch: Partial<ItemFilterValues>) => onChange({ ...value, ...patch });

  return (
    <search className="toolbar">
      {prefix}
      {has('q') ? (
        <Input.Search
          allowClear
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          placeholder={t('dispatch.filter.search')}
          aria-label={t('dispatch.filter.search')}
          style={{ width: 260 }}
        />
      ) : null}
      {has('state') ? (
        <Select
          allowClear
          value={value.state}
          onChange={(state) => set({ state })}
          placeholder={t('dispatch.filter.state')}
          aria-label={t('dispatch.filter.state')}
          style={{ width: 120 }}
          options={ITEM_STATES.map((s) => ({ value: s, label: t(`dispatch.state.${s}`) }))}
        />
      ) : null}
      {has('light') ? (
        <Select
          allowClear
          value={value.light}
          onChange={(light) => set({ light })}
          placeholder={t('dispatch.filter.light')}
          aria-label={t('dispatch.filter.light')}
          style={{ width: 120 }}
          options={LIGHTS.map((l) => ({
            value: l,
            label: (
              <span>
                <LightDot light={l} />
                {t(`dispatch.light.${l}`)}
              </span>
            ),
          }))}
        />
      ) : null}
      {has('priority') ? (
        <Select
          allowClear
          value={value.priority}
          onChange={(priority) => set({ priority })}
          placeholder={t('dispatch.filter.priority')}
          aria-label={t('dispatch.filter.priority')}
          style={{ width: 110 }}
          options={ITEM_PRIORITIES.map((p) => ({ value: p, label: t(`dispatch.priority.${p}`) }))}
        />
      ) : null}
      {has('source') ? (
        <Select
          allowClear
          value={value.source}
          onChange={(source) => set({ source })}
          placeholder={t('dispatch.filter.source')}
          aria-label={t('dispatch.filter.source')}
          style={{ width: 150 }}
          popupMatchSelectWidth={false}
          options={ITEM_SOURCES.map((s) => ({ value: s, label: t(`dispatch.source.${s}`) }))}
        />
      ) : null}
      {has('category') ? (
        <Select
          allowClear
          value={value.category}
          onChange={(category) => set({ category })}
          placeholder={t('dispatch.filter.category')}
          aria-label={t('dispatch.filter.category')}
          style={{ width: 120 }}
          popupMatchSelectWidth={false}
          options={categories.options}
        />
      ) : null}
      {has('leadUnitId') ? (
        <UnitSelect
          units={units.units}
          value={value.leadUnitId}
          onChange={(leadUnitId) => set({ leadUnitId })}
          allowClear
          placeholder={t('dispatch.filter.leadUnit')}
          aria-label={t('dispatch.filter.leadUnit')}
          style={{ width: 200 }}
        />
      ) : null}
      {has('countyUnitId') ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={value.countyUnitId}
          onChange={(countyUnitId) => set({ countyUnitId })}
          placeholder={t('dispatch.filter.county')}
          aria-label={t('dispatch.filter.county')}
          style={{ width: 170 }}
          popupMatchSelectWidth={false}
          options={units.counties.map((u) => ({ value: u.id, label: units.name(u.id) }))}
        />
      ) : null}
      {has('year') ? (
        <Select
          allowClear
          value={value.year}
          onChange={(year) => set({ year })}
          placeholder={t('dispatch.filter.year')}
          aria-label={t('dispatch.filter.year')}
          style={{ width: 100 }}
          options={recentYears().map((y) => ({ value: y, label: String(y) }))}
        />
      ) : null}
      {has('flagged') ? (
        <Checkbox
          checked={value.flagged === true}
          onChange={(e) => set({ flagged: e.target.checked ? true : undefined })}
          style={{ alignSelf: 'center' }}
        >
          {t('dispatch.filter.flaggedOnly')}
        </Checkbox>
      ) : null}
      <Button
        onClick={() => {
          setKeyword('');
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
      {onRefresh ? <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} /> : null}
    </search>
  );
}
