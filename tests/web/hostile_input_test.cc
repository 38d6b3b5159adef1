// Hostile and broken input at the edge (issue 13): every text has a maximum length checked
// on forms, the JSON API and the results CSV; malformed JSON to every mutating route of the
// route tables is a 400 (API) or 415 (a page's form route), never a 500; a JSON field of the
// wrong type is a 400 naming it; results dated in the future are refused; a file with
// 200,000 bad lines lists 200 of them and counts the rest; what a user may not see answers
// exactly as what does not exist; a teacher's import tells only about their own pupils.
#include <gtest/gtest.h>

#include <set>

#include "common/clock.h"
#include "domain/date.h"
#include "http_support.h"
#include "store/database.h"
#include "web/app.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "hostile";

class HostileInput : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult upload(Browser& b, const std::string& path, const std::string& csv,
                           const std::map<std::string, std::string>& extra = {}) {
    const std::string boundary = "----koers-hostile";
    std::string body;
    for (const auto& [k, v] : extra)
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\nkoers\r\n--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"resultaten.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
    return b.request("POST", path, body, "multipart/form-data; boundary=" + boundary, {{"X-CSRF-Token", b.csrf()}});
  }
  static HttpResult post_json(Browser& b, const std::string& method, const std::string& path, const std::string& body) {
    return b.request(method, path, body, "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static long long first_group(Browser& b) { return b.get("/api/v1/groups").json().at(0)["id"]; }
  static long long first_pupil(Browser& b, long long group) {
    return b.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(0)["id"];
  }
  static std::string edex_key(long long pupil) {
    auto database = store::Database::open(db, 1);
    return database->read([&](soci::session& sql) {
      std::string key;
      sql << "SELECT edex_key FROM pupils WHERE id = :id", soci::use(pupil), soci::into(key);
      return key;
    });
  }
  static size_t results_of(Browser& b, long long pupil) {
    return b.get("/api/v1/pupils/" + std::to_string(pupil) + "/results").json().size();
  }
  static std::string future_day() { return domain::add_days(today_local(), 2).dutch(); }
};

// ------------------------------------------------------------------ lengths

TEST_F(HostileInput, AResultsFileWithA30MbTestNameIsRefusedWithLineAndFieldAndStoresNothing) {
  Browser ib = signed_in("ib");
  const long long pupil = first_pupil(ib, first_group(ib));
  const size_t before = results_of(ib, pupil);
  const std::string csv = "leerlingnummer;toets;toetsmoment;vaardigheidsscore\n" + edex_key(pupil) + ";Rekenen;M5;120\n" +
                          edex_key(pupil) + ";" + std::string(30 * 1024 * 1024, 'T') + ";E5;130\n";
  HttpResult api = upload(ib, "/api/v1/imports/results", csv);
  ASSERT_EQ(api.status, 422) << api.body.substr(0, 300);
  EXPECT_LT(api.body.size(), 2000u) << "the name is not sent back";
  ASSERT_EQ(api.json()["errors"].size(), 1u);
  EXPECT_EQ(api.json()["errors"][0]["line"], 3);
  EXPECT_EQ(api.json()["errors"][0]["message"], "toets is 31.457.280 tekens lang; hoogstens 100");
  EXPECT_EQ(results_of(ib, pupil), before) << "nothing of the file is stored";

  HttpResult page = upload(ib, "/resultaten/importeren", csv);
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("<td>3</td><td>toets is 31.457.280 tekens lang; hoogstens 100</td>"), std::string::npos);
  EXPECT_LT(page.body.size(), 100000u);
  EXPECT_EQ(results_of(ib, pupil), before);

  HttpResult preview = upload(ib, "/api/v1/imports/results/preview", csv);
  EXPECT_EQ(preview.status, 200);
  EXPECT_LT(preview.body.size(), 10000u) << "the preview shows a long cell shortened";
}

