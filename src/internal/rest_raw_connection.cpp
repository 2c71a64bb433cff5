#include "internal/rest_raw_connection.hpp"

#include <utility>

#include "internal/async_bridge.hpp"
#include "internal/raw_checks.hpp"
#include "internal/raw_page.hpp"
#include "internal/session_access.hpp"
#include "internal/unimplemented.hpp"

namespace closeio::internal {
namespace {

RawResponse raw_response_of(RestAnswer&& answer) {
  RawResponse out;
  out.status = answer.status;
  out.body = std::move(answer.body);
  out.headers = std::move(answer.headers);
  return out;
}

// The GET of one page of a raw list: the query with `_limit` and `_skip` from `options` added.
RestRequest list_request_of(const std::string& path, const QueryParams& query,
                            const ListOptions& options) {
  RawRequest request{"GET", path, query, std::nullopt};
  request.query.add("_limit", std::to_string(options.limit));
  request.query.add("_skip", std::to_string(options.skip));
  return rest_request_of(request);
}

Page<std::string> decode_raw_page(const std::string& body) { return split_raw_page(body); }

}  // namespace

RestRequest rest_request_of(const RawRequest& request) {
  RestRequest out;
  out.method = request.method;
  out.path = request.path;
  out.query = raw_query_string(request.query);
  out.body = request.json_body;
  if (!out.body && out.method != "GET" && out.method != "DELETE") out.body.emplace();
  return out;
}

RestRawConnection::RestRawConnection(std::shared_ptr<RestCaller> caller)
    : caller_(std::move(caller)) {}

RawResponse RestRawConnection::request(const RawRequest& request, const CallOptions& call) {
  return raw_response_of(caller_->send(rest_request_of(request), call));
}

void RestRawConnection::request_async(const RawRequest& request, const CallOptions& call,
                                      std::function<void(AsyncResult<RawResponse>)> done) {
  caller_->send_async(rest_request_of(request), call,
                      [done = std::move(done)](AsyncResult<RestAnswer> answer) mutable {
                        if (!answer.has_value()) {
                          return done(AsyncResult<RawResponse>(answer.error()));
                        }
                        done(AsyncResult<RawResponse>(raw_response_of(std::move(answer).value())));
                      });
}

Page<std::string> RestRawConnection::list_page(const std::string& path, const QueryParams& query,
                                               const ListOptions& options,
                                               const CallOptions& call) {
  return caller_->send_and_decode(list_request_of(path, query, options), call, decode_raw_page);
}

void RestRawConnection::list_page_async(const std::string& path, const QueryParams& query,
                                        const ListOptions& options, const CallOptions& call,
                                        std::function<void(AsyncResult<Page<std::string>>)> done) {
  caller_->send_and_decode_async<Page<std::string>>(list_request_of(path, query, options), call,
                                                    decode_raw_page, std::move(done));
}

std::optional<RateLimitInfo> RestRawConnection::rate_limit() const { return caller_->rate_limit(); }

}  // namespace closeio::internal

namespace closeio {

using internal::throw_unimplemented;

RawConnection::~RawConnection() = default;
RawResponse RawConnection::request(const RawRequest& /*unused*/, const CallOptions& /*unused*/) {
  throw_unimplemented("RawConnection", "request()");
}
void RawConnection::request_async(const RawRequest& request, const CallOptions& call,
                                  std::function<void(AsyncResult<RawResponse>)> done) {
  internal::complete_now<RawResponse>(std::move(done),
                                      [&] { return this->request(request, call); });
}
Page<std::string> RawConnection::list_page(const std::string& /*unused*/,
                                           const QueryParams& /*unused*/,
                                           const ListOptions& /*unused*/,
                                           const CallOptions& /*unused*/) {
  throw_unimplemented("RawConnection", "list_page()");
}
void RawConnection::list_page_async(const std::string& path, const QueryParams& query,
                                    const ListOptions& options, const CallOptions& call,
                                    std::function<void(AsyncResult<Page<std::string>>)> done) {
  internal::complete_now<Page<std::string>>(
      std::move(done), [&] { return this->list_page(path, query, options, call); });
}
std::optional<RateLimitInfo> RawConnection::rate_limit() const { return std::nullopt; }

std::shared_ptr<RawConnection> make_raw_connection(ClientOptions options) {
  return make_raw_connection(Session(std::move(options)));
}
std::shared_ptr<RawConnection> make_raw_connection(const Session& session) {
  return std::make_shared<internal::RestRawConnection>(internal::SessionAccess::core(session));
}

}  // namespace closeio
