#include "internal/raw_checks.hpp"

#include <stdexcept>

#include "internal/url.hpp"

namespace closeio::internal {
namespace {

[[noreturn]] void refuse_path(const char* why) {
  // The path is never quoted: a mistaken full URL may carry user info or a key in its query.
  throw std::invalid_argument(std::string("closeio: raw path refused: ") + why);
}

int raw_hex_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// A segment as the server reads it: "%2E%2e" is "..", which servers and proxies may resolve.
std::string raw_decoded(std::string_view segment) {
  std::string out;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '%') {  // Well-formed: checked before.
      out += static_cast<char>(raw_hex_value(segment[i + 1]) * 16 + raw_hex_value(segment[i + 2]));
      i += 2;
    } else {
      out += segment[i];
    }
  }
  return out;
}

bool is_raw_dot_segment(std::string_view segment) { return segment == "." || segment == ".."; }

void check_raw_path_characters(std::string_view path) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto c = static_cast<unsigned char>(path[i]);
    if (c < 0x20 || c >= 0x7f)
      refuse_path("control character or non-ASCII byte (percent-encode it)");
    if (c == ' ') refuse_path("space (percent-encode it)");
    if (c == '\\') refuse_path("backslash");
    if (c == '?' || c == '#') refuse_path("'?' or '#' (pass query parameters as QueryParams)");
    if (c == '%' && (i + 2 >= path.size() || raw_hex_value(path[i + 1]) < 0 ||
                     raw_hex_value(path[i + 2]) < 0)) {
      refuse_path("malformed %-escape");
    }
  }
}

}  // namespace

std::string normalise_method(std::string_view method) {
  std::string upper;
  for (const char ch : method) {
    upper += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  if (upper == "GET" || upper == "POST" || upper == "PUT" || upper == "PATCH" ||
      upper == "DELETE") {
    return upper;
  }
  throw std::invalid_argument("closeio: raw method must be GET, POST, PUT, PATCH or DELETE");
}

std::string checked_raw_path(std::string_view path) {
  if (path.size() > kMaxRawPathBytes) refuse_path("longer than 8192 bytes");
  if (path.find("://") != std::string_view::npos) refuse_path("absolute URL");
  if (path.size() >= 2 && path[0] == '/' && path[1] == '/') refuse_path("absolute URL (//host)");
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) refuse_path("empty");
  check_raw_path_characters(path);
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    const bool last = slash == std::string_view::npos;
    if (segment.empty() && !last) refuse_path("empty segment (\"//\")");
    if (start == 0 && segment.find(':') != std::string_view::npos) {
      refuse_path("':' in the first segment (an absolute URL?)");
    }
    if (is_raw_dot_segment(raw_decoded(segment))) refuse_path("'.' or '..' segment");
    if (last) break;
    start = slash + 1;
  }
  return std::string(path);
}

std::string raw_path_of(std::initializer_list<std::string_view> segments) {
  if (segments.size() == 0)
    throw std::invalid_argument("closeio: RawClient::path() needs a segment");
  std::string out;
  for (const std::string_view segment : segments) {
    if (segment.empty()) throw std::invalid_argument("closeio: RawClient::path(): empty segment");
    if (is_raw_dot_segment(segment)) {
      throw std::invalid_argument(R"(closeio: RawClient::path(): segment is "." or "..")");
    }
    if (segment.size() > kMaxRawPathBytes) {
      throw std::invalid_argument("closeio: RawClient::path(): segment longer than 8192 bytes");
    }
    out += percent_encode(segment);
    out += '/';
  }
  return out;
}

std::string raw_query_string(const QueryParams& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    if (name.empty()) throw std::invalid_argument("closeio: a query parameter has an empty name");
    out += out.empty() ? '?' : '&';
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

}  // namespace closeio::internal
