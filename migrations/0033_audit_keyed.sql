-- The audit trail as the privacy officer needs it (issue 17):
-- * address: where the request came from (NEN 7513 asks "from which address"); '' for lines
--   from before, and for lines Koers writes itself.
-- * forgotten_seal: set when the pupil a line was about has been forgotten after the retention
--   period (AuditLog::forget_pupil): the line keeps who, role, when and what kind, its pupil and
--   content are blanked, and the seal (HMAC with the key outside the database over what is left
--   and the line's own hash) is what verify() checks instead of recomputing the hash.
-- * audit_head.keyed_from: the seq of the line from which on every line's hash is an HMAC with
--   the key outside the database (the line that records the switch); NULL until the first line
--   written with a key. Lines before it keep their SHA-256 and keep verifying.
ALTER TABLE audit_log ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN forgotten_seal TEXT;
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT;
