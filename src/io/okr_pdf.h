// The onderwijskundig rapport (OKR, domain/okr.h) as an A4 PDF to read and print: a title, the
// pupil, school, procedure and addressee, whether it is the version as sent (when, by whom, to
// whom) or as it stands in the dossier now, then each part of the OKR under its heading (an
// empty part says so), the parents' agreement beside their view, and what is still missing.
// A view of the OKR only; built with io::text_pdf. No I/O.
#pragma once

#include <string>

#include "domain/date.h"
#include "domain/okr.h"

namespace koers::io {

struct OkrPdfStatus {
  bool frozen = false;                    // the version as sent
  std::string sent_at, sent_by, sent_to;  // when frozen (sent_at: ISO instant, UTC)
  domain::Date made_on;                   // the day it was printed (not frozen)
};

std::string okr_pdf(const domain::Okr& okr, const OkrPdfStatus& status);

}  // namespace koers::io
