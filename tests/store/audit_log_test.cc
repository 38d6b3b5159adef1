// The audit trail's store on SQLite and PostgreSQL: a view of a group is one line with its
// pupils, each pupil's trail finds it with one query, the chain shows an altered pupil list,
// and the trail filters on person, kind of action and period.
#include "store/audit_log.h"

#include <gtest/gtest.h>
#include <fmt/format.h>

#include <atomic>
#include <thread>

#include "common/clock.h"
#include "common/crypto.h"
#include "store/account_repository.h"
#include "store/school_repository.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;
using domain::Role;

class AuditLogStore : public testing::StoreTest {
 protected:
  Id board = 0, school = 0;
  domain::Principal ib, head;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    db->write([&](soci::session& sql) {
      SchoolRepository schools(*db);
      board = schools.create_board(sql, "Stichting Test");
      school = schools.create_school(sql, domain::School{0, board, "De Test", "99XX", "00", "Utrecht"});
    });
    domain::Principal admin;
    admin.username = "test";
    admin.role = Role::kBoardAdmin;
    admin.board_id = board;
    AccountRepository accounts(*db);
    auto made = [&](std::string user, Role role, std::string name) {
      auto id = accounts.create({user, "lang-genoeg-wachtwoord", role, name, board, school}, admin);
      domain::Principal p;
      if (auto* error = std::get_if<std::string>(&id)) ADD_FAILURE() << *error;
      else p.account_id = std::get<Id>(id);
      p.username = user;
      p.role = role;
      p.school_id = school;
      return p;
    };
    ib = made("m.visser", Role::kSupportCoordinator, "Marieke Visser");
    head = made("j.peters", Role::kHead, "Joost Peters");
  }

  long long rows(const std::string& table) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return n;
    });
  }
};

TEST_P(AuditLogStore, AViewOfAGroupIsOneLineInEachPupilsTrail) {
  AuditLog log(*db);
  const long long before = rows("audit_log");
  log.record({audit_view_entry(head, "groepsoverzicht 5/6", {12, 10, 11, 10})});
  EXPECT_EQ(rows("audit_log"), before + 1);
  EXPECT_EQ(rows("audit_set_pupils"), 3);
  // The same pupils again (the teacher opens the page again): a line, and no new set.
  log.record({audit_view_entry(head, "groepsoverzicht 5/6", {10, 11, 12})});
  EXPECT_EQ(rows("audit_log"), before + 2);
  EXPECT_EQ(rows("audit_pupil_sets"), 1);
  EXPECT_EQ(rows("audit_set_pupils"), 3);
  for (Id pupil : {10, 11, 12}) {
    auto trail = log.for_pupil(pupil);
    ASSERT_EQ(trail.size(), 2u) << pupil;
    EXPECT_EQ(trail[0].object, "groepsoverzicht 5/6");
    EXPECT_EQ(trail[0].pupil_ids, (std::vector<Id>{10, 11, 12}));
    EXPECT_EQ(trail[0].account_name, "Joost Peters");
    EXPECT_EQ(domain::audit_who(trail[0]), "Joost Peters (directeur)");
  }
  EXPECT_TRUE(log.for_pupil(13).empty());
  // A view of one pupil is that pupil's line, as before.
  log.record({audit_view_entry(head, "stamkaart", {10})});
  auto trail = log.for_pupil(10);
  ASSERT_EQ(trail.size(), 3u);
  EXPECT_EQ(trail[0].pupil_id, 10);
  EXPECT_TRUE(trail[0].pupil_ids.empty());
  EXPECT_EQ(log.verify(), std::nullopt);
}

// Views of many requests at once share transactions (group commit): every line is written,
// once, in one unbroken chain, and a line that cannot be written fails only its own request.
TEST_P(AuditLogStore, ViewsFromManyThreadsAtOnceAreEachWrittenOnceInOneChain) {
  AuditLog log(*db);
  const long long before = rows("audit_log");
  constexpr int kThreads = 6, kEach = 40;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          AuditLog(*db).record({audit_view_entry(head, fmt::format("stamkaart {}-{}", t, i), {100 + t})});
        } catch (...) {
          ++failed;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(rows("audit_log"), before + kThreads * kEach);
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(log.for_pupil(100 + t).size(), static_cast<size_t>(kEach)) << t;
  EXPECT_EQ(log.verify(), std::nullopt);
}

