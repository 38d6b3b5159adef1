#include "store/result_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/clock.h"
#include "store/audit_log.h"

namespace koers::store {

using domain::Id;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct PupilIndex {
  std::map<std::string, Id> by_key;
  std::map<std::string, std::vector<Id>> by_name_birth;  // "surname|prefix|yyyy-mm-dd"
  static std::string name_key(const std::string& surname, const std::string& prefix, const std::string& birth) {
    return lower(surname) + "|" + lower(prefix) + "|" + birth;
  }
};

PupilIndex load_pupils(soci::session& sql, Id school_id) {
  PupilIndex index;
  Id id = 0;
  std::string key, surname, prefix, birth;
  soci::indicator birth_ind;
  soci::statement st = (sql.prepare << "SELECT id, edex_key, surname, surname_prefix, birth_date FROM pupils "
                                       "WHERE school_id = :s",
                        soci::use(school_id), soci::into(id), soci::into(key), soci::into(surname),
                        soci::into(prefix), soci::into(birth, birth_ind));
  st.execute();
  while (st.fetch()) {
    index.by_key[key] = id;
    if (birth_ind == soci::i_ok) index.by_name_birth[PupilIndex::name_key(surname, prefix, birth)].push_back(id);
  }
  return index;
}

// A nullable number bound to a statement.
struct NumberParam {
  double value = 0;
  soci::indicator ind = soci::i_null;
  void set(const std::optional<double>& v) {
    value = v.value_or(0);
    ind = v ? soci::i_ok : soci::i_null;
  }
};

bool same(const std::optional<double>& a, double stored, soci::indicator ind) {
  if (!a) return ind != soci::i_ok;
  return ind == soci::i_ok && std::fabs(*a - stored) < 1e-9;
}

}  // namespace

std::string ResultsImportSummary::text() const {
  if (!errors.empty())
    return fmt::format("{} regel(s) met fouten; er is niets opgeslagen.", errors.size());
  return fmt::format("{} resultaten nieuw, {} bijgewerkt, {} ongewijzigd, van {} leerlingen.", created, updated,
                     unchanged, pupils);
}

