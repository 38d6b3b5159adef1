-- Accounts for the whole team (issue 12 §2). An account is uitgenodigd (invited: made by the
-- EDEXML import or by beheer, no password yet) until its owner sets a password with the
-- one-time activation code from the letter; active = 0 is gedeactiveerd (what they wrote is
-- kept). Two-factor sign-in with TOTP (RFC 6238): the secret in base32, the last time step
-- used (a code works once), and one-time recovery codes. Codes are stored as SHA-256 only.

ALTER TABLE accounts ADD COLUMN invited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN last_login_at TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Whether IB, head and care-team members must sign in with a second factor.
ALTER TABLE schools ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0;

-- One-time codes: 'activation' (14 days) and 'reset' (24 hours). Issuing a new one voids the
-- account's earlier unused codes of that purpose.
CREATE TABLE account_codes (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX account_codes_account ON account_codes (account_id);

CREATE TABLE recovery_codes (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  code_hash TEXT NOT NULL,
  used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);
