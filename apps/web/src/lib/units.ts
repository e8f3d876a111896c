import type { Locale, UnitT } from '@zaitun/contracts';

type Named = { nameZh: string; nameEn: string };

/** A unit's official name in the UI's language (English falls back to Chinese when missing). */
export function unitName(unit: Named | null | undefined, locale: Locale): string {
  if (!unit) return '';
  return locale === 'en-US' && unit.nameEn ? unit.nameEn : unit.nameZh;
}

export interface UnitNode extends UnitT {
  children?: UnitNode[];
}

/**
 * Builds the tree from the server's flat, display-ordered list. Order is kept; a unit whose parent is not in the
 * list (filtered out, or out of scope) becomes a root.
 */
export function buildUnitTree(units: readonly UnitT[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) {
      parent.children ??= [];
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

/** The unit and everything below it: the parents a move may not pick. */
export function subtreeIds(units: readonly UnitT[], rootId: string): Set<string> {
  const byParent = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = byParent.get(u.parentId) ?? [];
    list.push(u.id);
    byParent.set(u.parentId, list);
  }
  const ids = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const child of byParent.get(id) ?? []) {
      if (!ids.has(child)) {
        ids.add(child);
        stack.push(child);
      }
    }
  }
  return ids;
}

/** Units matching a filter, with their ancestors kept so that the tree still reads. */
export function filterUnits(units: readonly UnitT[], keyword: string): UnitT[] {
  const q = keyword.trim().toLowerCase();
  if (!q) return [...units];
  const byId = new Map(units.map((u) => [u.id, u]));
  const keep = new Set<string>();
  for (const u of units) {
    const hit = [u.code, u.nameZh, u.nameEn, u.shortName, u.divisionCode ?? ''].some((s) =>
      s.toLowerCase().includes(q),
    );
    if (!hit) continue;
    let cursor: UnitT | undefined = u;
    while (cursor && !keep.has(cursor.id)) {
      keep.add(cursor.id);
      cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
    }
  }
  return units.filter((u) => keep.has(u.id));
}
