#include "web/forms.h"

namespace koers::web {

Response form_through_api(Context& ctx, Response (*handler)(Context&), const std::string& to, const std::string& done) {
  Response r = [&] {
    try {
      return handler(ctx);
    } catch (const HttpError& e) {
      // A refusal of what was filled in (bad field, changed meanwhile) is read on the form's page;
      // one of who may do it (403, 404) stays the error page it is.
      if (e.status != 400 && e.status != 409 && e.status != 422) throw;
      return Response::json(nlohmann::json{{"error", e.message}}.dump(), e.status);
    }
  }();
  if (r.status < 300) return Response::redirect(ctx.with_notice(to, done));
  nlohmann::json answer = nlohmann::json::parse(r.body, nullptr, false);
  std::string text = answer.is_object() ? answer.value("error", std::string("Niet opgeslagen.")) : "Niet opgeslagen.";
  if (answer.is_object() && answer.contains("problems") && answer["problems"].is_array())
    for (const auto& p : answer["problems"])
      if (p.is_string() && p.get<std::string>() != text) text += " " + p.get<std::string>();
  return Response::redirect(ctx.with_notice(to, text));
}

Response form_through_api(Context& ctx, Response (*handler)(Context&), const nlohmann::json& body,
                          const std::string& to, const std::string& done) {
  ctx.req.body = body.dump();
  return form_through_api(ctx, handler, to, done);
}

}  // namespace koers::web