TEST_F(HostileInput, AFormFieldOverItsLimitIsRefusedNamingTheField) {
  Browser teacher = signed_in("leerkracht");
  const long long pupil = first_pupil(teacher, first_group(teacher));
  const size_t before = results_of(teacher, pupil);
  HttpResult r = teacher.post_form("/leerlingen/" + std::to_string(pupil) + "/invoer",
                                   {{"soort", "lvs"}, {"toets", std::string(150, 'x')}, {"toetsmoment", "M5"},
                                    {"datum", today_local().dutch()}, {"score", "120"}});
  ASSERT_EQ(r.status, 303);
  HttpResult shown = teacher.get(r.header("location"));
  EXPECT_NE(shown.body.find("Toets: de tekst is 150 tekens lang; hoogstens 100 tekens."), std::string::npos);
  EXPECT_EQ(results_of(teacher, pupil), before);

  // Any form field beyond the longest free text: refused before the handler, field named.
  HttpResult huge = teacher.post_form("/leerlingen/" + std::to_string(pupil) + "/invoer",
                                      {{"soort", "avi"}, {"avi", std::string(10001, 'a')}});
  EXPECT_EQ(huge.status, 422);
  EXPECT_NE(huge.body.find("Veld &apos;avi&apos;: de tekst is 10.001 tekens lang; hoogstens 10.000 tekens."),
            std::string::npos)
      << huge.body.substr(0, 2000);
}

TEST_F(HostileInput, AnAccountsNameAndANewSchoolsNameHaveTheirLimits) {
  Browser admin = signed_in("beheer");
  HttpResult account = admin.post_form("/beheer/accounts", {{"username", "lang.naam"}, {"password", "een-lang-wachtwoord"},
                                                            {"display_name", std::string(201, 'n')}, {"role", "beheer"}});
  EXPECT_EQ(account.status, 400);
  EXPECT_NE(account.body.find("Naam: de tekst is 201 tekens lang; hoogstens 200 tekens."), std::string::npos);
  HttpResult school = admin.request("POST", "/api/v1/imports/edexml?create_school=1&school_name=" + std::string(201, 's'),
                                    "<EDEX/>", "application/xml", {{"X-CSRF-Token", admin.csrf()}});
  EXPECT_EQ(school.status, 422);
  EXPECT_EQ(school.json()["element"], "school_name");
  EXPECT_EQ(school.json()["message"], "de naam van de school is 201 tekens lang; hoogstens 200 tekens");
}

