-- The school's agreed signalling rules (as JSON text) and the teacher's decisions on signals.

CREATE TABLE signal_rules (
  school_id BIGINT PRIMARY KEY REFERENCES schools(id),
  rules TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE signal_decisions (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  rule TEXT NOT NULL,
  subject TEXT NOT NULL,
  moment TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  UNIQUE (pupil_id, rule, subject, moment)
);
