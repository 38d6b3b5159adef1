#include "web/server.h"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/multipart_body.hpp>

#include <algorithm>

namespace koers::web {

namespace {

namespace hfp = restinio::http_field_parsers;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s;
}

void read_multipart(const restinio::request_t& req, Request& out) {
  auto result = restinio::multipart_body::enumerate_parts(
      req, [&](restinio::multipart_body::parsed_part_t part) {
        auto disposition = part.fields.opt_value_of(restinio::http_field::content_disposition);
        if (!disposition) return restinio::multipart_body::handling_result_t::continue_enumeration;
        auto parsed = hfp::content_disposition_value_t::try_parse(*disposition);
        if (!parsed) return restinio::multipart_body::handling_result_t::continue_enumeration;
        auto name = hfp::find_first(parsed->parameters, "name");
        if (!name) return restinio::multipart_body::handling_result_t::continue_enumeration;
        auto filename = hfp::find_first(parsed->parameters, "filename");
        std::string key(name->data(), name->size());
        if (filename)
          out.files[key] = UploadedFile{std::string(filename->data(), filename->size()),
                                        std::string(part.body.data(), part.body.size())};
        else
          out.form[key] = std::string(part.body.data(), part.body.size());
        return restinio::multipart_body::handling_result_t::continue_enumeration;
      });
  (void)result;  // a body without parts leaves form and files empty; handlers say what is missing
}

// A body over `max_body` is neither kept nor parsed: App refuses it (413) by its size.
Request to_request(const restinio::request_t& req, size_t max_body) {
  Request r;
  r.method = std::string(req.header().method().c_str());
  r.path = std::string(req.header().path());
  r.query = parse_urlencoded(std::string(req.header().query()));
  req.header().for_each_field([&](const restinio::http_header_field_t& f) {
    r.headers[lower(std::string(f.name()))] = std::string(f.value());
  });
  r.cookies = parse_cookies(r.header("cookie"));
  r.remote_ip = req.remote_endpoint().address().to_string();
  r.body_size = req.body().size();
  if (r.body_size > max_body) return r;
  r.body = req.body();
  std::string type = lower(r.header("content-type"));
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0)
    r.form = parse_urlencoded(r.body);
  else if (type.rfind("multipart/form-data", 0) == 0)
    read_multipart(req, r);
  return r;
}

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    default: return status >= 500 ? "Internal Server Error" : "Status";
  }
}

struct Traits : public restinio::default_traits_t {
  using logger_t = restinio::null_logger_t;
  static constexpr bool use_connection_count_limiter = true;
};

}  // namespace

size_t transport_body_limit(size_t max_upload_bytes) { return max_upload_bytes + max_upload_bytes / 2 + 64 * 1024; }

void check_listen_address(const std::string& address, unsigned short port) {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io);
  asio::error_code ec;
  auto ip = asio::ip::make_address(address == "localhost" ? "127.0.0.1" : address, ec);
  if (ec) throw std::runtime_error("--listen: " + address + " is geen IP-adres (" + ec.message() + ")");
  asio::ip::tcp::endpoint endpoint(ip, port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (ec)
    throw std::runtime_error("kan niet luisteren op " + address + ":" + std::to_string(port) + ": " + ec.message() +
                             " (draait daar al een Koers of ander programma?)");
}

void serve(store::Database& db, const ServerOptions& options) {
  // RESTinio reports a failed bind on its own threads and then serves nothing: check first.
  check_listen_address(options.address, options.port);
  App app(db, options.app);
  // The largest limit of any route (a document upload may take more than --max-upload-mb);
  // App refuses a body over its own route's limit.
  const size_t max_body = app.largest_body_limit();
  auto handler = [&app, max_body](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    Request request = to_request(*req, max_body);
    Response response = app.handle(request);
    auto builder = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
        reason(response.status)});
    builder.append_header(restinio::http_field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) builder.append_header(name, value);
    if (request.method != "HEAD") builder.set_body(std::move(response.body));
    return builder.done();
  };
  restinio::run(restinio::on_thread_pool<Traits>(options.threads)
                    .address(options.address)
                    .port(options.port)
                    // Bodies are read in 64 KiB pieces, not RESTinio's 4 KiB: under load each piece
                    // waits its turn behind the page renders (soak: a 190 KB body took 16 s).
                    .buffer_size(64 * 1024)
                    .read_next_http_message_timelimit(options.request_timeout)
                    .write_http_response_timelimit(std::chrono::seconds(30))
                    .max_parallel_connections(options.max_connections)
                    .incoming_http_msg_limits(
                        restinio::incoming_http_msg_limits_t{}.max_body_size(transport_body_limit(max_body)))
                    .request_handler(std::move(handler)));
}

}  // namespace koers::web
