// Referrals over HTTP as the school uses them: the board administrator reads and adjusts the
// procedures (the IB reads, a teacher or parent is refused); the IB starts a referral of a pupil,
// the head and the pupil's teacher read it, a care-team member and the board administrator are
// refused (403), another school's IB gets 404, and the parent sees nothing until the IB makes
// the parents' copy available. Sending is refused (409, in Dutch) before the parents' copy and
// before the consent is recorded; the parent adds their view and agreement, and that is in the
// OKR as sent, which no longer changes; the decision is recorded after sending. The OKR as an A4
// PDF and as the OSO dossier (XML) are for whoever may read the OKR (a teacher of another group
// and a parent of another child get 404), carry the parents' addition, come from the frozen
// version once sent, and each download is in the audit trail.
#include <gtest/gtest.h>

#include "../http_support.h"
#include "common/clock.h"
#include "domain/date.h"

namespace koers::web::testing {
namespace {

using nlohmann::json;

constexpr char kSuite[] = "referrals";

class Referrals : public OwnServerSuite<kSuite> {
 protected:
  static HttpResult send(Browser& b, const std::string& method, const std::string& path,
                         const json& body = json::object()) {
    return b.request(method, path, body.dump(), "application/json", {{"X-CSRF-Token", b.csrf()}});
  }
  static long long child_of(Browser& parent) { return parent.get("/api/v1/me").json()["children"].at(0)["id"]; }
  static std::string referral(long long id) { return "/api/v1/referrals/" + std::to_string(id); }
  static std::string of_pupil(long long pupil) { return "/api/v1/pupils/" + std::to_string(pupil) + "/referrals"; }
  // The board's procedures plus a light one ("licht") that needs only the school's account, the
  // parents' view and one consent: so that a demo pupil's referral can be made complete.
  static void add_light_procedure(Browser& admin) {
    json set = admin.get("/api/v1/referral-procedures").json();
    for (const auto& p : set["procedures"])
      if (p["key"] == "licht") return;
    json procedures = set["procedures"];
    procedures.push_back({{"key", "licht"},
                          {"name", "Arrangement lichte ondersteuning"},
                          {"addressee", "Samenwerkingsverband"},
                          {"steps", json::array({{{"key", "aanvraag"}, {"label", "Aanvraag"}}})},
                          {"consents", json::array({{{"key", "aanvraag"}, {"label", "toestemming voor de aanvraag"}}})},
                          {"required", json::array({{{"part", "handelingsverlegenheid"}},
                                                    {{"part", "zienswijze-ouders"}}})}});
    HttpResult saved = send(admin, "PUT", "/api/v1/referral-procedures",
                            {{"version", set["version"]}, {"procedures", procedures}});
    ASSERT_EQ(saved.status, 200) << saved.body;
  }
};

TEST_F(Referrals, TheBoardAdministratorAdjustsTheProceduresTheIbReadsThem) {
  Browser admin = signed_in("beheer"), ib = signed_in("ib"), teacher = signed_in("leerkracht"),
          parent = signed_in("ouder");
  HttpResult read = ib.get("/api/v1/referral-procedures");
  ASSERT_EQ(read.status, 200) << read.body;
  std::vector<std::string> keys;
  const json body = read.json();
  for (const auto& p : body["procedures"]) keys.push_back(p["key"]);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "pcl-sbo"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "cvi-so"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "tlv"), keys.end());
  EXPECT_FALSE(read.json()["may_edit"]);
  EXPECT_EQ(teacher.get("/api/v1/referral-procedures").status, 403);
  EXPECT_EQ(parent.get("/api/v1/referral-procedures").status, 403);
  EXPECT_EQ(send(ib, "PUT", "/api/v1/referral-procedures", {{"version", 0}, {"procedures", read.json()["procedures"]}})
                .status,
            403);

