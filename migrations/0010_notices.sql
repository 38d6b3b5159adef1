-- A notice the server shows once after a redirect ("3 zorgteamoverleggen gepland."). The URL
-- carries only its random key; the text stays here, for the account it was made for, so a
-- link from elsewhere can never put words on a Koers page.

CREATE TABLE notices (
  notice_key TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX notices_created ON notices (created_at);
