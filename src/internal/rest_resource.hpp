// The operations every resource is made of, over the shared RestCaller: paths, `_fields`
// checked against the resource's field table, decoding of one item or a page. Each operation of
// each resource connection is a call to one of these.
#pragma once

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

/// GET `path` (an item path) with optional `_fields`; the answer must be the item.
template <class T>
T fetch_item(RestCaller& caller, const std::string& path, const std::vector<std::string>& fields,
             const CallOptions& call) {
  QueryPairs query;
  if (!fields.empty()) query.emplace_back("_fields", fields_value<T>(fields));
  return caller.send_and_decode(RestRequest{"GET", path, query_string(query), std::nullopt}, call,
                                [&](const std::string& body) {
                                  T item = decode_resource<T>(body);
                                  require_id_in_answer(resource_table<T>().resource, item.id,
                                                       fields);
                                  return item;
                                });
}

/// GET `collection` with `filters` (already encoded), `_limit`, `_skip` and `_fields`.
template <class T>
Page<T> list_items(RestCaller& caller, std::string_view collection, QueryPairs filters,
                   const ListOptions& options, const CallOptions& call) {
  filters.emplace_back("_limit", std::to_string(options.limit));
  filters.emplace_back("_skip", std::to_string(options.skip));
  if (!options.fields.empty()) filters.emplace_back("_fields", fields_value<T>(options.fields));
  return caller.send_and_decode(
      RestRequest{"GET", std::string(collection), query_string(filters), std::nullopt}, call,
      [](const std::string& body) { return decode_page<T>(body); });
}

/// POST or PUT `body` to `path`; the answer must be the whole item.
template <class T>
T write_item(RestCaller& caller, const char* method, std::string path, std::string body,
             const CallOptions& call) {
  return caller.send_and_decode(
      RestRequest{method, std::move(path), std::string(), std::move(body)}, call,
      [](const std::string& answer) {
        T item = decode_resource<T>(answer);
        require_id_in_answer(resource_table<T>().resource, item.id, {});
        return item;
      });
}

}  // namespace closeio::internal
