// Serving Koers over HTTP (RESTinio on a thread pool). The only file that includes
// RESTinio: it turns its requests into web::Request and App's answers into responses.
#pragma once

#include <chrono>
#include <string>

#include "store/database.h"
#include "web/app.h"

namespace koers::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  // Requests run on these threads, database calls included; short calls, so a few do.
  size_t threads = 4;
  // A request must arrive whole within this time from its first byte (or from the previous
  // answer on a kept-alive connection); a slow or half-sent one is closed. Waiting costs a
  // connection, never a request thread.
  std::chrono::seconds request_timeout{20};
  // Connections at once; more wait in the kernel's queue until one closes.
  size_t max_connections = 512;
  AppOptions app;  // app.max_upload_bytes: the largest body Koers takes (413 above it)
};

// The body size at which the connection itself is closed, unanswered (RESTinio 0.6 cannot
// answer a body it refuses to read): half as much again as the upload limit, so a file somewhat
// over the limit still gets the 413 that names the limit.
size_t transport_body_limit(size_t max_upload_bytes);

// Throws, naming the address and the reason, when nothing can listen on it (another
// program, or another Koers, holds the port). serve() checks it first too.
void check_listen_address(const std::string& address, unsigned short port);

// Serves until SIGINT. Throws if the address cannot be bound or templates do not load.
void serve(store::Database& db, const ServerOptions& options);

}  // namespace koers::web
