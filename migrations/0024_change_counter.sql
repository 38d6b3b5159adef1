-- How many changes of the dossier were committed (store::Database::change_count): every
-- write transaction raises it as its last statement, on every instance that shares the
-- database, so what a page keeps of the dossier (web/overview/lines_cache.h) is known to be
-- current when the count has not moved. Sessions, the login brake and audit lines do not count.
CREATE TABLE change_counter (
  id INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
INSERT INTO change_counter (id, n) VALUES (1, 0);
