// The audit trail's words (an entry as a Dutch sentence, who did it), its kinds of action,
// the folding of repeated views for display, and the hash input of a view of several pupils.
#include "domain/audit.h"

#include <gtest/gtest.h>

namespace koers::domain {
namespace {

AuditEntry entry(std::string action, std::string object, std::string detail = "", std::string at = "2026-11-28T10:00:00Z") {
  AuditEntry e;
  e.account_id = 7;
  e.username = "ib";
  e.role = "ib";
  e.action = std::move(action);
  e.object = std::move(object);
  e.detail = std::move(detail);
  e.at = std::move(at);
  return e;
}

TEST(AuditSentence, SaysWhatWasSeenOrChangedInWords) {
  EXPECT_EQ(audit_sentence(entry("view", "groepsoverzicht 5/6")), "bekeek het groepsoverzicht van groep 5/6");
  EXPECT_EQ(audit_sentence(entry("view", "groepsplan 5/6 (Periode 1)")), "bekeek het groepsplan van groep 5/6 (Periode 1)");
  EXPECT_EQ(audit_sentence(entry("view", "groepslijst 3")), "bekeek de groepslijst van groep 3");
  EXPECT_EQ(audit_sentence(entry("view", "stamkaart")), "bekeek de stamkaart");
  EXPECT_EQ(audit_sentence(entry("update", "aanpak Spelling", "intensief")), "wijzigde de aanpak Spelling naar intensief");
  EXPECT_EQ(audit_sentence(entry("update", "AVI-niveau B5", "E4")), "wijzigde het AVI-niveau B5 naar E4");
  EXPECT_EQ(audit_sentence(entry("create", "methodetoets Spelling Blok 2", "25 van 30")),
            "legde de methodetoets Spelling Blok 2 vast: 25 van 30");
  EXPECT_EQ(audit_sentence(entry("create", "account j.jansen", "rol leerkracht")),
            "maakte het account j.jansen aan: rol leerkracht");
  EXPECT_EQ(audit_sentence(entry("export", "groepsoverzicht 5/6")), "exporteerde het groepsoverzicht van groep 5/6");
  EXPECT_EQ(audit_sentence(entry("login", "inloggen")), "logde in");
  EXPECT_EQ(audit_sentence(entry("login_failed", "inloggen")), "probeerde in te loggen (mislukt)");
  EXPECT_EQ(audit_sentence(entry("refused", "stamkaart", "geen leerling van uw school")),
            "kreeg geen toegang tot de stamkaart: geen leerling van uw school");
  AuditEntry forgotten = entry("view", "");
  forgotten.forgotten = true;
  EXPECT_EQ(audit_sentence(forgotten), "bekeken (inhoud gewist: de leerling is na de bewaartermijn vergeten)");
  EXPECT_EQ(audit_sentence(entry("create", "vakantie", "Studiedag (10-02-2027)")),
            "legde een vakantie of vrije dag vast: Studiedag (10-02-2027)");
  EXPECT_EQ(audit_sentence(entry("delete", "vakantie", "Studiedag (10-02-2027)")),
            "verwijderde een vakantie of vrije dag: Studiedag (10-02-2027)");
  EXPECT_EQ(audit_sentence(entry("update", "schoolkalender", "groepsbesprekingen tot 2 weken na de periode")),
            "wijzigde de schoolkalender: groepsbesprekingen tot 2 weken na de periode");
  EXPECT_EQ(audit_sentence(entry("create", "Adviesgesprek HGD 12", "gepland op 10-03-2027")),
            "legde het adviesgesprek HGD 12 vast: gepland op 10-03-2027");
  // What no phrase is known for is said as stored, never dropped.
  EXPECT_EQ(audit_sentence(entry("update", "iets nieuws", "x")), "wijzigde iets nieuws: x");
}

TEST(AuditSentence, TellsAnApiReadButNotARequestLine) {
  EXPECT_EQ(audit_sentence(entry("view", "stamkaart", "GET /api/v1/pupils/5")), "bekeek de stamkaart via de API");
  EXPECT_EQ(audit_sentence(entry("view", "stamkaart", "GET /leerlingen/5")), "bekeek de stamkaart");
  EXPECT_EQ(audit_sentence(entry("view", "stamkaart", "via de API")), "bekeek de stamkaart via de API");
}

TEST(AuditWho, GivesNameAndRole) {
  AuditEntry e = entry("view", "stamkaart");
  EXPECT_EQ(audit_who(e), "ib (intern begeleider)");
  e.account_name = "Marieke Visser";
  EXPECT_EQ(audit_who(e), "Marieke Visser (intern begeleider)");
  e.role = "leerkracht";
  EXPECT_EQ(audit_who(e), "Marieke Visser (leerkracht)");
}

TEST(AuditKinds, CoverEveryActionOnce) {
  for (AuditAction a : {AuditAction::kView, AuditAction::kCreate, AuditAction::kUpdate, AuditAction::kDelete,
                        AuditAction::kImport, AuditAction::kExport, AuditAction::kLogin, AuditAction::kLogout,
                        AuditAction::kLoginFailed, AuditAction::kRefused, AuditAction::kLoginBlocked}) {
    int found = 0;
    for (const auto& k : audit_kinds())
      for (const auto& key : k.actions) found += key == audit_action_key(a);
    EXPECT_EQ(found, 1) << audit_action_key(a);
  }
  EXPECT_NE(find_audit_kind("bekeken"), nullptr);
  EXPECT_EQ(find_audit_kind("onzin"), nullptr);
}

TEST(FoldRepeatedViews, OneLinePerPersonAndPageWithinTheWindow) {
  std::vector<AuditEntry> trail = {
      entry("view", "audittrail", "", "2026-11-28T10:09:00Z"),
      entry("view", "stamkaart", "", "2026-11-28T10:08:00Z"),
      entry("view", "audittrail", "", "2026-11-28T10:05:00Z"),
      entry("update", "aanpak Spelling", "intensief", "2026-11-28T10:04:00Z"),
      entry("view", "audittrail", "", "2026-11-28T10:00:00Z"),
      entry("view", "audittrail", "", "2026-11-28T09:40:00Z"),  // 29 minutes before the line's newest
  };
  AuditEntry other = entry("view", "stamkaart", "", "2026-11-28T10:07:00Z");
  other.account_id = 8;
  other.username = "leerkracht";
  trail.insert(trail.begin() + 2, other);

  auto lines = fold_repeated_views(trail, 15);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].entry.object, "audittrail");
  EXPECT_EQ(lines[0].count, 3);
  EXPECT_EQ(lines[0].entry.at, "2026-11-28T10:09:00Z");
  EXPECT_EQ(lines[0].first_at, "2026-11-28T10:00:00Z");
  EXPECT_EQ(lines[1].entry.object, "stamkaart");
  EXPECT_EQ(lines[1].count, 1);
  EXPECT_EQ(lines[2].entry.username, "leerkracht");  // someone else's view is a line of its own
  EXPECT_EQ(lines[3].entry.action, "update");        // a change is never folded
  EXPECT_EQ(lines[4].entry.at, "2026-11-28T09:40:00Z");
  EXPECT_EQ(lines[4].count, 1);
  int total = 0;
  for (const auto& l : lines) total += l.count;
  EXPECT_EQ(total, static_cast<int>(trail.size()));  // every entry is accounted for
}

TEST(AuditHashInput, CoversThePupilsOfAViewAndLeavesSinglePupilLinesAsTheyWere) {
  AuditEntry one = entry("view", "stamkaart");
  one.pupil_id = 5;
  EXPECT_EQ(audit_hash_input(one).find("pupils:"), std::string::npos);
  AuditEntry many = entry("view", "groepsoverzicht 5/6");
  many.pupil_ids = {3, 5, 8};
  AuditEntry altered = many;
  altered.pupil_ids = {3, 8};
  EXPECT_NE(audit_hash_input(many), audit_hash_input(altered));
  EXPECT_EQ(audit_pupils(many), (std::vector<Id>{3, 5, 8}));
  EXPECT_EQ(audit_pupils(one), (std::vector<Id>{5}));
}

}  // namespace
}  // namespace koers::domain
