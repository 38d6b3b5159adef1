// Normeringsgrenzen: the level cut-off scores the school has from the test maker, entered by
// the IB or the head as text (one test and moment per line) and saved as a whole.
#include "domain/level_cutoffs.h"
#include "store/cutoff_repository.h"
#include "web/app.h"

namespace koers::web {

using domain::Capability;
using nlohmann::json;

namespace {

constexpr const char* kPath = "/signalering/normering";

Response show(Context& ctx, const std::string& text, const std::vector<std::string>& errors, int status) {
  json model{{"text", text}, {"errors", errors}, {"has_errors", !errors.empty()},
             {"saved", ctx.req.query.count("opgeslagen") > 0 && errors.empty()}};
  return ctx.page("cutoffs", "Normeringsgrenzen", model, status);
}

Response show_cutoffs(Context& ctx) {
  auto cutoffs = store::CutoffRepository(ctx.app.db).cutoffs(ctx.who.school_id);
  return show(ctx, domain::cutoffs_text(cutoffs), {}, 200);
}

// All or nothing: one bad line and nothing is stored, so the text is shown again as typed.
Response save_cutoffs(Context& ctx) {
  std::string text = ctx.req.field("cutoffs");
  domain::ParsedCutoffs parsed = domain::parse_cutoffs_text(text);
  if (!parsed.errors.empty()) return show(ctx, text, parsed.errors, 400);
  if (auto error = store::CutoffRepository(ctx.app.db).replace_all(ctx.who.school_id, parsed.cutoffs, ctx.who))
    return show(ctx, text, {*error}, 400);
  return Response::redirect(std::string(kPath) + "?opgeslagen=1");
}

}  // namespace

std::vector<Route> cutoff_routes() {
  return {
      {"GET", kPath, Capability::kEditSignalRules, show_cutoffs},
      {"POST", kPath, Capability::kEditSignalRules, save_cutoffs},
  };
}

}  // namespace koers::web
