#include "domain/dossier_request.h"

#include <gtest/gtest.h>

#include "domain/access_policy.h"

namespace koers::domain {
namespace {

TEST(DossierRequest, ANewRequestIsDueFourWeeksLaterAndNeedsWhat) {
  DossierRequest r;
  r.what = "   ";
  auto e = validate_new_request(r, Date{2026, 11, 23});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "what");
  r.what = "De geboortedatum klopt niet";
  EXPECT_FALSE(validate_new_request(r, Date{2026, 11, 23}));
  EXPECT_EQ(r.asked_on, (Date{2026, 11, 23}));
  EXPECT_EQ(r.due_on, (Date{2026, 12, 21}));
  EXPECT_TRUE(r.open());
  r.why = std::string(10001, 'x');
  e = validate_new_request(r, Date{2026, 11, 23});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "why");
}

TEST(DossierRequest, TheCountdownAsTheIbReadsIt) {
  DossierRequest r;
  r.due_on = Date{2026, 12, 21};
  const std::vector<std::pair<Date, std::string>> table = {
      {Date{2026, 11, 23}, "nog 28 dagen"}, {Date{2026, 12, 20}, "nog 1 dag"}, {Date{2026, 12, 21}, "vandaag"},
      {Date{2026, 12, 22}, "1 dag te laat"}, {Date{2026, 12, 25}, "4 dagen te laat"}};
  for (const auto& [today, text] : table) EXPECT_EQ(deadline_text(r, today), text) << today.iso();
  EXPECT_EQ(days_left(r, Date{2026, 12, 25}), -4);
}

TEST(DossierRequest, ARefusalStatesItsReasonAndAnAnswerIsGivenOnce) {
  DossierRequest r;
  r.status = DossierRequestStatus::kOpen;
  auto e = validate_answer(r, DossierRequestStatus::kRefused, "");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "answer");
  EXPECT_NE(e->message.find("reden"), std::string::npos);
  e = validate_answer(r, DossierRequestStatus::kOpen, "iets");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "status");
  EXPECT_FALSE(validate_answer(r, DossierRequestStatus::kRefused, "Het verslag blijft nodig."));
  EXPECT_FALSE(validate_answer(r, DossierRequestStatus::kGranted, "Verbeterd in de administratie."));
  r.status = DossierRequestStatus::kGranted;
  e = validate_answer(r, DossierRequestStatus::kRefused, "Toch niet.");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "status");
}

TEST(DossierRequest, OpenRequestsByDeadlineLeaveAnsweredOnesOut) {
  std::vector<DossierRequest> all(3);
  all[0].id = 1, all[0].due_on = Date{2026, 12, 21};
  all[1].id = 2, all[1].due_on = Date{2026, 12, 1};
  all[2].id = 3, all[2].due_on = Date{2026, 11, 30}, all[2].status = DossierRequestStatus::kGranted;
  auto open = open_requests_by_deadline(all);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, 2);
  EXPECT_EQ(open[1].id, 1);
}

TEST(DossierRequest, KindsAndStatusesRoundTripTheirKeys) {
  for (auto k : {DossierRequestKind::kCorrection, DossierRequestKind::kAddition, DossierRequestKind::kRemoval})
    EXPECT_EQ(parse_dossier_request_kind(dossier_request_kind_key(k)), k);
  for (auto s : {DossierRequestStatus::kOpen, DossierRequestStatus::kGranted, DossierRequestStatus::kPartlyGranted,
                 DossierRequestStatus::kRefused})
    EXPECT_EQ(parse_dossier_request_status(dossier_request_status_key(s)), s);
  EXPECT_FALSE(parse_dossier_request_kind("wissen"));
}

TEST(DossierRequest, AParentOfThePupilAsksTheIbAnswersBothDownloadNobodyElse) {
  const PupilScope pupil{7, 1, 1, {30}};
  auto who = [](Role role, Id school, std::vector<Id> groups = {}, std::vector<Id> children = {}) {
    Principal p;
    p.account_id = 99;
    p.role = role;
    p.board_id = 1;
    p.school_id = school;
    p.group_ids = std::move(groups);
    p.child_ids = std::move(children);
    return p;
  };
  struct Row {
    const char* name;
    Principal p;
    bool download, ask, answer;
  };
  const std::vector<Row> table = {
      {"parent of the pupil", who(Role::kParent, 1, {}, {7}), true, true, false},
      {"other parent", who(Role::kParent, 1, {}, {8}), false, false, false},
      {"IB of the school", who(Role::kSupportCoordinator, 1), true, false, true},
      {"IB of another school", who(Role::kSupportCoordinator, 2), false, false, false},
      {"head", who(Role::kHead, 1), false, false, false},
      {"teacher of the pupil", who(Role::kTeacher, 1, {30}), false, false, false},
      {"external", who(Role::kCareTeamMember, 1), false, false, false},
      {"board administrator", who(Role::kBoardAdmin, 0), false, false, false},
  };
  for (const auto& r : table) {
    EXPECT_EQ(may_download_dossier(r.p, pupil), r.download) << r.name;
    EXPECT_EQ(may_ask_dossier_request(r.p, pupil), r.ask) << r.name;
    EXPECT_EQ(may_answer_dossier_request(r.p, pupil), r.answer) << r.name;
  }
}

}  // namespace
}  // namespace koers::domain
