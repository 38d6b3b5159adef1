#include "web/imports.h"

#include "io/edexml_reader.h"

namespace koers::web {

io::Outcome<store::EdexmlImportSummary> import_edexml_file(Context& ctx, const std::string& xml,
                                                           const std::string& file_name,
                                                           bool create_school,
                                                           const std::string& school_name) {
  if (xml.empty()) return io::ImportError{0, "", "het bestand is leeg of ontbreekt"};
  io::Outcome<io::EdexDocument> doc = io::read_edexml(xml);
  if (io::failed(doc)) return std::get<io::ImportError>(doc);
  store::EdexmlImportOptions options;
  options.board_id = ctx.who.board_id;
  options.create_school = create_school;
  options.school_name = school_name;
  options.file_name = file_name;
  return store::import_edexml(ctx.app.db, std::get<io::EdexDocument>(doc), options, ctx.who);
}

}  // namespace koers::web
