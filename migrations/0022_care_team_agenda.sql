-- The agenda of a care-team meeting (zorgteamoverleg, issue 15): one row per case on it, in
-- its order, with who is invited for it (the externals as a JSON list of accounts, the teacher
-- on call, whether the parents come) and what was recorded: the discussion, the joint advice
-- and the decisions. status_before is the case's status before it went on, so taking it off
-- again puts it back. The agreements of a case at the meeting are the meeting's agreements
-- (meeting_agreements) with its case_id; 0 for an agreement of the meeting as a whole.
CREATE TABLE care_team_agenda (
  id {{ID}},
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  case_id BIGINT NOT NULL REFERENCES care_team_cases(id),
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  agenda_order INTEGER NOT NULL,
  status_before TEXT NOT NULL,
  externals TEXT NOT NULL DEFAULT '[]',
  teacher_account_id BIGINT NOT NULL DEFAULT 0,
  parents_invited INTEGER NOT NULL DEFAULT 0,
  discussion TEXT NOT NULL DEFAULT '',
  advice TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  UNIQUE (meeting_id, case_id)
);
CREATE INDEX care_team_agenda_case ON care_team_agenda (case_id);
CREATE INDEX care_team_agenda_pupil ON care_team_agenda (pupil_id);

ALTER TABLE meeting_agreements ADD COLUMN case_id BIGINT NOT NULL DEFAULT 0;
