-- A groepsplan version sent to the IB for a group discussion: that version is the one under
-- discussion and stays as it was (versions are never changed); the teacher may go on
-- saving newer versions.

CREATE TABLE group_plan_sendings (
  id {{ID}},
  group_id BIGINT NOT NULL REFERENCES school_groups(id),
  period_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  sent_by TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  UNIQUE (group_id, period_id, version)
);
