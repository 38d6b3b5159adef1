// The EDEXML import over HTTP as a board administrator meets it with broken or partial
// files: a file in ISO-8859-1 reads the same names as in UTF-8, a file declared UTF-8 but
// holding Latin-1 is refused with its line and stores nothing, and a partial file asks who
// would leave (the Beheer page with a confirm button, the API with 409 and
// confirm_leavers=true) before anybody is marked as left.
#include <gtest/gtest.h>

#include <regex>

#include "../http_support.h"
#include "store/database.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "edexml";

class EdexmlImportOverHttp : public OwnServerSuite<kSuite> {
 protected:
  // valid_2_1.xml as the school with this BRIN code.
  static std::string file_of(const std::string& brin) {
    std::string xml = read_file(std::string(KOERS_TEST_DATA) + "/edexml/valid_2_1.xml");
    return std::regex_replace(xml, std::regex("<brincode>99XX</brincode>"), "<brincode>" + brin + "</brincode>");
  }
  // The file without these pupils (whole <leerling> blocks), with a later peildatum.
  static std::string without(std::string xml, const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
      size_t from = xml.find("    <leerling key=\"" + key + "\"");
      size_t to = xml.find("</leerling>\n", from) + 12;
      xml.erase(from, to - from);
    }
    return std::regex_replace(xml, std::regex("<peildatum>2026-10-01</peildatum>"), "<peildatum>2026-11-02</peildatum>");
  }
  static HttpResult post_api(Browser& b, const std::string& xml, const std::string& query) {
    return b.request("POST", "/api/v1/imports/edexml" + query, xml, "application/xml", {{"X-CSRF-Token", b.csrf()}});
  }
  static HttpResult post_page(Browser& b, const std::map<std::string, std::string>& fields, const std::string* file) {
    const std::string boundary = "----koers-edexml-boundary";
    std::string body;
    for (const auto& [k, v] : fields)
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    if (file)
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leerlingen.xml\"\r\n"
              "Content-Type: text/xml\r\n\r\n" + *file + "\r\n";
    body += "--" + boundary + "--\r\n";
    return b.request("POST", "/beheer/import", body, "multipart/form-data; boundary=" + boundary,
                     {{"X-CSRF-Token", b.csrf()}});
  }
  // Pupils of the school with this BRIN code: name → left_on ("" when still there).
  static std::map<std::string, std::string> pupils_of(const std::string& brin) {
    auto database = store::Database::open(db, 1);
    std::map<std::string, std::string> out;
    database->read([&](soci::session& sql) {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT p.given_name, p.surname, p.left_on FROM pupils p "
                                                     "JOIN schools s ON s.id = p.school_id WHERE s.brin = :b",
                                      soci::use(brin));
      for (const auto& r : rows)
        out[r.get<std::string>(0) + " " + r.get<std::string>(1)] =
            r.get_indicator(2) == soci::i_ok ? r.get<std::string>(2) : "";
    });
    return out;
  }
  static long long count(const std::string& table) {
    auto database = store::Database::open(db, 1);
    long long n = 0;
    database->read([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM " + table, soci::into(n); });
    return n;
  }
};

TEST_F(EdexmlImportOverHttp, ALatin1FileReadsTheSameNamesAndAUtf8FileHoldingLatin1IsRefused) {
  Browser admin = signed_in("beheer");
  std::string utf8 = file_of("97ZZ");
  ASSERT_EQ(post_api(admin, utf8, "?create_school=1").status, 200);
  ASSERT_EQ(pupils_of("97ZZ").count("Elif Öztürk"), 1u);

  // The same file in ISO-8859-1, as older exports write it: nothing changes.
  std::string latin1 = std::regex_replace(utf8, std::regex("encoding=\"UTF-8\""), "encoding=\"ISO-8859-1\"");
  latin1 = std::regex_replace(latin1, std::regex("Öztürk"), "\xD6zt\xFCrk");
  HttpResult same = post_api(admin, latin1, "");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json()["pupils_unchanged"], 6);

  // Declared UTF-8 but holding Latin-1 bytes: refused with the line, the name stays as it was.
  std::string wrong = std::regex_replace(latin1, std::regex("encoding=\"ISO-8859-1\""), "encoding=\"UTF-8\"");
  const long long audit_before = count("audit_log");
  HttpResult refused = post_api(admin, wrong, "");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["line"], 87);
  EXPECT_EQ(refused.json()["element"], "achternaam");
  EXPECT_EQ(pupils_of("97ZZ").count("Elif Öztürk"), 1u);
  EXPECT_EQ(count("audit_log"), audit_before);

  // An encoding Koers does not decode is named.
  std::string ebcdic = std::regex_replace(utf8, std::regex("encoding=\"UTF-8\""), "encoding=\"IBM037\"");
  HttpResult unknown = post_api(admin, ebcdic, "");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.json()["message"].get<std::string>().find("IBM037"), std::string::npos);
}

