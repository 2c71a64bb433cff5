// The checks that keep a raw request inside the API root: methods, paths given as text, paths
// built from segments, and the encoding of raw query parameters.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "closeio/raw_request.hpp"

namespace closeio::internal {

/// Longest raw path accepted, in bytes; Close's own paths are far shorter.
inline constexpr std::size_t kMaxRawPathBytes = 8192;

/// "GET", "POST", "PUT", "PATCH" or "DELETE" from `method` in any ASCII case. Throws
/// std::invalid_argument for anything else (the message does not quote it).
std::string normalise_method(std::string_view method);

/// `path` checked to stay under the API root, without its one optional leading '/'. Throws
/// std::invalid_argument (without quoting the path) for: empty, longer than kMaxRawPathBytes,
/// an absolute URL ("scheme://", "//host", a ':' in the first segment), a backslash, a space,
/// a control character or a byte above 0x7E, '?' or '#', a malformed %-escape, an empty segment
/// (only the last may be empty, after a trailing '/'), or a segment that is "." or ".." once
/// its %-escapes are decoded.
std::string checked_raw_path(std::string_view path);

/// "a/b/" from segments, each percent-encoded and followed by '/'. Throws std::invalid_argument
/// for no segments or a segment that is empty, "." or "..".
std::string raw_path_of(std::initializer_list<std::string_view> segments);

/// "?a=1&b=2" with names and values percent-encoded, or "" for no parameters. Throws
/// std::invalid_argument for an empty name.
std::string raw_query_string(const QueryParams& query);

}  // namespace closeio::internal
