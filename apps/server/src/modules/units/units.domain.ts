/** Pure rules of the unit tree. */

/** GB/T 2260 province-level prefixes (the first two digits of a division code). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * A well-formed GB/T 2260 code: six digits, a real province prefix, and a city/county part that is consistent
 * (a county code needs a city part; `00` parts only at the end).
 */
export function isValidDivisionCode(code: string): boolean {
  if (!/^[1-9][0-9]{5}$/.test(code)) return false;
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return false;
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (city === '00' && county !== '00') return false;
  return true;
}

/** The materialised path of a unit under a parent (or at the root). */
export const childPath = (parentPath: string | null, id: string): string => `${parentPath ?? '/'}${id}/`;

/** Whether `candidate` is the unit itself or lies below it, which would make a move a cycle. */
export const isSelfOrDescendant = (unitPath: string, candidatePath: string): boolean =>
  candidatePath.startsWith(unitPath);

/** Quanzhou and its administered divisions (GB/T 2260), for the seed and for display. */
export const QUANZHOU_DIVISIONS: Record<string, string> = {
  '350500': '泉州市',
  '350502': '鲤城区',
  '350503': '丰泽区',
  '350504': '洛江区',
  '350505': '泉港区',
  '350521': '惠安县',
  '350524': '安溪县',
  '350525': '永春县',
  '350526': '德化县',
  '350527': '金门县',
  '350581': '石狮市',
  '350582': '晋江市',
  '350583': '南安市',
};

/** Depth-first display order: parents before children, siblings by sort order then code. */
export function orderForDisplay<T extends { id: string; parentId: string | null; sortOrder: number; code: string }>(
  units: T[],
): T[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    // A unit whose parent is filtered out (inactive) is shown at the top level.
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(u);
    byParent.set(key, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const out: T[] = [];
  const walk = (parent: string | null) => {
    for (const u of byParent.get(parent) ?? []) {
      out.push(u);
      walk(u.id);
    }
  };
  walk(null);
  return out;
}
