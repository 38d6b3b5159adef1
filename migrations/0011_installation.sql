-- What makes this installation of Koers one of its own: a random id, made on first use, that
-- goes into identifiers other systems keep (the calendar's UIDs), so two schools' Koers never
-- hand out the same one.

CREATE TABLE installation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  installation_id TEXT NOT NULL
);
