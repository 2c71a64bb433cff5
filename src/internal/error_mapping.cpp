#include "internal/error_mapping.hpp"

#include "internal/header_utils.hpp"

namespace closeio::internal {

std::exception_ptr make_api_error(const std::string& method, const std::string& path, int status,
                                  const std::string& body, ErrorBody parsed,
                                  const HttpHeaders& headers, std::chrono::milliseconds retry_after,
                                  int attempts) {
  std::string message = std::move(parsed.message);
  if (status >= 300 && status < 400) {
    // Redirects are not followed (credentials must not go elsewhere): say where it pointed.
    const std::string* location = find_header(headers, "Location");
    message = "unexpected redirect" + (location ? " to " + *location : std::string()) +
              "; check ClientOptions::base_url";
  }
  std::string kept_body =
      body.size() > kMaxErrorBodyBytes ? body.substr(0, kMaxErrorBodyBytes) : body;
  switch (status) {
    case 400:
      return std::make_exception_ptr(
          BadRequestError(method, path, std::move(message), std::move(kept_body), headers,
                          std::move(parsed.errors), std::move(parsed.field_errors), attempts));
    case 401:
      return std::make_exception_ptr(UnauthorizedError(method, path, status, std::move(message),
                                                       std::move(kept_body), headers, attempts));
    case 403:
      return std::make_exception_ptr(ForbiddenError(method, path, status, std::move(message),
                                                    std::move(kept_body), headers, attempts));
    case 404:
      return std::make_exception_ptr(NotFoundError(method, path, status, std::move(message),
                                                   std::move(kept_body), headers, attempts));
    case 429:
      return std::make_exception_ptr(RateLimitError(
          method, path, std::move(message), std::move(kept_body), headers, retry_after, attempts));
    default:
      break;
  }
  if (status >= 500 && status < 600) {
    return std::make_exception_ptr(ServerError(method, path, status, std::move(message),
                                               std::move(kept_body), headers, attempts));
  }
  return std::make_exception_ptr(
      ApiError(method, path, status, std::move(message), std::move(kept_body), headers, attempts));
}

}  // namespace closeio::internal
