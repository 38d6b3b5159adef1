-- The school's calendar for planning: its holidays and free days, in which Koers plans no
-- meeting, and how many weeks after a period's end its group discussions may still be held
-- (0: within the period's last three weeks).

CREATE TABLE school_holidays (
  id {{ID}},
  school_id BIGINT NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL
);
CREATE INDEX school_holidays_school ON school_holidays (school_id, starts_on);

ALTER TABLE schools ADD COLUMN discussion_weeks_after INTEGER NOT NULL DEFAULT 0;
