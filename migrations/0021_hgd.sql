-- Handelingsgerichte diagnostiek (HGD, issue 15): a request on a care-team case to an external
-- expert, under the parents' HGD consent (consent_id). The onderzoeksvragen are a JSON list of
-- texts; the recommendations a JSON list of {text, entry_id, by, at} where entry_id is the
-- overview_entries row a recommendation became (0: not taken over). The report is a row of
-- documents (owner_kind 'hgd', owner_id = id); report_document_id names the current one. A save
-- names the version it is based on; a stale one is refused.
CREATE TABLE hgd_requests (
  id {{ID}},
  case_id BIGINT NOT NULL REFERENCES care_team_cases(id),
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  question_kind TEXT NOT NULL,
  help_question TEXT NOT NULL,
  questions TEXT NOT NULL DEFAULT '[]',
  expert_account_id BIGINT NOT NULL REFERENCES accounts(id),
  expert_name TEXT NOT NULL,
  expert_discipline TEXT NOT NULL,
  consent_id BIGINT NOT NULL REFERENCES care_team_consents(id),
  requested_on TEXT NOT NULL,
  status TEXT NOT NULL,
  report_document_id BIGINT NOT NULL DEFAULT 0,
  recommendations TEXT NOT NULL DEFAULT '[]',
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE INDEX hgd_requests_case ON hgd_requests (case_id);
