import { DownOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { UNIT_TYPES, UnitT } from '@zaitun/contracts';
import { App, Button, Dropdown, Input, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowed } from '../../../access';
import { useDeleteUnit, useSetUnitActive, useUnitTree } from '../../../api/org';
import { useCurrentUser } from '../../../api/session';
import { PageHeader } from '../../../components/PageHeader';
import { currentLocale } from '../../../i18n';
import { ignoreHandled } from '../../../lib/promise';
import { buildUnitTree, filterUnits, type UnitNode, unitName } from '../../../lib/units';
import { MoveUnitModal } from './MoveUnitModal';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal';

const TYPE_COLORS: Record<(typeof UNIT_TYPES)[number], string> = {
  headquarters: 'red',
  office: 'volcano',
  working_group: 'blue',
  county: 'green',
  liaison_group: 'cyan',
  task_force: 'purple',
  member_department: 'geekblue',
};

export function UnitsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useCurrentUser();
  const { modal, message } = App.useApp();
  const canWrite = allowed(me, 'unit.write');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [keyword, setKeyword] = useState('');
  const [collapsedKeys, setCollapsedKeys] = useState<Set<string>>(new Set());
  const [form, setForm] = useState<UnitFormTarget | null>(null);
  const [moving, setMoving] = useState<UnitT | null>(null);
  const tree = useUnitTree(includeInactive);
  const setActive = useSetUnitActive();
  const remove = useDeleteUnit();

  const units = tree.data?.items ?? [];
  const visible = useMemo(() => filterUnits(units, keyword), [units, keyword]);
  const roots = useMemo(() => buildUnitTree(visible), [visible]);
  const withChildren = useMemo(
    () => new Set(visible.filter((u) => u.parentId).map((u) => u.parentId as string)),
    [visible],
  );
  // Expanded unless the user folded it; a search unfolds everything so that hits are visible.
  const expandedKeys = [...withChildren].filter((id) => keyword.trim() !== '' || !collapsedKeys.has(id));

  const confirmActive = (unit: UnitT, active: boolean) => {
    const name = unitName(unit, locale);
    modal.confirm({
      title: active ? t('units.activate') : t('units.deactivate'),
      content: active ? t('units.activateConfirm', { name }) : t('units.deactivateConfirm', { name }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: !active },
      onOk: () =>
        setActive.mutateAsync({ id: unit.id, version: unit.version, active }).then(() => {
          message.success(active ? t('units.activated') : t('units.deactivated'));
        }, ignoreHandled),
    });
  };

  const confirmDelete = (unit: UnitT) => {
    modal.confirm({
      title: t('common.delete'),
      content: t('units.deleteConfirm', { name: unitName(unit, locale) }),
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync({ id: unit.id, version: unit.version }).then(() => {
          message.success(t('units.deleted'));
        }, ignoreHandled),
    });
  };

  const columns: TableColumnsType<UnitNode> = [
    {
      title: t('units.name'),
      key: 'name',
      width: 330,
      render: (_, unit) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong={unit.depth === 0} type={unit.active ? undefined : 'secondary'}>
            {unitName(unit, locale)}
          </Typography.Text>
          {unit.shortName && unit.shortName !== unit.nameZh && locale === 'zh-CN' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              {unit.shortName}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: t('units.code'), dataIndex: 'code', width: 120 },
    {
      title: t('units.type'),
      dataIndex: 'type',
      width: 110,
      render: (type: UnitT['type']) => <Tag color={TYPE_COLORS[type]}>{t(`unitType.${type}`)}</Tag>,
    },
    {
      title: t('units.divisionCode'),
      dataIndex: 'divisionCode',
      width: 100,
      render: (code: string | null) => code ?? t('common.none'),
    },
    { title: t('units.users'), dataIndex: 'userCount', width: 70, align: 'right' },
    {
      title: t('units.status'),
      dataIndex: 'active',
      width: 80,
      render: (active: boolean) =>
        active ? <Tag color="success">{t('units.statusActive')}</Tag> : <Tag>{t('units.statusInactive')}</Tag>,
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, unit) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setForm({ mode: 'edit', unit })}>
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            disabled={!unit.active}
            onClick={() => setForm({ mode: 'create', parentId: unit.id })}
          >
            {t('units.createChild')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'move', label: t('units.move'), disabled: unit.parentId === null || !unit.active },
                unit.active
                  ? { key: 'deactivate', label: t('units.deactivate'), danger: true }
                  : { key: 'activate', label: t('units.activate') },
                { key: 'delete', label: t('common.delete'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'move') setMoving(unit);
                if (key === 'deactivate') confirmActive(unit, false);
                if (key === 'activate') confirmActive(unit, true);
                if (key === 'delete') confirmDelete(unit);
              },
            }}
          >
            <Button type="link" size="small">
              {t('common.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create', parentId: null })}>
              {t('units.create')}
            </Button>
          ) : null
        }
      />
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('units.searchPlaceholder')}
          aria-label={t('units.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={setKeyword}
          onChange={(e) => setKeyword(e.target.value)}
        />
        <Space>
          <Switch
            checked={includeInactive}
            onChange={setIncludeInactive}
            aria-label={t('units.includeInactive')}
            id="units-include-inactive"
          />
          <label htmlFor="units-include-inactive">{t('units.includeInactive')}</label>
        </Space>
        <Button onClick={() => setCollapsedKeys(new Set())}>{t('units.expandAll')}</Button>
        <Button onClick={() => setCollapsedKeys(new Set(withChildren))}>{t('units.collapseAll')}</Button>
        <Button icon={<ReloadOutlined />} onClick={() => tree.refetch()} aria-label={t('common.refresh')} />
      </div>
      <Table<UnitNode>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={roots}
        loading={tree.isFetching}
        pagination={false}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpand: (expanded, unit) =>
            setCollapsedKeys((prev) => {
              const next = new Set(prev);
              if (expanded) next.delete(unit.id);
              else next.add(unit.id);
              return next;
            }),
        }}
      />
      {form ? <UnitFormModal target={form} units={units} onClose={() => setForm(null)} /> : null}
      {moving ? <MoveUnitModal unit={moving} units={units} onClose={() => setMoving(null)} /> : null}
    </>
  );
}