TEST_P(AuditLogStore, AFailingBatchedWriteFailsOnlyItsOwnCaller) {
  std::atomic<int> written{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        try {
          db->write_batched([&](soci::session& sql) {
            if (t == 0) sql << "INSERT INTO no_such_table VALUES (1)";
            AuditLog(*db).append(sql, audit_view_entry(head, "stamkaart", {200 + t}));
          });
          ++written;
        } catch (const std::exception&) {
          ++refused;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(refused.load(), 25);
  EXPECT_EQ(written.load(), 75);
  AuditLog log(*db);
  EXPECT_TRUE(log.for_pupil(200).empty());
  for (int t = 1; t < 4; ++t) EXPECT_EQ(log.for_pupil(200 + t).size(), 25u) << t;
  EXPECT_EQ(log.verify(), std::nullopt);
}

TEST_P(AuditLogStore, VerifyShowsAPupilTakenFromOrAddedToALine) {
  AuditLog log(*db);
  log.record({audit_view_entry(head, "groepsoverzicht 5/6", {10, 11, 12})});
  log.record({audit_view_entry(ib, "stamkaart", {11})});
  ASSERT_EQ(log.verify(), std::nullopt);
  const long long group_view = log.for_pupil(10).front().seq;
  const long long single_view = log.for_pupil(11).front().seq;

  long long set = 0;
  db->read([&](soci::session& sql) { sql << "SELECT pupil_set FROM audit_log WHERE seq = :s", soci::use(group_view), soci::into(set); });

  // Someone hides that pupil 11 was on the group page.
  db->write([&](soci::session& sql) {
    sql << "DELETE FROM audit_set_pupils WHERE set_id = :s AND pupil_id = 11", soci::use(set);
  });
  EXPECT_EQ(log.verify(), group_view);
  db->write([&](soci::session& sql) {
    sql << "INSERT INTO audit_set_pupils (set_id, pupil_id) VALUES (:s, 11)", soci::use(set);
  });
  EXPECT_EQ(log.verify(), std::nullopt);

  // Someone adds a pupil to the set (and so to every line that names it).
  db->write([&](soci::session& sql) {
    sql << "INSERT INTO audit_set_pupils (set_id, pupil_id) VALUES (:s, 13)", soci::use(set);
  });
  EXPECT_EQ(log.verify(), group_view);
  db->write([&](soci::session& sql) {
    sql << "DELETE FROM audit_set_pupils WHERE set_id = :s AND pupil_id = 13", soci::use(set);
  });
  ASSERT_EQ(log.verify(), std::nullopt);

  // Someone adds pupils to a line about another.
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET pupil_set = :s WHERE seq = :q", soci::use(set), soci::use(single_view);
  });
  EXPECT_EQ(log.verify(), single_view);
}

TEST_P(AuditLogStore, FiltersOnPersonKindAndPeriod) {
  AuditLog log(*db);
  log.record({audit_view_entry(head, "groepslijst 5/6", {10, 11})});
  log.record({audit_entry(head, domain::AuditAction::kUpdate, "aanpak Spelling", 10, "intensief")});
  log.record({audit_view_entry(ib, "stamkaart", {10})});

  AuditQuery q;
  q.pupil_id = 10;
  EXPECT_EQ(log.find(q).size(), 3u);

  q.account_id = head.account_id;
  auto by_teacher = log.find(q);
  ASSERT_EQ(by_teacher.size(), 2u);
  EXPECT_EQ(domain::audit_sentence(by_teacher[0]), "wijzigde de aanpak Spelling naar intensief");
  EXPECT_EQ(domain::audit_sentence(by_teacher[1]), "bekeek de groepslijst van groep 5/6");

  q.actions = domain::find_audit_kind("bekeken")->actions;
  auto views = log.find(q);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].object, "groepslijst 5/6");

  const domain::Date today = *domain::parse_iso_date(now_utc().substr(0, 10));
  AuditQuery period;
  period.pupil_id = 10;
  period.from = today;
  period.to = today;
  EXPECT_EQ(log.find(period).size(), 3u);
  period.from = domain::add_days(today, 1);
  period.to = std::nullopt;
  EXPECT_TRUE(log.find(period).empty());
  period.from = std::nullopt;
  period.to = domain::add_days(today, -1);
  EXPECT_TRUE(log.find(period).empty());

  auto people = log.people_of_pupil(10);
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].name, "Joost Peters");
  EXPECT_EQ(people[1].name, "Marieke Visser");
  EXPECT_EQ(log.people_of_pupil(11).size(), 1u);
}

