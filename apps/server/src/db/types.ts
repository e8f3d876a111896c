/** Row types of the tables, for Kysely. Keep in step with migrations/ (a test compares them with the live schema). */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<Record<string, unknown> | null, string | null, string | null>;

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  short_name: string;
  type: string;
  parent_id: string | null;
  path: string;
  depth: number;
  division_code: string | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterprisesTable {
  id: Generated<string>;
  uscc: string | null;
  name_zh: string;
  name_en: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface InstitutesTable {
  id: Generated<string>;
  name_zh: string;
  name_en: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  unit_id: string | null;
  enterprise_id: string | null;
  institute_id: string | null;
  roles: string[];
  phone: string | null;
  email: string | null;
  status: Generated<string>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  previous_login_at: Timestamp | null;
  locale: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  permissions: string[];
  expires_at: Timestamp;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  ip: string;
  username: string;
  at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface DB {
  units: UnitsTable;
  enterprises: EnterprisesTable;
  institutes: InstitutesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AuditRow = Selectable<AuditEventsTable>;
