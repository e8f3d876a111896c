import { type Static, Type } from 'typebox';
import { DateTime, Name, Nullable, StringEnum, Uuid } from './common';
import { LOCALES } from './errors';
import { OrgRef, RoleSchema, UnitRef } from './org';
import { PERMISSIONS } from './permissions';

export const LocaleSchema = StringEnum(LOCALES);
export const PermissionSchema = StringEnum(PERMISSIONS);

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  unit: Nullable(UnitRef),
  enterprise: Nullable(OrgRef),
  institute: Nullable(OrgRef),
  roles: Type.Array(RoleSchema),
  permissions: Type.Array(PermissionSchema),
  locale: LocaleSchema,
  mustChangePassword: Type.Boolean(),
  /** The sign-in before the current one (the user's last visit); null on a first sign-in. */
  lastLoginAt: Nullable(DateTime),
  /** Send back as `X-CSRF-Token` on every state-changing request made with the session cookie. */
  csrfToken: Nullable(Type.String()),
  version: Type.Integer(),
});
export type MeT = Static<typeof Me>;

export const UpdateMeBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    locale: Type.Optional(LocaleSchema),
    displayName: Type.Optional(Name(40)),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  permissions: Type.Array(PermissionSchema),
  expiresAt: DateTime,
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });
export const CreateTokenBody = Type.Object(
  {
    name: Name(60),
    permissions: Type.Array(PermissionSchema, { minItems: 1, maxItems: PERMISSIONS.length, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);
export const CreatedToken = Type.Object({
  token: ApiToken,
  /** The secret, shown once. Send it as `Authorization: Bearer <secret>`. */
  secret: Type.String(),
});
