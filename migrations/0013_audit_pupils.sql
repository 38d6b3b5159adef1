-- The pupils an audit line is about, one row each, so that a view of a whole group is one
-- audit line (whose hash covers this list) and "the trail of pupil X" is still one indexed
-- query. Every line about pupils has its rows here, also a line about one pupil
-- (audit_log.pupil_id keeps naming that one, as before). Existing lines are copied in.

CREATE TABLE audit_pupils (
  entry_seq BIGINT NOT NULL REFERENCES audit_log (seq),
  pupil_id BIGINT NOT NULL,
  PRIMARY KEY (entry_seq, pupil_id)
);
CREATE INDEX audit_pupils_pupil ON audit_pupils (pupil_id, entry_seq);

INSERT INTO audit_pupils (entry_seq, pupil_id) SELECT seq, pupil_id FROM audit_log WHERE pupil_id IS NOT NULL;

-- The trail of a school and of a person, newest first.
CREATE INDEX audit_log_school ON audit_log (school_id, seq);
CREATE INDEX audit_log_account ON audit_log (account_id, seq);
