// The pages' forms that a JSON API already does: the page sends what the API would get, so
// one set of rules decides both, and the user reads the API's refusal as the notice.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "web/app.h"

namespace koers::web {

// A page's form done by the API's handler (the page sends what the API would get): back to
// `to` with `done` as the notice, or with the API's refusal ("error" and each further text of
// "problems") as the notice — also when the handler throws it as an HttpError 400, 409 or 422.
// With `body`, the handler gets it as its JSON body.
Response form_through_api(Context& ctx, Response (*handler)(Context&), const std::string& to, const std::string& done);
Response form_through_api(Context& ctx, Response (*handler)(Context&), const nlohmann::json& body,
                          const std::string& to, const std::string& done);

}  // namespace koers::web
