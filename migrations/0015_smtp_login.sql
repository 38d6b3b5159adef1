-- The school's mail server may be a submission server such as Microsoft 365 or Google:
-- how the connection is secured ('starttls' on 587, 'tls' from the start on 465, 'none' for a
-- relay on the school's network), and the login. The password is kept sealed (AES-256-GCM,
-- "v1:…") with a key outside the database (store/secret_key.h), never as plain text.
-- A school that already named a relay keeps it as it worked: without TLS or login.

ALTER TABLE schools ADD COLUMN smtp_security TEXT NOT NULL DEFAULT 'starttls';
ALTER TABLE schools ADD COLUMN smtp_username TEXT NOT NULL DEFAULT '';
ALTER TABLE schools ADD COLUMN smtp_password TEXT NOT NULL DEFAULT '';
UPDATE schools SET smtp_security = 'none' WHERE smtp_host <> '';
