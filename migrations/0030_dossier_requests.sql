-- A parent's request to correct, add to or remove from their child's dossier (AVG art. 16/17,
-- domain/dossier_request.h): what and why as the parent wrote it, the day it was asked and the
-- day the answer is due (four weeks later), and the IB's answer (a refusal states its reason).
-- The outcome is kept: a request is answered once and never deleted with its answer.
CREATE TABLE dossier_requests (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  kind TEXT NOT NULL,
  what TEXT NOT NULL,
  why TEXT NOT NULL DEFAULT '',
  asked_by TEXT NOT NULL,
  asked_by_account BIGINT NOT NULL DEFAULT 0,
  asked_at TEXT NOT NULL,
  asked_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by TEXT NOT NULL DEFAULT '',
  answered_at TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL
);
CREATE INDEX dossier_requests_pupil ON dossier_requests (pupil_id);
CREATE INDEX dossier_requests_school ON dossier_requests (school_id, status);
