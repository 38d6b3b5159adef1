-- The groepsoverzicht: method tests, AVI reading levels, the approach per subject, factors
-- and educational needs, plus the school's level cut-offs and its own column mappings.
--
-- Approaches, factors and needs are kept as history, never overwritten: a row is valid from
-- the moment it was written until it was ended (changed or removed), so the overview of an
-- earlier period shows what was valid at that period's end.

CREATE TABLE method_test_results (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  subject TEXT NOT NULL,
  block TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  maximum DOUBLE PRECISION NOT NULL,
  taken_on TEXT NOT NULL,
  source TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  UNIQUE (pupil_id, subject, block)
);
CREATE INDEX method_test_results_pupil ON method_test_results (pupil_id, taken_on);

CREATE TABLE reading_levels (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  moment TEXT NOT NULL,
  moment_position INTEGER NOT NULL,
  avi_level TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  UNIQUE (pupil_id, moment)
);

CREATE TABLE pupil_approaches (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  subject TEXT NOT NULL,
  approach TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
CREATE INDEX pupil_approaches_pupil ON pupil_approaches (pupil_id, subject, set_at);

-- kind: beschermend, belemmerend (factors), matchen (general need, topic = aspect),
-- stretchen (specific need, topic = subject).
CREATE TABLE overview_entries (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  kind TEXT NOT NULL,
  topic TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  source TEXT NOT NULL,
  written_by TEXT NOT NULL,
  written_by_account BIGINT NOT NULL,
  written_at TEXT NOT NULL,
  ended_by TEXT,
  ended_at TEXT
);
CREATE INDEX overview_entries_pupil ON overview_entries (pupil_id, written_at);

-- The ability scores between levels that the school has from the test maker, per test and
-- moment: four ascending scores, the lower bounds of IV, III, II and I.
CREATE TABLE level_cutoffs (
  school_id BIGINT NOT NULL REFERENCES schools(id),
  subject TEXT NOT NULL,
  moment TEXT NOT NULL,
  boundaries TEXT NOT NULL,
  PRIMARY KEY (school_id, subject, moment)
);

-- A school's own column mappings for results files (JSON: field → header name).
CREATE TABLE column_mappings (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,
  columns TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (school_id, name)
);
