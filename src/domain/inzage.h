// Inzage (AVG art. 15, right of access): what Koers holds of one pupil, as the sections of the
// copy a parent or the IB downloads. A view of the PupilRecord only (one record, many
// documents), read with its card, access trail and requests (PupilRecordRepository::
// read_whole). Every section is always there, in a fixed order, so a parent can see that
// nothing was left out; an empty one has no lines. Pure.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/pupil_record.h"

namespace koers::domain {

struct InzageSection {
  std::string title;
  std::vector<std::string> lines;  // each a paragraph; "" never appears
};

// How an instant (UTC ISO) is written: local time in the web layer (display_time), as given in tests.
using TimeText = std::function<std::string(const std::string& iso_utc)>;

// The titles, in order: Stamkaart, Toetsresultaten, Groepsoverzicht, Groepsplannen,
// Handelingsplannen (IHP), Besprekingen, Zorgteam, Onderzoek (HGD), Verwijzingen,
// Toestemmingen, Verzoeken om verbetering, aanvulling of verwijdering, Wie het dossier inzag.
std::vector<InzageSection> inzage_sections(const PupilRecord& record, const TimeText& time_text);

}  // namespace koers::domain
