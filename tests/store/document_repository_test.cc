// Documents in the database on SQLite (BLOB) and PostgreSQL (BYTEA): a real PDF (made with
// chromium, tests/data/documents) comes back byte for byte with its size and SHA-256; a file
// that is no PDF, a PDF cut short and one over the limit are refused in Dutch with nothing
// stored; storing and removing leave audit lines on the pupil.
#include "store/document_repository.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/crypto.h"
#include "io/pdf_file.h"
#include "store/account_repository.h"
#include "store/audit_log.h"
#include "store_test_support.h"

namespace koers::store {
namespace {

using domain::Id;

std::string report_pdf() {
  std::ifstream in(std::string(KOERS_TEST_DATA) + "/documents/rapport.pdf", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Documents : public testing::StoreTest {
 protected:
  OneGroup world;
  domain::Principal ib;

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    world = school_with_one_group();
    ib = ib_of(world.school);
    ib.account_id = db->write([&](soci::session& sql) {
      Id board = 0;
      sql << "SELECT board_id FROM schools WHERE id = :s", soci::use(world.school), soci::into(board);
      return AccountRepository(*db).insert(
          sql, NewAccount{"ib", "", domain::Role::kSupportCoordinator, "Marieke Visser", board, world.school, 0, 0}, "x");
    });
  }
  NewDocument report(std::string bytes, const std::string& name = "Onderzoeksverslag HGD.pdf") {
    return NewDocument{"hgd", 41, world.school, world.pupil, name, std::move(bytes)};
  }
  long long count(const std::string& query) {
    return db->read([&](soci::session& sql) {
      long long n = 0;
      sql << query, soci::into(n);
      return n;
    });
  }
};

TEST_P(Documents, ARealPdfComesBackByteForByte) {
  const std::string pdf = report_pdf();
  ASSERT_GT(pdf.size(), 10000u) << "tests/data/documents/rapport.pdf is there";
  ASSERT_NE(pdf.find('\0'), std::string::npos) << "the file holds NUL bytes: a text round trip would cut it";
  DocumentRepository repo(*db);
  auto stored = repo.store(report(pdf, "C:\\fakepath\\Onderzoeksverslag HGD.pdf"), ib);
  ASSERT_TRUE(std::holds_alternative<Id>(stored)) << std::get<std::string>(stored);
  auto doc = repo.load(std::get<Id>(stored));
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->bytes.size(), pdf.size());
  EXPECT_TRUE(doc->bytes == pdf) << "the exact bytes";
  EXPECT_EQ(doc->info.size_bytes, static_cast<long long>(pdf.size()));
  EXPECT_EQ(doc->info.sha256, sha256_hex(pdf));
  EXPECT_EQ(count("SELECT length(content) FROM documents"), static_cast<long long>(pdf.size()))
      << "kept as bytes (BLOB, BYTEA), not as hex text";
  EXPECT_EQ(doc->info.file_name, "Onderzoeksverslag HGD.pdf") << "without the browser's directory";
  EXPECT_EQ(doc->info.content_type, "application/pdf");
  EXPECT_EQ(doc->info.owner_kind, "hgd");
  EXPECT_EQ(doc->info.owner_id, 41);
  EXPECT_EQ(doc->info.pupil_id, world.pupil);
  EXPECT_EQ(doc->info.uploaded_by, ib.account_id);
  EXPECT_EQ(doc->info.uploaded_by_name, "Marieke Visser");
  EXPECT_FALSE(doc->info.uploaded_at.empty());
  auto listed = repo.of_owner("hgd", 41);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].sha256, sha256_hex(pdf));
  EXPECT_TRUE(repo.of_owner("hgd", 42).empty());
  EXPECT_TRUE(repo.of_owner("verwijzing", 41).empty());
  auto trail = AuditLog(*db).for_pupil(world.pupil);
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail.front().object, "document Onderzoeksverslag HGD.pdf");
  EXPECT_EQ(trail.front().detail, "PDF van 20 kB opgeslagen bij hgd 41");
}

