#include "web/forms.h"

namespace koers::web {

Response form_through_api(Context& ctx, Response (*handler)(Context&), const std::string& to, const std::string& done) {
  Response r = handler(ctx);
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
