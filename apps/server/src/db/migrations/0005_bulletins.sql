-- Bulletins (通报): a period's delivery figures snapshotted as sections, the dispatcher's edited text with every
-- saved version kept, a gapless number per year allocated at publication (counters scope 'bulletin'), and the
-- read receipts of the units' users.
CREATE TABLE bulletins (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year           integer,
  seq            integer CHECK (seq >= 1),
  number         text,
  period_kind    text NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter', 'custom')),
  period_from    date NOT NULL,
  period_to      date NOT NULL CHECK (period_to >= period_from),
  title          text NOT NULL,
  state          text NOT NULL CHECK (state IN ('draft', 'published', 'withdrawn')),
  sections       jsonb NOT NULL,
  computed_at    timestamptz NOT NULL,
  text           jsonb NOT NULL,
  version        integer NOT NULL DEFAULT 1,
  created_by     uuid NOT NULL REFERENCES users (id),
  created_unit_id uuid REFERENCES units (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     uuid NOT NULL REFERENCES users (id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  published_by   uuid REFERENCES users (id),
  published_at   timestamptz,
  withdrawn_by   uuid REFERENCES users (id),
  withdrawn_at   timestamptz,
  withdraw_reason text,
  UNIQUE (year, seq)
);
CREATE INDEX bulletins_list_idx ON bulletins (year DESC, seq DESC, created_at DESC);
CREATE INDEX bulletins_state_idx ON bulletins (state, created_at DESC);

-- Each saved text, numbered as the bulletin's version that saved it.
CREATE TABLE bulletin_versions (
  bulletin_id uuid NOT NULL REFERENCES bulletins (id),
  version     integer NOT NULL,
  title       text NOT NULL,
  text        jsonb NOT NULL,
  by_user     uuid NOT NULL REFERENCES users (id),
  at          timestamptz NOT NULL,
  PRIMARY KEY (bulletin_id, version)
);

-- First read of a published bulletin by each user (and the unit the user was in then).
CREATE TABLE bulletin_reads (
  bulletin_id   uuid NOT NULL REFERENCES bulletins (id),
  user_id       uuid NOT NULL REFERENCES users (id),
  unit_id       uuid REFERENCES units (id),
  first_read_at timestamptz NOT NULL,
  PRIMARY KEY (bulletin_id, user_id)
);
CREATE INDEX bulletin_reads_unit_idx ON bulletin_reads (bulletin_id, unit_id);
