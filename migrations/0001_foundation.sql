-- The foundation: board, schools, school years, groups, pupils, staff, guardians,
-- accounts, sessions and the audit trail. Runs unchanged on SQLite and PostgreSQL;
-- {{ID}} becomes each engine's auto-increment primary key.

CREATE TABLE boards (
  id {{ID}},
  name TEXT NOT NULL
);

CREATE TABLE schools (
  id {{ID}},
  board_id BIGINT NOT NULL REFERENCES boards(id),
  name TEXT NOT NULL,
  brin TEXT NOT NULL,
  dependance TEXT NOT NULL DEFAULT '00',
  place TEXT NOT NULL DEFAULT '',
  UNIQUE (brin, dependance)
);

CREATE TABLE school_years (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL
);

CREATE TABLE periods (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  school_year_id BIGINT NOT NULL REFERENCES school_years(id),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL
);
CREATE INDEX periods_school_year ON periods (school_id, school_year_id);

CREATE TABLE school_groups (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  school_year_id BIGINT NOT NULL REFERENCES school_years(id),
  edex_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'regular',
  year_group TEXT NOT NULL DEFAULT '',
  UNIQUE (school_id, school_year_id, edex_key)
);

CREATE TABLE pupils (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  edex_key TEXT NOT NULL,
  eckid TEXT NOT NULL DEFAULT '',
  given_name TEXT NOT NULL DEFAULT '',
  surname_prefix TEXT NOT NULL DEFAULT '',
  surname TEXT NOT NULL,
  first_names TEXT NOT NULL DEFAULT '',
  initials TEXT NOT NULL DEFAULT '',
  birth_date TEXT,
  gender INTEGER NOT NULL DEFAULT 0,
  bsn TEXT NOT NULL DEFAULT '',
  started_group3_on TEXT,
  enrolled_on TEXT,
  left_on TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (school_id, edex_key)
);
CREATE INDEX pupils_eckid ON pupils (school_id, eckid);

CREATE TABLE enrolments (
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  group_id BIGINT NOT NULL REFERENCES school_groups(id),
  year_group TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (pupil_id, group_id)
);
CREATE INDEX enrolments_group ON enrolments (group_id);

CREATE TABLE staff (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  edex_key TEXT NOT NULL,
  eckid TEXT NOT NULL DEFAULT '',
  given_name TEXT NOT NULL DEFAULT '',
  surname_prefix TEXT NOT NULL DEFAULT '',
  surname TEXT NOT NULL,
  initials TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  role_description TEXT NOT NULL DEFAULT '',
  UNIQUE (school_id, edex_key)
);

CREATE TABLE group_staff (
  group_id BIGINT NOT NULL REFERENCES school_groups(id),
  staff_id BIGINT NOT NULL REFERENCES staff(id),
  role TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (group_id, staff_id)
);
CREATE INDEX group_staff_staff ON group_staff (staff_id);

CREATE TABLE guardians (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  given_name TEXT NOT NULL DEFAULT '',
  surname_prefix TEXT NOT NULL DEFAULT '',
  surname TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT ''
);

CREATE TABLE pupil_guardians (
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  guardian_id BIGINT NOT NULL REFERENCES guardians(id),
  relation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (pupil_id, guardian_id)
);
CREATE INDEX pupil_guardians_guardian ON pupil_guardians (guardian_id);

CREATE TABLE accounts (
  id {{ID}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  display_name TEXT NOT NULL,
  board_id BIGINT NOT NULL REFERENCES boards(id),
  school_id BIGINT REFERENCES schools(id),
  staff_id BIGINT REFERENCES staff(id),
  guardian_id BIGINT REFERENCES guardians(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Failed logins per user name and per address, for slowing down guessing.
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  blocked_until TEXT NOT NULL
);

CREATE TABLE imports (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  school_year_id BIGINT NOT NULL REFERENCES school_years(id),
  kind TEXT NOT NULL,
  reference_date TEXT NOT NULL,
  file_name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  account_id BIGINT,
  summary TEXT NOT NULL
);

-- Append-only; each line carries the hash of the one before (tamper-evident).
CREATE TABLE audit_log (
  id {{ID}},
  seq BIGINT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  account_id BIGINT,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  on_behalf_of TEXT NOT NULL DEFAULT '',
  school_id BIGINT,
  pupil_id BIGINT,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_pupil ON audit_log (pupil_id, seq);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