TEST_F(EdexmlImportOverHttp, TheApiNeedsConfirmLeaversForAFileThatWouldEmptyTheSchool) {
  Browser admin = signed_in("beheer");
  ASSERT_EQ(post_api(admin, file_of("96YY"), "?create_school=1").status, 200);
  const long long imports = count("imports");

  std::string partial = without(file_of("96YY"), {"L4", "L5", "L6"});
  HttpResult asked = post_api(admin, partial, "");
  ASSERT_EQ(asked.status, 409) << asked.body;
  EXPECT_EQ(asked.json()["confirmation_needed"], true);
  EXPECT_EQ(asked.json()["pupils_current"], 6);
  std::vector<std::string> names;
  const json answer = asked.json();
  for (const auto& p : answer["would_leave"]) names.push_back(p["name"].get<std::string>() + " / " + p["groups"].get<std::string>());
  EXPECT_EQ(names, (std::vector<std::string>{"Sem de Vries / 5/6", "Noor Bakker / 8", "Elif Öztürk / 8, Plusklas"}));
  EXPECT_NE(asked.json()["error"].get<std::string>().find("confirm_leavers=true"), std::string::npos);
  EXPECT_EQ(count("imports"), imports) << "nothing stored";
  EXPECT_EQ(pupils_of("96YY")["Noor Bakker"], "");

  // An empty pupil list likewise.
  std::string empty = without(file_of("96YY"), {"L1", "L2", "L3", "L4", "L5", "L6"});
  EXPECT_EQ(post_api(admin, empty, "").status, 409);

  HttpResult confirmed = post_api(admin, partial, "?confirm_leavers=true");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["pupils_left"], 3);
  EXPECT_EQ(pupils_of("96YY")["Noor Bakker"], "2026-11-02");
  EXPECT_EQ(pupils_of("96YY")["Daan Jansen"], "") << "who is in the file stays";
}

TEST_F(EdexmlImportOverHttp, TheBeheerPageShowsWhoWouldLeaveAndImportsOnlyWhenConfirmed) {
  Browser admin = signed_in("beheer");
  std::string full = file_of("95XW");
  ASSERT_EQ(post_page(admin, {{"create_school", "1"}, {"school_name", "De Partiële"}}, &full).status, 200);

  std::string partial = without(full, {"L1", "L4", "L5"});
  HttpResult asked = post_page(admin, {}, &partial);
  ASSERT_EQ(asked.status, 409) << asked.body;
  EXPECT_NE(asked.body.find("zouden 3 van de 6 leerlingen van De Partiële uitstromen"), std::string::npos) << asked.body;
  for (const char* row : {"<td>Sem de Vries</td><td>5/6</td>", "<td>Noor Bakker</td><td>8</td>"})
    EXPECT_NE(asked.body.find(row), std::string::npos) << row;
  EXPECT_NE(asked.body.find("Toch importeren: deze 3 leerlingen zijn vertrokken"), std::string::npos);
  EXPECT_EQ(pupils_of("95XW")["Sem de Vries"], "") << "not yet marked as left";

  // The confirm button posts the same bytes back with confirm_leavers.
  std::smatch data;
  ASSERT_TRUE(std::regex_search(asked.body, data, std::regex("name=\"file_data\" value=\"([^\"]*)\"")));
  HttpResult done = post_page(admin, {{"file_data", data[1]}, {"file_name", "leerlingen.xml"}, {"confirm_leavers", "1"}},
                              nullptr);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("3 uitgestroomd"), std::string::npos);
  EXPECT_EQ(pupils_of("95XW")["Sem de Vries"], "2026-11-02");
  EXPECT_EQ(pupils_of("95XW")["Emma van der Berg"], "");

  EXPECT_EQ(post_page(admin, {{"file_data", "niet base64!"}, {"confirm_leavers", "1"}}, nullptr).status, 400);
}

TEST_F(EdexmlImportOverHttp, OnlyABoardAdministratorGetsTheQuestion) {
  Browser ib = signed_in("ib");
  std::string partial = without(file_of("94AB"), {"L4", "L5", "L6"});
  EXPECT_EQ(post_api(ib, partial, "?create_school=1&confirm_leavers=true").status, 403);
  EXPECT_EQ(post_page(ib, {{"file_data", "PEVERVg+"}, {"confirm_leavers", "1"}}, nullptr).status, 403);
  EXPECT_TRUE(pupils_of("94AB").empty());
}

}  // namespace
}  // namespace koers::web::testing
