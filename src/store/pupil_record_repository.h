// Reads what Koers knows of one pupil (domain/pupil_record.h) for every document about them.
//
// Contract: read() reads every part in one read transaction on one connection, so the record
// is one consistent snapshot (REPEATABLE READ on PostgreSQL), with a fixed number of queries
// whatever the pupil's history (about fifteen, with the cases and HGD requests; no cut-offs without a chart). The caller checks
// access first (the web layer: ctx.pupil_in_view) and audits what it shows; read() writes nothing.
#pragma once

#include <optional>
#include <string>

#include "domain/pupil_record.h"
#include "store/database.h"

namespace koers::store {

class PupilRecordRepository {
 public:
  explicit PupilRecordRepository(Database& db) : db_(db) {}

  // The pupil as of `as_of` (an instant, ISO; kNow: now): the overview's rows written
  // before it; the current group is the one of this school year (when the pupil is in two,
  // a group and a plusklas, the regular group). nullopt when there is no such pupil.
  std::optional<domain::PupilRecord> read(domain::Id pupil_id, const std::string& as_of);
  // The whole dossier for inzage (domain/inzage.h): the record now, with its card, group history,
  // guardians, the parents' requests and the audit trail's lines about the pupil (newest first,
  // at most kWholeTrailLimit), all in the same snapshot. Writes nothing: the caller audits.
  std::optional<domain::PupilRecord> read_whole(domain::Id pupil_id);
  static constexpr int kWholeTrailLimit = 20000;

 private:
  std::optional<domain::PupilRecord> read_in(soci::session& sql, domain::Id pupil_id, const std::string& as_of);
  Database& db_;
};

}  // namespace koers::store
