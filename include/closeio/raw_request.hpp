/// @file
/// The values of a raw request to any Close endpoint: query parameters, the request, the answer.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "closeio/errors.hpp"
#include "closeio/export.hpp"

namespace closeio {

/// Query parameters of a raw request, in order, a name possibly given more than once (Close
/// reads some filters that way). Names and values are plain text: RawClient percent-encodes
/// both when it builds the URL.
///
/// @code
/// closeio::QueryParams query{{"query", "name:Acme"}, {"_fields", "id,display_name"}};
/// query.add("_limit", "10");
/// @endcode
///
/// @par Thread safety
/// A plain value: one thread at a time.
class CLOSEIO_EXPORT QueryParams {
 public:
  /// One parameter: name, value.
  using value_type = std::pair<std::string, std::string>;
  /// Iterates the parameters in the order they were added.
  using const_iterator = std::vector<value_type>::const_iterator;

  /// No parameters.
  QueryParams() = default;
  /// These parameters, in this order.
  QueryParams(std::initializer_list<value_type> params) : params_(params) {}

  /// Appends `name=value`, keeping any earlier value of `name`.
  QueryParams& add(std::string name, std::string value) {
    params_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  /// Replaces every value of `name` by `value` (at the place of the first one, else at the end).
  QueryParams& set(std::string name, std::string value);
  /// Removes every value of `name`; returns how many were removed.
  std::size_t erase(std::string_view name);
  /// The first value of `name`, or nullptr when it is absent. Valid until the next change.
  const std::string* find(std::string_view name) const;
  /// True when `name` is given at least once.
  bool contains(std::string_view name) const { return find(name) != nullptr; }

  /// First parameter.
  const_iterator begin() const noexcept { return params_.begin(); }
  /// Past the last parameter.
  const_iterator end() const noexcept { return params_.end(); }
  /// Number of parameters, repeats included.
  std::size_t size() const noexcept { return params_.size(); }
  /// True when there are no parameters.
  bool empty() const noexcept { return params_.empty(); }

 private:
  std::vector<value_type> params_;
};

/// One raw request as RawClient hands it to its RawConnection: already checked and normalised.
struct RawRequest {
  /// "GET", "POST", "PUT", "PATCH" or "DELETE" (upper case).
  std::string method;
  /// Relative to the API root, without a leading '/', e.g. "lead/lead_abc/"; every segment
  /// already percent-encoded as it goes on the wire.
  std::string path;
  /// Query parameters, not yet encoded.
  QueryParams query;
  /// The JSON body sent as is (Content-Type: application/json), or none. A POST, PUT or PATCH
  /// without one is sent with an empty body.
  std::optional<std::string> json_body;
};

/// The answer to a raw request whose status was 2xx (other statuses throw closeio::ApiError
/// subclasses, as the typed clients do).
struct CLOSEIO_EXPORT RawResponse {
  /// The HTTP status, 200 to 299. One exception: a DELETE retried after an attempt that may have
  /// been carried out, which then finds the object gone, is reported as done, with the 404
  /// status and an empty body (as OutcomesClient::remove() treats it).
  int status = 0;
  /// The body as received (decompressed), never parsed. Usually JSON; empty for some answers.
  std::string body;
  /// The response headers as received, in order (names as the server spelled them).
  HttpHeaders headers;

  /// The first value of header `name`, compared ASCII case-insensitively ("content-type"
  /// finds "Content-Type"); std::nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
};

}  // namespace closeio