  json set = admin.get("/api/v1/referral-procedures").json();
  json broken = set["procedures"];
  broken[0]["name"] = "";
  HttpResult refused = send(admin, "PUT", "/api/v1/referral-procedures", {{"version", set["version"]}, {"procedures", broken}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("de naam ontbreekt"), std::string::npos) << refused.body;
  json unknown = set["procedures"];
  unknown[0]["required"][0]["part"] = "horoscoop";
  HttpResult bad = send(admin, "PUT", "/api/v1/referral-procedures", {{"version", set["version"]}, {"procedures", unknown}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("procedures[0].required[0].part"), std::string::npos) << bad.body;
  add_light_procedure(admin);
  json after = ib.get("/api/v1/referral-procedures").json();
  EXPECT_TRUE(after["board_set"]);
  EXPECT_EQ(after["procedures"].size(), 4u);
  EXPECT_EQ(send(admin, "PUT", "/api/v1/referral-procedures", {{"version", 0}, {"procedures", set["procedures"]}}).status,
            409)
      << "a stale version";
}

// The form of one procedure as the page sends it, from the procedure as the API gives it.
std::map<std::string, std::string> procedure_form(const json& p, int version) {
  std::map<std::string, std::string> f{{"version", std::to_string(version)},
                                       {"was", p["key"]},
                                       {"name", p["name"]},
                                       {"addressee", p["addressee"]},
                                       {"step_rows", std::to_string(p["steps"].size() + 2)},
                                       {"consent_rows", std::to_string(p["consents"].size() + 1)}};
  if (p["needs_cluster"].get<bool>()) f["needs_cluster"] = "1";
  std::string placements;
  for (const auto& pl : p["placements"]) placements += (placements.empty() ? "" : ", ") + pl.get<std::string>();
  f["placements"] = placements;
  for (size_t i = 0; i < p["steps"].size(); ++i) {
    f["step_order_" + std::to_string(i + 1)] = std::to_string(i + 1);
    f["step_key_" + std::to_string(i + 1)] = p["steps"][i]["key"];
    f["step_label_" + std::to_string(i + 1)] = p["steps"][i]["label"];
  }
  for (size_t i = 0; i < p["consents"].size(); ++i) {
    f["consent_key_" + std::to_string(i + 1)] = p["consents"][i]["key"];
    f["consent_label_" + std::to_string(i + 1)] = p["consents"][i]["label"];
    if (p["consents"][i].value("before_sending", true)) f["consent_before_" + std::to_string(i + 1)] = "1";
  }
  for (const auto& r : p["required"])
    f["required_" + r["part"].get<std::string>()] = std::to_string(r.value("at_least", 1));
  return f;
}

json procedure_of(const json& set, const std::string& key) {
  for (const auto& p : set["procedures"])
    if (p["key"] == key) return p;
  return nullptr;
}

TEST_F(Referrals, TheBoardAdministratorAdjustsAndAddsAProcedureOnItsPageTheIbReadsIt) {
  Browser admin = signed_in("beheer"), ib = signed_in("ib"), head = signed_in("directeur"),
          teacher = signed_in("leerkracht"), parent = signed_in("ouder"), care = signed_in("zorgteam"),
          privacy = signed_in("privacy");
  // Who sees the page: the administrator with a form per procedure, IB and head read-only.
  HttpResult page = admin.get("/verwijsprocedures");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("aria-label=\"Procedure Aanmelding bij de PCL voor het SBO\""), std::string::npos);
  EXPECT_NE(page.body.find("aria-label=\"Nieuwe procedure\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"required_hgd-verslagen\""), std::string::npos) << "every part the domain knows";
  EXPECT_NE(admin.get("/beheer").body.find("href=\"/verwijsprocedures\""), std::string::npos) << "linked from Beheer";
  for (Browser* reader : {&ib, &head}) {
    HttpResult read = reader->get("/verwijsprocedures");
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_NE(read.body.find("Toelaatbaarheidsverklaring (TLV)"), std::string::npos);
    EXPECT_NE(read.body.find("Deskundigenadviezen (2 keer)"), std::string::npos) << "what counts as complete";
    EXPECT_EQ(read.body.find("action=\"/verwijsprocedures\""), std::string::npos) << "no form for a reader";
  }
  for (Browser* refused : {&teacher, &parent, &care, &privacy})
    EXPECT_EQ(refused->get("/verwijsprocedures").status, 403);
  json set = admin.get("/api/v1/referral-procedures").json();
  const int version = set["version"];
  json pcl = procedure_of(set, "pcl-sbo");
  ASSERT_TRUE(pcl.is_object()) << set.dump();
  EXPECT_EQ(ib.post_form("/verwijsprocedures", procedure_form(pcl, version)).status, 403);
  EXPECT_EQ(set, admin.get("/api/v1/referral-procedures").json()) << "a refused save changes nothing";

  // A bad value: the page names the field, keeps what was typed and stores nothing.
  auto form = procedure_form(pcl, version);
  form["step_label_2"] = "De school levert het OKR binnen zes weken";
  form["required_hgd-verslagen"] = "12";
  HttpResult bad = admin.post_form("/verwijsprocedures", form);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find(
                "Procedure &apos;Aanmelding bij de PCL voor het SBO&apos;: &apos;Verslag HGD&apos; moet 1 tot 9 keer "
                "vereist zijn."),
            std::string::npos)
      << bad.body;
  EXPECT_NE(bad.body.find("value=\"De school levert het OKR binnen zes weken\""), std::string::npos);
  form["required_hgd-verslagen"] = "twee";
  HttpResult not_number = admin.post_form("/verwijsprocedures", form);
  EXPECT_EQ(not_number.status, 400);
  EXPECT_NE(not_number.body.find("Verslag HGD, aantal keer vereist: vul een getal in"), std::string::npos);
  form["required_hgd-verslagen"] = "0";
  form["step_label_1"] = "";
  HttpResult half = admin.post_form("/verwijsprocedures", form);
  EXPECT_EQ(half.status, 422);
  EXPECT_NE(half.body.find("stap 1: sleutel en omschrijving zijn nodig"), std::string::npos) << half.body;
  EXPECT_EQ(set, admin.get("/api/v1/referral-procedures").json()) << "nothing of a refused save is stored";

