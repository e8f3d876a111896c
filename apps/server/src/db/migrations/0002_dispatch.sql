-- 0002 dispatch: working-day calendar, settings, dictionaries, numbering, dispatch items and their workflow,
-- assignment orders, dispatch meetings, notifications, outbound webhooks, the job runner and spreadsheet imports.
-- Immutable once on main: later changes go into new numbered files.

-- Official calendar: only the days that differ from the Monday–Friday rule. A year is "covered" when its State
-- Council notice has been entered (or seeded); for other years deadlines count weekends only and the UI warns.
CREATE TABLE calendar_days (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name       text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source     text NOT NULL CHECK (source IN ('seed', 'manual', 'import')),
  notice     text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Business settings an admin edits in the UI (deadlines per priority, light thresholds, escalation, numbering).
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Editable dictionaries (item categories now; industrial chains etc. later).
CREATE TABLE dictionary_entries (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dict       text NOT NULL,
  code       text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_zh    text NOT NULL,
  name_en    text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  active     boolean NOT NULL DEFAULT true,
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dict, code)
);

-- Gapless per-year numbering: the counter row is locked by the numbering transaction until it commits, so a
-- rolled-back transaction gives its number back and two concurrent ones never get the same number.
CREATE TABLE counters (
  scope text NOT NULL,
  year  integer NOT NULL,
  value integer NOT NULL,
  PRIMARY KEY (scope, year)
);

CREATE TABLE items (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year                integer NOT NULL,
  seq                 integer NOT NULL CHECK (seq >= 1),
  title               text NOT NULL,
  description         text NOT NULL DEFAULT '',
  category            text NOT NULL,
  source              text NOT NULL CHECK (source IN ('enterprise_demand', 'meeting_decision', 'unit_report',
                                                      'leader_instruction', 'coordination')),
  source_ref          text NOT NULL DEFAULT '',
  priority            text NOT NULL CHECK (priority IN ('urgent', 'high', 'normal')),
  state               text NOT NULL CHECK (state IN ('draft', 'pending_dispatch', 'assigned', 'in_progress',
                                                     'resolved', 'closed', 'cancelled')),
  county_unit_id      uuid REFERENCES units (id),
  lead_unit_id        uuid REFERENCES units (id),
  raised_by_user_id   uuid NOT NULL REFERENCES users (id),
  raised_by_unit_id   uuid REFERENCES units (id),
  enterprise_id       uuid REFERENCES enterprises (id),
  tags                text[] NOT NULL DEFAULT '{}',
  -- The clocks. sign_by: end of the first working day after dispatch. deadline: the resolving clock, moved only
  -- by an approved extension. yellow_at: when the light turns yellow (computed with the calendar when the deadline
  -- is set), so a light filter is an indexed range predicate. escalate_*_at: automatic escalation instants.
  dispatched_at       timestamptz,
  sign_by             timestamptz,
  signed_at           timestamptz,
  deadline            timestamptz,
  original_deadline   timestamptz,
  yellow_at           timestamptz,
  escalate_yellow_at  timestamptz,
  escalate_red_at     timestamptz,
  resolved_at         timestamptz,
  closed_at           timestamptz,
  cancelled_at        timestamptz,
  -- What the sweep has already announced, so that each notification is produced once.
  light_notified      text NOT NULL DEFAULT 'green' CHECK (light_notified IN ('green', 'yellow', 'red')),
  sign_overdue_notified boolean NOT NULL DEFAULT false,
  escalation          text CHECK (escalation IN ('yellow', 'red')),
  urge_count          integer NOT NULL DEFAULT 0,
  redo_count          integer NOT NULL DEFAULT 0,
  extension_count     integer NOT NULL DEFAULT 0,
  flagged_for_meeting boolean NOT NULL DEFAULT false,
  answer              text,
  rating              integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment      text,
  rated_at            timestamptz,
  merged_into_id      uuid REFERENCES items (id),
  cancel_reason       text,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, seq)
);
-- "My queue": a unit's open items by state, ordered by deadline.
CREATE INDEX items_lead_queue_idx ON items (lead_unit_id, state, deadline) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX items_lead_all_idx ON items (lead_unit_id, created_at DESC);
CREATE INDEX items_county_idx ON items (county_unit_id, created_at DESC);
CREATE INDEX items_raised_unit_idx ON items (raised_by_unit_id, created_at DESC);
CREATE INDEX items_raised_user_idx ON items (raised_by_user_id, created_at DESC);
CREATE INDEX items_state_idx ON items (state, deadline);
CREATE INDEX items_created_idx ON items (created_at DESC);
CREATE INDEX items_open_yellow_idx ON items (yellow_at) WHERE state IN ('assigned', 'in_progress');
CREATE INDEX items_sign_by_idx ON items (sign_by) WHERE state = 'assigned';
-- The SLA sweep's work lists: only what it has not announced yet, so a sweep costs what is new, not the backlog.
CREATE INDEX items_sweep_yellow_idx ON items (yellow_at)
  WHERE state IN ('assigned', 'in_progress') AND light_notified = 'green';
