// Serving Koers over HTTP (RESTinio on a thread pool). The only file that includes
// RESTinio: it turns its requests into web::Request and App's answers into responses.
#pragma once

#include <string>

#include "store/database.h"
#include "web/app.h"

namespace koers::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  // Requests run on these threads, database calls included; short calls, so a few do.
  size_t threads = 4;
  size_t max_body_bytes = 64 * 1024 * 1024;  // an EDEXML file of a big school fits
  AppOptions app;
};

// Serves until SIGINT. Throws if the address cannot be bound or templates do not load.
void serve(store::Database& db, const ServerOptions& options);

}  // namespace koers::web
