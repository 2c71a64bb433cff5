// The operations every resource is made of, over the shared RestCaller: paths, `_fields`
// checked against the resource's field table, decoding of one item or a page. Each operation of
// each resource connection is a call to one of these.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "closeio/client_options.hpp"
#include "closeio/list_options.hpp"
#include "internal/json_codec.hpp"
#include "internal/resource_tables.hpp"
#include "internal/rest_caller.hpp"

namespace closeio::internal {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

/// `collection` + the percent-encoded id + "/", e.g. "activity/call/acti_1/". Throws
/// std::invalid_argument (naming `what`, e.g. "call id") for an empty id, "." or "..".
std::string item_path(std::string_view collection, const std::string& id, std::string_view what);

/// `_fields=a,b` query value. Throws std::invalid_argument for a name that is not a field of T
/// (listing the known ones), or a name given twice.
template <class T>
std::string fields_value(const std::vector<std::string>& fields);

/// A request and how its 2xx answer decodes: what one operation is, for both call forms.
template <class T>
struct RestPlan {
  RestRequest request;
  std::function<T(const std::string&)> decode;
};

/// GET `path` (an item path) with optional `_fields`; the answer must be the item.
template <class T>
RestPlan<T> fetch_plan(std::string path, const std::vector<std::string>& fields) {
  QueryPairs query;
  if (!fields.empty()) query.emplace_back("_fields", fields_value<T>(fields));
  return {RestRequest{"GET", std::move(path), query_string(query), std::nullopt},
          [fields](const std::string& body) {
            T item = decode_resource<T>(body);
            require_id_in_answer(resource_table<T>().resource, item.id, fields);
            return item;
          }};
}

/// GET `collection` with `filters` (already encoded), `_limit`, `_skip` and `_fields`.
template <class T>
RestPlan<Page<T>> list_plan(std::string_view collection, QueryPairs filters,
                            const ListOptions& options) {
  filters.emplace_back("_limit", std::to_string(options.limit));
  filters.emplace_back("_skip", std::to_string(options.skip));
  if (!options.fields.empty()) filters.emplace_back("_fields", fields_value<T>(options.fields));
  return {RestRequest{"GET", std::string(collection), query_string(filters), std::nullopt},
          [](const std::string& body) { return decode_page<T>(body); }};
}

/// POST or PUT `body` to `path`; the answer must be the whole item.
template <class T>
RestPlan<T> write_plan(const char* method, std::string path, std::string body) {
  return {RestRequest{method, std::move(path), std::string(), std::move(body)},
          [](const std::string& answer) {
            T item = decode_resource<T>(answer);
            require_id_in_answer(resource_table<T>().resource, item.id, {});
            return item;
          }};
}

/// Sends `plan` and waits for its decoded answer.
template <class T>
T run_plan(RestCaller& caller, RestPlan<T> plan, const CallOptions& call) {
  return caller.send_and_decode(plan.request, call, plan.decode);
}

/// Builds a plan with `make` and sends it without waiting; `done` runs once, on the session's
/// I/O thread, also when `make` refuses the arguments (std::invalid_argument: nothing is sent).
template <class T, class Make>
void run_plan_async(RestCaller& caller, Make&& make, const CallOptions& call,
                    std::function<void(AsyncResult<T>)> done) {
  std::optional<RestPlan<T>> plan;
  try {
    plan.emplace(make());
  } catch (...) {
    // The error moves on (see RestCaller::AsyncCall::finish): no copy stays behind.
    caller.post([done = std::move(done), error = std::current_exception()]() mutable {
      done(AsyncResult<T>(std::move(error)));
    });
    return;
  }
  caller.send_and_decode_async<T>(std::move(plan->request), call, std::move(plan->decode),
                                  std::move(done));
}

/// GET `path` (an item path) with optional `_fields`; the answer must be the item.
template <class T>
T fetch_item(RestCaller& caller, const std::string& path, const std::vector<std::string>& fields,
             const CallOptions& call) {
  return run_plan(caller, fetch_plan<T>(path, fields), call);
}

/// GET `collection` with `filters` (already encoded), `_limit`, `_skip` and `_fields`.
template <class T>
Page<T> list_items(RestCaller& caller, std::string_view collection, QueryPairs filters,
                   const ListOptions& options, const CallOptions& call) {
  return run_plan(caller, list_plan<T>(collection, std::move(filters), options), call);
}

/// POST or PUT `body` to `path`; the answer must be the whole item.
template <class T>
T write_item(RestCaller& caller, const char* method, std::string path, std::string body,
             const CallOptions& call) {
  return run_plan(caller, write_plan<T>(method, std::move(path), std::move(body)), call);
}

}  // namespace closeio::internal
