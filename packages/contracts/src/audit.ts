import { Type } from 'typebox';
import { DateTime, Nullable, Page, PageQuery, Uuid } from './common';

export const AuditEvent = Type.Object({
  id: Type.String({ description: 'Sequence number in the chain' }),
  at: DateTime,
  actorType: Type.Union([
    Type.Literal('user'),
    Type.Literal('token'),
    Type.Literal('system'),
    Type.Literal('anonymous'),
  ]),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  tokenId: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  /** Changed fields only: before and after values. Personal data is masked for viewers without pii.read. */
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  hash: Type.String(),
  prevHash: Type.String(),
});

export const AuditListQuery = Type.Object(
  {
    ...PageQuery,
    actorId: Type.Optional(Uuid),
    actor: Type.Optional(Type.String({ maxLength: 64, description: 'User name (exact)' })),
    entityType: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z_]+$' })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 60, pattern: '^[a-z_.]+$' })),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export const AuditPage = Page(AuditEvent);
export const AuditVerifyResult = Type.Object({
  intact: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenId: Nullable(Type.String()),
});

export const Backup = Type.Object({ name: Type.String(), size: Type.Integer(), createdAt: DateTime });
export const BackupList = Type.Object({ items: Type.Array(Backup) });
export const BackupName = Type.Object(
  { name: Type.String({ pattern: '^zaitun-[0-9TZ-]+\\.(tar\\.gz|dump)$', maxLength: 80 }) },
  { additionalProperties: false },
);
