-- The school's thresholds for the dyslexia evidence (domain/dyslexia_evidence.h): how many
-- consecutive DMT measurements in the lowest 10 %, how many effective weeks of support, and the
-- weekly minutes and sessions. No row: PDDB 3.0 (3; 20–24 weeks; 60 minutes in 3 × 20). A
-- region with an older wording sets its own; every change has an audit line.
CREATE TABLE dyslexia_settings (
  school_id BIGINT PRIMARY KEY REFERENCES schools(id),
  measurements INTEGER NOT NULL,
  weeks_min INTEGER NOT NULL,
  weeks_max INTEGER NOT NULL,
  minutes_per_week INTEGER NOT NULL,
  sessions_per_week INTEGER NOT NULL,
  minutes_per_session INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
