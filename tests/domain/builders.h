// Hand-made pieces of the model for the domain tests: a level result, a signal, a subject of
// a group plan with its three subgroups.
#pragma once

#include <string>

#include "domain/group_plan.h"
#include "domain/signalling.h"

namespace koers::domain::testing {

// An LVS result at a moment ("M5") on the I–V scale (rank 1 = I).
inline StandardisedResult result(const char* subject, const char* moment, int rank) {
  StandardisedResult r;
  r.subject = subject;
  r.moment = *parse_test_moment(moment);
  r.level = Level{LevelScale::kRoman, rank, false};
  return r;
}

// A signal as evaluate_signals gives it; level I (kTopLevel) is the positive one.
inline Signal signal(SignalRule rule, const char* subject, const char* moment, const std::string& evidence) {
  Signal s;
  s.rule = rule;
  s.subject = subject;
  s.moment = *parse_test_moment(moment);
  s.evidence = evidence;
  s.positive = rule == SignalRule::kTopLevel;
  return s;
}

// The same signal about an older moment or block: history, as evaluate_signals marks it.
inline Signal history(Signal s) {
  s.current = false;
  return s;
}

// A subject of a plan with empty intensief, basis and verdiept subgroups.
inline SubjectPlan subject_plan(const std::string& name) {
  SubjectPlan s;
  s.subject = name;
  for (Approach a : {Approach::kIntensive, Approach::kBasic, Approach::kDeepened}) {
    SubgroupPlan g;
    g.approach = a;
    s.subgroups.push_back(g);
  }
  return s;
}

}  // namespace koers::domain::testing
