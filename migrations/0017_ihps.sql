-- Individuele handelingsplannen (IHP). The plan's rubrics are one JSON document per saved
-- version (io/ihp_json), read and written whole, as for group plans. Status and outcome are
-- on the plan's row (a step of the lifecycle is no new version of the text). Each session of
-- an organisatie line that is ticked off is a row of its own: whoever gives it logs it
-- without touching the plan; one row per line and day, a second tick replaces the first.

CREATE TABLE ihps (
  id {{ID}},
  pupil_id BIGINT NOT NULL REFERENCES pupils(id),
  school_id BIGINT NOT NULL REFERENCES schools(id),
  from_meeting BIGINT NOT NULL DEFAULT 0,
  previous BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ihps_pupil ON ihps (pupil_id);

CREATE TABLE ihp_versions (
  id {{ID}},
  ihp_id BIGINT NOT NULL REFERENCES ihps(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  UNIQUE (ihp_id, version)
);

CREATE TABLE ihp_sessions (
  id {{ID}},
  ihp_id BIGINT NOT NULL REFERENCES ihps(id),
  line INTEGER NOT NULL,
  held_on TEXT NOT NULL,
  given INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  note TEXT NOT NULL,
  logged_by TEXT NOT NULL,
  logged_at TEXT NOT NULL,
  UNIQUE (ihp_id, line, held_on)
);
