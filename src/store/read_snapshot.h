// One read transaction on a lent session: every query inside sees the same snapshot (SQLite:
// from the first read on; PostgreSQL: REPEATABLE READ READ ONLY). Ends with the scope. For the
// reads that assemble one picture from many queries (the pupil's record, the school's route).
#pragma once

#include <soci/soci.h>

#include "store/database.h"

namespace koers::store {

class ReadSnapshot {
 public:
  ReadSnapshot(soci::session& sql, Engine engine) : sql_(sql) {
    sql_ << (engine == Engine::kSqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  ~ReadSnapshot() {
    try {
      sql_ << "ROLLBACK";  // nothing was written: ending it is all there is to do
    } catch (...) {
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  soci::session& sql_;
};

}  // namespace koers::store
