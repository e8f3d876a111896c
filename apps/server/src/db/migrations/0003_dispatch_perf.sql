-- 0003 dispatch performance (docs/benchmarks.md "Dispatch at scale"): the unit metrics' urge count is driven by the
-- urges of the period instead of a probe per received item, and indexes nothing reads any more are dropped.
-- Immutable once on main: later changes go into new numbered files.

-- Urges of a period with the columns the metrics join on (metrics.repository.ts receivedCounts).
CREATE INDEX item_urges_at_idx ON item_urges (at) INCLUDE (item_id, unit_id);
-- Superseded by item_urges_at_idx: only the metrics' per-item probe read urges by unit.
DROP INDEX item_urges_unit_idx;
-- No query ranges over resolved_at (the metrics count closures on closed_at, items_closed_idx); it only cost writes.
DROP INDEX items_resolved_idx;
