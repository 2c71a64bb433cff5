#include "internal/url.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace closeio::internal {
namespace {

// RFC 3986 unreserved, spelled out: std::isalnum would depend on the C locale.
bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_ipv4_loopback(std::string_view host) {
  // Four dotted decimal octets, the first 127.
  int octets = 0;
  std::size_t pos = 0;
  while (pos <= host.size()) {
    std::size_t end = host.find('.', pos);
    if (end == std::string_view::npos) end = host.size();
    std::string_view part = host.substr(pos, end - pos);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return false;
    }
    const int value = std::stoi(std::string(part));
    if (value > 255 || (octets == 0 && value != 127)) return false;
    ++octets;
    pos = end + 1;
    if (end == host.size()) break;
  }
  return octets == 4;
}

// A query or fragment is refused before any other check, because every later message may quote
// part of the URL, and a query often carries a secret ("?api_key=..."): this message quotes
// nothing.
void require_no_query_or_fragment(std::string_view url) {
  if (url.find_first_of("?#") != std::string_view::npos) {
    throw std::invalid_argument(
        "closeio: base_url must not contain a query or fragment (not shown: it may hold a "
        "secret); pass secrets in ClientOptions::credentials");
  }
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // Close ids ("outcome_...") are all unreserved: one copy instead of a loop of appends.
  if (std::all_of(text.begin(), text.end(),
                  [](char ch) { return is_unreserved(static_cast<unsigned char>(ch)); })) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& encoded_pairs) {
  std::string out;
  for (const auto& [key, value] : encoded_pairs) {
    out += out.empty() ? '?' : '&';
    out += key;
    out += '=';
    out += value;
  }
  return out;
}

bool is_loopback_host(std::string_view host) noexcept {
  const std::string h = lower(host);
  return h == "localhost" || h == "::1" || is_ipv4_loopback(h);
}

BaseUrl parse_base_url(std::string_view url, bool allow_insecure_http) {
  // Messages quote the URL only once it is known to hold no user info (which may be a secret).
  for (const char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) {
      throw std::invalid_argument("closeio: base_url contains a space or control character");
    }
  }
  require_no_query_or_fragment(url);
  BaseUrl out;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    throw std::invalid_argument(
        "closeio: base_url must start with https:// (or http:// for a "
        "local server)");
  }
  out.scheme = lower(url.substr(0, scheme_end));
  if (out.scheme != "http" && out.scheme != "https") {
    throw std::invalid_argument("closeio: base_url scheme must be https or http, not '" +
                                out.scheme + "'");
  }
  const std::size_t authority_begin = scheme_end + 3;
  std::size_t authority_end = url.find('/', authority_begin);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  const std::string_view authority = url.substr(authority_begin, authority_end - authority_begin);
  if (authority.find('@') != std::string_view::npos) {
    throw std::invalid_argument(
        "closeio: base_url must not contain user info; pass secrets in ClientOptions::credentials");
  }
  // Host: "[v6]:port", "name:port" or "name".
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      throw std::invalid_argument("closeio: base_url has an unterminated IPv6 literal: " +
                                  std::string(url));
    }
    out.host = std::string(authority.substr(1, close - 1));
  } else {
    out.host = std::string(authority.substr(0, authority.find(':')));
  }
  if (out.host.empty()) {
    throw std::invalid_argument("closeio: base_url has no host: " + std::string(url));
  }
  out.loopback = is_loopback_host(out.host);
  if (out.scheme == "http" && !out.loopback && !allow_insecure_http) {
    throw std::invalid_argument("closeio: refusing plain http:// to " + out.host +
                                ": credentials would travel unencrypted; use https:// or set "
                                "ClientOptions::allow_insecure_http");
  }
  out.url = std::string(url);
  while (!out.url.empty() && out.url.back() == '/') out.url.pop_back();
  out.url += '/';
  return out;
}

}  // namespace closeio::internal
