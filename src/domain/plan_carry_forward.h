// A new groepsplan starts from the previous period's plan and its evaluation, not from an
// empty page (HGW phase 3, step 5 of the next cycle); the teacher sees in words what changed
// since then, or between two versions; and the plan gives a first week planning (HGW phase
// 4, step 6) that the teacher adjusts. Pure: no storage, no clock.
//
// Carrying forward (`carry_forward`):
// - the subjects are those of the current overview, in its order; a subject the previous
//   plan had keeps its basic offer and, per subgroup, its content, method, organisation,
//   points of attention and how it is evaluated; a new subject starts empty with its three
//   subgroups;
// - a goal the teacher evaluated as behaald is done and stays behind; a goal evaluated deels
//   or niet behaald, or not evaluated at all, comes along in the same subgroup with its kind
//   and text, and says why ("niet behaald in Periode 1"). Its verdict, per-pupil evaluations
//   and stimulating and hindering factors are cleared: the new period gets its own evaluation.
//   The goal's own verdict decides, not the per-pupil evaluations;
// - every pupil of the current overview is placed exactly once per subject: in the approach
//   the overview holds now (the teacher's latest division, which already reflects the
//   evaluation); without one, where the pupil was in the previous plan; else in basis.
//   Pupils who left the group are not in the new plan, nor are their individual lines;
// - part 2 (werkhouding, sociaal-emotioneel) and the week planning come along, except week
//   slots of a subject the new plan no longer has.
//
// What changed (`plan_changes`), one Dutch line each, per subject in the order of the newer
// plan (subjects it dropped last), then part 2 and the week planning:
// - "Spelling: nieuw vak in het plan" / "Spelling: niet meer in het plan" (nothing else for
//   that subject), "Spelling: basisaanbod gewijzigd";
// - pupils, moves first, then new, then gone: "Spelling: Sanne Bakker van intensief naar
//   basis", "Spelling: Noah de Vries nieuw, in verdiept" (in no subject of the older plan),
//   "Spelling: Noah de Vries geplaatst in verdiept" (was in the older plan, not placed for
//   this subject), "Spelling: Lotte Jansen niet meer in de groep" (in no subject of the newer
//   plan), "Spelling: Lotte Jansen in geen subgroep meer";
// - per subgroup (intensief, basis, verdiept): "Spelling, intensief: aanbod gewijzigd" (and
//   aanpak, organisatie, aandachtspunten, evaluatie); goals matched by kind and text: across
//   periods "doel overgenomen (niet behaald in Periode 1): …", "doel behaald, niet
//   overgenomen: …", "doel niet overgenomen: …"; between versions of one period "doel
//   verwijderd: …" and, when the verdict changed, "doel behaald: …" (deels behaald, niet
//   behaald, niet meer geëvalueerd); in both "nieuw doel: …". A goal whose text was edited
//   counts as one gone and one new;
// - individual lines: "Spelling: individuele lijn voor Sanne Bakker nieuw" (gewijzigd, vervallen);
// - "Werkhouding en sociaal-emotioneel functioneren: leerstijl gewijzigd" (behoefte aan
//   relatie, competentie, autonomie, interesses, opmerkingen); "Weekplanning gewijzigd".
// Pupils are named from `names`, else "leerling 12".
//
// A first week (`default_week`), per subject of the plan: Technisch lezen daily at 08:45,
// Rekenen-Wiskunde daily at 09:30, Spelling Monday to Thursday at 10:45, Begrijpend lezen
// Tuesday and Thursday at 13:15; for groups 1–2 Beginnende geletterdheid daily at 08:45 and
// Beginnende gecijferdheid daily at 10:15, in the kring; any other subject daily in the
// afternoon from 14:00, 45 minutes apart. The whole group gets basisinstructie; intensief
// verlengde instructie aan de instructietafel, basis zelfstandig verwerken, verdiept korte
// instructie, dan verrijking — or the subgroup's own organisation when the plan has one. A
// subgroup without pupils gets nothing. Sorted by day, then time, then the plan's subject order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/group_overview.h"
#include "domain/group_plan.h"

namespace koers::domain {

// "behaald", "deels behaald", "niet behaald"; "niet geëvalueerd" without a verdict.
std::string evaluation_label(const std::optional<GoalVerdict>& v);

// The plan for `period_id` of the group of `now`, started from `previous` (the group's plan of
// the period before, named `previous_period_name` in the goals' carried_from, e.g. "Periode 1")
// and the overview `now` as it stands. Never saved (version 0), evaluation open, carried_from_period
// the previous plan's period. Every pupil of `now` is placed exactly once per subject.
GroupPlan carry_forward(const GroupPlan& previous, const std::string& previous_period_name,
                        const GroupOverview& now, Id period_id);

// What changed from `from` to `to` (the previous period's plan and the new one, or two versions
// of one plan), one line each in Dutch; empty when nothing did. Plans of different periods
// are compared as a carry-forward, plans of the same period as versions.
std::vector<std::string> plan_changes(const GroupPlan& from, const GroupPlan& to,
                                      const std::map<Id, std::string>& names);

// A starting week planning for the plan's subjects, for the teacher to adjust.
std::vector<WeekSlot> default_week(const GroupPlan& plan);

}  // namespace koers::domain