  // The change: step 2's text, a new step put first by its number, the HGD report now required.
  form = procedure_form(pcl, version);
  form["step_label_2"] = "De school levert het OKR binnen zes weken";
  const std::string blank_row = std::to_string(pcl["steps"].size() + 1);
  form["step_order_" + blank_row] = "0";
  form["step_key_" + blank_row] = "overleg";
  form["step_label_" + blank_row] = "Eerst een gesprek met de ouders over de aanmelding";
  form["required_hgd-verslagen"] = "1";
  HttpResult saved = admin.post_form("/verwijsprocedures", form);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location").rfind("/verwijsprocedures", 0), 0u);
  json after = ib.get("/api/v1/referral-procedures").json();
  EXPECT_EQ(after["version"], version + 1);
  json changed = procedure_of(after, "pcl-sbo");
  ASSERT_EQ(changed["steps"].size(), pcl["steps"].size() + 1) << changed.dump();
  EXPECT_EQ(changed["steps"][0]["key"], "overleg");
  EXPECT_EQ(changed["steps"][2]["label"], "De school levert het OKR binnen zes weken");
  EXPECT_EQ(changed["consents"], pcl["consents"]) << "what the form did not change stays";
  EXPECT_EQ(changed["required"].size(), pcl["required"].size() + 1);
  EXPECT_EQ(procedure_of(after, "tlv"), procedure_of(set, "tlv")) << "the other procedures stay as they were";
  EXPECT_NE(ib.get("/verwijsprocedures").body.find("De school levert het OKR binnen zes weken"), std::string::npos);
  const long long admin_account = admin.get("/api/v1/me").json()["id"];
  const json log = privacy.get("/api/v1/audit?account=" + std::to_string(admin_account)).json();
  bool audited = false;
  for (const auto& line : log["lines"])
    audited = audited || line.value("detail", "")
                                 .find(
                                     "procedure 'Aanmelding bij de PCL voor het SBO' (pcl-sbo) "
                                     "aangepast") != std::string::npos;
  EXPECT_TRUE(audited) << log.dump();
  // The same form again, based on the version before: refused, nothing stored.
  HttpResult stale = admin.post_form("/verwijsprocedures", procedure_form(pcl, version));
  ASSERT_EQ(stale.status, 303);
  EXPECT_NE(admin.get(stale.header("location")).body.find("intussen"), std::string::npos);
  EXPECT_EQ(ib.get("/api/v1/referral-procedures").json(), after);