TEST_F(HostileInput, AJsonStringOverItsLimitIsRefusedNamingItsPath) {
  Browser teacher = signed_in("leerkracht");
  HttpResult r = post_json(teacher, "POST", "/api/v1/goals/check", json{{"text", std::string(10001, 'a')}}.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"], "Veld 'text': de tekst is 10.001 tekens lang; hoogstens 10.000 tekens. Er is niets opgeslagen.");
  const long long group = first_group(teacher);
  json plan{{"version", 0}, {"subjects", {{{"subject", "Rekenen"}, {"subgroups", {{{"goals", {{{"text", std::string(20000, 'g')}}}}}}}}}}};
  HttpResult nested = post_json(teacher, "PUT", "/api/v1/groups/" + std::to_string(group) + "/plans/huidig", plan.dump());
  EXPECT_EQ(nested.status, 422);
  EXPECT_NE(nested.json()["error"].get<std::string>().find("Veld 'subjects[0].subgroups[0].goals[0].text'"),
            std::string::npos)
      << nested.body;
  HttpResult deep = post_json(teacher, "POST", "/api/v1/goals/check", std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_EQ(deep.status, 400);
  EXPECT_NE(deep.json()["error"].get<std::string>().find("dieper genest"), std::string::npos);
}

// ------------------------------------------------------------------ malformed JSON, wrong types

// A user who has the route's capability (domain/access_policy.h).
std::string user_for(domain::Capability c) {
  using C = domain::Capability;
  switch (c) {
    case C::kSeePupilAudit:
    case C::kEditSignalRules:
    case C::kManageAccounts: return "ib";
    case C::kEditSchoolSettings: return "directeur";
    case C::kAdministerBoard: return "beheer";
    case C::kSeeChildren: return "ouder";
    case C::kSeeCases: return "zorgteam";
    default: return "leerkracht";
  }
}

TEST_F(HostileInput, MalformedJsonToEveryMutatingRouteIsRefusedNeverA500) {
  std::map<std::string, Browser> as;
  for (const char* u : {"leerkracht", "ib", "directeur", "beheer", "ouder", "zorgteam"}) as.emplace(u, signed_in(u));
  const long long group = first_group(as.at("leerkracht"));
  const std::string ids[] = {std::to_string(group), std::to_string(first_pupil(as.at("leerkracht"), group))};
  size_t walked = 0;
  for (const Route& route : all_routes()) {
    if (route.method == "GET") continue;
    // The route's ids: the teacher's own group and pupil (the check comes before any lookup).
    std::string path;
    for (size_t i = 0, n = 0; i < route.pattern.size();) {
      if (route.pattern[i] == ':') {
        size_t end = route.pattern.find('/', i);
        if (end == std::string::npos) end = route.pattern.size();
        path += route.pattern.compare(i, end - i, ":period") == 0 ? "huidig" : ids[n++ % 2];
        i = end;
      } else {
        path += route.pattern[i++];
      }
    }
    Browser& b = as.at(user_for(route.capability));
    HttpResult r = post_json(b, route.method, path, "{\"version\": 1, \"text\": ");
    const bool api = path.rfind("/api/", 0) == 0;
    EXPECT_EQ(r.status, api ? 400 : 415) << route.method << " " << path << ": " << r.body.substr(0, 300);
    if (api) {
      EXPECT_NE(r.json()["error"].get<std::string>().find("De JSON is niet te lezen (bij teken 24): syntax error while parsing value - unexpected end of input"), std::string::npos)
          << route.method << " " << path << ": " << r.body;
    } else {
      EXPECT_NE(r.body.find("Dit adres neemt een formulier aan, geen application/json."), std::string::npos)
          << route.method << " " << path;
    }
    ++walked;
  }
  EXPECT_GE(walked, 44u) << "every POST, PUT and DELETE of the route tables";
  EXPECT_EQ(as.at("leerkracht").get("/api/v1/me").status, 200) << "no route acted on the broken body (logout)";
}

TEST_F(HostileInput, AJsonFieldOfTheWrongTypeIsA400NamingTheField) {
  Browser ib = signed_in("ib");
  const long long pupil = first_pupil(ib, first_group(ib));
  HttpResult key = post_json(ib, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/signals",
                             json{{"key", {"a", "b"}}, {"decision", "afgewezen"}}.dump());
  EXPECT_EQ(key.status, 400);
  EXPECT_EQ(key.json()["error"], "key: verwacht tekst");
  HttpResult positive = post_json(ib, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/signals",
                                  json{{"subject", "Rekenen"}, {"positive", "ja"}}.dump());
  EXPECT_EQ(positive.status, 400);
  EXPECT_EQ(positive.json()["error"], "positive: verwacht true of false");
  HttpResult kind = post_json(ib, "POST", "/api/v1/meetings", json{{"kind", {1, 2}}}.dump());
  EXPECT_EQ(kind.status, 400);
  EXPECT_NE(kind.json()["error"].get<std::string>().find("kind"), std::string::npos) << kind.body;
}

// ------------------------------------------------------------------ dates in the future

TEST_F(HostileInput, AResultDatedInTheFutureIsRefusedInImportFormAndApi) {
  Browser teacher = signed_in("leerkracht");
  const long long pupil = first_pupil(teacher, first_group(teacher));
  const size_t before = results_of(teacher, pupil);
  const std::string csv = "leerlingnummer;toets;toetsmoment;afnamedatum;vaardigheidsscore\n" + edex_key(pupil) +
                          ";Rekenen;M5;" + future_day() + ";120\n";
  HttpResult api = upload(teacher, "/api/v1/imports/results", csv);
  ASSERT_EQ(api.status, 422) << api.body;
  EXPECT_EQ(api.json()["errors"][0]["line"], 2);
  EXPECT_EQ(api.json()["errors"][0]["message"], "afnamedatum " + future_day() + " ligt in de toekomst");
  EXPECT_EQ(upload(teacher, "/resultaten/importeren", csv).status, 422);

  HttpResult form = teacher.post_form("/leerlingen/" + std::to_string(pupil) + "/invoer",
                                      {{"soort", "lvs"}, {"toets", "Rekenen"}, {"toetsmoment", "M5"},
                                       {"datum", future_day()}, {"score", "120"}});
  ASSERT_EQ(form.status, 303);
  EXPECT_NE(teacher.get(form.header("location")).body.find("ligt in de toekomst"), std::string::npos);
  EXPECT_EQ(results_of(teacher, pupil), before);

  // Tomorrow is still taken: a day of tolerance for time zones.
  const std::string tomorrow = domain::add_days(today_local(), 1).dutch();
  HttpResult ok = upload(teacher, "/api/v1/imports/results",
                         "leerlingnummer;toets;toetsmoment;afnamedatum;vaardigheidsscore\n" + edex_key(pupil) +
                             ";Rekenen toekomst;M5;" + tomorrow + ";120\n");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

// ------------------------------------------------------------------ long error lists

TEST_F(HostileInput, TwoHundredThousandBadLinesListTheFirst200AndCountTheRest) {
  Browser ib = signed_in("ib");
  std::string csv = "leerlingnummer;toets;toetsmoment;vaardigheidsscore\n";
  for (int i = 0; i < 200000; ++i) csv += "L" + std::to_string(i) + ";Rekenen;Q9;1\n";
  HttpResult api = upload(ib, "/api/v1/imports/results", csv);
  ASSERT_EQ(api.status, 422);
  json body = api.json();
  EXPECT_EQ(body["errors"].size(), 200u);
  EXPECT_EQ(body["errors_total"], 200000);
  EXPECT_EQ(body["errors_more"], "en nog 199.800 fouten");
  EXPECT_EQ(body["errors"][199]["line"], 201);
  EXPECT_EQ(body["summary"], "200000 regel(s) met fouten; er is niets opgeslagen.");
  HttpResult page = upload(ib, "/resultaten/importeren", csv);
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("en nog 199.800 fouten"), std::string::npos);
  std::cout << "200,000 bad lines: API answer " << api.body.size() << " bytes, page " << page.body.size() << " bytes\n";
  EXPECT_LT(api.body.size(), 100000u);
  EXPECT_LT(page.body.size(), 150000u);
}

// ------------------------------------------------------------------ what a refusal tells

TEST_F(HostileInput, AnotherSchoolsIdsAnswerExactlyAsUnknownIds) {
  Browser ib = signed_in("ib"), other = signed_in("ib-regenboog"), teacher = signed_in("leerkracht");
  const long long group = first_group(other), pupil = first_pupil(other, group);
  const long long meeting = other.get("/api/v1/meetings").json().at(0)["id"];
  const long long other_school = other.get("/api/v1/me").json()["school"]["id"];
  HttpResult made = post_json(other, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/ihps", "{}");
  ASSERT_EQ(made.status, 201) << made.body;
  const long long ihp = made.json()["id"];
  HttpResult opened = post_json(other, "POST", "/api/v1/cases", json{{"pupil_id", pupil}}.dump());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const long long care_case = opened.json()["id"];
  // An HGD of that school: its IB adds the board's orthopedagoog to the school, records the
  // parents' HGD consent and requests it.
  const long long expert = signed_in("zorgteam").get("/api/v1/me").json()["id"];
  HttpResult serves = post_json(other, "POST", "/api/v1/externals/" + std::to_string(expert) + "/schools",
                                json{{"school_id", other_school}}.dump());
  ASSERT_EQ(serves.status, 200) << serves.body;
  HttpResult consented = post_json(other, "POST", "/api/v1/cases/" + std::to_string(care_case) + "/consents",
                                   json{{"purpose", "hgd"}, {"given_by", "vader"}, {"given_on", "2026-09-01"},
                                        {"disciplines", json::array()}, {"externals", json::array()},
                                        {"documents", json::array()}, {"valid_until", "2099-07-31"}}
                                       .dump());
  ASSERT_EQ(consented.status, 201) << consented.body;
  HttpResult requested = post_json(other, "POST", "/api/v1/cases/" + std::to_string(care_case) + "/hgd",
                                   json{{"help_question", "Wat helpt?"}, {"questions", json::array({"Welke aanpak?"})},
                                        {"expert_account_id", expert}}
                                       .dump());
  ASSERT_EQ(requested.status, 201) << requested.body;
  const long long hgd = requested.json()["id"];
  HttpResult referred = post_json(other, "POST", "/api/v1/pupils/" + std::to_string(pupil) + "/referrals",
                                  json{{"procedure", "pcl-sbo"}}.dump());
  ASSERT_EQ(referred.status, 201) << referred.body;
  const long long referral = referred.json()["id"];
  const std::string unknown = "987654321";
  // Every GET route with an id: the other school's pupil, group or meeting beside an unknown id.
  size_t walked = 0;
  for (const Route& route : all_routes()) {
    if (route.method != "GET" || route.pattern.find(":id") == std::string::npos) continue;
    const std::string& p = route.pattern;
    const bool pupils = p.rfind("/leerlingen/", 0) == 0 || p.rfind("/api/v1/pupils/", 0) == 0;
    const bool groups = p.rfind("/groepen/", 0) == 0 || p.rfind("/api/v1/groups/", 0) == 0;
    const bool meetings = p.rfind("/besprekingen/", 0) == 0 || p.rfind("/api/v1/meetings/", 0) == 0;
    const bool ihps = p.rfind("/ihp/", 0) == 0 || p.rfind("/api/v1/ihps/", 0) == 0;
    const bool cases = p.rfind("/casus/", 0) == 0 || p.rfind("/api/v1/cases/", 0) == 0;
    const bool schools = p.rfind("/api/v1/schools/", 0) == 0;
    const bool hgds = p.rfind("/hgd/", 0) == 0 || p.rfind("/api/v1/hgd/", 0) == 0;
    const bool referrals = p.rfind("/verwijzingen/", 0) == 0 || p.rfind("/api/v1/referrals/", 0) == 0;
    ASSERT_TRUE(pupils || groups || meetings || ihps || cases || schools || hgds || referrals)
        << "a route with an id of a new kind: " << p;
    auto path = [&](const std::string& id) {
      std::string out = p;
      out.replace(out.find(":id"), 3, id);
      if (auto period = out.find(":period"); period != std::string::npos) out.replace(period, 7, "huidig");
      return out;
    };
    const std::string existing = path(std::to_string(pupils    ? pupil
                                                     : groups  ? group
                                                     : ihps    ? ihp
                                                     : cases   ? care_case
                                                     : schools ? other_school
                                                     : hgds    ? hgd
                                                     : referrals ? referral
                                                               : meeting)),
                      missing = path(unknown);
    for (Browser* b : {&ib, &teacher}) {
      if (p.find("/audit") != std::string::npos && b == &teacher) continue;  // the IB's route only
      if (schools && b == &teacher) continue;  // the school's settings: the IB's and head's routes only
      HttpResult a = b->get(existing), u = b->get(missing);
      EXPECT_EQ(a.status, 404) << existing;
      EXPECT_EQ(a.status, u.status) << existing;
      EXPECT_EQ(a.body, u.body) << existing << " answers as " << missing;
      EXPECT_NE(a.body.find(ihps ? "Niet gevonden: dit IHP" : "Niet gevonden: deze"), std::string::npos)
          << existing << ": " << a.body.substr(0, 200);
    }
    ++walked;
  }
  EXPECT_GE(walked, 20u);
  // A change to another school's meeting: the same answer as an unknown one.
  HttpResult put = post_json(ib, "PUT", "/api/v1/meetings/" + std::to_string(meeting), json{{"version", 1}}.dump());
  HttpResult put_unknown = post_json(ib, "PUT", "/api/v1/meetings/" + unknown, json{{"version", 1}}.dump());
  EXPECT_EQ(put.status, 404);
  EXPECT_EQ(put.body, put_unknown.body);
}

TEST_F(HostileInput, ATeachersImportTellsOnlyAboutTheirOwnPupils) {
  Browser teacher = signed_in("leerkracht"), ib = signed_in("ib");
  const long long own_group = first_group(teacher);
  std::set<long long> own;
  for (const auto& p : teacher.get("/api/v1/groups/" + std::to_string(own_group) + "/pupils").json()) own.insert(p["id"].get<long long>());
  // Two pupils elsewhere in the school with one surname and birth date.
  std::vector<long long> twins;
  for (const auto& g : ib.get("/api/v1/groups").json())
    for (const auto& p : ib.get("/api/v1/groups/" + std::to_string(g["id"].get<long long>()) + "/pupils").json())
      if (twins.size() < 2 && !own.count(p["id"].get<long long>()) &&
          std::find(twins.begin(), twins.end(), p["id"].get<long long>()) == twins.end())
        twins.push_back(p["id"]);
  ASSERT_EQ(twins.size(), 2u);
  {
    auto database = store::Database::open(db, 1);
    database->write([&](soci::session& sql) {
      for (long long t : twins)
        sql << "UPDATE pupils SET surname = 'Naamgenoot', surname_prefix = '', birth_date = '2017-06-06' WHERE id = :i",
            soci::use(t);
    });
  }
  const std::string by_name = "achternaam;geboortedatum;toets;toetsmoment;vaardigheidsscore\nNaamgenoot;06-06-2017;Rekenen;M5;120\n";
  HttpResult refused = upload(teacher, "/api/v1/imports/results", by_name);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["errors"][0]["message"], "leerling niet gevonden in uw groepen: Naamgenoot (06-06-2017)");
  EXPECT_TRUE(refused.json()["errors"][0]["choices"].empty());
  for (long long t : twins) {
    EXPECT_EQ(refused.body.find(edex_key(t)), std::string::npos) << "no leerlingnummer of another group";
    EXPECT_EQ(refused.body.find(std::to_string(t)), std::string::npos) << "no id of another group";
  }
  EXPECT_EQ(refused.body.find("leerlingnummer"), std::string::npos) << refused.body;

  // By leerlingnummer: a pupil of another group and one who does not exist read alike.
  const std::string header = "leerlingnummer;toets;toetsmoment;vaardigheidsscore\n";
  HttpResult elsewhere = upload(teacher, "/api/v1/imports/results", header + edex_key(twins[0]) + ";Rekenen;M5;120\n");
  HttpResult nowhere = upload(teacher, "/api/v1/imports/results", header + "BESTAAT-NIET;Rekenen;M5;120\n");
  EXPECT_EQ(elsewhere.json()["errors"][0]["message"], "leerling niet gevonden in uw groepen: leerlingnummer " + edex_key(twins[0]));
  EXPECT_EQ(nowhere.json()["errors"][0]["message"], "leerling niet gevonden in uw groepen: leerlingnummer BESTAAT-NIET");

  // The IB may be helped to choose among the school's namesakes.
  HttpResult asked = upload(ib, "/api/v1/imports/results", by_name);
  ASSERT_EQ(asked.status, 422);
  EXPECT_EQ(asked.json()["errors"][0]["choices"].size(), 2u);
}

}  // namespace
}  // namespace koers::web::testing
