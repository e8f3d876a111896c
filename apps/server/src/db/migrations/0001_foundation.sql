-- 0001 foundation: units, enterprises/institutes (placeholders), users, sessions, API tokens, sign-in throttle, audit.
-- Immutable once on main: later changes go into new numbered files.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE units (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  short_name    text NOT NULL,
  type          text NOT NULL CHECK (type IN ('headquarters', 'office', 'working_group', 'county', 'liaison_group',
                                               'task_force', 'member_department')),
  parent_id     uuid REFERENCES units (id),
  -- Materialised path of ids, '/<root>/<child>/…/<self>/': subtree predicates are one indexed LIKE.
  path          text NOT NULL,
  depth         integer NOT NULL CHECK (depth >= 0),
  division_code text CHECK (division_code ~ '^[1-9][0-9]{5}$'),
  sort_order    integer NOT NULL DEFAULT 0,
  active        boolean NOT NULL DEFAULT true,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_code_key ON units (lower(code));
CREATE UNIQUE INDEX units_path_key ON units (path text_pattern_ops);
CREATE INDEX units_parent_idx ON units (parent_id, sort_order);
CREATE INDEX units_type_idx ON units (type, sort_order);

-- Placeholder records for enterprise and institute accounts; the enterprises and innovation issues extend them.
CREATE TABLE enterprises (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  uscc       text UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  name_zh    text NOT NULL,
  name_en    text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE institutes (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name_zh    text NOT NULL,
  name_en    text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL CHECK (username ~ '^[a-z][a-z0-9_.-]{1,31}$'),
  display_name         text NOT NULL,
  unit_id              uuid REFERENCES units (id),
  enterprise_id        uuid REFERENCES enterprises (id),
  institute_id         uuid REFERENCES institutes (id),
  roles                text[] NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['sysadmin', 'hq_dispatcher',
                         'leader', 'unit_admin', 'unit_staff', 'enterprise_user', 'institute_user']),
  phone                text,
  email                text,
  status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'locked', 'disabled')),
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  last_login_at        timestamptz,
  -- The sign-in before the latest one: what a user is shown as 上次登录 (their last visit).
  previous_login_at    timestamptz,
  locale               text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en-US')),
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(unit_id, enterprise_id, institute_id) = 1)
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE INDEX users_unit_idx ON users (unit_id, username);
CREATE INDEX users_enterprise_idx ON users (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX users_institute_idx ON users (institute_id) WHERE institute_id IS NOT NULL;
CREATE INDEX users_roles_idx ON users USING gin (roles);
CREATE INDEX users_status_idx ON users (status);
CREATE INDEX users_created_idx ON users (created_at);
CREATE INDEX users_last_login_idx ON users (last_login_at);
CREATE INDEX users_search_idx ON users USING gin ((username || ' ' || display_name) gin_trgm_ops);

CREATE TABLE sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash   text NOT NULL UNIQUE,
  user_id      uuid NOT NULL REFERENCES users (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id),
  name         text NOT NULL,
  prefix       text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  permissions  text[] NOT NULL,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);

-- Failed sign-ins per client address, for the per-IP throttle (the per-account lock lives on users).
CREATE TABLE login_failures (
  id       bigserial PRIMARY KEY,
  ip       text NOT NULL,
  username text NOT NULL,
  at       timestamptz NOT NULL
);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

-- Append-only, hash-chained record of every change. id is assigned in order under an advisory lock (no gaps).
CREATE TABLE audit_events (
  id          bigint PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'token', 'system', 'anonymous')),
  actor_id    uuid,
  actor_name  text,
  token_id    uuid,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  unit_id     uuid,
  before      jsonb,
  after       jsonb,
  ip          text,
  user_agent  text,
  request_id  text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_events_at_idx ON audit_events (at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id DESC);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, id DESC);
CREATE INDEX audit_events_unit_idx ON audit_events (unit_id, id DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
