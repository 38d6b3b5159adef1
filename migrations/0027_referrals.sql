-- Referrals (issue 16, domain/referral.h). A board's referral procedures as one JSON list
-- (steps, consents, required parts); no row: the three defaults (PCL -> SBO, CVI -> SO or
-- rugzak, the samenwerkingsverband's TLV/arrangement). A save names the version it is based on.
CREATE TABLE referral_procedures (
  board_id BIGINT PRIMARY KEY REFERENCES boards(id),
  procedures TEXT NOT NULL,
  version INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);

-- A pupil's referral under a procedure as it was when started (procedure_data: its JSON), started
-- from a care-team case's advice where there is one (case_id; 0: none). expert_advices,
-- consents and parents are JSON; decision JSON or ''. sent_okr is the OKR as it left the
-- school (JSON), frozen at sending with sent_at/by/to.
CREATE TABLE referrals (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  case_id BIGINT NOT NULL DEFAULT 0,
  procedure_key TEXT NOT NULL,
  procedure_data TEXT NOT NULL,
  cluster INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  handelingsverlegenheid TEXT NOT NULL DEFAULT '',
  expert_advices TEXT NOT NULL DEFAULT '[]',
  consents TEXT NOT NULL DEFAULT '[]',
  parents_copy_at TEXT NOT NULL DEFAULT '',
  parents_copy_by TEXT NOT NULL DEFAULT '',
  parents TEXT NOT NULL DEFAULT '{}',
  sent_at TEXT NOT NULL DEFAULT '',
  sent_by TEXT NOT NULL DEFAULT '',
  sent_to TEXT NOT NULL DEFAULT '',
  sent_okr TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE INDEX referrals_pupil ON referrals (pupil_id);
