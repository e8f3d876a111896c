/**
 * Roles, permissions and data scopes — the single source for the server's policy checks and the web UI's
 * menus and buttons. The server check is the guard; the UI only mirrors it.
 */

export const ROLES = [
  'sysadmin',
  'hq_dispatcher',
  'leader',
  'unit_admin',
  'unit_staff',
  'enterprise_user',
  'institute_user',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by people of a government unit (as opposed to an enterprise or an institute). */
export const UNIT_ROLES: readonly Role[] = ['sysadmin', 'hq_dispatcher', 'leader', 'unit_admin', 'unit_staff'];

export const PERMISSIONS = [
  'unit.read',
  'unit.write',
  'user.read',
  'user.write',
  'user.grant',
  'user.reset_password',
  'role.read',
  'audit.read',
  'audit.verify',
  'token.manage',
  'pii.read',
  'system.backup',
  'settings.manage',
  'calendar.manage',
  'item.read',
  'item.create',
  'item.dispatch',
  'item.handle',
  'order.read',
  'order.write',
  'meeting.read',
  'meeting.write',
  'metrics.read',
  'bulletin.read',
  'bulletin.manage',
  'webhook.manage',
  'indicator.read',
  'indicator.manage',
  'figure.read',
  'figure.report',
  'figure.verify',
  'display.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * How far a permission reaches: every row, the actor's unit and the units below it, the actor's own unit,
 * or only the actor's own records.
 */
export type Scope = 'all' | 'subtree' | 'unit' | 'self';
const SCOPE_RANK: Record<Scope, number> = { self: 0, unit: 1, subtree: 2, all: 3 };

/** The permission matrix: what each role may do, and how far. A permission not listed is denied. */
export const ROLE_PERMISSIONS: Record<Role, Partial<Record<Permission, Scope>>> = {
  sysadmin: {
    'unit.read': 'all',
    'unit.write': 'all',
    'user.read': 'all',
    'user.write': 'all',
    'user.grant': 'all',
    'user.reset_password': 'all',
    'role.read': 'all',
    'audit.read': 'all',
    'audit.verify': 'all',
    'token.manage': 'self',
    'pii.read': 'all',
    'system.backup': 'all',
    'settings.manage': 'all',
    'calendar.manage': 'all',
    'webhook.manage': 'all',
    'indicator.read': 'all',
    'indicator.manage': 'all',
    'figure.read': 'all',
  },
  // The HQ office: runs the dispatch loop for the whole legion.
  hq_dispatcher: {
    'unit.read': 'all',
    'user.read': 'all',
    'role.read': 'all',
    'token.manage': 'self',
    'item.read': 'all',
    'item.create': 'all',
    'item.dispatch': 'all',
    'order.read': 'all',
    'order.write': 'all',
    'meeting.read': 'all',
    'meeting.write': 'all',
    'metrics.read': 'all',
    'bulletin.read': 'all',
    'bulletin.manage': 'all',
    'calendar.manage': 'all',
    // The cockpit: indicators and targets, figures of every unit (entered, imported, verified), screens.
    'indicator.read': 'all',
    'indicator.manage': 'all',
    'figure.read': 'all',
    'figure.report': 'all',
    'figure.verify': 'all',
    'display.manage': 'all',
  },
  leader: {
    'unit.read': 'all',
    'user.read': 'all',
    'role.read': 'all',
    'token.manage': 'self',
    'item.read': 'all',
    'item.create': 'all',
    'order.read': 'all',
    'meeting.read': 'all',
    'metrics.read': 'all',
    'bulletin.read': 'all',
    'indicator.read': 'all',
    'figure.read': 'all',
  },
  unit_admin: {
    'unit.read': 'all',
    'user.read': 'unit',
    'user.write': 'unit',
    'user.grant': 'unit',
    'user.reset_password': 'unit',
    'role.read': 'all',
    'audit.read': 'unit',
    'token.manage': 'self',
    'pii.read': 'unit',
    'item.read': 'unit',
    'item.create': 'unit',
    'item.handle': 'unit',
    'order.read': 'unit',
    'meeting.read': 'unit',
    'metrics.read': 'unit',
    'bulletin.read': 'unit',
    'webhook.manage': 'unit',
    // Everyone sees the city and the whole league table; source rows and entry only for the own unit.
    'indicator.read': 'all',
    'figure.read': 'unit',
    'figure.report': 'unit',
  },
  // A unit's items are those it leads, helps with (co-unit), raised, or that concern its county area.
  unit_staff: {
    'unit.read': 'all',
    'user.read': 'unit',
    'token.manage': 'self',
    'item.read': 'unit',
    'item.create': 'unit',
    'item.handle': 'unit',
    'order.read': 'unit',
    'meeting.read': 'unit',
    'metrics.read': 'unit',
    'bulletin.read': 'unit',
    'indicator.read': 'all',
    'figure.read': 'unit',
    'figure.report': 'unit',
  },
  enterprise_user: {
    'token.manage': 'self',
  },
  institute_user: {
    'token.manage': 'self',
  },
};

/** Which roles each role may grant (and revoke). The unit admin grants only within its own unit (scope of user.grant). */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  sysadmin: ROLES,
  hq_dispatcher: [],
  leader: [],
  unit_admin: ['unit_admin', 'unit_staff'],
  unit_staff: [],
  enterprise_user: [],
  institute_user: [],
};

/** Who is acting. `permissions` is set for API tokens: the token's subset of the user's permissions. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  unitId: string | null;
  /** Materialised path of the actor's unit, e.g. `/hq/office/` of unit ids; null for enterprise and institute users. */
  unitPath: string | null;
  tokenPermissions?: readonly Permission[] | null;
}

