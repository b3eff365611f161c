-- A conversation that has waited longer than this in a queue stops waiting: it takes a message and becomes a
-- ticket, like one opened outside business hours (docs/routing.md). Null: no limit.
ALTER TABLE business_hours ADD COLUMN max_queue_wait_sec integer CHECK (max_queue_wait_sec BETWEEN 1 AND 86400);