  // A new procedure from the empty form.
  std::map<std::string, std::string> fresh{{"version", std::to_string(version + 1)},
                                           {"was", ""},
                                           {"key", "ambulant"},
                                           {"name", "Ambulante begeleiding vanuit het SO"},
                                           {"addressee", "Expertisecentrum van het samenwerkingsverband"},
                                           {"step_rows", "2"},
                                           {"step_key_1", "aanvraag"},
                                           {"step_label_1", "De school vraagt begeleiding aan"},
                                           {"step_key_2", ""},
                                           {"step_label_2", ""},
                                           {"consent_rows", "1"},
                                           {"consent_key_1", "aanvraag"},
                                           {"consent_label_1", "toestemming voor de aanvraag"},
                                           {"consent_before_1", "1"},
                                           {"required_handelingsverlegenheid", "1"},
                                           {"required_onderwijsbehoeften", "1"},
                                           {"required_toetsresultaten", "0"}};
  HttpResult added = admin.post_form("/verwijsprocedures", fresh);
  ASSERT_EQ(added.status, 303) << added.body;
  json ambulant = procedure_of(ib.get("/api/v1/referral-procedures").json(), "ambulant");
  ASSERT_TRUE(ambulant.is_object());
  EXPECT_EQ(ambulant["steps"].size(), 1u);
  EXPECT_EQ(ambulant["required"].size(), 2u);
  fresh["version"] = std::to_string(version + 2);
  EXPECT_EQ(admin.post_form("/verwijsprocedures", fresh).status, 422) << "the key is taken";
}

