-- Standardised test results (LVS) per pupil, subject and test moment.
-- One result per pupil, subject and moment: a re-import updates it, never duplicates.

CREATE TABLE test_results (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  subject TEXT NOT NULL,
  moment TEXT NOT NULL,
  moment_position INTEGER NOT NULL,
  taken_on TEXT,
  ability_score DOUBLE PRECISION,
  level TEXT NOT NULL DEFAULT '',
  percentile DOUBLE PRECISION,
  dle DOUBLE PRECISION,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  UNIQUE (pupil_id, subject, moment)
);
CREATE INDEX test_results_pupil ON test_results (pupil_id, moment_position);