/** What a policy check needs to know about the object. */
export interface ScopedResource {
  unitId?: string | null;
  unitPath?: string | null;
  ownerUserId?: string | null;
}

/** The widest scope the actor has for a permission, or null when denied. */
export function scopeOf(actor: Actor, permission: Permission): Scope | null {
  if (actor.tokenPermissions && !actor.tokenPermissions.includes(permission)) return null;
  let best: Scope | null = null;
  for (const role of actor.roles) {
    const scope = ROLE_PERMISSIONS[role]?.[permission];
    if (scope && (best === null || SCOPE_RANK[scope] > SCOPE_RANK[best])) best = scope;
  }
  return best;
}

/** Permissions the actor holds in any scope. */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => scopeOf(actor, p) !== null);
}

/** The permissions a set of roles grants, in any scope. Used to bound an API token's permissions. */
export function permissionsOfRoles(roles: readonly Role[]): Permission[] {
  return permissionsOf({ userId: '', roles, unitId: null, unitPath: null });
}

/**
 * Deny unless allowed. Without a resource, answers "may the actor do this anywhere" (menus, create gates).
 * With one, checks that the object lies inside the actor's scope.
 */
export function can(actor: Actor, permission: Permission, resource?: ScopedResource): boolean {
  const scope = scopeOf(actor, permission);
  if (scope === null) return false;
  if (!resource) return true;
  switch (scope) {
    case 'all':
      return true;
    case 'subtree':
      return !!actor.unitPath && !!resource.unitPath && resource.unitPath.startsWith(actor.unitPath);
    case 'unit':
      return !!actor.unitId && resource.unitId === actor.unitId;
    case 'self':
      return !!resource.ownerUserId && resource.ownerUserId === actor.userId;
  }
}

/** May the actor grant (or take away) this role? Scope of the target user is checked separately with `can`. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (scopeOf(actor, 'user.grant') === null) return false;
  return actor.roles.some((r) => GRANTABLE_ROLES[r].includes(role));
}

/** The side menu: each entry is shown when the actor holds its permission (null: every signed-in user). */
export const MENU = [
  { key: 'home', path: '/', permission: null },
  { key: 'cockpit', path: '/cockpit', permission: 'indicator.read' },
  { key: 'queue', path: '/dispatch/queue', permission: 'item.handle' },
  { key: 'board', path: '/dispatch/board', permission: 'item.dispatch' },
  { key: 'items', path: '/dispatch/items', permission: 'item.read' },
  { key: 'supervision', path: '/dispatch/supervision', permission: 'item.read' },
  { key: 'orders', path: '/dispatch/orders', permission: 'order.read' },
  { key: 'meetings', path: '/dispatch/meetings', permission: 'meeting.read' },
  { key: 'bulletins', path: '/dispatch/bulletins', permission: 'bulletin.read' },
  { key: 'metrics', path: '/dispatch/metrics', permission: 'metrics.read' },
  { key: 'figures', path: '/cockpit/figures', permission: 'figure.read' },
  { key: 'indicators', path: '/cockpit/indicators', permission: 'indicator.read' },

  { key: 'units', path: '/org/units', permission: 'unit.read' },
  { key: 'users', path: '/org/users', permission: 'user.read' },
  { key: 'roles', path: '/org/roles', permission: 'role.read' },
  { key: 'audit', path: '/system/audit', permission: 'audit.read' },
  { key: 'backup', path: '/system/backup', permission: 'system.backup' },
  { key: 'calendar', path: '/system/calendar', permission: 'calendar.manage' },
  { key: 'settings', path: '/system/settings', permission: 'settings.manage' },
  { key: 'webhooks', path: '/system/webhooks', permission: 'webhook.manage' },
  { key: 'tokens', path: '/me/tokens', permission: 'token.manage' },
  { key: 'profile', path: '/me', permission: null },
] as const satisfies readonly { key: string; path: string; permission: Permission | null }[];
export type MenuKey = (typeof MENU)[number]['key'];