// A database from before migration 0031 (lines with their pupils in audit_pupils, one row per
// pupil per line), with a newer migration beside it: 0031 still runs, and every pupil's trail
// and the chain are as they were.
TEST_P(AuditLogStore, TheSetsMigrationKeepsEveryTrailOfTheLinesBeforeIt) {
  AuditLog log(*db);
  log.record({audit_view_entry(head, "groepsoverzicht 5/6", {10, 11, 12})});
  log.record({audit_entry(head, domain::AuditAction::kView, "stamkaart", 10)});
  log.record({audit_view_entry(ib, "groepslijst 5/6", {11, 12})});
  ASSERT_EQ(log.verify(), std::nullopt);
  // Back to the form before 0031, with the pupils as 0013 stored them.
  db->write([&](soci::session& sql) {
    sql << "CREATE TABLE audit_pupils (entry_seq BIGINT NOT NULL REFERENCES audit_log (seq), pupil_id BIGINT NOT NULL, "
           "PRIMARY KEY (entry_seq, pupil_id))";
    sql << "INSERT INTO audit_pupils (entry_seq, pupil_id) SELECT seq, pupil_id FROM audit_log WHERE pupil_id IS NOT NULL";
    sql << "INSERT INTO audit_pupils (entry_seq, pupil_id) SELECT a.seq, s.pupil_id FROM audit_log a "
           "JOIN audit_set_pupils s ON s.set_id = a.pupil_set";
    sql << "DROP INDEX audit_log_pupil_set";
    sql << "ALTER TABLE audit_log DROP COLUMN pupil_set";
    sql << "DROP TABLE audit_set_pupils";
    sql << "DROP TABLE audit_pupil_sets";
    sql << "DELETE FROM schema_migrations WHERE version = 31";
    // A newer one, as a branch merged before this one leaves it.
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'newer', '2026-01-01')";
  });
  EXPECT_EQ(db->migrate(), 1);
  db->write([&](soci::session& sql) { sql << "DELETE FROM schema_migrations WHERE version = 9999"; });
  EXPECT_EQ(log.for_pupil(10).size(), 2u);
  EXPECT_EQ(log.for_pupil(11).size(), 2u);
  auto trail = log.for_pupil(12);
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].pupil_ids, (std::vector<Id>{11, 12}));
  EXPECT_EQ(trail[1].pupil_ids, (std::vector<Id>{10, 11, 12}));
  EXPECT_EQ(log.verify(), std::nullopt);
  // New lines of the same pupils make their sets anew, and the chain goes on.
  log.record({audit_view_entry(ib, "groepslijst 5/6", {11, 12})});
  EXPECT_EQ(log.for_pupil(12).size(), 3u);
  EXPECT_EQ(log.verify(), std::nullopt);
}

// The chain keyed with the secret outside the database (issue 17): the lines written before the
// key keep verifying; from the switch on, a line rewritten and rehashed as anyone with write
// access to the database could do no longer checks, nor does rehashing the old lines.
TEST_P(AuditLogStore, AKeyedChainCannotBeRewrittenWithoutTheKey) {
  AuditLog log(*db);
  log.record({audit_view_entry(head, "stamkaart", {10})});
  const long long legacy = log.head().seq;
  ASSERT_FALSE(log.head().keyed);
  db->set_audit_key(std::string(32, 'k'));
  log.record({audit_view_entry(ib, "stamkaart", {10}), audit_view_entry(ib, "groepslijst 5/6", {10, 11})});
  AuditCheck c = log.check();
  EXPECT_TRUE(c.ok()) << c.words();
  ASSERT_EQ(c.keyed_from, legacy + 1);
  EXPECT_EQ(c.lines, legacy + 3);
  EXPECT_TRUE(log.head().keyed);
  EXPECT_NE(c.words().find("klopt"), std::string::npos) << c.words();

  auto rewrite = [&](long long seq, const std::string& detail) {
    // What the database's owner could do before: change a line and recompute its SHA-256.
    auto e = db->read([&](soci::session& sql) {
      domain::AuditEntry x;
      x.seq = seq;
      soci::indicator acc, school, pupil;
      sql << "SELECT at, account_id, username, role, on_behalf_of, school_id, pupil_id, action, object, prev_hash "
             "FROM audit_log WHERE seq = :s",
          soci::use(seq), soci::into(x.at), soci::into(x.account_id, acc), soci::into(x.username), soci::into(x.role),
          soci::into(x.on_behalf_of), soci::into(x.school_id, school), soci::into(x.pupil_id, pupil),
          soci::into(x.action), soci::into(x.object), soci::into(x.prev_hash);
      if (acc != soci::i_ok) x.account_id = 0;
      if (school != soci::i_ok) x.school_id = 0;
      if (pupil != soci::i_ok) x.pupil_id = 0;
      return x;
    });
    e.detail = detail;
    const std::string hash = sha256_hex(domain::audit_hash_input(e));
    db->write([&](soci::session& sql) {
      sql << "UPDATE audit_log SET detail = :d, hash = :h WHERE seq = :s", soci::use(detail), soci::use(hash),
          soci::use(seq);
      sql << "UPDATE audit_log SET prev_hash = :h WHERE seq = :s", soci::use(hash), soci::use(seq + 1);
    });
  };
  // A keyed line rewritten: it shows at that line.
  rewrite(legacy + 2, "ander detail");
  EXPECT_EQ(log.check().broken_at, legacy + 2);
  EXPECT_EQ(log.verify(), legacy + 2);
  EXPECT_NE(log.check().words().find(fmt::format("vanaf regel {}", legacy + 2)), std::string::npos);
}