CREATE INDEX items_sweep_red_idx ON items (deadline)
  WHERE state IN ('assigned', 'in_progress') AND light_notified <> 'red';
CREATE INDEX items_sweep_sign_idx ON items (sign_by) WHERE state = 'assigned' AND NOT sign_overdue_notified;
CREATE INDEX items_sweep_card_idx ON items (deadline)
  WHERE state IN ('assigned', 'in_progress') AND escalation IS DISTINCT FROM 'red';
CREATE INDEX items_escalation_idx ON items (escalation, deadline) WHERE escalation IS NOT NULL;
CREATE INDEX items_flagged_idx ON items (flagged_for_meeting) WHERE flagged_for_meeting;
CREATE INDEX items_resolved_idx ON items (resolved_at);
CREATE INDEX items_category_idx ON items (category, created_at DESC);
CREATE INDEX items_enterprise_idx ON items (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX items_search_idx ON items USING gin (title gin_trgm_ops);
-- Delivery metrics (docs/metrics.md): each figure is a range scan over its period column, covering what it counts.
CREATE INDEX items_dispatched_idx ON items (dispatched_at) INCLUDE (lead_unit_id, urge_count, id)
  WHERE dispatched_at IS NOT NULL;
CREATE INDEX items_signed_idx ON items (signed_at) INCLUDE (lead_unit_id, sign_by) WHERE signed_at IS NOT NULL;
CREATE INDEX items_closed_idx ON items (closed_at) INCLUDE (lead_unit_id, dispatched_at, resolved_at, deadline, redo_count)
  WHERE state = 'closed';
CREATE INDEX items_rated_idx ON items (rated_at) INCLUDE (lead_unit_id, rating) WHERE rating IS NOT NULL;
CREATE INDEX items_overdue_idx ON items (deadline) INCLUDE (lead_unit_id) WHERE state IN ('assigned', 'in_progress');

CREATE TABLE item_co_units (
  item_id      uuid NOT NULL REFERENCES items (id),
  unit_id      uuid NOT NULL REFERENCES units (id),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'waived')),
  contribution text,
  done_at      timestamptz,
  done_by      uuid REFERENCES users (id),
  PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX item_co_units_unit_idx ON item_co_units (unit_id, item_id);
-- A unit's open co-unit parts (its queue).
CREATE INDEX item_co_units_open_idx ON item_co_units (unit_id, item_id) WHERE status = 'open';

