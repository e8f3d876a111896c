import type { UnitT } from '@zaitun/contracts';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { currentLocale } from '../../i18n';
import { buildUnitTree, type UnitNode, unitName } from '../../lib/units';

interface TreeOption {
  value: string;
  title: string;
  disabled: boolean;
  children?: TreeOption[];
}

interface CommonProps {
  id?: string;
  units: readonly UnitT[];
  /** Units that may not be picked (the lead unit among the co-units, and the other way round). */
  disabledIds?: ReadonlySet<string>;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

type Props =
  | (CommonProps & { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void })
  | (CommonProps & { multiple: true; value?: string[]; onChange?: (value: string[]) => void });

/**
 * Picks the lead unit (one) or the co-units (several) from the unit tree, searchable by Chinese or English name
 * and by code. Inactive units cannot be picked.
 */
export function UnitSelect(props: Props) {
  const { units, disabledIds, multiple, ...rest } = props;
  const locale = currentLocale();
  const treeData = useMemo(() => {
    const toOption = (node: UnitNode): TreeOption => ({
      value: node.id,
      title: unitName(node, locale),
      disabled: !node.active || (disabledIds?.has(node.id) ?? false),
      children: node.children?.map(toOption),
    });
    return buildUnitTree(units).map(toOption);
  }, [units, disabledIds, locale]);
  const search = useMemo(() => new Map(units.map((u) => [u.id, `${u.code} ${u.nameZh} ${u.nameEn}`])), [units]);

  return (
    <TreeSelect<string | string[]>
      id={rest.id}
      placeholder={rest.placeholder}
      allowClear={rest.allowClear}
      style={rest.style}
      aria-label={rest['aria-label']}
      multiple={multiple}
      value={props.value ?? undefined}
      onChange={(v) => {
        if (props.multiple) props.onChange?.((v as string[] | undefined) ?? []);
        else props.onChange?.((v as string | undefined) ?? undefined);
      }}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{
        filterTreeNode: (input, node) =>
          (search.get(String(node.value)) ?? '').toLowerCase().includes(input.trim().toLowerCase()),
      }}
      maxTagCount="responsive"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 320 } } }}
    />
  );
}
