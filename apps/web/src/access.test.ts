import { MENU, type MeT, permissionsOfRoles, type Role } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { allowed, grantableRoles, visibleMenu } from './access';

function meWith(roles: Role[], unitId: string | null = 'u-1'): MeT {
  return {
    id: 'me',
    username: 'me',
    displayName: 'Me',
    unit: unitId ? { id: unitId, code: 'U1', nameZh: '单位', nameEn: 'Unit', shortName: '单位', type: 'county' } : null,
    enterprise: null,
    institute: null,
    roles,
    permissions: permissionsOfRoles(roles),
    locale: 'zh-CN',
    mustChangePassword: false,
    lastLoginAt: null,
    csrfToken: 'csrf',
    version: 1,
  };
}

const keys = (roles: Role[]) => visibleMenu(permissionsOfRoles(roles)).map((e) => e.key);

describe('menu filtering', () => {
  it('shows a system administrator the administration, not the dispatch work, in menu order', () => {
    const dispatchWork = ['queue', 'board', 'items', 'supervision', 'orders', 'meetings', 'bulletins', 'metrics'];
    expect(keys(['sysadmin'])).toEqual(MENU.map((e) => e.key).filter((k) => !dispatchWork.includes(k)));
  });

  it('shows unit staff the cockpit, their dispatch work and the unit directory, nothing of the administration', () => {
    expect(keys(['unit_staff'])).toEqual([
      'home',
      'cockpit',
      'queue',
      'items',
      'supervision',
      'orders',
      'meetings',
      'bulletins',
      'metrics',
      'figures',
      'indicators',
      'units',
      'users',
      'tokens',
      'profile',
    ]);
  });

  it('shows the dispatcher the board but not the unit queue', () => {
    const menu = keys(['hq_dispatcher']);
    expect(menu).toContain('board');
    expect(menu).not.toContain('queue');
  });

  it('gives a unit admin the audit log but not backups', () => {
    const menu = keys(['unit_admin']);
    expect(menu).toContain('audit');
    expect(menu).not.toContain('backup');
  });

  it('shows an enterprise user only the entries open to everyone plus tokens', () => {
    expect(keys(['enterprise_user'])).toEqual(['home', 'tokens', 'profile']);
  });

  it('shows only what Me.permissions allows, whatever the roles say', () => {
    const me = { ...meWith(['sysadmin']), permissions: ['unit.read' as const] };
    expect(visibleMenu(me.permissions).map((e) => e.key)).toEqual(['home', 'units', 'profile']);
    expect(allowed(me, 'user.write')).toBe(false);
  });
});

describe('scoped checks', () => {
  it('lets a unit admin manage users of its own unit only', () => {
    const me = meWith(['unit_admin'], 'u-1');
    expect(allowed(me, 'user.write', { unitId: 'u-1' })).toBe(true);
    expect(allowed(me, 'user.write', { unitId: 'u-2' })).toBe(false);
  });

  it('lists the roles a user may grant', () => {
    expect(grantableRoles(meWith(['unit_admin']))).toEqual(['unit_admin', 'unit_staff']);
    expect(grantableRoles(meWith(['unit_staff']))).toEqual([]);
    expect(grantableRoles(meWith(['sysadmin']))).toHaveLength(7);
  });
});
