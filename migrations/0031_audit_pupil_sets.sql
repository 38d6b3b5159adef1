-- A view of a group names the same pupils time after time: the list is now stored once, as a
-- set, and each line names its set (audit_log.pupil_set). Before, every line wrote one row per
-- pupil into audit_pupils: for a group page 30 rows in an index ordered by pupil, so one view
-- touched pages all over the file (issue 13: 45 % of the group page's time).
-- A line about one pupil names them in audit_log.pupil_id (as it always did) and has no set.
-- The trail of pupil X: the lines with pupil_id X and the lines whose set holds X.
-- The hash of a line still covers its pupils, whichever way they are stored.

CREATE TABLE audit_pupil_sets (
  id BIGINT PRIMARY KEY,
  set_key TEXT UNIQUE  -- sha256 of the sorted ids; NULL for the sets of lines from before
);
CREATE TABLE audit_set_pupils (
  set_id BIGINT NOT NULL REFERENCES audit_pupil_sets (id),
  pupil_id BIGINT NOT NULL,
  PRIMARY KEY (set_id, pupil_id)
);
CREATE INDEX audit_set_pupils_pupil ON audit_set_pupils (pupil_id, set_id);

-- (No REFERENCES on the column: SQLite cannot drop or alter a column that has one. AuditLog
-- only names sets it has stored; verify() reports a line whose set is missing.)
ALTER TABLE audit_log ADD COLUMN pupil_set BIGINT;
CREATE INDEX audit_log_pupil_set ON audit_log (pupil_set, seq);

-- Each earlier line of several pupils becomes a set of its own (numbered by the line).
INSERT INTO audit_pupil_sets (id, set_key)
  SELECT DISTINCT p.entry_seq, NULL FROM audit_pupils p JOIN audit_log a ON a.seq = p.entry_seq
  WHERE a.pupil_id IS NULL;
INSERT INTO audit_set_pupils (set_id, pupil_id)
  SELECT p.entry_seq, p.pupil_id FROM audit_pupils p JOIN audit_log a ON a.seq = p.entry_seq
  WHERE a.pupil_id IS NULL;
UPDATE audit_log SET pupil_set = seq WHERE seq IN (SELECT id FROM audit_pupil_sets);

DROP TABLE audit_pupils;
