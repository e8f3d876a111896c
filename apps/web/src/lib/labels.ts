/**
 * Labels for codes the server sends as plain strings (permissions, scopes, audit actions, entity types): the
 * translated name when there is one, else the code itself, so a new code never shows an empty cell.
 */
import { PERMISSIONS, type Permission, type Scope } from '@zaitun/contracts';
import type { TFunction } from 'i18next';
import { hasMessage } from '../i18n';

const SCOPES: readonly Scope[] = ['all', 'subtree', 'unit', 'self'];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function permissionLabel(t: TFunction, permission: string): string {
  return isPermission(permission) ? t(`permission.${permission}`) : permission;
}

export function scopeLabel(t: TFunction, scope: string): string {
  return isScope(scope) ? t(`scope.${scope}`) : scope;
}

/** Translated message for a dynamic key, or the fallback. */
function dynamic(t: TFunction, key: string, fallback: string): string {
  return hasMessage(key) ? String(t(key as 'common.none')) : fallback;
}

export function auditActionLabel(t: TFunction, action: string): string {
  return dynamic(t, `auditAction.${action}`, action);
}

export function entityTypeLabel(t: TFunction, entityType: string): string {
  return dynamic(t, `entityType.${entityType}`, entityType);
}
