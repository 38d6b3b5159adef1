// The IHP as the store keeps it and the API takes it: what a writer sends comes back the
// same, and a wrong field is named.
#include "io/ihp_json.h"

#include <gtest/gtest.h>

namespace koers::io {
namespace {

using nlohmann::json;

domain::Ihp sample() {
  domain::Ihp ihp;
  ihp.starts_on = {2026, 12, 1};
  ihp.ends_on = {2027, 3, 5};
  ihp.long_term_reason = "dyslexie";
  ihp.starting_situation = "Sanne leest AVI M4; spelling gaat goed.";
  domain::IhpGoal g;
  g.number = 1;
  g.long_term = true;
  g.area = "Technisch lezen";
  g.text = "Sanne leest aan het eind van de periode AVI E4.";
  g.due_on = domain::Date{2027, 3, 1};
  g.criteria = "AVI E4 beheersing";
  g.verdict = domain::GoalVerdict::kPartly;
  g.evidence = "AVI M4 (doel: AVI E4)";
  ihp.goals.push_back(g);
  ihp.content = "Connect lezen";
  ihp.involved.push_back({"rt", "Meester Bas", "geeft de RT"});
  ihp.organisation.push_back({1, "RT", 1, {1, 3, 5}, "10:30", 20, "lokaal 4"});
  ihp.evaluation = "Vooruit, nog niet op E4.";
  ihp.pupil_voice = {"Ik wil sneller lezen.", "Sanne", "2026-12-01T09:00:00Z"};
  ihp.discussed_with_parents_on = domain::Date{2026, 12, 3};
  ihp.parents_agree = true;
  domain::Opp opp;
  opp.outflow = "vmbo-kader";
  opp.consents.push_back({"moeder", {2026, 12, 3}, false, "Wij willen eerst een gesprek."});
  opp.evaluations_with_parents.push_back({2026, 12, 3});
  ihp.opp = opp;
  return ihp;
}

TEST(IhpJson, WhatAWriterSendsComesBackTheSame) {
  const domain::Ihp in = sample();
  const json once = ihp_json(in);
  const domain::Ihp back = ihp_from_json(json::parse(once.dump()));
  EXPECT_EQ(ihp_json(back), once);
  EXPECT_EQ(back.goals.at(0).due_on, (domain::Date{2027, 3, 1}));
  EXPECT_EQ(back.organisation.at(0).days, (std::vector<int>{1, 3, 5}));
  EXPECT_EQ(back.opp->consents.at(0).reason, "Wij willen eerst een gesprek.");
  EXPECT_EQ(back.parents_agree, true);
}

TEST(IhpJson, TheStoreKeepsStatusAndSessionsNotTheWriter) {
  domain::Ihp in = sample();
  in.status = domain::IhpStatus::kClosed;
  in.outcome = domain::IhpOutcome::kGoalReached;
  in.sessions.push_back({1, {2026, 12, 2}, true, 20, "", "RT"});
  const domain::Ihp back = ihp_from_json(ihp_json(in));
  EXPECT_EQ(back.status, domain::IhpStatus::kDraft);
  EXPECT_EQ(back.outcome, std::nullopt);
  EXPECT_TRUE(back.sessions.empty());
}

TEST(IhpJson, AWrongFieldIsNamed) {
  auto error = [](json j) {
    try {
      ihp_from_json(j);
    } catch (const JsonFieldError& e) {
      return std::string(e.what());
    }
    return std::string("geen fout");
  };
  json j = ihp_json(sample());
  json k = j;
  k["goals"][0]["due_on"] = "1-3-2027";
  EXPECT_EQ(error(k), "goals[0].due_on: verwacht een datum als 2027-03-05");
  k = j;
  k["organisation"][0]["days"] = {1, 6};
  EXPECT_EQ(error(k), "organisation[0].days: verwacht dagen 1 (maandag) tot en met 5 (vrijdag)");
  k = j;
  k["involved"][0]["role"] = "buurman";
  EXPECT_EQ(error(k), "involved[0].role: verwacht leerkracht, ib, ouders, leerling, rt of extern");
  k = j;
  k["goals"][0]["verdict"] = "prima";
  EXPECT_EQ(error(k), "goals[0].verdict: verwacht behaald, deels of niet-behaald");
  k = j;
  k["goals"] = "doel 1";
  EXPECT_EQ(error(k), "goals: verwacht een lijst");
  k = j;
  k["organisation"][0]["minutes"] = 600;
  EXPECT_EQ(error(k), "organisation[0].minutes: verwacht een getal van 0 tot en met 480");
  k = j;
  k["opp"]["consents"][0]["on"] = nullptr;
  EXPECT_EQ(error(k), "opp.consents[0].on: verwacht een datum als 2027-03-05");
  EXPECT_EQ(error(json::array()), "het IHP: verwacht een JSON-object");
}

}  // namespace
}  // namespace koers::io
