-- Care-team cases (zorgteam, issue 15). A case is one row with its status and version (a save
-- names the version it is based on; a stale one is refused). The parents who took part in the
-- hulpvraag are a JSON list on the row. The externals invited to a case are rows of their own,
-- so "the cases this external is invited to" is one indexed query. Each consent is a row: a
-- withdrawal fills withdrawn_at/withdrawn_by and is never undone (a new consent is a new row).
-- Scope lists (disciplines, named externals, documents) are JSON arrays.

CREATE TABLE care_team_cases (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  origin TEXT NOT NULL,
  origin_id BIGINT NOT NULL DEFAULT 0,
  registration TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  help_question TEXT NOT NULL DEFAULT '',
  help_question_parents TEXT NOT NULL DEFAULT '[]',
  missing_step_reason TEXT NOT NULL DEFAULT '',
  parents_informed_on TEXT NOT NULL DEFAULT '',
  parents_informed_how TEXT NOT NULL DEFAULT '',
  meeting_id BIGINT NOT NULL DEFAULT 0,
  advice TEXT NOT NULL DEFAULT '',
  follow_up_until TEXT NOT NULL DEFAULT '',
  outcome_note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE INDEX care_team_cases_school ON care_team_cases (school_id, status);
CREATE INDEX care_team_cases_pupil ON care_team_cases (pupil_id);

CREATE TABLE care_team_members (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES care_team_cases(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  discipline TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  invited_at TEXT NOT NULL,
  UNIQUE (case_id, account_id)
);
CREATE INDEX care_team_members_account ON care_team_members (account_id);

CREATE TABLE care_team_consents (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES care_team_cases(id),
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  purpose TEXT NOT NULL,
  given_by TEXT NOT NULL,
  given_by_account BIGINT NOT NULL DEFAULT 0,
  given_on TEXT NOT NULL,
  form TEXT NOT NULL,
  disciplines TEXT NOT NULL,
  externals TEXT NOT NULL,
  documents TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  withdrawn_at TEXT NOT NULL DEFAULT '',
  withdrawn_by TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX care_team_consents_case ON care_team_consents (case_id);