-- The timeline: every transition and note, with who, when, from, to.
CREATE TABLE item_events (
  id            bigserial PRIMARY KEY,
  item_id       uuid NOT NULL REFERENCES items (id),
  at            timestamptz NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  actor_unit_id uuid REFERENCES units (id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  note          text NOT NULL DEFAULT '',
  data          jsonb,
  -- Shown to an enterprise that raised the item (internal notes stay hidden).
  public        boolean NOT NULL DEFAULT false
);
CREATE INDEX item_events_item_idx ON item_events (item_id, id);
CREATE INDEX item_events_action_idx ON item_events (action, at);

CREATE TABLE item_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id      uuid NOT NULL REFERENCES items (id),
  event_id     bigint REFERENCES item_events (id),
  file_name    text NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL CHECK (size > 0),
  sha256       text NOT NULL,
  storage_key  text NOT NULL UNIQUE,
  uploaded_by  uuid NOT NULL REFERENCES users (id),
  unit_id      uuid REFERENCES units (id),
  created_at   timestamptz NOT NULL
);
CREATE INDEX item_attachments_item_idx ON item_attachments (item_id, created_at);

CREATE TABLE item_extensions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id            uuid NOT NULL REFERENCES items (id),
  requested_by       uuid NOT NULL REFERENCES users (id),
  requested_at       timestamptz NOT NULL,
  reason             text NOT NULL,
  requested_deadline timestamptz NOT NULL,
  state              text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'denied')),
  decided_by         uuid REFERENCES users (id),
  decided_at         timestamptz,
  decision_note      text
);
CREATE UNIQUE INDEX item_extensions_one_pending ON item_extensions (item_id) WHERE state = 'pending';
CREATE INDEX item_extensions_state_idx ON item_extensions (state, requested_at);

CREATE TABLE item_urges (
  id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES items (id),
  unit_id uuid NOT NULL REFERENCES units (id),
  by_user uuid REFERENCES users (id),
  at      timestamptz NOT NULL,
  note    text NOT NULL DEFAULT ''
);
CREATE INDEX item_urges_item_idx ON item_urges (item_id, at);
CREATE INDEX item_urges_unit_idx ON item_urges (unit_id, at);

CREATE TABLE item_escalations (
  id      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES items (id),
  level   text NOT NULL CHECK (level IN ('yellow', 'red')),
  auto    boolean NOT NULL,
  by_user uuid REFERENCES users (id),
  at      timestamptz NOT NULL,
  reason  text NOT NULL DEFAULT '',
  UNIQUE (item_id, level)
);
CREATE INDEX item_escalations_at_idx ON item_escalations (at);

