-- Meetings of the HGW cycle: the groepsbespreking of a group and the leerlingbespreking of a
-- pupil (domain/meeting.h). The meeting is one JSON document (io/meeting_json) read and
-- written whole, with the columns the calendar, the inbox and the access checks query.
-- Every save is based on the stored version (optimistic concurrency).
-- Agreements have their own rows: they are listed per owner on the start page.

CREATE TABLE meetings (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  group_id BIGINT REFERENCES school_groups(id),
  pupil_id BIGINT REFERENCES pupils(id),
  period_id BIGINT,
  planned_on TEXT,
  starts_at TEXT NOT NULL,
  source_meeting_id BIGINT,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX meetings_school_date ON meetings (school_id, planned_on);
CREATE INDEX meetings_pupil ON meetings (pupil_id);

CREATE TABLE meeting_agreements (
  id {{ID}},
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  action TEXT NOT NULL,
  owner_account_id BIGINT NOT NULL REFERENCES accounts(id),
  due_on TEXT NOT NULL,
  done_on TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX meeting_agreements_owner ON meeting_agreements (owner_account_id, done_on);
CREATE INDEX meeting_agreements_meeting ON meeting_agreements (meeting_id);
