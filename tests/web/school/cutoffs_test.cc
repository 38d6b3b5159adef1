// Normeringsgrenzen over HTTP: the IB saves the school's cut-offs and reads them back, a bad
// line is refused with its line number and stores nothing, a teacher and a stranger get in
// nowhere. Its own demo database and server (on PostgreSQL beside the shared one when
// KOERS_HTTP_ON_PG=1), so these tests do not disturb the authorisation tests' world.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "../http_support.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

const char* kPage = "/signalering/normering";

constexpr char kSuite[] = "cutoffs";

class Cutoffs : public OwnServerSuite<kSuite> {
 protected:
  // The textarea's content as the page shows it.
  static std::string textarea(const std::string& page) {
    size_t open = page.find("name=\"cutoffs\"");
    size_t start = page.find('>', open) + 1, end = page.find("</textarea>", start);
    return open == std::string::npos ? "<geen textarea>" : page.substr(start, end - start);
  }
  static long long stored_rows() {
    auto d = store::Database::open(db, 1);
    return d->read([](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM level_cutoffs", soci::into(n);
      return n;
    });
  }

};

const std::string kGood =
    "# van de toetsmaker\r\n"
    "Rekenen-Wiskunde;M5;38;45,5;51;58\r\n"
    "Spelling;e6;120.25;128;133,5;140\r\n";

TEST_F(Cutoffs, TheIbSavesThemAndEveryoneAllowedReadsThemBack) {
  Browser ib = signed_in("ib");
  HttpResult empty = ib.get(kPage);
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Normeringsgrenzen"), std::string::npos);
  EXPECT_NE(empty.body.find("Koers verzint geen normen"), std::string::npos);

  HttpResult saved = ib.post_form(kPage, {{"cutoffs", kGood}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), std::string(kPage) + "?opgeslagen=1");
  HttpResult page = ib.get(std::string(kPage) + "?opgeslagen=1");
  EXPECT_NE(page.body.find("De normeringsgrenzen zijn opgeslagen."), std::string::npos);
  const std::string stored = "Rekenen-Wiskunde;M5;38;45,5;51;58\nSpelling;E6;120,25;128;133,5;140\n";
  EXPECT_EQ(textarea(page.body), stored) << "in the school's own format, comment dropped";

  EXPECT_EQ(textarea(signed_in("directeur").get(kPage).body), stored) << "the head reads them too";
  EXPECT_EQ(textarea(signed_in("ib-regenboog").get(kPage).body), "") << "another school has its own (none)";

  ASSERT_EQ(ib.post_form(kPage, {{"cutoffs", ""}}).status, 303);
  EXPECT_EQ(textarea(ib.get(kPage).body), "") << "an empty list removes them";
}

TEST_F(Cutoffs, ABadLineIsShownWithItsNumberAndNothingIsStored) {
  Browser ib = signed_in("ib");
  ASSERT_EQ(ib.post_form(kPage, {{"cutoffs", kGood}}).status, 303);
  long long before = stored_rows();
  EXPECT_EQ(before, 2);

  std::string bad =
      "Rekenen-Wiskunde;M5;38;45,5;51;58\n"
      "\n"
      "Spelling;M5;38;4x;51;58\n"
      "Spelling;E5;38;51;45;58\n"
      "Begrijpend lezen;M6;1;2;3;4\n";
  HttpResult refused = ib.post_form(kPage, {{"cutoffs", bad}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Er is niets opgeslagen"), std::string::npos);
  EXPECT_NE(refused.body.find("regel 3: grens III &quot;4x&quot; is geen getal"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("regel 4: Spelling E5: de grens van II (45) moet hoger zijn dan die van III (51)."),
            std::string::npos);
  EXPECT_EQ(textarea(refused.body), bad) << "the text stays as typed, to be corrected";
  EXPECT_EQ(stored_rows(), before);
  EXPECT_EQ(textarea(ib.get(kPage).body),
            "Rekenen-Wiskunde;M5;38;45,5;51;58\nSpelling;E6;120,25;128;133,5;140\n");
}

TEST_F(Cutoffs, ATeacherAndAStrangerGetNowhere) {
  Browser teacher = signed_in("leerkracht");
  EXPECT_EQ(teacher.get(kPage).status, 403);
  long long before = stored_rows();
  EXPECT_EQ(teacher.post_form(kPage, {{"cutoffs", "Spelling;M5;1;2;3;4\n"}}).status, 403);
  EXPECT_EQ(stored_rows(), before);

  Browser anon(server->port());
  HttpResult get = anon.get(kPage);
  EXPECT_EQ(get.status, 303);
  EXPECT_EQ(get.header("location"), std::string("/inloggen?terug=") + kPage);
  HttpResult post = anon.post_form(kPage, {{"cutoffs", "Spelling;M5;1;2;3;4\n"}}, false);
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(post.header("location"), "/inloggen");
  EXPECT_EQ(stored_rows(), before);
}

}  // namespace
}  // namespace koers::web::testing