TEST_P(AuditLogStore, RehashingTheLinesBeforeTheKeyShowsAtTheSwitch) {
  AuditLog log(*db);
  log.record({audit_view_entry(head, "stamkaart", {10})});
  const long long legacy = log.head().seq;
  db->set_audit_key(std::string(32, 'k'));
  log.record({audit_view_entry(ib, "stamkaart", {10})});
  ASSERT_EQ(log.verify(), std::nullopt);
  // Rewrite the last line before the key, rehash it and link the next line to it, as the
  // database's owner could before: the switch line's HMAC covers the link, so it shows there.
  AuditQuery all;
  all.limit = 1000;
  domain::AuditEntry old;
  for (const auto& e : log.find(all))
    if (e.seq == legacy) old = e;
  ASSERT_EQ(old.seq, legacy);
  const std::string original_hash = old.hash;
  old.object = "iets anders";
  const std::string rehashed = sha256_hex(domain::audit_hash_input(old));
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET object = 'iets anders', hash = :h WHERE seq = :s", soci::use(rehashed),
        soci::use(legacy);
    sql << "UPDATE audit_log SET prev_hash = :h WHERE seq = :s", soci::use(rehashed), soci::use(legacy + 1);
  });
  EXPECT_EQ(log.check().broken_at, legacy + 1);
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET object = 'stamkaart', hash = :h WHERE seq = :s", soci::use(original_hash),
        soci::use(legacy);
    sql << "UPDATE audit_log SET prev_hash = :h WHERE seq = :s", soci::use(original_hash), soci::use(legacy + 1);
  });
  ASSERT_EQ(log.verify(), std::nullopt);
  // Moving the switch (to make keyed lines count as old ones) shows too.
  db->write([&](soci::session& sql) { sql << "UPDATE audit_head SET keyed_from = NULL WHERE id = 1"; });
  EXPECT_EQ(log.check().broken_at, legacy + 1);
}

TEST_P(AuditLogStore, AKeyedChainTakesNoLineFromAProcessWithoutTheKey) {
  db->set_audit_key(std::string(32, 'k'));
  AuditLog(*db).record({audit_view_entry(ib, "stamkaart", {10})});
  db->set_audit_key("");
  AuditLog log(*db);
  EXPECT_THROW(log.record({audit_view_entry(ib, "stamkaart", {10})}), AuditKeyMissing);
  AuditCheck c = log.check();
  EXPECT_FALSE(c.ok());
  EXPECT_FALSE(c.broken_at.has_value());
  EXPECT_NE(c.words().find("sleutel ontbreekt"), std::string::npos) << c.words();
  // The wrong key: every keyed line fails, from the switch on.
  db->set_audit_key(std::string(32, 'x'));
  EXPECT_TRUE(log.check().broken_at.has_value());
}

