-- External care-team members (issue 15): the discipline (a key of domain::all_disciplines)
-- and organisation of a zorgteam account, and the schools of the board it serves (an IB adds
-- an external to their own school; beheer to any school of the board).
CREATE TABLE external_members (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id),
  discipline TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT ''
);

CREATE TABLE external_member_schools (
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  added_at TEXT NOT NULL,
  added_by BIGINT REFERENCES accounts(id),
  PRIMARY KEY (account_id, school_id)
);
CREATE INDEX external_member_schools_school ON external_member_schools (school_id);

-- Uploaded documents (the HGD expert's report, later referral attachments): a PDF kept in the
-- database with what owns it ("hgd", id), so a backup holds it and nothing lies on disk.
-- content is written and read by store::DocumentRepository: SQLite's BLOB through SOCI's blob,
-- PostgreSQL's BYTEA as hex (SOCI 4.0's blob there is a large object, not BYTEA).
CREATE TABLE documents (
  id {{ID}},
  owner_kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  school_id BIGINT NOT NULL REFERENCES schools(id),
  pupil_id BIGINT REFERENCES pupils(id),  -- whose dossier it is in (retention, audit); NULL: none
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES accounts(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX documents_owner ON documents (owner_kind, owner_id);