TEST_P(Documents, ThePdfOfTheLimitsOwnSizeIsTakenAndOneByteMoreIsNot) {
  // A PDF padded to exactly the limit: the largest file a school may upload.
  std::string pdf = report_pdf();
  const std::string end = "\n%%EOF\n";
  std::string at_limit = pdf.substr(0, pdf.size() - 6);
  at_limit += std::string(io::kMaxDocumentBytes - at_limit.size() - end.size(), ' ') + end;
  ASSERT_EQ(at_limit.size(), io::kMaxDocumentBytes);
  DocumentRepository repo(*db);
  auto stored = repo.store(report(at_limit), ib);
  ASSERT_TRUE(std::holds_alternative<Id>(stored)) << std::get<std::string>(stored);
  EXPECT_TRUE(repo.load(std::get<Id>(stored))->bytes == at_limit);
  auto over = repo.store(report(" " + at_limit), ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(over));
}

TEST_P(Documents, ANonPdfACutPdfAndAnOversizedFileAreRefusedAndNothingIsStored) {
  DocumentRepository repo(*db);
  const long long audit = count("SELECT COUNT(*) FROM audit_log");
  const std::string pdf = report_pdf();
  struct Case {
    std::string bytes, expected_start;
  } cases[] = {
      {"PK\x03\x04 a Word file (docx is a zip)", "Bestand: is geen PDF"},
      {"", "Bestand: leeg"},
      {pdf.substr(0, pdf.size() / 2), "Bestand: de PDF is niet compleet"},
      {"%PDF-1.4\n" + std::string(io::kMaxDocumentBytes, 'x') + "\n%%EOF\n", "Bestand: is 20,1 MB; een document mag hoogstens 20 MB zijn."},
  };
  for (const auto& c : cases) {
    auto refused = repo.store(report(c.bytes), ib);
    ASSERT_TRUE(std::holds_alternative<std::string>(refused)) << c.expected_start;
    const std::string& why = std::get<std::string>(refused);
    EXPECT_EQ(why.rfind(c.expected_start, 0), 0u) << why;
    EXPECT_NE(why.find("Er is niets opgeslagen."), std::string::npos) << why;
    // Inside the caller's transaction too: a refusal writes nothing there either.
    auto inside = db->write([&](soci::session& sql) { return repo.store(sql, report(c.bytes), ib); });
    EXPECT_TRUE(std::holds_alternative<std::string>(inside));
  }
  auto long_name = repo.store(report(pdf, std::string(300, 'r') + ".pdf"), ib);
  ASSERT_TRUE(std::holds_alternative<std::string>(long_name));
  EXPECT_EQ(std::get<std::string>(long_name).rfind("Bestandsnaam:", 0), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit);
}

TEST_P(Documents, AFailedTransactionTakesTheDocumentWithIt) {
  DocumentRepository repo(*db);
  EXPECT_THROW(db->write([&](soci::session& sql) {
    repo.store(sql, report(report_pdf()), ib);
    throw std::runtime_error("the HGD's own save failed");
  }),
               std::runtime_error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 0);
}

TEST_P(Documents, ARemovedDocumentIsGoneWithALine) {
  DocumentRepository repo(*db);
  const Id id = std::get<Id>(repo.store(report(report_pdf()), ib));
  EXPECT_TRUE(db->write([&](soci::session& sql) { return repo.remove(sql, id, ib, "vervangen door een nieuwe versie"); }));
  EXPECT_FALSE(repo.load(id));
  EXPECT_FALSE(repo.info(id));
  EXPECT_EQ(AuditLog(*db).for_pupil(world.pupil).front().detail, "verwijderd van hgd 41 (vervangen door een nieuwe versie)");
}

KOERS_STORE_TEST_SUITE(Documents);

}  // namespace
}  // namespace koers::store
