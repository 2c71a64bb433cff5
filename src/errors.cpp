#include "closeio/errors.hpp"

#include <utility>

#include "internal/header_utils.hpp"
#include "internal/unimplemented.hpp"

namespace closeio {
namespace {

// The message of every ApiError: enough to debug from a log line alone.
std::string api_what(const std::string& method, const std::string& path, int status,
                     const std::string& message, int attempts) {
  std::string what = "closeio: " + method + " " + path + " failed: HTTP " + std::to_string(status);
  if (!message.empty()) what += ": " + message;
  if (attempts > 1) what += " (after " + std::to_string(attempts) + " attempts)";
  return what;
}

}  // namespace

Error::Error(const std::string& what, int attempts)
    : std::runtime_error(what), attempts_(attempts) {}

ApiError::ApiError(std::string method, std::string path, int status, std::string message,
                   std::string body, HttpHeaders headers, int attempts)
    : Error(api_what(method, path, status, message, attempts), attempts),
      method_(std::move(method)),
      path_(std::move(path)),
      status_(status),
      message_(std::move(message)),
      body_(std::move(body)),
      headers_(std::move(headers)) {}

std::string ApiError::header(const std::string& name) const {
  const std::string* value = internal::find_header(headers_, name);
  return value ? *value : std::string();
}

BadRequestError::BadRequestError(std::string method, std::string path, std::string message,
                                 std::string body, HttpHeaders headers,
                                 std::vector<std::string> errors,
                                 std::map<std::string, std::string> field_errors, int attempts)
    : ApiError(std::move(method), std::move(path), 400, std::move(message), std::move(body),
               std::move(headers), attempts),
      errors_(std::move(errors)),
      field_errors_(std::move(field_errors)) {}

RateLimitError::RateLimitError(std::string method, std::string path, std::string message,
                               std::string body, HttpHeaders headers,
                               std::chrono::milliseconds retry_after, int attempts)
    : ApiError(std::move(method), std::move(path), 429, std::move(message), std::move(body),
               std::move(headers), attempts),
      retry_after_(retry_after) {}

TransportError::TransportError(const std::string& what, bool timed_out, int attempts)
    : Error(what, attempts), timed_out_(timed_out) {}

}  // namespace closeio

namespace closeio::internal {

void throw_unimplemented(const char* connection, const char* member) {
  throw UnimplementedError(
      std::string("closeio: this ") + connection + " does not implement " + member, 0);
}

}  // namespace closeio::internal
