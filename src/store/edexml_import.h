// Writes an EDEXML document into the database: the school year, groups, pupils,
// enrolments, teachers and who teaches which group.
//
// Contract: all of it in one transaction, or nothing. Records are matched by their key
// (a pupil by ECK iD first when the file has one), so re-importing the same or a newer
// file updates and never duplicates. A pupil with an uitstroomdatum, or who is missing
// from a newer file of the same school year, is marked as left, never deleted: the
// dossier is kept. Refuses a file of a school that does not exist (unless asked to create
// it), of a school of another board, or older than the last one imported for that school
// year. A school is known by its BRIN code and dependance, a Flemish one by its
// instellingsnummer. A pupil or teacher without an achternaam (the standard allows a
// roepnaam alone) is imported with what there is and listed in the summary as incomplete.
// Every pupil created or changed gets an audit line, and the import one of its own.
// Accounts (issue 12 §2): a staff member without an account gets one, uitgenodigd, with an
// activation code (role IB or directeur when the file's rol says IB or DIR, else leerkracht);
// an account of a staff member missing from the file is deactivated (what they wrote stays).
// Not for a file of an earlier school year.
// A partial file must not empty the school: when a file of the same school year would make
// more than 10 % (and at least 3) of the current pupils leave (domain/leavers.h), nothing is
// stored unless options.confirm_leavers; the summary then says confirmation_needed and
// lists who would leave. Files are ordered by their peildatum, else their aanmaakdatum.
#pragma once

#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "io/edexml_document.h"
#include "io/import_error.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store/database.h"

namespace koers::store {

struct EdexmlImportOptions {
  domain::Id board_id = 0;  // the board the school belongs to (must match if it exists)
  bool create_school = false;
  std::string school_name;  // name for a created school; defaults to "School <BRIN>"
  std::string file_name;
  bool confirm_leavers = false;  // the user saw who would leave and agreed
};

// A pupil a file would make leave, as the confirmation question shows them.
struct LeavingPupil {
  domain::Id pupil_id = 0;
  std::string name;    // "Noor Bakker"
  std::string groups;  // this year's groups: "8, Plusklas"
};

struct EdexmlImportSummary {
  domain::Id school_id = 0;
  std::string school_name;
  std::string school_year;
  bool school_created = false;
  bool history_only = false;  // an earlier school year than one imported: history added only
  int groups_created = 0, groups_updated = 0;
  int pupils_created = 0, pupils_updated = 0, pupils_unchanged = 0, pupils_left = 0;
  int teachers_created = 0, teachers_updated = 0;
  std::vector<IssuedCode> invitations;  // new accounts' activation codes, shown once to print
  int accounts_deactivated = 0;
  // Pupils and teachers imported without an achternaam, in file order, with their line.
  std::vector<io::ImportNote> incomplete;
  int pupils_incomplete = 0, teachers_incomplete = 0;

  // Not imported (nothing stored): the file would make many pupils leave and
  // options.confirm_leavers was not given. would_leave lists them, by name.
  bool confirmation_needed = false;
  std::vector<LeavingPupil> would_leave;
  int pupils_current = 0;  // the school's pupils this year before the import (with confirmation_needed)

  std::string text() const;  // one Dutch sentence for the page and the CLI
};

// `who` is the account doing the import (for the audit trail); a CLI import passes a
// principal with username "koers-cli".
io::Outcome<EdexmlImportSummary> import_edexml(Database& db, const io::EdexDocument& doc,
                                               const EdexmlImportOptions& options,
                                               const domain::Principal& who);

}  // namespace koers::store