TEST_F(Referrals, EachRoleReadsAndWritesAReferralAsDecided) {
  Browser ib = signed_in("ib"), head = signed_in("directeur"), teacher = signed_in("leerkracht"),
          parent = signed_in("ouder"), care = signed_in("zorgteam"), admin = signed_in("beheer"),
          other_ib = signed_in("ib-regenboog");
  const long long pupil = child_of(parent);
  EXPECT_EQ(send(teacher, "POST", of_pupil(pupil), {{"procedure", "pcl-sbo"}}).status, 404) << "not the teacher's pupil";
  EXPECT_EQ(send(head, "POST", of_pupil(pupil), {{"procedure", "pcl-sbo"}}).status, 403);
  EXPECT_EQ(send(other_ib, "POST", of_pupil(pupil), {{"procedure", "pcl-sbo"}}).status, 404);
  HttpResult unknown = send(ib, "POST", of_pupil(pupil), {{"procedure", "horoscoop"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("Procedure: kies een van"), std::string::npos) << unknown.body;
  EXPECT_EQ(send(ib, "POST", of_pupil(pupil), {{"procedure", "cvi-so"}, {"cluster", 7}}).status, 422);

  HttpResult made = send(ib, "POST", of_pupil(pupil), {{"procedure", "pcl-sbo"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];
  EXPECT_EQ(made.json()["status"], "concept");
  EXPECT_FALSE(made.json()["missing"].empty());

  EXPECT_EQ(head.get(referral(id)).status, 200) << "the head reads";
  EXPECT_EQ(send(head, "PUT", referral(id), {{"version", 1}, {"handelingsverlegenheid", "x"}}).status, 403);
  EXPECT_EQ(teacher.get(referral(id)).status, 404) << "a teacher of another group";

  // The pupil's own teacher reads (IB and teacher complete the dossier together) but does not write.
  const long long group = teacher.get("/api/v1/groups").json().at(0)["id"];
  const long long own = teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(0)["id"];
  EXPECT_EQ(send(teacher, "POST", of_pupil(own), {{"procedure", "pcl-sbo"}}).status, 403) << "the IB starts one";
  HttpResult theirs = send(ib, "POST", of_pupil(own), {{"procedure", "tlv"}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const long long own_id = theirs.json()["id"];
  HttpResult seen = teacher.get(referral(own_id));
  ASSERT_EQ(seen.status, 200) << "the pupil's teacher reads";
  EXPECT_EQ(seen.json()["actor"], "lezer");
  EXPECT_FALSE(seen.json()["may_write"]);
  EXPECT_EQ(teacher.get(referral(own_id) + "/okr?format=json").status, 200);
  EXPECT_EQ(send(teacher, "PUT", referral(own_id), {{"version", 1}, {"handelingsverlegenheid", "x"}}).status, 403);
  EXPECT_EQ(send(teacher, "POST", referral(own_id) + "/send").status, 403);
  EXPECT_EQ(send(teacher, "POST", referral(own_id) + "/parents-copy").status, 403);
  EXPECT_EQ(care.get(referral(id)).status, 403);
  EXPECT_EQ(admin.get(referral(id)).status, 403);
  EXPECT_EQ(admin.get(of_pupil(pupil)).status, 403);
  EXPECT_EQ(other_ib.get(referral(id)).status, 404);
  EXPECT_EQ(other_ib.get(of_pupil(pupil)).status, 404);
  EXPECT_EQ(parent.get(referral(id)).status, 404) << "not before the parents' copy";
  EXPECT_EQ(parent.get(of_pupil(pupil)).json().size(), 0u);
  EXPECT_EQ(send(parent, "POST", referral(id) + "/parents-copy").status, 404);

  ASSERT_EQ(send(ib, "POST", referral(id) + "/parents-copy").status, 200);
  HttpResult copy = parent.get(referral(id));
  ASSERT_EQ(copy.status, 200) << copy.body;
  EXPECT_EQ(copy.json()["actor"], "ouder");
  EXPECT_EQ(parent.get(of_pupil(pupil)).json().size(), 1u);
  EXPECT_EQ(send(parent, "PUT", referral(id), {{"version", copy.json()["version"]}, {"handelingsverlegenheid", "x"}}).status,
            403)
      << "the school's account is the IB's";
  EXPECT_EQ(send(parent, "POST", referral(id) + "/send").status, 403);
  EXPECT_EQ(send(ib, "PUT", referral(id), {{"version", copy.json()["version"]}, {"parents_view", "x"}}).status, 403)
      << "the parents' view is theirs";
}

TEST_F(Referrals, SendingWaitsForTheParentsCopyAndTheirAdditionIsWhatIsSent) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder"), admin = signed_in("beheer");
  add_light_procedure(admin);
  const long long pupil = child_of(parent);
  HttpResult made = send(ib, "POST", of_pupil(pupil),
                         {{"procedure", "licht"},
                          {"handelingsverlegenheid", "Ondanks twee IHP's komt het lezen niet op gang; de school kan de "
                                                     "intensieve begeleiding niet bieden."}});
  ASSERT_EQ(made.status, 201) << made.body;
  const long long id = made.json()["id"];

  HttpResult early = send(ib, "POST", referral(id) + "/send");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.json()["error"].get<std::string>().find("de ouders moeten eerst hun kopie kunnen inzien"),
            std::string::npos)
      << early.body;

  ASSERT_EQ(send(ib, "POST", referral(id) + "/parents-copy").status, 200);
  HttpResult no_consent = send(ib, "POST", referral(id) + "/send");
  EXPECT_EQ(no_consent.status, 409);
  EXPECT_NE(no_consent.json()["error"].get<std::string>().find("de toestemming van de ouders ontbreekt"),
            std::string::npos)
      << no_consent.body;
  json now = ib.get(referral(id)).json();
  ASSERT_EQ(send(ib, "PUT", referral(id),
                 {{"version", now["version"]},
                  {"consents", json::array({{{"key", "aanvraag"},
                                             {"given_by", "moeder"},
                                             {"given_on", today_local().iso()}}})}})
                .status,
            200);
  HttpResult no_view = send(ib, "POST", referral(id) + "/send");
  EXPECT_EQ(no_view.status, 409);
  EXPECT_NE(no_view.json()["error"].get<std::string>().find("Zienswijze van de ouders ontbreekt"), std::string::npos)
      << no_view.body;

  // The parent adds their view and agrees; disagreeing without a reason is refused.
  now = parent.get(referral(id)).json();
  EXPECT_TRUE(now["may_respond"]);
  EXPECT_EQ(send(parent, "PUT", referral(id), {{"version", now["version"]}, {"parents_agree", false}}).status, 422);
  HttpResult added = send(parent, "PUT", referral(id),
                          {{"version", now["version"]},
                           {"parents_view", "Thuis leest hij graag voor; wij willen dat hij hulp krijgt."},
                           {"parents_agree", true}});
  ASSERT_EQ(added.status, 200) << added.body;

  HttpResult sent = send(ib, "POST", referral(id) + "/send", {{"sent_to", "SWV Noord"}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json()["status"], "verzonden");
  EXPECT_EQ(sent.json()["sent_to"], "SWV Noord");
  json okr = ib.get(referral(id) + "/okr?format=json").json();
  EXPECT_TRUE(okr["frozen"]);
  EXPECT_EQ(okr["sent"]["to"], "SWV Noord");
  EXPECT_EQ(okr["parents_agreement"], "De ouders zijn het eens met de verwijzing.");
  bool view_sent = false;
  for (const auto& s : okr["sections"])
    if (s["part"] == "zienswijze-ouders")
      view_sent = s["lines"].at(0) == "Thuis leest hij graag voor; wij willen dat hij hulp krijgt.";
  EXPECT_TRUE(view_sent) << okr.dump();

  // After sending: the parents' view and the school's texts no longer change; sending once.
  now = parent.get(referral(id)).json();
  EXPECT_FALSE(now["may_respond"]);
  EXPECT_EQ(send(parent, "PUT", referral(id), {{"version", now["version"]}, {"parents_view", "anders"}}).status, 409);
  EXPECT_EQ(send(ib, "PUT", referral(id), {{"version", now["version"]}, {"handelingsverlegenheid", "anders"}}).status, 409);
  EXPECT_EQ(send(ib, "POST", referral(id) + "/send").status, 409);
  EXPECT_EQ(ib.get(referral(id) + "/okr?format=doc").status, 400);

  // The version sent as an A4 PDF and as the OSO dossier, both with the parents' addition.
  HttpResult pdf = ib.get(referral(id) + "/okr?format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.body.find("%%EOF"), std::string::npos);
  EXPECT_NE(pdf.header("content-disposition").find("attachment; filename=\"OKR_"), std::string::npos);
  EXPECT_NE(pdf.body.find("Thuis leest hij graag voor; wij willen dat hij hulp krijgt."), std::string::npos)
      << "the parents' addition is in the PDF";
  EXPECT_NE(pdf.body.find("Verzonden op"), std::string::npos) << "the version as sent";
  HttpResult xml = ib.get(referral(id) + "/okr?format=xml");
  ASSERT_EQ(xml.status, 200) << xml.body.substr(0, 300);
  EXPECT_EQ(xml.header("content-type").rfind("application/xml", 0), 0u) << xml.header("content-type");
  EXPECT_NE(xml.body.find("<overstap>POSWV</overstap>"), std::string::npos);
  EXPECT_NE(xml.body.find("<voorlopigdossier>false</voorlopigdossier>"), std::string::npos) << "frozen when sent";
  EXPECT_NE(xml.body.find("<akkoord>Ja</akkoord>"), std::string::npos);
  EXPECT_NE(xml.body.find("<omschrijving>Zienswijze van de ouders</omschrijving>"), std::string::npos);
  HttpResult parents_pdf = parent.get(referral(id) + "/okr?format=pdf");
  EXPECT_EQ(parents_pdf.status, 200) << "the parents read what was sent";
  EXPECT_EQ(ib.get(referral(id) + "/okr?format=json").json().count("oso_xml"), 0u) << "the JSON is the OKR only";

  HttpResult decided = send(ib, "POST", referral(id) + "/decision",
                            {{"positive", true}, {"on", today_local().iso()}, {"placement", "arrangement lezen"}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["status"], "besloten");
  EXPECT_EQ(decided.json()["decision"]["placement"], "arrangement lezen");

  // The trail says it in words.
  bool in_trail = false, pdf_in_trail = false, xml_in_trail = false;
  for (const auto& line : ib.get("/api/v1/pupils/" + std::to_string(pupil) + "/audit").json()) {
    const std::string sentence = line["sentence"];
    in_trail = in_trail || sentence.find("verzonden aan SWV Noord") != std::string::npos;
    pdf_in_trail = pdf_in_trail || sentence.find("het OKR zoals verzonden, als PDF gedownload") != std::string::npos;
    xml_in_trail = xml_in_trail ||
                   sentence.find("het OSO-dossier (XML) van het OKR zoals verzonden gedownload") != std::string::npos;
  }
  EXPECT_TRUE(in_trail);
  EXPECT_TRUE(pdf_in_trail) << "downloading the OKR is in the trail";
  EXPECT_TRUE(xml_in_trail);
}

TEST_F(Referrals, TheOkrsPdfAndOsoDossierAreForWhoMayReadTheOkr) {
  Browser ib = signed_in("ib"), head = signed_in("directeur"), teacher = signed_in("leerkracht"),
          parent = signed_in("ouder"), care = signed_in("zorgteam"), other_ib = signed_in("ib-regenboog");
  // A referral of Roos (the parent's child, not in the teacher's group) and one of a pupil of the
  // teacher's group (not the parent's child); both copies available to their parents.
  const long long roos = child_of(parent);
  const long long group = teacher.get("/api/v1/groups").json().at(0)["id"];
  const long long own = teacher.get("/api/v1/groups/" + std::to_string(group) + "/pupils").json().at(0)["id"];
  ASSERT_NE(own, roos);
  HttpResult of_roos = send(ib, "POST", of_pupil(roos), {{"procedure", "pcl-sbo"}});
  HttpResult of_own = send(ib, "POST", of_pupil(own), {{"procedure", "pcl-sbo"}});
  ASSERT_EQ(of_roos.status, 201) << of_roos.body;
  ASSERT_EQ(of_own.status, 201) << of_own.body;
  const long long roos_id = of_roos.json()["id"], own_id = of_own.json()["id"];
  ASSERT_EQ(send(ib, "POST", referral(roos_id) + "/parents-copy").status, 200);
  ASSERT_EQ(send(ib, "POST", referral(own_id) + "/parents-copy").status, 200);

  for (const char* format : {"pdf", "xml"}) {
    const std::string okr = std::string("/okr?format=") + format;
    EXPECT_EQ(ib.get(referral(roos_id) + okr).status, 200) << format;
    EXPECT_EQ(head.get(referral(roos_id) + okr).status, 200) << format;
    EXPECT_EQ(parent.get(referral(roos_id) + okr).status, 200) << format << ": the parent's own child";
    EXPECT_EQ(teacher.get(referral(own_id) + okr).status, 200) << format << ": the teacher's own pupil";
    EXPECT_EQ(teacher.get(referral(roos_id) + okr).status, 404) << format << ": a teacher of another group";
    EXPECT_EQ(parent.get(referral(own_id) + okr).status, 404) << format << ": a parent of another child";
    EXPECT_EQ(other_ib.get(referral(roos_id) + okr).status, 404) << format << ": another school";
    EXPECT_EQ(care.get(referral(roos_id) + okr).status, 403) << format;
  }
  // Not sent yet: the OKR as it stands, said so; the dossier is provisional.
  HttpResult pdf = ib.get(referral(roos_id) + "/okr?format=pdf");
  EXPECT_NE(pdf.body.find("Nog niet verzonden"), std::string::npos);
  EXPECT_NE(ib.get(referral(roos_id) + "/okr?format=xml").body.find("<voorlopigdossier>true</voorlopigdossier>"),
            std::string::npos);
  // Refused reads leave no download in the trail of the other child; the allowed ones are there.
  int downloads = 0;
  for (const auto& line : ib.get("/api/v1/pupils/" + std::to_string(own) + "/audit").json()) {
    const std::string sentence = line["sentence"];
    if (sentence.find("gedownload") != std::string::npos) ++downloads;
  }
  EXPECT_EQ(downloads, 2) << "the teacher's PDF and XML, not the parent's refused ones";
  const std::string page = ib.get("/verwijzingen/" + std::to_string(roos_id)).body;
  EXPECT_NE(page.find("OKR als PDF"), std::string::npos);
  EXPECT_NE(page.find("OSO-dossier (XML)"), std::string::npos);
  EXPECT_NE(page.find("/api/v1/referrals/" + std::to_string(roos_id) + "/okr?format=xml"), std::string::npos);
}

TEST_F(Referrals, TheIbsPageShowsTheOkrAndWhatIsMissingTheParentReadsItOnMijnKind) {
  Browser ib = signed_in("ib"), parent = signed_in("ouder");
  const long long pupil = child_of(parent);
  HttpResult start = ib.post_form("/leerlingen/" + std::to_string(pupil) + "/verwijzingen", {{"procedure", "tlv"}});
  ASSERT_EQ(start.status, 303) << start.body;
  const std::string at = start.header("location");
  ASSERT_EQ(at.rfind("/verwijzingen/", 0), 0u) << at;
  const std::string page = ib.get(at.substr(0, at.find('?'))).body;
  EXPECT_NE(page.find("Onderwijskundig rapport (OKR)"), std::string::npos);
  EXPECT_NE(page.find("Deskundigenadviezen: 0 van de 2"), std::string::npos) << "the missing parts are listed";
  EXPECT_NE(page.find("Zienswijze van de ouders ontbreekt"), std::string::npos);
  EXPECT_NE(page.find("Kopie voor de ouders beschikbaar stellen"), std::string::npos);
  const std::string id = at.substr(std::string("/verwijzingen/").size(), at.find('?') - std::string("/verwijzingen/").size());

  const std::string before = parent.get("/kinderen").body;
  EXPECT_EQ(before.find("Verwijzing: Toelaatbaarheidsverklaring"), std::string::npos) << "not before the copy";
  ASSERT_EQ(ib.post_form("/verwijzingen/" + id + "/ouderkopie", {}).status, 303);
  const std::string copy = parent.get("/kinderen").body;
  EXPECT_NE(copy.find("Verwijzing: Toelaatbaarheidsverklaring"), std::string::npos);
  EXPECT_NE(copy.find("Onderwijskundig rapport (OKR)"), std::string::npos);
  const long long version = parent.get(referral(std::stoll(id))).json()["version"];
  HttpResult said = parent.post_form("/verwijzingen/" + id, {{"version", std::to_string(version)},
                                                             {"parents_view", "Wij zien thuis dezelfde zorgen."},
                                                             {"parents_agree", "nee"},
                                                             {"parents_reason", "Liever eerst een arrangement."},
                                                             {"terug", "kinderen"}});
  ASSERT_EQ(said.status, 303);
  EXPECT_EQ(said.header("location").rfind("/kinderen", 0), 0u);
  json after = ib.get(referral(std::stoll(id))).json();
  EXPECT_EQ(after["parents"]["view"], "Wij zien thuis dezelfde zorgen.");
  EXPECT_EQ(after["parents_agreement"], "De ouders zijn het niet eens met de verwijzing: Liever eerst een arrangement.");
}

}  // namespace
}  // namespace koers::web::testing
