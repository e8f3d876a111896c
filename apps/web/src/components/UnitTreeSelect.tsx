import type { UnitT } from '@zaitun/contracts';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { currentLocale } from '../i18n';
import { buildUnitTree, type UnitNode, unitName } from '../lib/units';

interface TreeOption {
  value: string;
  title: string;
  disabled: boolean;
  children?: TreeOption[];
}

interface Props {
  id?: string;
  units: readonly UnitT[];
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Units that may not be picked (a unit's own subtree when moving it, inactive units). */
  disabledIds?: ReadonlySet<string>;
  placeholder?: string;
  allowClear?: boolean;
  loading?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Picks one unit from the tree; searchable by Chinese or English name and by code. */
export function UnitTreeSelect({ units, value, onChange, disabledIds, ...rest }: Props) {
  const locale = currentLocale();
  const treeData = useMemo(() => {
    const toOption = (node: UnitNode): TreeOption => ({
      value: node.id,
      title: `${unitName(node, locale)}`,
      disabled: !node.active || (disabledIds?.has(node.id) ?? false),
      children: node.children?.map(toOption),
    });
    return buildUnitTree(units).map(toOption);
  }, [units, disabledIds, locale]);
  const codes = useMemo(() => new Map(units.map((u) => [u.id, `${u.code} ${u.nameZh} ${u.nameEn}`])), [units]);

  return (
    <TreeSelect<string>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{
        filterTreeNode: (input, node) =>
          (codes.get(String(node.value)) ?? '').toLowerCase().includes(input.trim().toLowerCase()),
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 320 } } }}
    />
  );
}
