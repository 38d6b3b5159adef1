// The web side of uploaded documents, in process (no route owns a document yet; the HGD's
// will): a route's own body limit lifts the server's for that route only; a PDF in a
// multipart field is stored through store_uploaded_pdf, a non-PDF or one over 20 MB refused with nothing
// stored; pdf_download hands back the exact bytes as application/pdf with the file name and
// an audit line on the pupil.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/account_repository.h"
#include "store/database.h"
#include "store/school_repository.h"
#include "web/documents/documents.h"
#include "../http_support.h"

namespace koers::web {
namespace {

using domain::Id;

std::string report_pdf() { return testing::read_file(std::string(KOERS_TEST_DATA) + "/documents/rapport.pdf"); }

TEST(DocumentRoutes, ARouteWithItsOwnLimitTakesAPdfWhateverTheServersLimitIs) {
  AppOptions options;
  options.max_upload_bytes = 1024 * 1024;  // --max-upload-mb 1
  Route plain{"POST", "/api/v1/imports/results", domain::Capability::kEnterResults, nullptr};
  Route upload{"PUT", "/api/v1/hgd/:id", domain::Capability::kSignedIn, nullptr};
  upload.max_body = kDocumentUploadBodyLimit;
  EXPECT_EQ(body_limit(plain, options), 1024u * 1024u) << "other routes keep the server's limit";
  EXPECT_EQ(body_limit(upload, options), kDocumentUploadBodyLimit);
  EXPECT_GT(kDocumentUploadBodyLimit, io::kMaxDocumentBytes) << "room for the form around a 20 MB PDF";
  EXPECT_EQ(largest_body_limit({plain, upload}, options), kDocumentUploadBodyLimit) << "what the server reads";
  options.max_upload_bytes = 64 * 1024 * 1024;
  EXPECT_EQ(largest_body_limit({plain, upload}, options), 64u * 1024 * 1024);
  EXPECT_EQ(body_limit(upload, options), kDocumentUploadBodyLimit) << "a document route stays at its own limit";
}

TEST(DocumentRoutes, TheContentDispositionCarriesTheExactNameAndAnAsciiOne) {
  EXPECT_EQ(content_disposition("Rapport HGD Zoë.pdf", false),
            "attachment; filename=\"Rapport_HGD_Zo__.pdf\"; filename*=UTF-8''Rapport%20HGD%20Zo%C3%AB.pdf");
  EXPECT_EQ(content_disposition("a.pdf", true), "inline; filename=\"a.pdf\"; filename*=UTF-8''a.pdf");
}

class DocumentHelpers : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() / ("koers-documents-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    db = store::Database::open((dir / "koers.db").string(), 2);
    db->migrate();
    db->write([&](soci::session& sql) {
      store::SchoolRepository schools(*db);
      const Id board = schools.create_board(sql, "Bestuur");
      school = schools.create_school(sql, domain::School{0, board, "De Test", "99XX", "00", ""});
      sql << "INSERT INTO pupils (school_id, edex_key, given_name, surname, updated_at) VALUES (:s, 'L1', 'Sanne', "
             "'Bakker', 'x') RETURNING id",
          soci::use(school), soci::into(pupil);
      who.account_id = store::AccountRepository(*db).insert(
          sql, store::NewAccount{"ib", "", domain::Role::kSupportCoordinator, "Marieke Visser", board, school, 0, 0},
          "x");
      who.username = "ib";
      who.role = domain::Role::kSupportCoordinator;
      who.board_id = board;
      who.school_id = school;
    });
    AppOptions options;
    options.templates_dir = std::string(KOERS_SOURCE_DIR) + "/templates";
    options.static_dir = std::string(KOERS_SOURCE_DIR) + "/static";
    app = std::make_unique<App>(*db, options);
  }
  void TearDown() override {
    app.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  long long count(const std::string& query) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<App> app;
  domain::Principal who;
  Id school = 0, pupil = 0;
};

TEST_F(DocumentHelpers, AnUploadedPdfIsStoredAndDownloadedByteForByte) {
  const std::string pdf = report_pdf();
  Request req;
  req.method = "PUT";
  req.path = "/api/v1/hgd/41";
  req.files["report"] = UploadedFile{"Onderzoeksverslag HGD.pdf", pdf};
  Context ctx{*app, req, {}, who, "csrf"};
  auto stored = store_uploaded_pdf(ctx, "report", store::NewDocument{"hgd", 41, school, pupil, "", ""});
  ASSERT_TRUE(std::holds_alternative<Id>(stored)) << std::get<std::string>(stored);

  Request get;
  get.method = "GET";
  get.path = "/api/v1/hgd/41/rapport";
  Context read{*app, get, {}, who, "csrf"};
  Response r = pdf_download(read, std::get<Id>(stored));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/pdf");
  EXPECT_TRUE(r.body == pdf) << "the exact bytes";
  bool disposition = false;
  for (const auto& [name, value] : r.headers)
    if (name == "Content-Disposition") {
      disposition = true;
      EXPECT_EQ(value, "attachment; filename=\"Onderzoeksverslag_HGD.pdf\"; filename*=UTF-8''Onderzoeksverslag%20HGD.pdf");
    }
  EXPECT_TRUE(disposition);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'view' AND object = 'document Onderzoeksverslag "
                  "HGD.pdf' AND detail = 'gedownload van hgd 41' AND pupil_id = " + std::to_string(pupil)),
            1);
  EXPECT_THROW(pdf_download(read, std::get<Id>(stored) + 1), HttpError) << "404 for a document that is not there";
}

TEST_F(DocumentHelpers, ANonPdfAMissingFileOrOneOverTheLimitIsRefusedAndNothingIsStored) {
  Request req;
  req.method = "PUT";
  req.files["report"] = UploadedFile{"verslag.docx", "PK\x03\x04 word"};
  Context ctx{*app, req, {}, who, "csrf"};
  auto refused = store_uploaded_pdf(ctx, "report", store::NewDocument{"hgd", 41, school, pupil, "", ""});
  ASSERT_TRUE(std::holds_alternative<std::string>(refused));
  EXPECT_EQ(std::get<std::string>(refused).rfind("Bestand: is geen PDF", 0), 0u);
  auto missing = store_uploaded_pdf(ctx, "rapport", store::NewDocument{"hgd", 41, school, pupil, "", ""});
  ASSERT_TRUE(std::holds_alternative<std::string>(missing));
  EXPECT_EQ(std::get<std::string>(missing).rfind("Bestand: niet meegestuurd", 0), 0u);
  req.files["report"] = UploadedFile{"groot.pdf", "%PDF-1.4\n" + std::string(io::kMaxDocumentBytes, 'x') + "\n%%EOF\n"};
  auto too_big = store_uploaded_pdf(ctx, "report", store::NewDocument{"hgd", 41, school, pupil, "", ""});
  ASSERT_TRUE(std::holds_alternative<std::string>(too_big));
  EXPECT_EQ(std::get<std::string>(too_big), "Bestand: is 20,1 MB; een document mag hoogstens 20 MB zijn. Er is niets opgeslagen.");
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 0);
}

}  // namespace
}  // namespace koers::web
