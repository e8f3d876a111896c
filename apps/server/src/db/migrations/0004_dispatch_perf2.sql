-- 0004 dispatch performance, part 2 (docs/benchmarks.md "My queue"): a unit's open co-unit parts carry a copy of
-- what the queue filters on — the item's state, lead unit, deadline and yellow instant — so the co-unit side of a
-- queue count is an index-only count of item_co_units instead of a primary-key probe of items per open part.
-- The copies are kept by triggers, in the transaction of every change: whatever updates an item (an action, a
-- meeting decision, a calendar change moving deadlines, a bulk load) and whatever adds a co-unit part.
-- Immutable once on main: later changes go into new numbered files.

ALTER TABLE item_co_units
  ADD COLUMN item_state        text,
  ADD COLUMN item_lead_unit_id uuid,
  ADD COLUMN item_deadline     timestamptz,
  ADD COLUMN item_yellow_at    timestamptz;

-- A new part (or one moved to another item) copies its item's columns. FOR SHARE: an item update running at the
-- same time either commits before the copy is read or waits for this part to commit and then updates it too.
CREATE FUNCTION item_co_units_copy_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT i.state, i.lead_unit_id, i.deadline, i.yellow_at
    INTO NEW.item_state, NEW.item_lead_unit_id, NEW.item_deadline, NEW.item_yellow_at
    FROM items i WHERE i.id = NEW.item_id FOR SHARE;
  RETURN NEW;
END
$$;
CREATE TRIGGER item_co_units_copy_item BEFORE INSERT OR UPDATE OF item_id ON item_co_units
  FOR EACH ROW EXECUTE FUNCTION item_co_units_copy_item();

-- An item whose copied columns change passes them on to its parts (only then: the SLA sweep's flags, urges, notes
-- and edits of other columns do not fire it).
CREATE FUNCTION items_copy_to_co_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE item_co_units
     SET item_state = NEW.state, item_lead_unit_id = NEW.lead_unit_id, item_deadline = NEW.deadline,
         item_yellow_at = NEW.yellow_at
   WHERE item_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER items_copy_to_co_units AFTER UPDATE OF state, lead_unit_id, deadline, yellow_at ON items
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.lead_unit_id IS DISTINCT FROM NEW.lead_unit_id
        OR OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.yellow_at IS DISTINCT FROM NEW.yellow_at)
  EXECUTE FUNCTION items_copy_to_co_units();

-- The parts that exist (the trigger on items is in place first: it locks items against writes until this commits).
UPDATE item_co_units c
   SET item_state = i.state, item_lead_unit_id = i.lead_unit_id, item_deadline = i.deadline, item_yellow_at = i.yellow_at
  FROM items i
 WHERE i.id = c.item_id;
ALTER TABLE item_co_units ALTER COLUMN item_state SET NOT NULL;

-- A unit's open parts by the item's state and deadline, with everything else a queue count reads: index-only.
-- It replaces item_co_units_open_idx (unit_id, item_id) WHERE status = 'open', which it covers.
CREATE INDEX item_co_units_queue_idx ON item_co_units (unit_id, item_state, item_deadline)
  INCLUDE (item_id, item_lead_unit_id, item_yellow_at) WHERE status = 'open';
DROP INDEX item_co_units_open_idx;
