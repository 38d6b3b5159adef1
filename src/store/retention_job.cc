#include "store/retention_job.h"

#include <fmt/format.h>

#include "store/retention_repository.h"
#include "store/school_repository.h"

namespace koers::store {

RetentionJobResult run_retention_job(Database& db, const RetentionJobOptions& options, std::ostream& out) {
  RetentionJobResult result;
  SchoolRepository schools(db);
  RetentionRepository repo(db);
  out << fmt::format("Bewaartermijnen op {}{}\n", options.today.dutch(),
                     options.apply ? ": wat verlopen is en niet vastgehouden wordt, wordt verwijderd"
                                   : " (alleen overzicht; --apply verwijdert)");
  for (domain::Id board : schools.board_ids()) {
    const auto periods = repo.periods(board);
    out << fmt::format(
        "Bestuur {}: zorg- en begeleidingsgegevens {} jaar (bij verwijzing naar SBO/SO {} jaar), "
        "inschrijvings- en verzuimgegevens {} jaar na vertrek.\n",
        board, periods.care_years, periods.special_care_years, periods.record_years);
    for (const auto& s : schools.schools_of_board(board)) {
      if (options.school && s.school.id != options.school) continue;
      const auto cases = repo.of_school(s.school.id, options.today);
      int due = 0, held = 0;
      for (const auto& c : cases) {
        due += c.due != domain::RetentionStep::kNone;
        held += c.due != domain::RetentionStep::kNone && c.held();
      }
      out << fmt::format(
          "  {} (school {}): {} vertrokken leerlingen, bij {} is de termijn verlopen, {} daarvan "
          "vastgehouden.\n",
          s.school.name, s.school.id, cases.size(), due, held);
      for (const auto& c : cases) {
        if (c.due == domain::RetentionStep::kNone) continue;
        std::string line = fmt::format("    leerling {} (vertrokken {}{}): {}, termijn verlopen {}", c.pupil_id,
                                       c.left_on.dutch(), c.referred_special ? ", verwezen naar SBO/SO" : "",
                                       domain::retention_step_label(c.due), c.next_on.dutch());
        ++result.due;
        if (c.held()) {
          ++result.held;
          out << line << " — vastgehouden (de reden staat in Koers)\n";
          continue;
        }
        if (!options.apply) {
          out << line << " — te verwijderen\n";
          continue;
        }
        try {
          auto done = repo.confirm(c.pupil_id, options.today, retention_job_principal(board));
          if (auto* d = std::get_if<RetentionDeletion>(&done)) {
            ++result.deleted;
            out << line << fmt::format(" — verwijderd: {} regels uit {} tabellen\n", d->rows, d->tables);
          } else {
            out << line << " — niet verwijderd: " << std::get<std::string>(done) << "\n";
          }
        } catch (const std::exception& e) {
          ++result.failed;
          out << line << " — MISLUKT, niets verwijderd: " << e.what() << "\n";
        }
      }
    }
  }
  out << fmt::format("Samen: {} te verwijderen, {} vastgehouden{}.\n", result.due, result.held,
                     options.apply ? fmt::format(", {} verwijderd, {} mislukt", result.deleted, result.failed) : "");
  return result;
}

}  // namespace koers::store
