// The OKR of a referral as an OSO dossier (Edustandaard's "OSO gegevensset" 2019.1, namespace
// http://www.edustandaard.nl/oso_gegevensset/2019/dossier), transfer POSWV: a primary school's
// referral to the samenwerkingsverband. A view of the OKR (domain/okr.h) and of the few
// administrative facts the OKR does not carry (OsoFacts: the school's BRIN, the pupil's identity,
// school career, the IHPs' terms, the results' dates); it gathers nothing itself. No I/O.
//
// Contract: the XML validates against ../shared/standards/oso/OSO_gegevensset_2019.1.xsd for any
// OKR and facts (tests/io/oso_xml_test.cc runs xmllint). Blocks: metadata (overstap POSWV, the
// categories of a POSWV: school, leerling, ouders, schoolloopbaan, onderwijsondersteuning
// mandatory; ouderinzage, verzuim, toetsresultaten, handelingsplannen, bijlagen optional;
// eindtoets and VO-MBO forbidden); inzage (the parents saw the copy and when, whether they agree
// with its content and why not, whether they consented to the transfer); huidigeschool with the
// leerling: identity (never the BSN), schoolloopbaanlijst, onderwijsondersteuning (the needs as
// toelichting_onderwijsbehoeften, each IHP as a handelingsplan with its term, subjects and the
// OKR's line as its document, the OPP), toetslijst (the standardised results with a date:
// ability score, level I–V and DLE as reference scores), overigdocumentlijst (the whole OKR as a
// PDF, the parents' view and the school's account as text), and the parents as verzorger.
// Every document travels as the standard says: a base64-coded ZIP holding the one file.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "domain/ihp.h"
#include "domain/okr.h"
#include "domain/pupil.h"
#include "domain/referral.h"
#include "domain/school.h"
#include "domain/signalling.h"

namespace koers::io {

// What the dossier needs beside the OKR, as the record and the administration know it.
struct OsoFacts {
  domain::School school;                      // name, BRIN ("12AB"), dependance ("00")
  domain::Pupil pupil;                        // names, birth date, gender, edex key
  std::vector<domain::Enrolment> enrolments;  // newest school year first
  std::vector<domain::Guardian> guardians;
  std::vector<domain::Ihp> ihps;                    // the record's IHPs, as the OKR's IHP lines (newest first)
  std::vector<domain::StandardisedResult> results;  // career order
  domain::Referral referral;                        // the parents' copy, response and consents
  domain::Date made_on;                             // the dossier's date (sent: the day it was sent)
};

// Why a dossier cannot be made, naming the field in Dutch ("School: het BRIN-nummer '1X' is geen
// Nederlands BRIN-nummer (twee cijfers, twee letters)").
struct OsoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The dossier as XML (UTF-8, with declaration). Throws OsoError when the school has no Dutch
// BRIN or the pupil no surname: the schema requires them.
std::string oso_xml(const domain::Okr& okr, const OsoFacts& facts);

// A ZIP archive holding one file, stored (not compressed): what an OSO document carries.
std::string single_file_zip(const std::string& file_name, const std::string& bytes);
std::string base64(const std::string& bytes);

}  // namespace koers::io
