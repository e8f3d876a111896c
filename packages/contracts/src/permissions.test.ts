import { describe, expect, it } from 'vitest';
import {
  type Actor,
  can,
  canGrantRole,
  MENU,
  PERMISSIONS,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  scopeOf,
} from './permissions';

const hq = '/hq/';
const jinjiang = '/hq/jinjiang/';
const shishi = '/hq/shishi/';
const actor = (
  roles: Actor['roles'],
  unitId: string | null = 'jinjiang',
  unitPath: string | null = jinjiang,
): Actor => ({
  userId: 'u1',
  roles,
  unitId,
  unitPath,
});

describe('policy: can(actor, permission, resource)', () => {
  it('denies by default: a role without a permission is refused everywhere', () => {
    const ent = actor(['enterprise_user'], null, null);
    for (const p of PERMISSIONS.filter((x) => x !== 'token.manage')) expect(can(ent, p), p).toBe(false);
    expect(can({ ...ent, roles: [] }, 'token.manage')).toBe(false);
  });

  it('sysadmin reaches every object with the permissions it holds (no business data)', () => {
    const admin = actor(['sysadmin'], 'office', '/hq/office/');
    for (const p of PERMISSIONS.filter((x) => x !== 'token.manage' && Object.hasOwn(ROLE_PERMISSIONS.sysadmin, x))) {
      expect(can(admin, p, { unitId: 'shishi', unitPath: shishi }), p).toBe(true);
    }
  });

  it('a unit admin manages users of its own unit only', () => {
    const ua = actor(['unit_admin']);
    expect(can(ua, 'user.write', { unitId: 'jinjiang', unitPath: jinjiang })).toBe(true);
    expect(can(ua, 'user.write', { unitId: 'shishi', unitPath: shishi })).toBe(false);
    expect(can(ua, 'user.write', { unitId: 'hq', unitPath: hq })).toBe(false);
    expect(can(ua, 'pii.read', { unitId: 'jinjiang' })).toBe(true);
    expect(can(ua, 'unit.write')).toBe(false);
  });

  it('unit staff read their unit’s users but change nothing', () => {
    const staff = actor(['unit_staff'], 'shishi', shishi);
    expect(can(staff, 'user.read', { unitId: 'shishi', unitPath: shishi })).toBe(true);
    expect(can(staff, 'user.read', { unitId: 'jinjiang', unitPath: jinjiang })).toBe(false);
    expect(can(staff, 'user.write', { unitId: 'shishi', unitPath: shishi })).toBe(false);
    expect(can(staff, 'pii.read', { unitId: 'shishi', unitPath: shishi })).toBe(false);
  });

  it('self scope reaches only the actor’s own records', () => {
    const staff = actor(['unit_staff']);
    expect(scopeOf(staff, 'token.manage')).toBe('self');
    expect(can(staff, 'token.manage', { ownerUserId: 'u1' })).toBe(true);
    expect(can(staff, 'token.manage', { ownerUserId: 'u2' })).toBe(false);
  });

  it('takes the widest scope of several roles', () => {
    expect(scopeOf(actor(['unit_staff', 'unit_admin']), 'user.read')).toBe('unit');
    expect(scopeOf(actor(['unit_staff', 'leader']), 'user.read')).toBe('all');
  });

  it('an API token never exceeds its listed permissions', () => {
    const viaToken: Actor = { ...actor(['sysadmin']), tokenPermissions: ['user.read'] };
    expect(can(viaToken, 'user.read', { unitId: 'x', unitPath: '/x/' })).toBe(true);
    expect(can(viaToken, 'user.write', { unitId: 'x', unitPath: '/x/' })).toBe(false);
    expect(permissionsOf(viaToken)).toEqual(['user.read']);
  });

  it('subtree scope matches the unit and everything below it, not siblings with a common prefix', () => {
    // No role has subtree scope today; the rule still has to be right for later modules.
    const a: Actor = { ...actor(['unit_admin']), unitPath: '/hq/a/' };
    const rule = (path: string) => path.startsWith(a.unitPath as string);
    expect(rule('/hq/a/b/')).toBe(true);
    expect(rule('/hq/ab/')).toBe(false);
  });
});

describe('granting roles', () => {
  it('sysadmin grants every role; unit admin only unit roles; others none', () => {
    for (const r of ROLES) expect(canGrantRole(actor(['sysadmin']), r)).toBe(true);
    expect(canGrantRole(actor(['unit_admin']), 'unit_staff')).toBe(true);
    expect(canGrantRole(actor(['unit_admin']), 'unit_admin')).toBe(true);
    expect(canGrantRole(actor(['unit_admin']), 'sysadmin')).toBe(false);
    expect(canGrantRole(actor(['unit_admin']), 'hq_dispatcher')).toBe(false);
    for (const r of ROLES) expect(canGrantRole(actor(['hq_dispatcher']), r)).toBe(false);
    expect(canGrantRole({ ...actor(['sysadmin']), tokenPermissions: ['user.read'] }, 'unit_staff')).toBe(false);
  });
});

describe('menu', () => {
  const visible = (a: Actor) => MENU.filter((m) => m.permission === null || can(a, m.permission)).map((m) => m.key);
  it('shows each role only its permitted entries', () => {
    expect(visible(actor(['sysadmin']))).toEqual([
      'home',
      'cockpit',
      'figures',
      'indicators',
      'units',
      'users',
      'roles',
      'audit',
      'backup',
      'calendar',
      'settings',
      'webhooks',
      'tokens',
      'profile',
    ]);
    const unitWork = ['queue', 'items', 'supervision', 'orders', 'meetings', 'bulletins', 'metrics'];
    // Every government role sees the cockpit; a unit's figures page is its own unit's.
    const cockpit = ['figures', 'indicators'];
    expect(visible(actor(['unit_staff']))).toEqual([
      'home',
      'cockpit',
      ...unitWork,
      ...cockpit,
      'units',
      'users',
      'tokens',
      'profile',
    ]);
    expect(visible(actor(['enterprise_user'], null, null))).toEqual(['home', 'tokens', 'profile']);
    expect(visible(actor(['unit_admin']))).toEqual([
      'home',
      'cockpit',
      ...unitWork,
      ...cockpit,
      'units',
      'users',
      'roles',
      'audit',
      'webhooks',
      'tokens',
      'profile',
    ]);
    expect(visible(actor(['hq_dispatcher']))).toEqual([
      'home',
      'cockpit',
      'board',
      'items',
      'supervision',
      'orders',
      'meetings',
      'bulletins',
      'metrics',
      ...cockpit,
      'units',
      'users',
      'roles',
      'calendar',
      'tokens',
      'profile',
    ]);
  });
});
