import { type Static, Type } from 'typebox';
import { DateTime, Name, Nullable, Page, PageQuery, StringEnum, Uuid, Version } from './common';
import { ROLES } from './permissions';

export const UNIT_TYPES = [
  'headquarters',
  'office',
  'working_group',
  'county',
  'liaison_group',
  'task_force',
  'member_department',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UnitTypeSchema = StringEnum(UNIT_TYPES);

/** Unit code: letters, digits, `_` and `-`, starting with a letter or digit. */
export const UnitCode = Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' });
/** GB/T 2260 administrative division code: six digits. Province prefixes are checked by the server. */
export const DivisionCode = Type.String({ pattern: '^[1-9][0-9]{5}$', minLength: 6, maxLength: 6 });

export const Unit = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  shortName: Type.String(),
  type: UnitTypeSchema,
  parentId: Nullable(Uuid),
  divisionCode: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  depth: Type.Integer(),
  userCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type UnitT = Static<typeof Unit>;

export const UnitList = Type.Object({ items: Type.Array(Unit), total: Type.Integer() });
export const UnitListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 50 })),
    type: Type.Optional(UnitTypeSchema),
    parentId: Type.Optional(Uuid),
    active: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Union([Type.Literal('sortOrder'), Type.Literal('code'), Type.Literal('nameZh')])),
  },
  { additionalProperties: false },
);
export const UnitTreeQuery = Type.Object(
  { includeInactive: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const CreateUnitBody = Type.Object(
  {
    code: UnitCode,
    nameZh: Name(60),
    nameEn: Name(120),
    shortName: Name(20),
    type: UnitTypeSchema,
    parentId: Nullable(Uuid),
    divisionCode: Type.Optional(Nullable(DivisionCode)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  },
  { additionalProperties: false },
);
export const UpdateUnitBody = Type.Object(
  {
    version: Version,
    code: Type.Optional(UnitCode),
    nameZh: Type.Optional(Name(60)),
    nameEn: Type.Optional(Name(120)),
    shortName: Type.Optional(Name(20)),
    type: Type.Optional(UnitTypeSchema),
    divisionCode: Type.Optional(Nullable(DivisionCode)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  },
  { additionalProperties: false },
);
export const MoveUnitBody = Type.Object({ version: Version, parentId: Uuid }, { additionalProperties: false });
export const DeleteUnitQuery = Type.Object({ version: Version }, { additionalProperties: false });

export const USER_STATUSES = ['pending', 'active', 'locked', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const UserStatusSchema = StringEnum(USER_STATUSES);
export const RoleSchema = StringEnum(ROLES);

export const Username = Type.String({ minLength: 2, maxLength: 32, pattern: '^[a-z][a-z0-9_.-]*$' });
export const Phone = Type.String({ pattern: '^(\\+?86)?1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$', maxLength: 20 });
export const Email = Type.String({ format: 'email', maxLength: 120 });

export const OrgRef = Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Type.String() });
export const UnitRef = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  shortName: Type.String(),
  type: UnitTypeSchema,
});

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  unit: Nullable(UnitRef),
  enterprise: Nullable(OrgRef),
  institute: Nullable(OrgRef),
  roles: Type.Array(RoleSchema),
  /** Masked (e.g. `138****5678`) unless the viewer holds pii.read for this user. */
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  piiMasked: Type.Boolean(),
  status: UserStatusSchema,
  lockedUntil: Nullable(DateTime),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(DateTime),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type UserT = Static<typeof User>;

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 50 })),
    unitId: Type.Optional(Uuid),
    role: Type.Optional(RoleSchema),
    status: Type.Optional(UserStatusSchema),
    sort: Type.Optional(
      Type.Union([
        Type.Literal('username'),
        Type.Literal('-createdAt'),
        Type.Literal('createdAt'),
        Type.Literal('-lastLoginAt'),
      ]),
    ),
  },
  { additionalProperties: false },
);
export const UserPage = Page(User);

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Name(40),
    unitId: Uuid,
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 7, uniqueItems: true }),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
  },
  { additionalProperties: false },
);
export const CreatedUser = Type.Object({ user: User, temporaryPassword: Type.String() });
export const UpdateUserBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(Name(40)),
    unitId: Type.Optional(Uuid),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
  },
  { additionalProperties: false },
);
export const SetRolesBody = Type.Object(
  { version: Version, roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 7, uniqueItems: true }) },
  { additionalProperties: false },
);
export const SetStatusBody = Type.Object(
  { version: Version, status: Type.Union([Type.Literal('active'), Type.Literal('locked'), Type.Literal('disabled')]) },
  { additionalProperties: false },
);
export const ResetPasswordResult = Type.Object({ user: User, temporaryPassword: Type.String() });

export const RoleMatrix = Type.Object({
  permissions: Type.Array(Type.String()),
  roles: Type.Array(
    Type.Object({
      role: RoleSchema,
      scopes: Type.Record(Type.String(), Type.String()),
      grantable: Type.Array(RoleSchema),
    }),
  ),
});
