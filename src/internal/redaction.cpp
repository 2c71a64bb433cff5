#include "internal/redaction.hpp"

#include <array>
#include <string_view>

#include "internal/header_utils.hpp"

namespace closeio::internal {
namespace {

// Request ids (X-Request-Id, Request-Id, Cloudflare's CF-Ray) name one request for the server's
// support; they grant nothing, and they are what a bug report needs.
constexpr std::array<std::string_view, 17> kSafeHeaders = {"Accept",
                                                           "Content-Type",
                                                           "Content-Length",
                                                           "Content-Encoding",
                                                           "User-Agent",
                                                           "Date",
                                                           "RateLimit",
                                                           "Retry-After",
                                                           "X-Rate-Limit-Limit",
                                                           "X-Rate-Limit-Remaining",
                                                           "X-Rate-Limit-Reset",
                                                           "Connection",
                                                           "Transfer-Encoding",
                                                           "Server",
                                                           "X-Request-Id",
                                                           "Request-Id",
                                                           "CF-Ray"};

bool is_safe(std::string_view name) {
  for (std::string_view safe : kSafeHeaders) {
    if (equals_ignore_case(name, safe)) return true;
  }
  return false;
}

}  // namespace

HttpHeaders redact_headers(const HttpHeaders& headers) {
  HttpHeaders out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    out.emplace_back(name, is_safe(name) ? value : std::string("REDACTED"));
  }
  return out;
}

}  // namespace closeio::internal
