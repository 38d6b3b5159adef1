// Clustering (HGW phase 3, step 5): per subject of the group plan, Koers proposes which
// pupils follow the intensive, basic or deepened approach, from what the groepsoverzicht
// holds, and says why per pupil. The teacher decides; the proposal only starts the talk.
//
// The rules, per subject, on what the latest results say (each test's latest moment, each
// method's latest block; older signals are history the overview already shows):
// - intensief: a concern signal the teacher has not dismissed (low level by the team's own
//   threshold, repeated low level, growth below expectation, learning yield, months
//   behind, method tests below mastery), or the latest level is V (E) whatever the rules,
//   or a drop to level III or lower;
// - verdiept: the latest level is I (A), no concern, and no method test below mastery;
// - basis: everyone else, and pupils without any result for the subject (their current
//   approach is kept when they have one).
// A subgroup may be empty: nobody is placed in a subgroup the data does not support.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/group_overview.h"

namespace koers::domain {

// Whether a test of this name ("DMT", "Rekenen-Wiskunde", "Rekenen" for a method) counts
// for a subject of the overview ("Technisch lezen", "Rekenen-Wiskunde", …).
bool test_counts_for(const std::string& subject, const std::string& test_name);

struct ClusterPlacement {
  Id pupil_id = 0;
  std::string name;
  Approach proposed = Approach::kBasic;
  std::optional<Approach> current;   // the approach the overview holds now, if any
  std::vector<std::string> reasons;  // in words, the decisive one first
};

struct ClusterProposal {
  std::string subject;
  std::vector<ClusterPlacement> placements;  // intensief, basis, verdiept; by name within each
  int count(Approach a) const;
};

// `line.signals` must hold only the signals that still count (the caller leaves out those
// the teacher dismissed). `mastery_percentage` is the school's norm for method tests.
ClusterProposal propose_clusters(const GroupOverview& overview, const std::string& subject,
                                 double mastery_percentage);

}  // namespace koers::domain
