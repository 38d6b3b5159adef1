-- A school may name the SMTP server (a relay on its own network) through which Koers tells
-- the IB by e-mail that a teacher sent a group discussion's preparation. Without one, the
-- IB's inbox in Koers is the only delivery. The e-mail carries no pupil data.

ALTER TABLE schools ADD COLUMN smtp_host TEXT NOT NULL DEFAULT '';
ALTER TABLE schools ADD COLUMN smtp_port INTEGER NOT NULL DEFAULT 25;
ALTER TABLE schools ADD COLUMN mail_from TEXT NOT NULL DEFAULT '';