ResultsImportSummary ResultRepository::import_results(Id school_id, const io::ParsedResults& parsed,
                                                      const std::string& source, const domain::Principal& who,
                                                      const std::vector<Id>* may_write) {
  ResultsImportSummary summary;
  summary.errors = parsed.errors;
  if (!summary.errors.empty()) return summary;

  struct Matched {
    Id pupil;
    const io::ResultRow* row;
  };
  std::vector<Matched> matched;
  db_.read([&](soci::session& sql) {
    PupilIndex index = load_pupils(sql, school_id);
    for (const auto& row : parsed.rows) {
      if (!row.pupil_key.empty()) {
        auto it = index.by_key.find(row.pupil_key);
        if (it != index.by_key.end()) {
          matched.push_back({it->second, &row});
          continue;
        }
        if (row.surname.empty() || !row.birth_date) {
          summary.errors.push_back({row.line, fmt::format("onbekende leerling: leerlingnummer {}", row.pupil_key)});
          continue;
        }
      }
      auto candidates = index.by_name_birth[PupilIndex::name_key(row.surname, row.prefix, row.birth_date->iso())];
      if (candidates.size() == 1) {
        matched.push_back({candidates[0], &row});
      } else {
        std::string who_text = fmt::format("{}{}{} ({})", row.given_name.empty() ? "" : row.given_name + " ",
                                           row.prefix.empty() ? "" : row.prefix + " ", row.surname,
                                           row.birth_date->dutch());
        summary.errors.push_back(
            {row.line, candidates.empty()
                           ? fmt::format("onbekende leerling: {}", who_text)
                           : fmt::format("{} leerlingen heten {}: vul het leerlingnummer in", candidates.size(), who_text)});
      }
    }
  });
  if (may_write)
    for (const Matched& m : matched)
      if (std::find(may_write->begin(), may_write->end(), m.pupil) == may_write->end())
        summary.errors.push_back({m.row->line, "deze leerling zit niet in uw groep"});
  if (!summary.errors.empty()) return summary;

  db_.write([&](soci::session& sql) {
    const std::string now = now_utc();
    std::vector<domain::AuditEntry> audit;
    std::set<Id> pupils;
    Id pupil = 0, existing_id = 0;
    std::string subject, moment, taken, level, stored_taken, stored_level;
    int position = 0;
    NumberParam score, percentile, dle;
    soci::indicator taken_ind = soci::i_null;
    double s_score = 0, s_pct = 0, s_dle = 0;
    soci::indicator s_score_ind, s_pct_ind, s_dle_ind, s_taken_ind;
    soci::statement find =
        (sql.prepare << "SELECT id, ability_score, level, percentile, dle, taken_on FROM test_results WHERE "
                        "pupil_id = :p AND subject = :s AND moment = :m",
         soci::use(pupil), soci::use(subject), soci::use(moment), soci::into(existing_id),
         soci::into(s_score, s_score_ind), soci::into(stored_level), soci::into(s_pct, s_pct_ind),
         soci::into(s_dle, s_dle_ind), soci::into(stored_taken, s_taken_ind));
    soci::statement insert =
        (sql.prepare << "INSERT INTO test_results (pupil_id, subject, moment, moment_position, taken_on, "
                        "ability_score, level, percentile, dle, source, entered_by, entered_at) VALUES (:p, :s, "
                        ":m, :pos, :t, :a, :l, :pc, :d, :src, :by, :at)",
         soci::use(pupil), soci::use(subject), soci::use(moment), soci::use(position), soci::use(taken, taken_ind),
         soci::use(score.value, score.ind), soci::use(level), soci::use(percentile.value, percentile.ind),
         soci::use(dle.value, dle.ind), soci::use(source), soci::use(who.username), soci::use(now));
    soci::statement update =
        (sql.prepare << "UPDATE test_results SET taken_on = :t, ability_score = :a, level = :l, percentile = :pc, "
                        "dle = :d, source = :src, entered_by = :by, entered_at = :at WHERE id = :id",
         soci::use(taken, taken_ind), soci::use(score.value, score.ind), soci::use(level),
         soci::use(percentile.value, percentile.ind), soci::use(dle.value, dle.ind), soci::use(source),
         soci::use(who.username), soci::use(now), soci::use(existing_id));
    for (const Matched& m : matched) {
      const io::ResultRow& r = *m.row;
      pupil = m.pupil;
      subject = r.subject;
      moment = r.moment.label();
      position = r.moment.position();
      taken = r.taken_on ? r.taken_on->iso() : "";
      taken_ind = r.taken_on ? soci::i_ok : soci::i_null;
      level = r.level ? r.level->label() : "";
      score.set(r.ability_score);
      percentile.set(r.percentile);
      dle.set(r.dle);
      pupils.insert(pupil);
      existing_id = 0;
      find.execute(true);
      std::string what = fmt::format("{} {}", subject, moment);
      if (!find.got_data()) {
        insert.execute(true);
        ++summary.created;
        audit.push_back(audit_entry(who, domain::AuditAction::kImport, "toetsresultaat", pupil, what + " uit " + source));
      } else if (same(r.ability_score, s_score, s_score_ind) && stored_level == level &&
                 same(r.percentile, s_pct, s_pct_ind) && same(r.dle, s_dle, s_dle_ind) &&
                 (s_taken_ind == soci::i_ok ? stored_taken : "") == taken) {
        ++summary.unchanged;
      } else {
        update.execute(true);
        ++summary.updated;
        audit.push_back(audit_entry(who, domain::AuditAction::kUpdate, "toetsresultaat", pupil,
                                    what + " bijgewerkt uit " + source));
      }
    }
    summary.pupils = static_cast<int>(pupils.size());
    for (auto& e : audit) e.school_id = school_id;
    AuditLog(db_).append(sql, std::move(audit));
  });
  return summary;
}

std::vector<domain::StandardisedResult> ResultRepository::results_of_pupil(Id pupil_id) {
  return db_.read([&](soci::session& sql) {
    std::vector<domain::StandardisedResult> out;
    std::string subject, moment, level;
    double score = 0, dle = 0;
    soci::indicator score_ind, dle_ind;
    soci::statement st = (sql.prepare << "SELECT subject, moment, ability_score, level, dle FROM test_results "
                                         "WHERE pupil_id = :p ORDER BY moment_position, subject",
                          soci::use(pupil_id), soci::into(subject), soci::into(moment),
                          soci::into(score, score_ind), soci::into(level), soci::into(dle, dle_ind));
    st.execute();
    while (st.fetch()) {
      domain::StandardisedResult r;
      r.subject = subject;
      r.moment = domain::parse_test_moment(moment).value_or(domain::TestMoment{});
      if (score_ind == soci::i_ok) r.ability_score = score;
      if (!level.empty()) r.level = domain::parse_level(level);
      if (dle_ind == soci::i_ok) r.dle = dle;
      out.push_back(r);
    }
    return out;
  });
}

long long ResultRepository::count() {
  return db_.read([](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM test_results", soci::into(n);
    return n;
  });
}

}  // namespace koers::store
