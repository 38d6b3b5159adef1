// The onderwijskundig rapport (OKR) of a referral: a view of the pupil's record (pupil_record.h),
// its care-team cases and HGD requests included, and the referral's own texts
// (handelingsverlegenheid, expert advices, the parents' view). It gathers nothing itself; it
// counts each part for the procedure's completeness (referral.h missing_parts). Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/care_team.h"
#include "domain/hgd.h"
#include "domain/pupil_record.h"
#include "domain/referral.h"

namespace koers::domain {

// What the OKR shows beside the record: the school's name.
struct OkrSources {
  std::string school_name;
};

// One part of the OKR: its lines in reading order, and how many of them count as the part
// being present (an evaluated plan counts, a plan not yet evaluated is shown but does not).
struct OkrSection {
  ReferralPart part = ReferralPart::kNeeds;
  std::string title;
  std::vector<std::string> lines;
  int counted = 0;
};

struct Okr {
  Id referral_id = 0, pupil_id = 0;
  std::string pupil_name, year_group, school_name;
  std::string procedure_name, addressee;
  int cluster = 0;
  std::string reason;  // aanleiding
  std::vector<OkrSection> sections;  // in the order of all_referral_parts()
  std::string parents_agreement;     // "De ouders zijn het eens met de verwijzing." / "… niet eens: reden" / ""
  std::vector<std::string> missing;  // required parts short (missing_parts) and consents before sending
  PartCounts counts() const;
};

// The OKR of `r` for `record` (the referral's pupil). Sections: onderwijsbehoeften (the needs of
// the overview line, with source); groepsplannen (per plan of the year that placed the pupil,
// its subgroup and goals, evaluated or not); IHPs (term, status, goals with verdict, evaluation);
// OPP (uitstroombestemming and reasons of an IHP with an OPP); toetsresultaten (subject, moment,
// score, level, DLE, career order); leerlingbesprekingen (held or reported count); HGD (requests
// with a report count; per case of the record, newest first, its requests oldest first; a
// request without one of the record's cases is left out); zorgteam (the record's cases with an
// advice count); handelingsverlegenheid; expert
// advices; the parents' view. Missing: missing_parts of the procedure, then missing_consents.
Okr assemble_okr(const PupilRecord& record, const Referral& r, const OkrSources& sources);

}  // namespace koers::domain
