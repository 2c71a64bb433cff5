#include "closeio/raw_client.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "internal/async_bridge.hpp"
#include "internal/header_utils.hpp"
#include "internal/raw_checks.hpp"

namespace closeio {
namespace {

// The request as the connection gets it: method and path checked and normalised. Everything a
// connection would refuse is refused here, before a mock or the wire sees it.
RawRequest checked_raw_request(std::string_view method, std::string_view path,
                               const QueryParams& query, std::optional<std::string> json_body) {
  RawRequest request{internal::normalise_method(method), internal::checked_raw_path(path), query,
                     std::move(json_body)};
  if (request.method == "GET" && request.json_body) {
    throw std::invalid_argument("closeio: a raw GET cannot carry a body");
  }
  for (const auto& param : request.query) {
    if (param.first.empty()) {
      throw std::invalid_argument("closeio: a query parameter has an empty name");
    }
  }
  return request;
}

// `_limit` / `_skip` of a raw list's query: a whole number at least `min`.
int raw_paging_value(const std::string& text, const char* name, int min) {
  const bool digits =
      !text.empty() && text.size() <= 9 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int value = digits ? std::stoi(text) : -1;
  if (value < min) {
    throw std::invalid_argument(std::string("closeio: RawClient::list(): ") + name +
                                " must be a whole number, " + std::to_string(min) + " or more");
  }
  return value;
}

void require_raw_list_arguments(const QueryParams& query, const ListOptions& options) {
  if (options.limit < 1) throw std::invalid_argument("closeio: limit must be 1 or more");
  if (options.skip < 0) throw std::invalid_argument("closeio: skip must be 0 or more");
  if (!options.fields.empty()) {
    throw std::invalid_argument(
        "closeio: a raw list takes _fields in its QueryParams, not in ListOptions::fields");
  }
  if (query.contains("_limit") || query.contains("_skip")) {
    throw std::invalid_argument(
        "closeio: RawClient::list_page() takes _limit and _skip from ListOptions, not the query");
  }
}

// The GET of one raw list page, checked as list_page() checks it (paging not yet added).
RawRequest checked_raw_list_request(std::string_view path, const QueryParams& query,
                                    const ListOptions& options) {
  require_raw_list_arguments(query, options);
  return checked_raw_request("GET", path, query, std::nullopt);
}

}  // namespace

QueryParams& QueryParams::set(std::string name, std::string value) {
  auto first = std::find_if(params_.begin(), params_.end(),
                            [&](const value_type& p) { return p.first == name; });
  if (first == params_.end()) return add(std::move(name), std::move(value));
  first->second = std::move(value);
  params_.erase(std::remove_if(std::next(first), params_.end(),
                               [&](const value_type& p) { return p.first == name; }),
                params_.end());
  return *this;
}

std::size_t QueryParams::erase(std::string_view name) {
  const std::size_t before = params_.size();
  params_.erase(std::remove_if(params_.begin(), params_.end(),
                               [&](const value_type& p) { return p.first == name; }),
                params_.end());
  return before - params_.size();
}

const std::string* QueryParams::find(std::string_view name) const {
  for (const value_type& p : params_) {
    if (p.first == name) return &p.second;
  }
  return nullptr;
}

std::optional<std::string> RawResponse::header(std::string_view name) const {
  if (const std::string* value = internal::find_header(headers, name)) return *value;
  return std::nullopt;
}

RawClient::RawClient(ClientOptions options)
    : connection_(make_raw_connection(std::move(options))) {}

RawClient::RawClient(const Session& session) : connection_(make_raw_connection(session)) {}

RawClient::RawClient(std::shared_ptr<RawConnection> connection)
    : connection_(std::move(connection)) {
  if (!connection_) throw std::invalid_argument("closeio: RawClient needs a connection");
}

RawClient RawClient::with_call_options(CallOptions call) const {
  RawClient copy(*this);
  copy.call_ = std::move(call);
  return copy;
}

std::string RawClient::path_of(std::initializer_list<std::string_view> segments) {
  return internal::raw_path_of(segments);
}

RawResponse RawClient::request(std::string_view method, std::string_view path,
                               const QueryParams& query,
                               std::optional<std::string> json_body) const {
  return connection_->request(checked_raw_request(method, path, query, std::move(json_body)),
                              call_);
}

RawResponse RawClient::get(std::string_view path, const QueryParams& query) const {
  return request("GET", path, query);
}

RawResponse RawClient::post(std::string_view path, std::string json_body,
                            const QueryParams& query) const {
  return request("POST", path, query, std::move(json_body));
}

RawResponse RawClient::put(std::string_view path, std::string json_body,
                           const QueryParams& query) const {
  return request("PUT", path, query, std::move(json_body));
}

RawResponse RawClient::remove(std::string_view path, const QueryParams& query) const {
  return request("DELETE", path, query);
}

Page<std::string> RawClient::list_page(std::string_view path, const QueryParams& query,
                                       const ListOptions& options) const {
  const RawRequest checked = checked_raw_list_request(path, query, options);
  return connection_->list_page(checked.path, checked.query, options, call_);
}

RawRange RawClient::list(std::string_view path, QueryParams query) const {
  ListOptions options;
  if (const std::string* limit = query.find("_limit")) {
    options.limit = raw_paging_value(*limit, "_limit", 1);
  }
  if (const std::string* skip = query.find("_skip")) {
    options.skip = raw_paging_value(*skip, "_skip", 0);
  }
  query.erase("_limit");
  query.erase("_skip");
  RawRequest checked = checked_raw_request("GET", path, query, std::nullopt);
  return {[connection = connection_, call = call_, path = std::move(checked.path),
           query = std::move(checked.query)](const ListOptions& page) {
            return connection->list_page(path, query, page, call);
          },
          options, call_.cancellation};
}

std::future<RawResponse> RawClient::request_async(std::string_view method, std::string_view path,
                                                  const QueryParams& query,
                                                  std::optional<std::string> json_body) const {
  RawRequest checked = checked_raw_request(method, path, query, std::move(json_body));
  return internal::future_from<RawResponse>(
      [&](std::function<void(AsyncResult<RawResponse>)> done) {
        connection_->request_async(checked, call_, std::move(done));
      });
}

void RawClient::request_async(std::string_view method, std::string_view path,
                              const QueryParams& query, std::optional<std::string> json_body,
                              std::function<void(AsyncResult<RawResponse>)> done) const {
  RawRequest checked = checked_raw_request(method, path, query, std::move(json_body));
  connection_->request_async(checked, call_, internal::guard_callback(std::move(done)));
}

std::future<RawResponse> RawClient::get_async(std::string_view path,
                                              const QueryParams& query) const {
  return request_async("GET", path, query);
}

void RawClient::get_async(std::string_view path, const QueryParams& query,
                          std::function<void(AsyncResult<RawResponse>)> done) const {
  request_async("GET", path, query, std::nullopt, std::move(done));
}

std::future<RawResponse> RawClient::post_async(std::string_view path, std::string json_body,
                                               const QueryParams& query) const {
  return request_async("POST", path, query, std::move(json_body));
}

void RawClient::post_async(std::string_view path, std::string json_body, const QueryParams& query,
                           std::function<void(AsyncResult<RawResponse>)> done) const {
  request_async("POST", path, query, std::move(json_body), std::move(done));
}

std::future<RawResponse> RawClient::put_async(std::string_view path, std::string json_body,
                                              const QueryParams& query) const {
  return request_async("PUT", path, query, std::move(json_body));
}

void RawClient::put_async(std::string_view path, std::string json_body, const QueryParams& query,
                          std::function<void(AsyncResult<RawResponse>)> done) const {
  request_async("PUT", path, query, std::move(json_body), std::move(done));
}

std::future<RawResponse> RawClient::remove_async(std::string_view path,
                                                 const QueryParams& query) const {
  return request_async("DELETE", path, query);
}

void RawClient::remove_async(std::string_view path, const QueryParams& query,
                             std::function<void(AsyncResult<RawResponse>)> done) const {
  request_async("DELETE", path, query, std::nullopt, std::move(done));
}

std::future<Page<std::string>> RawClient::list_page_async(std::string_view path,
                                                          const QueryParams& query,
                                                          const ListOptions& options) const {
  const RawRequest checked = checked_raw_list_request(path, query, options);
  return internal::future_from<Page<std::string>>(
      [&](std::function<void(AsyncResult<Page<std::string>>)> done) {
        connection_->list_page_async(checked.path, checked.query, options, call_, std::move(done));
      });
}

void RawClient::list_page_async(std::string_view path, const QueryParams& query,
                                const ListOptions& options,
                                std::function<void(AsyncResult<Page<std::string>>)> done) const {
  const RawRequest checked = checked_raw_list_request(path, query, options);
  connection_->list_page_async(checked.path, checked.query, options, call_,
                               internal::guard_callback(std::move(done)));
}

std::optional<RateLimitInfo> RawClient::rate_limit() const { return connection_->rate_limit(); }

}  // namespace closeio
