import type { MeT, Role, UserT } from '@zaitun/contracts';
import { maskEmail, maskPhone } from '../../lib/mask';
import type { UserWithOrg } from './users.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentUnitRef(u: UserWithOrg): UserT['unit'] {
  if (!u.unit_id || !u.unit_code) return null;
  return {
    id: u.unit_id,
    code: u.unit_code,
    nameZh: u.unit_name_zh ?? '',
    nameEn: u.unit_name_en ?? '',
    shortName: u.unit_short_name ?? '',
    type: u.unit_type as NonNullable<UserT['unit']>['type'],
  };
}

export function presentUser(u: UserWithOrg, showPii: boolean): UserT {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unit: presentUnitRef(u),
    enterprise: u.enterprise_id
      ? { id: u.enterprise_id, nameZh: u.enterprise_name_zh ?? '', nameEn: u.enterprise_name_en ?? '' }
      : null,
    institute: u.institute_id
      ? { id: u.institute_id, nameZh: u.institute_name_zh ?? '', nameEn: u.institute_name_en ?? '' }
      : null,
    roles: u.roles as Role[],
    phone: showPii ? u.phone : maskPhone(u.phone),
    email: showPii ? u.email : maskEmail(u.email),
    piiMasked: !showPii && !!(u.phone || u.email),
    status: u.status as UserT['status'],
    lockedUntil: iso(u.locked_until),
    mustChangePassword: u.must_change_password,
    lastLoginAt: iso(u.last_login_at),
    version: u.version,
    createdAt: new Date(u.created_at).toISOString(),
    updatedAt: new Date(u.updated_at).toISOString(),
  };
}

/** The audited form of a user: everything an admin may change, unmasked (masking happens when the log is read). */
export function auditUser(u: UserWithOrg): Record<string, unknown> {
  return {
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    enterpriseId: u.enterprise_id,
    instituteId: u.institute_id,
    roles: u.roles,
    phone: u.phone,
    email: u.email,
    status: u.status,
    mustChangePassword: u.must_change_password,
    locale: u.locale,
  };
}

export function presentMe(u: UserWithOrg, extra: { permissions: MeT['permissions']; csrfToken: string | null }): MeT {
  const full = presentUser(u, true);
  return {
    id: full.id,
    username: full.username,
    displayName: full.displayName,
    unit: full.unit,
    enterprise: full.enterprise,
    institute: full.institute,
    roles: full.roles,
    permissions: extra.permissions,
    locale: u.locale as MeT['locale'],
    mustChangePassword: u.must_change_password,
    lastLoginAt: iso(u.previous_login_at),
    csrfToken: extra.csrfToken,
    version: u.version,
  };
}
