-- 0003 dispatch performance (docs/benchmarks.md "Dispatch at scale"): the unit metrics count each unit's range of
-- an index led by the unit and the period's instant, and the urge count is driven by the urges of the period
-- instead of a probe per received item; the indexes these replace are dropped.
-- Immutable once on main: later changes go into new numbered files.

-- Per unit and period (metrics.repository.ts): received, signed (on time: sign_by), rated (satisfied: rating).
CREATE INDEX items_lead_dispatched_idx ON items (lead_unit_id, dispatched_at) WHERE dispatched_at IS NOT NULL;
CREATE INDEX items_lead_signed_idx ON items (lead_unit_id, signed_at) INCLUDE (sign_by) WHERE signed_at IS NOT NULL;
CREATE INDEX items_lead_rated_idx ON items (lead_unit_id, rated_at) INCLUDE (rating) WHERE rating IS NOT NULL;
DROP INDEX items_dispatched_idx;
DROP INDEX items_signed_idx;
DROP INDEX items_rated_idx;

-- Urges of a period with the columns the metrics join on (receivedCounts).
CREATE INDEX item_urges_at_idx ON item_urges (at) INCLUDE (item_id, unit_id);
-- Superseded by item_urges_at_idx: only the metrics' per-item probe read urges by unit.
DROP INDEX item_urges_unit_idx;
-- No query ranges over resolved_at (the metrics count closures on closed_at, items_closed_idx); it only cost writes.
DROP INDEX items_resolved_idx;
