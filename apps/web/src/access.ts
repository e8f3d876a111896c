/**
 * The UI's mirror of the server policy: which menu entries, pages and buttons a user sees. The server check is
 * the guard; this only hides what would be refused. Everything comes from the contract (`MENU`, `can`,
 * `canGrantRole`) and the permissions the server put in `Me`.
 */
import {
  type Actor,
  can,
  canGrantRole,
  MENU,
  type MenuKey,
  type MeT,
  type Permission,
  ROLES,
  type Role,
  type ScopedResource,
} from '@zaitun/contracts';

export type MenuEntry = (typeof MENU)[number];

/** The policy's actor for the signed-in user; `Me.permissions` bounds it (as a token's permissions would). */
export function actorOf(me: MeT): Actor {
  return {
    userId: me.id,
    roles: me.roles,
    unitId: me.unit?.id ?? null,
    unitPath: null,
    tokenPermissions: me.permissions,
  };
}

export function hasPermission(permissions: readonly Permission[], permission: Permission | null): boolean {
  return permission === null || permissions.includes(permission);
}

/** The side-menu entries the user may open, in menu order. */
export function visibleMenu(permissions: readonly Permission[]): MenuEntry[] {
  return MENU.filter((entry) => hasPermission(permissions, entry.permission));
}

export function menuEntry(key: MenuKey): MenuEntry {
  const entry = MENU.find((e) => e.key === key);
  if (!entry) throw new Error(`Unknown menu key ${key}`);
  return entry;
}

/** May the user do this, here? Without a resource: anywhere at all (create buttons). */
export function allowed(me: MeT, permission: Permission, resource?: ScopedResource): boolean {
  return can(actorOf(me), permission, resource);
}

/** The roles the user may hand out, in the contract's order. */
export function grantableRoles(me: MeT): Role[] {
  const actor = actorOf(me);
  return ROLES.filter((role) => canGrantRole(actor, role));
}
