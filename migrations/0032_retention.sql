-- Retention (issue 17, domain/retention.h). A board's own periods in years after the leaving
-- date; no row: the national ones (care data 2, referred to SBO/SO 3, the record 5).
CREATE TABLE retention_periods (
  board_id BIGINT PRIMARY KEY REFERENCES boards(id),
  care_years INTEGER NOT NULL,
  special_care_years INTEGER NOT NULL,
  record_years INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);

-- Per pupil who left: where they went as the IB records it ('', 'regulier', 'sbo', 'so'), a
-- hold with its reason ('' : not held), and when the care data were deleted ('' : not yet).
-- The row goes with the pupil.
CREATE TABLE retention_pupils (
  pupil_id BIGINT PRIMARY KEY REFERENCES pupils(id),
  destination TEXT NOT NULL DEFAULT '',
  hold_reason TEXT NOT NULL DEFAULT '',
  held_by TEXT NOT NULL DEFAULT '',
  held_at TEXT NOT NULL DEFAULT '',
  care_deleted_at TEXT NOT NULL DEFAULT ''
);
