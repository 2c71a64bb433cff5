// From a non-2xx HTTP answer to the typed closeio exception for its status.
#pragma once

#include <chrono>
#include <cstddef>
#include <exception>
#include <string>

#include "closeio/errors.hpp"
#include "internal/error_body.hpp"

namespace closeio::internal {

/// Largest body kept in ApiError::body().
inline constexpr std::size_t kMaxErrorBodyBytes = 64u * 1024u;

/// The exception for a non-2xx answer: 400 BadRequestError, 401 UnauthorizedError, 403
/// ForbiddenError, 404 NotFoundError, 429 RateLimitError (with `retry_after`), 5xx ServerError,
/// any other status ApiError. The message is Close's own: `parsed` is parse_error_body(body),
/// parsed once by the caller, which also reads `rate_reset` from it.
std::exception_ptr make_api_error(const std::string& method, const std::string& path, int status,
                                  const std::string& body, ErrorBody parsed,
                                  const HttpHeaders& headers, std::chrono::milliseconds retry_after,
                                  int attempts);

}  // namespace closeio::internal
