import { ITEM_PRIORITIES, ITEM_SOURCES, ITEM_STATES, LIGHTS } from '@zaitun/contracts';
import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemListQuery } from '../../api/dispatch';
import { LightDot } from './LightTag';
import { FilterBar, FilterSelect, YearSelect } from './ListFilterBar';
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
  const has = (f: ItemFilterField) => fields.includes(f);
  const set = (patch: Partial<ItemFilterValues>) => onChange({ ...value, ...patch });

  return (
    <FilterBar
      prefix={prefix}
      search={
        has('q')
          ? { value: value.q, onSearch: (q) => set({ q }), label: t('dispatch.filter.search'), width: 300 }
          : undefined
      }
      onReset={() => onChange({})}
      onRefresh={onRefresh}
    >
      {has('state') ? (
        <FilterSelect
          label={t('dispatch.filter.state')}
          width={120}
          value={value.state}
          onChange={(state) => set({ state })}
          options={ITEM_STATES.map((s) => ({ value: s, label: t(`dispatch.state.${s}`) }))}
        />
      ) : null}
      {has('light') ? (
        <FilterSelect
          label={t('dispatch.filter.light')}
          width={120}
          value={value.light}
          onChange={(light) => set({ light })}
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
        <FilterSelect
          label={t('dispatch.filter.priority')}
          width={110}
          value={value.priority}
          onChange={(priority) => set({ priority })}
          options={ITEM_PRIORITIES.map((p) => ({ value: p, label: t(`dispatch.priority.${p}`) }))}
        />
      ) : null}
      {has('source') ? (
        <FilterSelect
          label={t('dispatch.filter.source')}
          width={150}
          value={value.source}
          onChange={(source) => set({ source })}
          popupMatchSelectWidth={false}
          options={ITEM_SOURCES.map((s) => ({ value: s, label: t(`dispatch.source.${s}`) }))}
        />
      ) : null}
      {has('category') ? (
        <FilterSelect
          label={t('dispatch.filter.category')}
          width={120}
          value={value.category}
          onChange={(category) => set({ category })}
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
        <FilterSelect
          label={t('dispatch.filter.county')}
          width={170}
          showSearch={{ optionFilterProp: 'label' }}
          value={value.countyUnitId}
          onChange={(countyUnitId) => set({ countyUnitId })}
          popupMatchSelectWidth={false}
          options={units.counties.map((u) => ({ value: u.id, label: units.name(u.id) }))}
        />
      ) : null}
      {has('year') ? <YearSelect value={value.year} onChange={(year) => set({ year })} /> : null}
      {has('flagged') ? (
        <Checkbox
          checked={value.flagged === true}
          onChange={(e) => set({ flagged: e.target.checked ? true : undefined })}
          style={{ alignSelf: 'center' }}
        >
          {t('dispatch.filter.flaggedOnly')}
        </Checkbox>
      ) : null}
    </FilterBar>
  );
}
