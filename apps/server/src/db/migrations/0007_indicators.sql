-- The cockpit (一看, docs/indicators.md): indicator definitions, annual targets per unit with their history, the
-- figures units report or the statistics bureau's sheets bring (every change kept), and the read-only display links
-- of meeting-room screens. The computations (growth, completion, time progress, ranks, league tables) are done on
-- read from these rows; nothing derived is stored.

CREATE TABLE indicators (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_zh             text NOT NULL,
  name_en             text NOT NULL,
  measure_unit        text NOT NULL,
  frequency           text NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'annual')),
  kind                text NOT NULL CHECK (kind IN ('ytd_cumulative', 'period', 'stock')),
  direction           text NOT NULL CHECK (direction IN ('higher', 'lower')),
  decimals            integer NOT NULL CHECK (decimals BETWEEN 0 AND 4),
  additive            boolean NOT NULL,
  responsible_unit_id uuid REFERENCES units (id),
  definition          text NOT NULL DEFAULT '',
  source              text NOT NULL DEFAULT '',
  sort_order          integer NOT NULL DEFAULT 0,
  active              boolean NOT NULL DEFAULT true,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL,
  updated_by          uuid REFERENCES users (id),
  updated_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX indicators_code_key ON indicators (code);
CREATE INDEX indicators_sort_idx ON indicators (sort_order, code);

-- A unit's annual target for an indicator: an absolute value, or a growth rate in percent on last year's figure.
CREATE TABLE indicator_targets (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id uuid NOT NULL REFERENCES indicators (id),
  unit_id      uuid NOT NULL REFERENCES units (id),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind         text NOT NULL CHECK (kind IN ('value', 'growth')),
  value        double precision NOT NULL,
  state        text NOT NULL CHECK (state IN ('draft', 'confirmed')),
  note         text NOT NULL DEFAULT '',
  version      integer NOT NULL DEFAULT 1,
  updated_by   uuid NOT NULL REFERENCES users (id),
  updated_at   timestamptz NOT NULL,
  UNIQUE (indicator_id, year, unit_id)
);
CREATE INDEX indicator_targets_year_idx ON indicator_targets (year, unit_id);

-- Every saved state of a target (version 1 = as created).
CREATE TABLE indicator_target_changes (
  target_id uuid NOT NULL REFERENCES indicator_targets (id),
  version   integer NOT NULL,
  kind      text NOT NULL,
  value     double precision NOT NULL,
  state     text NOT NULL,
  note      text NOT NULL,
  by_user   uuid NOT NULL REFERENCES users (id),
  at        timestamptz NOT NULL,
  PRIMARY KEY (target_id, version)
);

-- One figure per indicator, unit and period. `month` is the period's last month (a quarter: 3, 6, 9, 12; a year: 12);
-- a year-to-date indicator's value is the cumulative from January. `reported_yoy` is the source's own YoY in
-- percent. `source`: a unit's entry, an import (its batch and row kept), or the demo seed. When an import replaces a
-- different value a unit entered, `conflict` holds the entered value until HQ verifies the cell.
CREATE TABLE indicator_figures (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id   uuid NOT NULL REFERENCES indicators (id),
  unit_id        uuid NOT NULL REFERENCES units (id),
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  month          integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  value          double precision NOT NULL,
  reported_yoy   double precision,
  source         text NOT NULL CHECK (source IN ('entry', 'import', 'seed')),
  import_id      uuid REFERENCES imports (id),
  import_row     integer,
  state          text NOT NULL CHECK (state IN ('reported', 'verified')),
  conflict_value double precision,
  version        integer NOT NULL DEFAULT 1,
  updated_by     uuid REFERENCES users (id),
  updated_at     timestamptz NOT NULL,
  verified_by    uuid REFERENCES users (id),
  verified_at    timestamptz,
  UNIQUE (indicator_id, year, month, unit_id)
);
-- A unit's figures (its entry form, drill-down); the unique key above serves the league table by period.
CREATE INDEX indicator_figures_unit_idx ON indicator_figures (unit_id, year, month, indicator_id);
CREATE INDEX indicator_figures_import_idx ON indicator_figures (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX indicator_figures_conflict_idx ON indicator_figures (year, month) WHERE conflict_value IS NOT NULL;

-- Every saved state of a figure, the drill-down's history (who entered or imported what, when).
CREATE TABLE indicator_figure_changes (
  figure_id    uuid NOT NULL REFERENCES indicator_figures (id),
  version      integer NOT NULL,
  value        double precision NOT NULL,
  reported_yoy double precision,
  source       text NOT NULL,
  import_id    uuid REFERENCES imports (id),
  import_row   integer,
  state        text NOT NULL,
  by_user      uuid REFERENCES users (id),
  at           timestamptz NOT NULL,
  PRIMARY KEY (figure_id, version)
);

-- Read-only links for meeting-room screens (大屏): the token opens the cockpit only, until revoked or expired.
CREATE TABLE display_links (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  prefix       text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  created_by   uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  revoked_by   uuid REFERENCES users (id)
);
CREATE INDEX display_links_created_idx ON display_links (created_at DESC);
