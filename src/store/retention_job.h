// `koers retention`, the scheduled job: per school of every board, the pupils who left with
// what is due today, and with `apply` the deletion of what is due and not held (each pupil in
// its own transaction, RetentionRepository::confirm). The report is for a privacy officer and
// may end up in a job's mail or log: it names pupils by their number in Koers and leaving
// date, never by name, and a hold by the fact, not its reason (that is in Koers).
#pragma once

#include <ostream>

#include "domain/date.h"
#include "domain/school.h"
#include "store/database.h"

namespace koers::store {

struct RetentionJobOptions {
  bool apply = false;     // delete what is due and not held; else only report
  domain::Id school = 0;  // 0: every school
  domain::Date today;
};

struct RetentionJobResult {
  int due = 0, held = 0, deleted = 0, failed = 0;
};

RetentionJobResult run_retention_job(Database& db, const RetentionJobOptions& options, std::ostream& out);

}  // namespace koers::store