-- Assignment orders (交办单).
CREATE TABLE orders (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year           integer NOT NULL,
  seq            integer CHECK (seq >= 1),
  number         text,
  title          text NOT NULL,
  requirements   text NOT NULL DEFAULT '',
  feedback_due   date,
  state          text NOT NULL CHECK (state IN ('draft', 'issued', 'completed', 'withdrawn')),
  issuer_user_id uuid NOT NULL REFERENCES users (id),
  issuer_unit_id uuid REFERENCES units (id),
  meeting_id     uuid,
  issued_at      timestamptz,
  completed_at   timestamptz,
  withdrawn_at   timestamptz,
  withdraw_reason text,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, seq)
);
CREATE INDEX orders_state_idx ON orders (state, created_at DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC);
CREATE TABLE order_items (
  order_id uuid NOT NULL REFERENCES orders (id),
  item_id  uuid NOT NULL REFERENCES items (id),
  position integer NOT NULL,
  PRIMARY KEY (order_id, item_id)
);
CREATE INDEX order_items_item_idx ON order_items (item_id);
-- Addressees (the items' lead and co-units) and their confirmation of receipt.
CREATE TABLE order_units (
  order_id     uuid NOT NULL REFERENCES orders (id),
  unit_id      uuid NOT NULL REFERENCES units (id),
  role         text NOT NULL CHECK (role IN ('lead', 'co')),
  confirmed_at timestamptz,
  confirmed_by uuid REFERENCES users (id),
  PRIMARY KEY (order_id, unit_id)
);
CREATE INDEX order_units_unit_idx ON order_units (unit_id, order_id);

-- Dispatch meetings (调度会).
CREATE TABLE meetings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year               integer NOT NULL,
  seq                integer NOT NULL CHECK (seq >= 1),
  type               text NOT NULL CHECK (type IN ('regular', 'special')),
  title              text NOT NULL,
  held_at            timestamptz NOT NULL,
  place              text NOT NULL DEFAULT '',
  chair              text NOT NULL DEFAULT '',
  attending_unit_ids uuid[] NOT NULL DEFAULT '{}',
  state              text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held')),
  minutes            text NOT NULL DEFAULT '',
  created_by         uuid NOT NULL REFERENCES users (id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, seq)
);
CREATE INDEX meetings_held_idx ON meetings (held_at DESC);
ALTER TABLE orders ADD CONSTRAINT orders_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meetings (id);
CREATE TABLE meeting_agenda (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id      uuid NOT NULL REFERENCES meetings (id),
  position        integer NOT NULL,
  item_id         uuid REFERENCES items (id),
  unit_id         uuid REFERENCES units (id),
  topic           text NOT NULL,
  reason          text NOT NULL CHECK (reason IN ('red', 'yellow', 'flagged', 'coordination', 'manual')),
  decision_kind   text CHECK (decision_kind IN ('item', 'order', 'note')),
  decision        text NOT NULL DEFAULT '',
  created_item_id uuid REFERENCES items (id),
  order_id        uuid REFERENCES orders (id),
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX meeting_agenda_meeting_idx ON meeting_agenda (meeting_id, position);
CREATE UNIQUE INDEX meeting_agenda_item_key ON meeting_agenda (meeting_id, item_id) WHERE item_id IS NOT NULL;

-- In-app notifications. dedupe_key makes producing one idempotent, so two sweeping processes never double it.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id),
  event_type  text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  params      jsonb NOT NULL DEFAULT '{}',
  dedupe_key  text NOT NULL,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE TABLE notification_prefs (
  user_id    uuid NOT NULL REFERENCES users (id),
  event_type text NOT NULL,
  in_app     boolean NOT NULL,
  PRIMARY KEY (user_id, event_type)
);

-- Outbound group robots per unit (DingTalk / WeCom) and their deliveries.
CREATE TABLE unit_webhooks (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id     uuid NOT NULL REFERENCES units (id),
  kind        text NOT NULL CHECK (kind IN ('dingtalk', 'wecom')),
  name        text NOT NULL,
  url         text NOT NULL,
  secret      text,
  event_types text[] NOT NULL DEFAULT '{}',
  active      boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_webhooks_unit_idx ON unit_webhooks (unit_id);
CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  webhook_id      uuid NOT NULL REFERENCES unit_webhooks (id),
  dedupe_key      text NOT NULL,
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  last_status     integer,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL,
  UNIQUE (webhook_id, dedupe_key)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_hook_idx ON webhook_deliveries (webhook_id, id DESC);

-- Periodic jobs: one row per job; a process claims a due row with FOR UPDATE SKIP LOCKED, runs it in the same
-- transaction and moves next_run_at, so two processes never run the same sweep at once.
CREATE TABLE job_schedules (
  name          text PRIMARY KEY,
  interval_secs integer NOT NULL CHECK (interval_secs > 0),
  next_run_at   timestamptz NOT NULL,
  last_run_at   timestamptz,
  last_ok       boolean,
  last_error    text,
  last_summary  jsonb,
  runs          integer NOT NULL DEFAULT 0
);

-- Spreadsheet imports: previewed, then committed all-or-nothing; the file hash is kept for the audit.
CREATE TABLE imports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type         text NOT NULL,
  file_name    text NOT NULL,
  file_hash    text NOT NULL,
  rows_total   integer NOT NULL,
  rows_invalid integer NOT NULL,
  state        text NOT NULL CHECK (state IN ('previewed', 'committed', 'failed')),
  summary      jsonb NOT NULL DEFAULT '{}',
  -- The validated rows between preview and commit (dropped on commit).
  payload      jsonb,
  created_by   uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  committed_at timestamptz
);
CREATE INDEX imports_type_idx ON imports (type, created_at DESC);