// After the retention period the pupil is forgotten: no audit table holds their id or name,
// the lines stay with who, role, when and what kind, and the chain still verifies.
TEST_P(AuditLogStore, AForgottenPupilLeavesNoTraceButTheChainStillChecks) {
  db->set_audit_key(std::string(32, 'k'));
  const Id pupil = db->write([&](soci::session& sql) {
    sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname_prefix, surname, updated_at) "
           "VALUES (:s, 'L-VERGEET', 'Roos', 'van der', 'Vergeetmij', '2020-01-01')",
        soci::use(school);
    Id id = 0;
    sql << "SELECT id FROM pupils WHERE edex_key = 'L-VERGEET'", soci::into(id);
    return id;
  });
  const Id other = pupil + 1000, third = pupil + 1001;
  AuditLog log(*db);
  log.record({audit_view_entry(ib, "stamkaart", {pupil})});
  log.record({audit_entry(ib, domain::AuditAction::kUpdate, "aanpak Spelling", pupil, "intensief")});
  log.record({audit_view_entry(head, "groepsoverzicht 5/6", {pupil, other, third})});
  log.record({audit_view_entry(head, "groepslijst 5/6", {pupil, other})});
  log.record({audit_entry(ib, domain::AuditAction::kCreate, "account ouder", 0, "ouder van Roos van der Vergeetmij")});
  log.record({audit_view_entry(ib, "stamkaart", {other})});
  const long long lines_before = rows("audit_log");
  ASSERT_EQ(log.verify(), std::nullopt);

  const long long changed = db->write([&](soci::session& sql) { return log.forget_pupil(sql, pupil); });
  EXPECT_EQ(changed, 5);
  EXPECT_EQ(rows("audit_log"), lines_before);  // the lines stay
  AuditCheck c = log.check();
  EXPECT_TRUE(c.ok()) << c.words();
  EXPECT_EQ(c.forgotten, 5);

  // A search of the three audit tables for the pupil's id and name finds nothing.
  auto count = [&](const std::string& query) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  };
  const std::string id = std::to_string(pupil);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE pupil_id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_set_pupils WHERE pupil_id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object LIKE '%Vergeetmij%' OR detail LIKE '%Vergeetmij%' "
                  "OR username LIKE '%Vergeetmij%'"),
            0);
  // No set left whose key is a list holding the pupil (every set key is the hash of a list now stored).
  for (const std::string& key : db->read([&](soci::session& sql) {
         std::vector<std::string> keys(100);
         sql << "SELECT set_key FROM audit_pupil_sets WHERE set_key IS NOT NULL", soci::into(keys);
         return keys;
       }))
    for (const std::string& list : {fmt::format("{},{},{}", pupil, other, third), fmt::format("{},{}", pupil, other)})
      EXPECT_NE(key, sha256_hex(list));
  EXPECT_TRUE(log.for_pupil(pupil).empty());

  // The other pupils' trails keep the group views, without the forgotten one.
  auto trail = log.for_pupil(other);
  ASSERT_EQ(trail.size(), 3u);
  EXPECT_EQ(trail[0].object, "stamkaart");
  EXPECT_EQ(trail[1].pupil_id, other);  // the list of two became a line of one
  EXPECT_EQ(trail[1].object, "groepslijst 5/6");
  EXPECT_EQ(trail[2].pupil_ids, (std::vector<Id>{other, third}));
  EXPECT_FALSE(trail[2].forgotten);
  // The pupil's own lines: who, role, when and what kind stay; the content is gone.
  AuditQuery q;
  q.account_id = ib.account_id;
  q.actions = {"update"};
  auto updates = log.find(q);
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_TRUE(updates[0].forgotten);
  EXPECT_EQ(updates[0].object, "");
  EXPECT_EQ(updates[0].detail, "");
  EXPECT_EQ(updates[0].username, "m.visser");
  EXPECT_EQ(updates[0].role, "ib");

  // Altering a forgotten line still breaks the chain, and so does taking its seal away.
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET username = 'iemand' WHERE seq = :s", soci::use(updates[0].seq);
  });
  EXPECT_EQ(log.verify(), updates[0].seq);
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET username = 'm.visser' WHERE seq = :s", soci::use(updates[0].seq);
  });
  ASSERT_EQ(log.verify(), std::nullopt);
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET forgotten_seal = NULL WHERE seq = :s", soci::use(updates[0].seq);
  });
  EXPECT_EQ(log.verify(), updates[0].seq);
  db->write([&](soci::session& sql) {
    sql << "UPDATE audit_log SET forgotten_seal = 'x', detail = 'intensief' WHERE seq = :s",
        soci::use(updates[0].seq);
  });
  EXPECT_EQ(log.verify(), updates[0].seq);
}

KOERS_STORE_TEST_SUITE(AuditLogStore);

}  // namespace
}  // namespace koers::store
