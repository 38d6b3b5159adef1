-- Parent accounts (issue 17): one account per guardian. NULLs (staff, externals, the board
-- administrator) are distinct in a unique index on both engines.
CREATE UNIQUE INDEX accounts_guardian ON accounts (guardian_id);
