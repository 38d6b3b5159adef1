-- The groepsplan of a group per period, every saved state kept as a version (1, 2, …).
-- The plan itself is one JSON document (io/group_plan_json): it is read and written whole.
-- period_id is 0 for a school that has not set its periods.

CREATE TABLE group_plans (
  id {{ID}},
  group_id BIGINT NOT NULL REFERENCES school_groups(id),
  period_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  UNIQUE (group_id, period_id, version)
);
