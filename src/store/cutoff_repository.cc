#include "store/cutoff_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "store/audit_log.h"

namespace koers::store {

using domain::Id;
using domain::LevelCutoffs;

namespace {

// "38;45.5;51;58": point decimals and the shortest exact form, whatever the locale.
std::string boundaries_text(const LevelCutoffs& c) {
  const auto& b = c.lower_bounds;
  return fmt::format("{};{};{};{}", b[0], b[1], b[2], b[3]);
}

std::optional<std::array<double, 4>> parse_boundaries(const std::string& text) {
  std::array<double, 4> out{};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (size_t i = 0; i < 4; ++i) {
    auto [next, ec] = std::from_chars(p, end, out[i]);
    if (ec != std::errc() || (i < 3 ? next == end || *next != ';' : next != end)) return std::nullopt;
    p = next + 1;
  }
  return out;
}

}  // namespace

std::vector<LevelCutoffs> CutoffRepository::cutoffs(Id school_id) {
  return db_.read([&](soci::session& sql) { return cutoffs(sql, school_id); });
}

std::vector<LevelCutoffs> CutoffRepository::cutoffs(soci::session& sql, Id school_id) {
  std::vector<LevelCutoffs> out;
  db_.each_typed<std::string, std::string, std::string>(
      sql, "SELECT subject, moment, boundaries FROM level_cutoffs WHERE school_id = :s",
      [&](auto& r) {
        auto& [subject, moment, boundaries] = r;
        auto m = domain::parse_test_moment(moment);
        auto b = parse_boundaries(boundaries);
        // Rows are validated on the way in; one that is not readable is left out, not guessed at.
        if (m && b) out.push_back({subject, *m, *b});
      },
      school_id);
  // By test, then in career order (SQL would sort "E5" before "M4").
  std::sort(out.begin(), out.end(), [](const LevelCutoffs& a, const LevelCutoffs& b) {
    return a.subject != b.subject ? a.subject < b.subject : a.moment.position() < b.moment.position();
  });
  return out;
}

std::optional<std::string> CutoffRepository::replace_all(Id school_id, const std::vector<LevelCutoffs>& all,
                                                         const domain::Principal& who) {
  if (auto error = domain::validate_cutoff_set(all)) return error;
  db_.write([&](soci::session& sql) {
    sql << "DELETE FROM level_cutoffs WHERE school_id = :s", soci::use(school_id);
    for (const auto& c : all) {
      std::string moment = c.moment.label(), boundaries = boundaries_text(c);
      sql << "INSERT INTO level_cutoffs (school_id, subject, moment, boundaries) VALUES (:s, :t, :m, :b)",
          soci::use(school_id), soci::use(c.subject), soci::use(moment), soci::use(boundaries);
    }
    auto line = audit_entry(who, domain::AuditAction::kUpdate, "normeringsgrenzen", 0,
                            fmt::format("{} toetsmomenten\n{}", all.size(), domain::cutoffs_text(all)));
    line.school_id = school_id;
    AuditLog(db_).append(sql, line);
  });
  return std::nullopt;
}

}  // namespace koers::store
