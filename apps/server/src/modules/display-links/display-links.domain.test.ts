import { PERMISSIONS, routes, scopeOf } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import {
  DISPLAY_ROUTE_KEYS,
  displayActor,
  isDisplayRoute,
  isLinkUsable,
  redactDisplayToken,
  shouldTouch,
} from './display-links.domain';

const actor = displayActor({ id: 'l1', name: '大屏', prefix: 'zdl_AbCdEfGh', created_by: 'u1' });

describe('the display actor', () => {
  it('holds indicator.read city-wide and no other permission', () => {
    expect(scopeOf(actor, 'indicator.read')).toBe('all');
    for (const p of PERMISSIONS.filter((x) => x !== 'indicator.read')) expect(scopeOf(actor, p), p).toBeNull();
  });

  it('reaches only the cockpit’s read routes, each of them an indicator.read GET', () => {
    const allowed = Object.entries(routes).filter(([, def]) => isDisplayRoute(def));
    expect(allowed.map(([k]) => k).sort()).toEqual([...DISPLAY_ROUTE_KEYS].sort());
    for (const [, def] of allowed) {
      expect(def.method).toBe('GET');
      expect(def.permission).toBe('indicator.read');
    }
    expect(isDisplayRoute(routes.listFigures)).toBe(false);
    expect(isDisplayRoute(routes.listTargetChanges)).toBe(false);
  });
});

describe('links', () => {
  const now = new Date('2026-11-05T02:00:00Z');
  it('are usable until revoked or expired', () => {
    expect(isLinkUsable({ expires_at: new Date(now.getTime() + 1), revoked_at: null }, now)).toBe(true);
    expect(isLinkUsable({ expires_at: now, revoked_at: null }, now)).toBe(false);
    expect(isLinkUsable({ expires_at: new Date(now.getTime() + 1e6), revoked_at: now }, now)).toBe(false);
  });
  it('record their use at most once a minute', () => {
    expect(shouldTouch(null, now)).toBe(true);
    expect(shouldTouch(new Date(now.getTime() - 60_000), now)).toBe(false);
    expect(shouldTouch(new Date(now.getTime() - 60_001), now)).toBe(true);
  });
  it('keep their secret out of logged addresses', () => {
    const token = `zdl_AbCdEfGh${'x'.repeat(35)}`;
    expect(redactDisplayToken(`/display/${token}`)).toBe('/display/zdl_AbCdEfGh…');
    expect(redactDisplayToken(`/display/${token}?a=1`)).toBe('/display/zdl_AbCdEfGh…?a=1');
    expect(redactDisplayToken('/api/v1/cockpit')).toBe('/api/v1/cockpit');
  });
});
