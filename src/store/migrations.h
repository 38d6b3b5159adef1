// Versioned schema migrations: numbered SQL files in migrations/, embedded at build
// time, run in order, each in its own transaction, identical for SQLite and PostgreSQL.
#pragma once

#include <string>
#include <vector>

namespace koers::store {

struct EmbeddedMigration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<EmbeddedMigration>& embedded_migrations();

}  // namespace koers::store
