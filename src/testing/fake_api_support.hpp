// What every resource of the emulator shares: the answer type, the interface a resource's API
// implements, Close's stock error texts and the parsing of `_limit`, `_skip` and `_fields`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"

namespace closeio::testing::internal {

/// The emulator's own answer to a request. Always a JSON body.
struct ApiAnswer {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< Extra headers, e.g. Allow.
  bool created = false;  ///< A POST stored a new object (an outcome or a logged call).
  bool wrote = false;    ///< A POST, PUT or DELETE changed the state.
};

/// One resource of the emulated API (outcomes, calls, meetings). Transport-free: a request in,
/// an answer out. Authentication is checked before a resource sees the request.
class FakeResourceApi {
 public:
  virtual ~FakeResourceApi() = default;
  /// The answer when `request.path` belongs to this resource; std::nullopt otherwise, so the
  /// next resource is asked. HEAD is answered like GET (the HTTP layer drops the body).
  virtual std::optional<ApiAnswer> route(const RecordedRequest& request) const = 0;
};

/// The keys a `_fields` parameter asks for; std::nullopt means every key.
using FieldSelection = std::optional<std::vector<std::string>>;

// Werkzeug's wording, which Close's API passes through for these statuses.
inline constexpr std::string_view kUnauthorized =
    "The server could not verify that you are authorized to access the URL requested. You "
    "either supplied the wrong credentials (e.g. a bad password), or your browser doesn't "
    "understand how to supply the credentials required.";
inline constexpr std::string_view kNotFoundPath =
    "The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again.";
inline constexpr std::string_view kMethodNotAllowed = "Method not allowed";

/// An answer with this status and body, nothing written.
ApiAnswer answer(int status, std::string body);
/// 405 `{"error": "Method not allowed"}` with `Allow: <allowed>`.
ApiAnswer method_not_allowed(std::string allowed);
/// `{"error": "<message>"}`, Close's body for errors other than validation.
std::string error_body(std::string_view message);

/// Close's validation body `{"errors": [], "field-errors": {"<field>": "<message>"}}`.
std::string field_error_body(std::string_view field, std::string_view message);

/// First value of a query parameter, the way Close's framework reads `request.args`.
const std::string* query_value(const RecordedRequest& request, std::string_view name);
/// A plain non-negative decimal; no sign, spaces or exponent. std::nullopt otherwise.
std::optional<std::int64_t> parse_count(const std::string& text);
/// `_fields=id,name`: the asked keys, spaces trimmed; absent or empty means every key.
FieldSelection field_selection(const RecordedRequest& request);

/// `_limit` (default 100, 1..max_limit) and `_skip` (default 0) of a list request.
struct Paging {
  std::size_t skip = 0;
  std::size_t limit = 100;
};
/// The paging asked for, or the 400 answer (`{"error": ...}`) for a bad `_limit` or `_skip`.
std::optional<Paging> parse_paging(const RecordedRequest& request, int max_limit,
                                   ApiAnswer& bad_request);

/// "<collection><id>/" -> "<id>"; std::nullopt for any other path. The path is already
/// percent-decoded, so an id holding a '/' (sent as %2F) cannot match.
std::optional<std::string> item_id(std::string_view path, std::string_view collection);

}  // namespace closeio::testing::internal
