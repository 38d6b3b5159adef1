// The edge every request passes before its handler: what a body and its fields may be.
// A page route takes a form, never JSON (415); a JSON body must parse (400 naming where it
// breaks) and nest no deeper than domain::limits::kJsonDepth; no form field, query value or
// JSON string is longer than domain::limits::kFreeText (422 naming the field).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "web/http.h"

namespace koers::web {

// Throws HttpError (app.h) when the request's input is refused; returns when it may go on.
void check_request_input(const Request& req);

// The body of an API call that takes a JSON object (an empty body is {}); 400 "Verwacht een
// JSON-object." for anything else.
nlohmann::json json_object_body(const Request& req);

// The refusal of a body whose fields say what is wrong: {"error": …, "problems": [...]}.
Response problems_response(const std::string& error, const std::vector<std::string>& problems, int status = 422);

}  // namespace koers::web
