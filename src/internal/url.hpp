// URL pieces: percent-encoding of path segments and query values, and base-URL validation.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace closeio::internal {

/// Percent-encodes every byte except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), so
/// the result is one path segment or one query value: "../lead" becomes "..%2Flead".
std::string percent_encode(std::string_view text);

/// "?a=1&b=2" from already-encoded pairs, or "" when there are none.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& encoded_pairs);

/// A validated base URL.
struct BaseUrl {
  std::string url;     ///< With exactly one trailing slash, e.g. "https://api.close.com/api/v1/".
  std::string scheme;  ///< "http" or "https", lower-case.
  std::string host;    ///< Host name or address, brackets stripped from IPv6 literals.
  bool loopback = false;  ///< localhost, 127.0.0.0/8 or ::1.
};

/// Validates and normalises `url`. Throws std::invalid_argument for anything but an absolute
/// http(s) URL without user info, query, fragment, spaces or control characters, and for an
/// http:// URL to a non-loopback host unless `allow_insecure_http`.
BaseUrl parse_base_url(std::string_view url, bool allow_insecure_http);

/// True for "localhost", IPv4 127.0.0.0/8 and IPv6 "::1".
bool is_loopback_host(std::string_view host) noexcept;

}  // namespace closeio::internal
