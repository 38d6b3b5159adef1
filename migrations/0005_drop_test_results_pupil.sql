-- test_results (pupil_id, subject, moment) is UNIQUE, so its index already serves every
-- lookup by pupil; the second index only made each insert update one more B-tree.
DROP INDEX test_results_pupil;
